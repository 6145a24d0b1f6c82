import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, Popover, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  CREDIT_GRADES,
  CUSTOMER_KINDS,
  CUSTOMER_TIERS,
  LIFECYCLE_STAGES,
  LOAN_CLASSES,
  NEED_TAGS,
  VALUE_TIERS,
} from '../../shared/codes';
import { INDUSTRY_SECTIONS, industryName } from '../../shared/industries';
import type { CustomerSummary } from '../../shared/schemas/customer';
import { useUser } from '../app/auth';
import { formatDateTime, formatYuan } from '../app/format';
import { codeLabel } from '../i18n';
import { VALUE_TIER_COLORS } from '../modules/customer-value/colors';
import { type ListParams, useCustomerList, useOwners } from '../modules/customers/api';
import { CustomerExportButton } from '../modules/imports/export-button';

const FILTERS = [
  'kind',
  'tier',
  'lifecycleStage',
  'valueTier',
  'industry',
  'creditGrade',
  'loanClass',
  'needTag',
  'ownerId',
] as const;
const SORTABLE: Record<string, string> = {
  code: 'code',
  name: 'name',
  tier: 'tier',
  lifecycleStage: 'lifecycleStage',
  creditGrade: 'creditGrade',
  realizedValue: 'realizedValue',
  potentialValue: 'potentialValue',
  modelValue: 'modelValue',
  updatedAt: 'updatedAt',
};
const COLUMNS_KEY = 'rmw.customerColumns';
/** The values the last recomputation stored (issue #7); null until the first run. */
const money = (v: number | null) => (v === null ? '—' : formatYuan(v));
const DEFAULT_HIDDEN = ['idNumber', 'phone', 'loanClass'];

function codeOptions(labels: Record<string, { zh: string; en: string }>) {
  return Object.keys(labels).map((code) => ({ value: code, label: codeLabel(labels, code) }));
}

