import { Alert, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_ROLES, CUSTOMER_KINDS, LIFECYCLE_STAGES, LINK_KINDS } from '../../../../shared/codes';
import { useUser } from '../../../app/auth';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { useOwners } from '../api';
import { type AuditEntry, useCustomerAudit } from '../hooks';
import { displayValue, fieldLabel } from './customer-fields';

// One customer's change history (DOMAIN §9: who, when, what before and after), for the roles
// allowed to read it. Identifiers in it come masked from the server.

const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  reveal: 'orange',
  assign: 'purple',
  share: 'cyan',
  unshare: 'cyan',
  lifecycle_override: 'magenta',
};

function valueText(t: TFunction, key: string, value: unknown, people: Map<number, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  if ((key === 'ownerId' || key === 'userId') && typeof value === 'number')
    return people.get(value) ?? `#${value}`;
  if ((key === 'toCustomerId' || key === 'fromCustomerId') && typeof value === 'number') return `#${value}`;
  if (key === 'kind') {
    const v = String(value);
    return v in CUSTOMER_KINDS.labels ? codeLabel(CUSTOMER_KINDS.labels, v) : codeLabel(LINK_KINDS.labels, v);
  }
  if (key === 'lifecycleStage') return codeLabel(LIFECYCLE_STAGES.labels, String(value));
  if (key === 'role') return codeLabel(CONTACT_ROLES.labels, String(value));
  if (key === 'field') return fieldLabel(t, String(value));
  return displayValue(t, key, value);
}

/** The label of a key of an audit entry; contacts and links reuse a few customer field names. */
function auditLabel(t: TFunction, entity: string, key: string): string {
  if (entity === 'contact' && key === 'name') return t('contacts.name');
  if (entity === 'customer_link' && key === 'kind') return t('links.kind');
  return fieldLabel(t, key);
}

function Changes({ entry, people }: { entry: AuditEntry; people: Map<number, string> }) {
  const { t } = useTranslation('customer360');
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    // A created or deleted record lists only the values it had.
    (k) => (entry.before && entry.after ? true : (before[k] ?? after[k]) !== null),
  );
  if (keys.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 16 }}>
      {keys.map((k) => (
        <li key={k}>
          <Typography.Text strong>{auditLabel(t, entry.entity, k)}</Typography.Text>
          {t('colon')}
          {entry.before && k in before && (
            <>
              <Typography.Text delete={!!entry.after} type="secondary">
                {valueText(t, k, before[k], people)}
              </Typography.Text>
              {entry.after && ' → '}
            </>
          )}
          {entry.after && k in after && (
            <Typography.Text>{valueText(t, k, after[k], people)}</Typography.Text>
          )}
        </li>
      ))}
    </ul>
  );
}

export function AuditTab({ customerId }: { customerId: number }) {
  const { t } = useTranslation('customer360');
  const user = useUser();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const audit = useCustomerAudit(customerId, page, pageSize, true);
  const owners = useOwners(user.role === 'team_lead' || user.role === 'admin');
  const people = new Map((owners.data ?? []).map((u) => [u.id, u.displayName]));

  const columns: ColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit.at'), dataIndex: 'at', render: formatDateTime, width: 150 },
    {
      key: 'actor',
      title: t('audit.actor'),
      dataIndex: 'actorUsername',
      render: (v) => v ?? t('audit.system'),
      width: 110,
    },
    {
      key: 'action',
      title: t('audit.action'),
      width: 150,
      render: (_, e) => (
        <>
          <Tag color={ACTION_COLORS[e.action] ?? 'default'}>
            {t(`audit.actions.${e.action}`, { defaultValue: e.action })}
          </Tag>
          {e.entity !== 'customer' && (
            <Typography.Text type="secondary">
              {t(`audit.entities.${e.entity}`, { defaultValue: e.entity })}
            </Typography.Text>
          )}
        </>
      ),
    },
    { key: 'changes', title: t('audit.changes'), render: (_, e) => <Changes entry={e} people={people} /> },
    { key: 'reason', title: t('audit.reason'), dataIndex: 'reason', render: (v) => v ?? '—', width: 200 },
  ];

  return (
    <>
      {audit.error && (
        <Alert type="error" showIcon title={(audit.error as Error).message} style={{ marginBottom: 16 }} />
      )}
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={audit.data?.items}
        loading={audit.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('audit.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: audit.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('audit.total', { total }),
          onChange: (p, size) => {
            setPage(size === pageSize ? p : 1);
            setPageSize(size);
          },
        }}
      />
    </>
  );
}
