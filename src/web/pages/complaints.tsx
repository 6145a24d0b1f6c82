import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_KINDS,
  FEEDBACK_SEVERITIES,
  FEEDBACK_STATUSES,
} from '../../shared/codes';
import { useUser } from '../app/auth';
import { formatDateTime } from '../app/format';
import { codeLabel } from '../i18n';
import { type Complaint, useComplaintList } from '../modules/complaints/api';
import { ComplaintDashboard } from '../modules/complaints/components/complaint-dashboard';
import { ComplaintDrawer } from '../modules/complaints/components/complaint-drawer';
import { ComplaintFormModal } from '../modules/complaints/components/complaint-form-modal';
import {
  DeadlineTag,
  EscalatedTag,
  KindTag,
  SeverityTag,
  StatusTag,
  useNow,
} from '../modules/complaints/components/complaint-tags';

// 投诉与建议 (issue #8 part 3, DOMAIN §5): the complaints, suggestions and praise the bank received,
// with their deadlines by severity — a server-paged list whose filters, sort, page and open case live
// in the URL; a form to record a new one; a drawer to handle one; and, for team leads, risk officers
// and administrators, the dashboard.

const FILTERS = ['status', 'kind', 'category', 'severity', 'breached', 'assigneeId'] as const;
const SORTABLE: Record<string, 'deadlineAt' | 'receivedAt'> = {
  deadline: 'deadlineAt',
  receivedAt: 'receivedAt',
};
const DASHBOARD_ROLES = ['team_lead', 'risk_officer', 'admin'];

function codeOptions(labels: Record<string, { zh: string; en: string }>) {
  return Object.keys(labels).map((code) => ({ value: code, label: codeLabel(labels, code) }));
}

export default function ComplaintsPage() {
  const { t } = useTranslation('complaints');
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const canDashboard = DASHBOARD_ROLES.includes(user.role);
  const tab = canDashboard && params.get('tab') === 'dashboard' ? 'dashboard' : 'cases';

  return (
    <Card title={t('title')}>
      {canDashboard ? (
        <Tabs
          activeKey={tab}
          onChange={(key) =>
            setParams((current) => {
              const next = new URLSearchParams(current);
              if (key === 'cases') next.delete('tab');
              else next.set('tab', key);
              return next;
            })
          }
          items={[
            { key: 'cases', label: t('tabs.cases'), children: <CaseList /> },
            { key: 'dashboard', label: t('tabs.dashboard'), children: <ComplaintDashboard /> },
          ]}
        />
      ) : (
        <CaseList />
      )}
    </Card>
  );
}

