import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Descriptions, Input, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DIRECTIONS, MAINTENANCE_FORMS } from '../../shared/codes';
import type { Interaction } from '../../shared/schemas/interaction';
import { useUser } from '../app/auth';
import { formatDateTime } from '../app/format';
import { codeLabel } from '../i18n';
import { useOwners } from '../modules/customers/api';
import { type InteractionListParams, useCustomerOf, useInteractionList } from '../modules/interactions/api';
import { ChannelTag, channelOptions } from '../modules/interactions/components/channel';
import { InteractionFormModal } from '../modules/interactions/components/interaction-form-modal';
import { subjectOf } from '../modules/visit-plans/format';

// 接触记录: every contact with the customers the user may see (DOMAIN §3, §5). The filters and the
// page live in the URL, so a link reproduces the view; `?new=1` (from the day page) opens the form
// at once, and `?customerId=` narrows the list to one customer and picks it in the form.

const FILTERS = ['channel', 'maintenanceForm', 'recordedBy', 'customerId', 'from', 'to', 'q'] as const;
const WRITERS = ['rm', 'team_lead'];

const positiveId = (v: string | null) => (v && /^[1-9][0-9]{0,9}$/.test(v) ? Number(v) : undefined);

export default function InteractionsPage() {
  const { t } = useTranslation('contact');
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const canWrite = WRITERS.includes(user.role);
  const canPickRecorder = user.role === 'team_lead' || user.role === 'admin';
  const owners = useOwners(canPickRecorder);

  const listParams: InteractionListParams = {
    page: params.get('page') ?? undefined,
    pageSize: params.get('pageSize') ?? undefined,
  };
  for (const key of FILTERS) listParams[key] = params.get(key) ?? undefined;
  const list = useInteractionList(listParams);

  const customerId = positiveId(params.get('customerId'));
  const customer = useCustomerOf(customerId);
  // undefined: closed; null: recording a new contact; a record: correcting it.
  const [editing, setEditing] = useState<Interaction | null | undefined>(undefined);
  // `?new=1` opens the form, also when the page is already open (a link from the header or the day).
  const wantsNew = params.get('new') === '1' && canWrite;
  useEffect(() => {
    if (wantsNew) setEditing(null);
  }, [wantsNew]);

  // From the latest URL, not this render's copy, so two quick changes both stick.
  const update = (changes: Record<string, string | undefined>, resetPage = true) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, v);
        }
        if (resetPage) next.delete('page');
        return next;
      },
      { replace: true },
    );

  const closeForm = () => {
    setEditing(undefined);
    if (params.get('new')) update({ new: undefined }, false);
  };

  // Rebuilt each render: the code labels follow the language.
  const columns: ColumnsType<Interaction> = [
    {
      key: 'occurredAt',
      title: t('field.occurredAt'),
      dataIndex: 'occurredAt',
      render: formatDateTime,
      width: 160,
    },
    {
      key: 'customer',
      title: t('field.customer'),
      dataIndex: 'customer',
      ellipsis: true,
      render: (_c: Interaction['customer'], i) => {
        const s = subjectOf(i);
        return <Link to={`${s.href}?tab=${s.prospect ? 'activity' : 'timeline'}`}>{s.name}</Link>;
      },
      width: 210,
    },
    {
      key: 'channel',
      title: t('field.channel'),
      dataIndex: 'channel',
      render: (c: Interaction['channel']) => <ChannelTag channel={c} />,
      width: 115,
    },
    {
      key: 'contact',
      title: t('field.contact'),
      dataIndex: 'contact',
      render: (c: Interaction['contact']) => c?.name ?? '—',
      width: 100,
    },
    {
      key: 'maintenanceForm',
      title: t('field.maintenanceForm'),
      dataIndex: 'maintenanceForm',
      render: (m) => (m ? codeLabel(MAINTENANCE_FORMS.labels, m) : '—'),
      width: 110,
    },
    { key: 'summary', title: t('field.summary'), dataIndex: 'summary', ellipsis: true },
    {
      key: 'recordedBy',
      title: t('field.recordedBy'),
      dataIndex: 'recordedBy',
      render: (p: Interaction['recordedBy']) => p.name,
      width: 95,
    },
  ];
  if (canWrite) {
    columns.push({
      key: 'actions',
      title: t('actions'),
      width: 90,
      fixed: 'right',
      render: (_, i) => (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditing(i)}
          aria-label={t('list.editOf', { customer: subjectOf(i).name, time: formatDateTime(i.occurredAt) })}
        >
          {t('edit')}
        </Button>
      ),
    });
  }

  const details = (i: Interaction) => (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: 'direction',
          label: t('field.direction'),
          children: codeLabel(DIRECTIONS.labels, i.direction),
        },
        { key: 'place', label: t('field.place'), children: i.place ?? '—' },
        { key: 'purpose', label: t('field.purpose'), children: i.purpose ?? '—' },
        {
          key: 'summary',
          label: t('field.summary'),
          span: 'filled',
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{i.summary}</span>,
        },
        { key: 'outcome', label: t('field.outcome'), children: i.outcome ?? '—' },
        { key: 'nextStep', label: t('field.nextStep'), children: i.nextStep ?? '—' },
        ...(i.planId !== null
          ? [
              {
                key: 'plan',
                label: t('field.plan'),
                children: <Link to={`/visit-plans/${i.planId}`}>{t('timeline.plan', { id: i.planId })}</Link>,
              },
            ]
          : []),
      ]}
    />
  );

  const onTableChange = (pagination: TablePaginationConfig) =>
    update({ page: String(pagination.current ?? 1), pageSize: String(pagination.pageSize ?? 20) }, false);

  const from = params.get('from');
  const to = params.get('to');
  const codeOptions = (labels: Record<string, { zh: string; en: string }>) =>
    Object.keys(labels).map((code) => ({ value: code, label: codeLabel(labels, code) }));

  return (
    <Card
      title={t('title')}
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('record')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={params.get('q') ?? ''}
          key={params.get('q') ?? ''}
          placeholder={t('filter.qPlaceholder')}
          aria-label={t('filter.q')}
          style={{ width: 260 }}
          onSearch={(q) => update({ q: q.trim() || undefined })}
        />
        <Select
          allowClear
          placeholder={t('filter.channel')}
          aria-label={t('filter.channel')}
          style={{ width: 150 }}
          value={params.get('channel') ?? null}
          options={channelOptions()}
          onChange={(v) => update({ channel: v ?? undefined })}
        />
        <Select
          allowClear
          placeholder={t('filter.maintenanceForm')}
          aria-label={t('filter.maintenanceForm')}
          style={{ width: 200 }}
          value={params.get('maintenanceForm') ?? null}
          options={codeOptions(MAINTENANCE_FORMS.labels)}
          onChange={(v) => update({ maintenanceForm: v ?? undefined })}
        />
        <DatePicker.RangePicker
          aria-label={t('filter.dates')}
          placeholder={[t('filter.from'), t('filter.to')]}
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          allowEmpty={[true, true]}
          onChange={(range) =>
            update({
              from: range?.[0]?.format('YYYY-MM-DD'),
              to: range?.[1]?.format('YYYY-MM-DD'),
            })
          }
        />
        {canPickRecorder && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('filter.recordedBy')}
            aria-label={t('filter.recordedBy')}
            style={{ width: 180 }}
            value={params.get('recordedBy') ?? null}
            options={(owners.data ?? []).map((u) => ({
              value: String(u.id),
              label: `${u.displayName} (${u.username})`,
            }))}
            onChange={(v) => update({ recordedBy: v ?? undefined })}
          />
        )}
        {customerId && (
          <Tag closable onClose={() => update({ customerId: undefined })}>
            {t('filter.customer', { name: customer.data?.name ?? `#${customerId}` })}
          </Tag>
        )}
        {FILTERS.some((f) => params.get(f)) ? (
          <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('filter.clear')}
          </Button>
        ) : null}
      </Space>
      {list.error && (
        <Alert type="error" showIcon title={(list.error as Error).message} style={{ marginBottom: 16 }} />
      )}
      <Table<Interaction>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 1000 }}
        onChange={onTableChange}
        expandable={{ expandedRowRender: details }}
        locale={{ emptyText: t('list.empty') }}
        pagination={{
          current: Number(params.get('page') ?? 1),
          pageSize: Number(params.get('pageSize') ?? 20),
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('list.total', { total: total.toLocaleString() }),
        }}
      />
      {canWrite && (
        <InteractionFormModal
          open={editing !== undefined}
          interaction={editing}
          customer={
            customer.data
              ? { id: customer.data.id, name: customer.data.name, code: customer.data.code }
              : null
          }
          onClose={closeForm}
        />
      )}
    </Card>
  );
}