/** The customer list: every filter, the sort and the page live in the URL, so a link reproduces the view. */
export default function CustomersPage() {
  const { t, i18n } = useTranslation(['common', 'value']);
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const listParams: ListParams = Object.fromEntries(params.entries());
  const { data, isFetching, error } = useCustomerList(listParams);
  const canPickOwner = user.role === 'team_lead' || user.role === 'admin';
  const owners = useOwners(canPickOwner);
  const [hidden, setHidden] = useState<string[]>(() => {
    try {
      return JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') ?? DEFAULT_HIDDEN;
    } catch {
      return DEFAULT_HIDDEN;
    }
  });

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

  const sort = params.get('sort') ?? 'updatedAt';
  const order: SortOrder = params.get('order') === 'asc' ? 'ascend' : 'descend';
  const sortOrder = (key: string): SortOrder => (sort === key ? order : null);

  const allColumns: ColumnsType<CustomerSummary> = useMemo(
    () => [
      { key: 'code', title: t('customer.code'), dataIndex: 'code', sorter: true, width: 150 },
      {
        key: 'name',
        title: t('customer.name'),
        dataIndex: 'name',
        sorter: true,
        render: (name: string, c) => <Link to={`/customers/${c.id}`}>{name}</Link>,
      },
      {
        key: 'kind',
        title: t('customer.kind'),
        dataIndex: 'kind',
        render: (v) => codeLabel(CUSTOMER_KINDS.labels, v),
        width: 100,
      },
      {
        key: 'tier',
        title: t('customer.tier'),
        dataIndex: 'tier',
        sorter: true,
        render: (v) => codeLabel(CUSTOMER_TIERS.labels, v),
        width: 110,
      },
      {
        key: 'lifecycleStage',
        title: t('customer.lifecycleStage'),
        dataIndex: 'lifecycleStage',
        sorter: true,
        render: (v) => <Tag>{codeLabel(LIFECYCLE_STAGES.labels, v)}</Tag>,
        width: 110,
      },
      {
        key: 'valueTier',
        title: t('customer.valueTier'),
        dataIndex: 'valueTier',
        render: (v) => (v ? <Tag color={VALUE_TIER_COLORS[v]}>{codeLabel(VALUE_TIERS.labels, v)}</Tag> : '—'),
        width: 90,
      },
      {
        key: 'realizedValue',
        title: t('value:list.realizedValue'),
        dataIndex: 'realizedValue',
        sorter: true,
        align: 'right',
        render: money,
        width: 150,
      },
      {
        key: 'potentialValue',
        title: t('value:list.potentialValue'),
        dataIndex: 'potentialValue',
        sorter: true,
        align: 'right',
        render: money,
        width: 150,
      },
      {
        key: 'modelValue',
        title: t('value:list.modelValue'),
        dataIndex: 'modelValue',
        sorter: true,
        align: 'right',
        render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
        width: 100,
      },
      {
        key: 'industry',
        title: t('customer.industry'),
        dataIndex: 'industry',
        render: (v) => (v ? industryName(v, i18n.language === 'en' ? 'en' : 'zh-CN') : ''),
        ellipsis: true,
      },
      {
        key: 'creditGrade',
        title: t('customer.creditGrade'),
        dataIndex: 'creditGrade',
        sorter: true,
        width: 100,
      },
      {
        key: 'loanClass',
        title: t('customer.loanClass'),
        dataIndex: 'loanClass',
        render: (v) => codeLabel(LOAN_CLASSES.labels, v),
        width: 100,
      },
      {
        key: 'needTags',
        title: t('customer.needTags'),
        dataIndex: 'needTags',
        render: (tags: string[]) =>
          tags.map((tag) => <Tag key={tag}>{codeLabel(NEED_TAGS.labels, tag)}</Tag>),
      },
      {
        key: 'ownerName',
        title: t('customer.owner'),
        dataIndex: 'ownerName',
        render: (v) => v ?? <Typography.Text type="secondary">{t('customer.unowned')}</Typography.Text>,
        width: 110,
      },
      { key: 'idNumber', title: t('customer.idNumber'), dataIndex: 'idNumber', width: 190 },
      { key: 'phone', title: t('customer.phone'), dataIndex: 'phone', width: 130 },
      {
        key: 'updatedAt',
        title: t('customer.updatedAt'),
        dataIndex: 'updatedAt',
        sorter: true,
        render: formatDateTime,
        width: 150,
      },
    ],
    [t, i18n.language],
  );
  const columns = allColumns
    .filter((c) => !hidden.includes(String(c.key)))
    .map((c) => ({ ...c, sortOrder: SORTABLE[String(c.key)] ? sortOrder(String(c.key)) : undefined }));

  const onTableChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<CustomerSummary> | SorterResult<CustomerSummary>[],
  ) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? SORTABLE[String(s.columnKey)] : undefined;
    const sortChanged = (key ?? 'updatedAt') !== sort || (s?.order ?? 'descend') !== order;
    update(
      {
        sort: key,
        order: key ? (s?.order === 'ascend' ? 'asc' : 'desc') : undefined,
        page: sortChanged ? undefined : String(pagination.current ?? 1),
        pageSize: String(pagination.pageSize ?? 20),
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
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t(`filter.${key}`)}
      aria-label={t(`filter.${key}`)}
      style={{ width }}
      value={params.get(key) ?? null}
      options={options}
      onChange={(v) => update({ [key]: v })}
    />
  );

  const columnChooser = (
    <Space direction="vertical">
      {allColumns
        .filter((c) => c.key !== 'name')
        .map((c) => (
          <Checkbox
            key={String(c.key)}
            checked={!hidden.includes(String(c.key))}
            onChange={(e) => {
              const next = e.target.checked ? hidden.filter((k) => k !== c.key) : [...hidden, String(c.key)];
              setHidden(next);
              localStorage.setItem(COLUMNS_KEY, JSON.stringify(next));
            }}
          >
            {c.title as string}
          </Checkbox>
        ))}
    </Space>
  );

  return (
    <Card
      title={t('customers.title')}
      extra={
        <Space>
          <CustomerExportButton />
          <Popover content={columnChooser} trigger="click" title={t('customers.columns')}>
            <Button icon={<SettingOutlined />}>{t('customers.columns')}</Button>
          </Popover>
          {user.role !== 'risk_officer' && (
            <Link to="/customers/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('customers.new')}
              </Button>
            </Link>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={params.get('q') ?? ''}
          key={params.get('q') ?? ''}
          placeholder={t('customers.searchPlaceholder')}
          aria-label={t('customers.search')}
          style={{ width: 300 }}
          onSearch={(q) => update({ q: q.trim() || undefined })}
        />
        {filterSelect('kind', codeOptions(CUSTOMER_KINDS.labels), 110)}
        {filterSelect('tier', codeOptions(CUSTOMER_TIERS.labels), 120)}
        {filterSelect('lifecycleStage', codeOptions(LIFECYCLE_STAGES.labels), 120)}
        {filterSelect('valueTier', codeOptions(VALUE_TIERS.labels), 110)}
        {filterSelect(
          'industry',
          INDUSTRY_SECTIONS.map((s) => ({
            value: s.code,
            label: `${s.code} ${i18n.language === 'en' ? s.en : s.zh}`,
          })),
          220,
        )}
        {filterSelect('creditGrade', codeOptions(CREDIT_GRADES.labels), 110)}
        {filterSelect('loanClass', codeOptions(LOAN_CLASSES.labels), 110)}
        {filterSelect('needTag', codeOptions(NEED_TAGS.labels), 120)}
        {canPickOwner &&
          filterSelect(
            'ownerId',
            [
              { value: 'none', label: t('customer.unowned') },
              ...(owners.data ?? []).map((u) => ({
                value: String(u.id),
                label: `${u.displayName} (${u.username})`,
              })),
            ],
            160,
          )}
        {FILTERS.some((f) => params.get(f)) || params.get('q') ? (
          <Button onClick={() => setParams(new URLSearchParams())}>{t('customers.clear')}</Button>
        ) : null}
      </Space>
      {error && <Typography.Text type="danger">{(error as Error).message}</Typography.Text>}
      <Table<CustomerSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 'max-content' }}
        onChange={onTableChange}
        pagination={{
          current: Number(params.get('page') ?? 1),
          pageSize: Number(params.get('pageSize') ?? 20),
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('customers.total', { total: total.toLocaleString() }),
        }}
      />
    </Card>
  );
}