function CaseList() {
  const { t } = useTranslation('complaints');
  const { message } = App.useApp();
  const user = useUser();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const canCreate = user.role === 'rm' || user.role === 'team_lead' || user.role === 'admin';

  const sort = params.get('sort') === 'receivedAt' ? 'receivedAt' : 'deadlineAt';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = [20, 50, 100].includes(Number(params.get('pageSize')))
    ? Number(params.get('pageSize'))
    : 20;
  const listParams: Record<string, string | undefined> = {
    ...Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined])),
    sort,
    order,
    page: String(page),
    pageSize: String(pageSize),
  };
  const list = useComplaintList(listParams);
  const openId = Number(params.get('id')) > 0 ? Number(params.get('id')) : null;

  // From the latest URL, not this render's copy, so two quick changes both stick.
  const update = (changes: Record<string, string | undefined>, resetPage = true) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      if (resetPage) next.delete('page');
      return next;
    });

  /** The URL of this view with a case open: a real link, so it opens from the keyboard or in a new tab. */
  const withCase = (id: number) => {
    const next = new URLSearchParams(params);
    next.set('id', String(id));
    return `?${next.toString()}`;
  };

  const sortOrder = (key: string): SortOrder =>
    SORTABLE[key] === sort ? (order === 'asc' ? 'ascend' : 'descend') : null;

  const columns: ColumnsType<Complaint> = [
    {
      key: 'receivedAt',
      title: t('field.receivedAt'),
      dataIndex: 'receivedAt',
      sorter: true,
      sortOrder: sortOrder('receivedAt'),
      render: formatDateTime,
      width: 150,
    },
    {
      key: 'customer',
      title: t('field.customer'),
      render: (_, c) => <Link to={`/customers/${c.customer.id}`}>{c.customer.name}</Link>,
    },
    {
      key: 'subject',
      title: t('field.subject'),
      render: (_, c) => (
        <Space size={4}>
          <KindTag kind={c.kind} />
          <Link to={{ search: withCase(c.id) }}>{c.subject}</Link>
        </Space>
      ),
    },
    { key: 'assignee', title: t('field.assignee'), render: (_, c) => c.assignee?.name ?? '—', width: 100 },
    {
      key: 'category',
      title: t('field.categoryAndSeverity'),
      render: (_, c) => (
        <Space size={4}>
          <SeverityTag severity={c.severity} />
          {codeLabel(FEEDBACK_CATEGORIES.labels, c.category)}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('field.status'),
      render: (_, c) => <StatusTag status={c.status} />,
      width: 100,
    },
    {
      key: 'deadline',
      title: t('field.deadline'),
      sorter: true,
      sortOrder: sortOrder('deadline'),
      render: (_, c) => (
        <Space size={4} wrap>
          <DeadlineTag complaint={c} now={now} />
          <EscalatedTag complaint={c} />
        </Space>
      ),
    },
  ];

  const onTableChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<Complaint> | SorterResult<Complaint>[],
  ) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? SORTABLE[String(s.columnKey)] : undefined;
    const nextSort = key ?? 'deadlineAt';
    const nextOrder = key && s?.order === 'descend' ? 'desc' : 'asc';
    const sortChanged = nextSort !== sort || nextOrder !== order;
    update(
      {
        sort: key,
        order: key ? nextOrder : undefined,
        page: sortChanged || pagination.current === 1 ? undefined : String(pagination.current),
        pageSize: pagination.pageSize === 20 ? undefined : String(pagination.pageSize),
      },
      false,
    );
  };

  const filterSelect = (
    key: (typeof FILTERS)[number],
    options: { value: string; label: string }[],
    width = 130,
  ) => (
    <Select
      key={key}
      allowClear
      placeholder={t(`filter.${key}`)}
      aria-label={t(`filter.${key}`)}
      style={{ width }}
      value={params.get(key) ?? null}
      options={options}
      onChange={(v?: string) => update({ [key]: v })}
    />
  );

  return (
    <>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          {filterSelect('status', codeOptions(FEEDBACK_STATUSES.labels), 110)}
          {filterSelect('kind', codeOptions(FEEDBACK_KINDS.labels), 110)}
          {filterSelect('category', codeOptions(FEEDBACK_CATEGORIES.labels), 150)}
          {filterSelect('severity', codeOptions(FEEDBACK_SEVERITIES.labels), 110)}
          {filterSelect(
            'breached',
            [
              { value: 'true', label: t('filter.breachedYes') },
              { value: 'false', label: t('filter.breachedNo') },
            ],
            130,
          )}
          {user.role !== 'risk_officer' && (
            <Checkbox
              checked={params.get('assigneeId') === String(user.id)}
              onChange={(e) => update({ assigneeId: e.target.checked ? String(user.id) : undefined })}
            >
              {t('filter.mine')}
            </Checkbox>
          )}
          {FILTERS.some((f) => params.get(f)) && (
            <Button
              onClick={() =>
                update(Object.fromEntries(FILTERS.map((f) => [f, undefined])) as Record<string, undefined>)
              }
            >
              {t('filter.clear')}
            </Button>
          )}
        </Space>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('new')}
          </Button>
        )}
      </Space>
      {list.error && <Typography.Text type="danger">{(list.error as Error).message}</Typography.Text>}
      <Table<Complaint>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        onChange={onTableChange}
        locale={{ emptyText: t('list.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('list.total', { total: total.toLocaleString() }),
        }}
      />
      <ComplaintFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          message.success(t('created', { kind: t(`kindNoun.${c.kind}`) }));
          update({ id: String(c.id) }, false);
        }}
      />
      <ComplaintDrawer id={openId} onClose={() => update({ id: undefined }, false)} />
    </>
  );
}
