import { Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../app/format';
import { type AuditEntry, useAuditLog, useUsers } from '../modules/admin/api';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, actionLabel, entityLabel } from '../modules/admin/audit-labels';
import { AuditDiff, hasDiff } from '../modules/admin/components/audit-diff';
import { errorText } from '../modules/admin/form';

const FILTERS = ['actorId', 'entity', 'entityId', 'action', 'customerId', 'from', 'to'] as const;
const DAY = 'YYYY-MM-DD';

/** The audit log, newest first: every filter and the page live in the URL, so a link reproduces the view. */
export default function AdminAuditPage() {
  const { t, i18n } = useTranslation('admin');
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries(
    [...FILTERS, 'page', 'pageSize'].map((k) => [k, params.get(k) ?? undefined]),
  ) as Record<string, string | undefined>;
  const log = useAuditLog(query);
  const users = useUsers();
  const [customerIdInvalid, setCustomerIdInvalid] = useState(false);

  const update = (changes: Record<string, string | undefined>, resetPage = true) => {
    // From the address itself: two quick changes must not both start from the same render's copy.
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (resetPage) next.delete('page');
    setParams(next);
  };

  const onTableChange = (pagination: TablePaginationConfig) => {
    const pageSize = String(pagination.pageSize ?? 20);
    const sizeChanged = pageSize !== (params.get('pageSize') ?? '20');
    update({ page: sizeChanged ? undefined : String(pagination.current ?? 1), pageSize }, false);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language
  const entityOptions = useMemo(() => {
    const seen = new Set<string>(AUDIT_ENTITIES);
    for (const entry of log.data?.items ?? []) seen.add(entry.entity);
    const current = params.get('entity');
    if (current) seen.add(current);
    return [...seen].map((e) => ({ value: e, label: entityLabel(t, e) }));
  }, [log.data, params, t, i18n.language]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language
  const actionOptions = useMemo(() => {
    const known = new Set<string>(AUDIT_ACTIONS);
    const current = params.get('action');
    if (current) known.add(current);
    return [...known].map((a) => ({ value: a, label: actionLabel(t, a) }));
  }, [params, t, i18n.language]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language
  const columns: ColumnsType<AuditEntry> = useMemo(
    () => [
      { key: 'at', title: t('audit.at'), dataIndex: 'at', render: formatDateTime, width: 150 },
      {
        key: 'actor',
        title: t('audit.actor'),
        dataIndex: 'actorUsername',
        render: (username: string | null) =>
          username ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
      },
      {
        key: 'action',
        title: t('audit.action'),
        dataIndex: 'action',
        render: (action: string) => (
          <Tag color={action === 'login_failed' ? 'error' : action === 'reveal' ? 'warning' : undefined}>
            {actionLabel(t, action)}
          </Tag>
        ),
      },
      {
        key: 'entity',
        title: t('audit.entity'),
        dataIndex: 'entity',
        render: (e: string) => entityLabel(t, e),
      },
      { key: 'entityId', title: t('audit.entityId'), dataIndex: 'entityId' },
      {
        key: 'customerId',
        title: t('audit.customerId'),
        dataIndex: 'customerId',
        render: (id: number | null) => (id === null ? null : <Link to={`/customers/${id}`}>{id}</Link>),
      },
      { key: 'reason', title: t('audit.reason'), dataIndex: 'reason', ellipsis: true, width: 220 },
      { key: 'ip', title: t('audit.ip'), dataIndex: 'ip' },
    ],
    [t, i18n.language],
  );

  const from = params.get('from');
  const to = params.get('to');
  const filtered = FILTERS.some((k) => params.get(k));

  return (
    <Card title={t('audit.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.actor')}
          aria-label={t('audit.actor')}
          style={{ width: 200 }}
          loading={users.isPending}
          value={params.get('actorId') ? Number(params.get('actorId')) : null}
          options={(users.data ?? []).map((u) => ({
            value: u.id,
            label: `${u.displayName} (${u.username})`,
          }))}
          onChange={(v) => update({ actorId: v === undefined ? undefined : String(v) })}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.action')}
          aria-label={t('audit.action')}
          style={{ width: 170 }}
          value={params.get('action') ?? null}
          options={actionOptions}
          onChange={(v) => update({ action: v })}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.entity')}
          aria-label={t('audit.entity')}
          style={{ width: 140 }}
          value={params.get('entity') ?? null}
          options={entityOptions}
          onChange={(v) => update({ entity: v })}
        />
        <Input.Search
          allowClear
          defaultValue={params.get('entityId') ?? ''}
          key={`entityId-${params.get('entityId') ?? ''}`}
          placeholder={t('audit.entityId')}
          aria-label={t('audit.entityId')}
          style={{ width: 150 }}
          maxLength={64}
          onSearch={(v) => update({ entityId: v.trim() || undefined })}
        />
        <DatePicker.RangePicker
          aria-label={t('audit.period')}
          id={{ start: 'audit-from', end: 'audit-to' }}
          placeholder={[t('audit.from'), t('audit.to')]}
          value={[from ? dayjs(from, DAY) : null, to ? dayjs(to, DAY) : null]}
          allowEmpty={[true, true]}
          onChange={(dates) =>
            update({ from: dates?.[0]?.format(DAY) ?? undefined, to: dates?.[1]?.format(DAY) ?? undefined })
          }
        />
        <Input.Search
          allowClear
          defaultValue={params.get('customerId') ?? ''}
          key={`customerId-${params.get('customerId') ?? ''}`}
          placeholder={t('audit.customerId')}
          aria-label={t('audit.customerId')}
          aria-invalid={customerIdInvalid}
          status={customerIdInvalid ? 'error' : undefined}
          title={customerIdInvalid ? t('audit.customerIdInvalid') : undefined}
          inputMode="numeric"
          style={{ width: 170 }}
          onChange={() => setCustomerIdInvalid(false)}
          onSearch={(v) => {
            const id = v.trim();
            if (id && !/^[1-9]\d{0,9}$/.test(id)) {
              setCustomerIdInvalid(true);
              return;
            }
            update({ customerId: id || undefined });
          }}
        />
        {filtered && <Button onClick={() => setParams(new URLSearchParams())}>{t('common.clear')}</Button>}
      </Space>
      {customerIdInvalid && (
        <Typography.Paragraph type="danger" role="alert">
          {t('audit.customerIdInvalid')}
        </Typography.Paragraph>
      )}
      {log.error && (
        <Typography.Paragraph type="danger" role="alert">
          {errorText(t, log.error)}
        </Typography.Paragraph>
      )}
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={log.data?.items}
        loading={log.isFetching}
        scroll={{ x: 'max-content' }}
        onChange={onTableChange}
        expandable={{
          rowExpandable: hasDiff,
          expandedRowRender: (entry) => <AuditDiff entry={entry} />,
        }}
        pagination={{
          current: Number(params.get('page') ?? 1),
          pageSize: Number(params.get('pageSize') ?? 20),
          total: log.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('audit.total', { total: total.toLocaleString() }),
        }}
      />
    </Card>
  );
}
