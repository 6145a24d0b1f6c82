import { EditOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Flex, Form, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_KINDS } from '../../../../shared/codes';
import type { CustomerDetail } from '../../../../shared/schemas/customer';
import { ApiError } from '../../../app/api';
import { formatDateTime, formatYuan } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { useFetchLatestCustomer, useRevealIdentifier, useUpdateCustomer } from '../hooks';
import {
  type CustomerField,
  CustomerFields,
  displayValue,
  fieldLabel,
  fieldsOf,
  formValuesOf,
  MASKED_FIELDS,
  type MaskedField,
  NeedTagList,
  toApi,
} from './customer-fields';
import { MaskedValue } from './masked-value';
import { applyServerErrors } from './validation';

type Revealed = Partial<Record<MaskedField, string | null>>;

interface ProfileTabProps {
  customer: CustomerDetail;
  revealed: Revealed;
  onRevealed(field: MaskedField, value: string | null): void;
  onForgetRevealed(): void;
}

/** A stale edit: the record someone else saved meanwhile, and the changes of this user. */
interface Conflict {
  latest: CustomerDetail;
  mine: Record<string, unknown>;
  theirs: CustomerField[];
}

const same = (a: unknown, b: unknown) => {
  const norm = (v: unknown) => (Array.isArray(v) ? [...v].sort() : v === undefined ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
};

/** The changes the form holds against the record it started from: what a PATCH sends. */
function changesOf(base: CustomerDetail, values: Record<string, unknown>, revealed: Revealed) {
  const changes: Record<string, unknown> = {};
  for (const key of fieldsOf(base.kind)) {
    const value = toApi(key, values[key]);
    if ((MASKED_FIELDS as readonly string[]).includes(key)) {
      const k = key as MaskedField;
      if (k in revealed) {
        if (!same(value, revealed[k] ?? (k === 'idNumber' ? '' : null))) changes[key] = value;
      } else if (value !== '' && value !== null) {
        changes[key] = value;
      }
    } else if (!same(value, base[key])) {
      changes[key] = value;
    }
  }
  return changes;
}

export function ProfileTab({ customer, revealed, onRevealed, onForgetRevealed }: ProfileTabProps) {
  const { t } = useTranslation('customer360');
  const revealIdentifier = useRevealIdentifier(customer.id);
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState(false);
  const [base, setBase] = useState<CustomerDetail>(customer);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const update = useUpdateCustomer(customer.id);
  const fetchLatest = useFetchLatestCustomer(customer.id);
  const fields = fieldsOf(customer.kind);

  const startEditing = (from: CustomerDetail) => {
    setBase(from);
    setConflict(null);
    setProblems([]);
    form.resetFields();
    form.setFieldsValue(formValuesOf(from, revealed));
    setEditing(true);
  };

  const stopEditing = () => {
    setEditing(false);
    setConflict(null);
    setProblems([]);
  };

  const send = async (record: CustomerDetail, changes: Record<string, unknown>) => {
    setProblems([]);
    try {
      await update.mutateAsync({ version: record.version, ...changes });
      if (MASKED_FIELDS.some((k) => k in changes)) onForgetRevealed();
      message.success(t('profile.saved'));
      stopEditing();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'stale_version') {
        const latest = await fetchLatest().catch(() => null);
        if (!latest) {
          setProblems([t('profile.gone')]);
          return;
        }
        const theirs = fields.filter((key) => !same(latest[key], record[key]));
        setConflict({ latest, mine: changes, theirs });
        return;
      }
      setProblems(applyServerErrors(t, form, e, fields));
    }
  };

  const save = async () => {
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return; // the fields show what is wrong
    }
    const changes = changesOf(base, values, revealed);
    if (Object.keys(changes).length === 0) {
      message.info(t('profile.noChanges'));
      stopEditing();
      return;
    }
    await send(base, changes);
  };

  /** Puts this user's changes onto the version someone else saved, and sends them again. */
  const reapply = async (c: Conflict) => {
    setBase(c.latest);
    const values = formValuesOf(c.latest, revealed);
    for (const [key, value] of Object.entries(c.mine)) {
      if (value !== undefined) values[key as CustomerField] = form.getFieldValue(key);
    }
    form.setFieldsValue(values);
    setConflict(null);
    await send(c.latest, c.mine);
  };

  /** Drops this user's changes and shows the version someone else saved (already in the cache). */
  const reload = () => {
    message.info(t('profile.reloaded'));
    stopEditing();
  };

  if (!editing) {
    const masked = (key: MaskedField) => (
      <MaskedValue
        field={key}
        reveal={async (field, reason) => (await revealIdentifier.mutateAsync({ field, reason })).value}
        label={fieldLabel(t, key, customer.kind)}
        masked={customer[key]}
        revealed={key in revealed ? (revealed[key] ?? null) : undefined}
        canReveal={customer.permissions.reveal}
        onRevealed={onRevealed}
      />
    );
    const view = (key: CustomerField) => {
      if ((MASKED_FIELDS as readonly string[]).includes(key)) return masked(key as MaskedField);
      if (key === 'needTags') return <NeedTagList tags={customer.needTags} />;
      if (key === 'annualRevenue' || key === 'financialAssets') {
        const v = customer[key];
        if (v === null) return '—';
        return (
          <Space size="small" wrap>
            <span style={{ whiteSpace: 'nowrap' }}>{formatYuan(v)}</span>
            {Math.abs(v) >= 10_000 && (
              <Typography.Text type="secondary">{formatYuan(v, true)}</Typography.Text>
            )}
          </Space>
        );
      }
      return displayValue(t, key, customer[key]);
    };
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Flex justify="space-between" align="center" wrap gap="small">
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('profile.title')}
          </Typography.Title>
          {customer.permissions.edit && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => startEditing(customer)}>
              {t('profile.edit')}
            </Button>
          )}
        </Flex>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, xxl: 3 }}
          items={[
            { key: 'code', label: t('common:customer.code'), children: customer.code },
            {
              key: 'kind',
              label: t('common:customer.kind'),
              children: codeLabel(CUSTOMER_KINDS.labels, customer.kind),
            },
            ...fields.map((key) => ({ key, label: fieldLabel(t, key, customer.kind), children: view(key) })),
            { key: 'createdAt', label: t('field.createdAt'), children: formatDateTime(customer.createdAt) },
            {
              key: 'updatedAt',
              label: t('common:customer.updatedAt'),
              children: formatDateTime(customer.updatedAt),
            },
          ]}
        />
      </Space>
    );
  }

  const yours = (key: CustomerField, c: Conflict) =>
    key in c.mine ? displayValue(t, key, c.mine[key]) : t('profile.conflict.untouched');

  return (
    <Form
      name="customerProfile"
      form={form}
      layout="vertical"
      onFinish={save}
      validateTrigger={['onChange', 'onBlur']}
      scrollToFirstError
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Flex justify="space-between" align="center" wrap gap="small">
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('profile.editTitle')}
          </Typography.Title>
          <Space>
            <Button onClick={stopEditing}>{t('cancel')}</Button>
            <Button
              type="primary"
              htmlType="submit"
              icon={<SaveOutlined />}
              loading={update.isPending}
              disabled={!!conflict}
            >
              {t('save')}
            </Button>
          </Space>
        </Flex>
        {conflict && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('profile.conflict.title')}
            description={
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text>
                  {conflict.theirs.length > 0
                    ? t('profile.conflict.text', { time: formatDateTime(conflict.latest.updatedAt) })
                    : t('profile.conflict.elsewhere', { time: formatDateTime(conflict.latest.updatedAt) })}
                </Typography.Text>
                {conflict.theirs.length > 0 && (
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="key"
                    dataSource={conflict.theirs.map((key) => ({ key }))}
                    columns={[
                      {
                        key: 'field',
                        title: t('profile.conflict.field'),
                        render: (_, { key }) => (
                          <Space size={4}>
                            {fieldLabel(t, key, customer.kind)}
                            {key in conflict.mine && <Tag color="red">{t('profile.conflict.both')}</Tag>}
                          </Space>
                        ),
                      },
                      {
                        key: 'theirs',
                        title: t('profile.conflict.theirs'),
                        render: (_, { key }) => displayValue(t, key, conflict.latest[key]),
                      },
                      {
                        key: 'yours',
                        title: t('profile.conflict.yours'),
                        render: (_, { key }) => yours(key, conflict),
                      },
                    ]}
                  />
                )}
                <Space wrap>
                  <Button icon={<ReloadOutlined />} onClick={reload}>
                    {t('profile.conflict.reload')}
                  </Button>
                  <Button type="primary" loading={update.isPending} onClick={() => reapply(conflict)}>
                    {t('profile.conflict.reapply')}
                  </Button>
                </Space>
              </Space>
            }
          />
        )}
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('profile.failed')}
            description={problems.join('；')}
          />
        )}
        <CustomerFields
          kind={customer.kind}
          masked={{ idNumber: base.idNumber, phone: base.phone, email: base.email }}
          revealed={revealed}
        />
      </Space>
    </Form>
  );
}
