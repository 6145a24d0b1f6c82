import { Table, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CUSTOMER_KINDS, PROSPECT_SOURCES, PROSPECT_STATUSES } from '../../../../shared/codes';
import { industryName } from '../../../../shared/industries';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { type ProspectSummary, useProspectList } from '../api';
import { daysSince, STAGE_COLOURS } from '../format';
import { FitTag } from './fit-tag';

// The prospects as a table: paged and sorted by the server, every filter in the URL.

const SORTABLE: Record<string, string> = {
  name: 'name',
  fitScore: 'fitScore',
  stageEnteredAt: 'stageEnteredAt',
  updatedAt: 'updatedAt',
  createdAt: 'createdAt',
};

export const TABLE_FILTERS = ['q', 'status', 'source', 'kind', 'minFit', 'ownerId'] as const;

export function ProspectTable({
  params,
  update,
}: {
  params: URLSearchParams;
  update: (changes: Record<string, string | undefined>, resetPage?: boolean) => void;
}) {
  const { t, i18n } = useTranslation(['prospects', 'customer360']);
  const query: Record<string, string | undefined> = {};
  for (const k of [...TABLE_FILTERS, 'page', 'pageSize', 'sort', 'order'])
    query[k] = params.get(k) ?? undefined;
  const list = useProspectList(query);

  const sort = params.get('sort') ?? 'updatedAt';
  const order: SortOrder = params.get('order') === 'asc' ? 'ascend' : 'descend';
  const sortOrder = (key: string): SortOrder => (sort === key ? order : null);

  const columns: ColumnsType<ProspectSummary> = useMemo(
    () => [
      { key: 'code', title: t('field.code'), dataIndex: 'code', width: 140 },
      {
        key: 'name',
        title: t('field.name'),
        dataIndex: 'name',
        sorter: true,
        render: (name: string, p) => <Link to={`/prospects/${p.id}`}>{name}</Link>,
      },
      {
        key: 'kind',
        title: t('field.kind'),
        dataIndex: 'kind',
        width: 90,
        render: (v) => codeLabel(CUSTOMER_KINDS.labels, v),
      },
      {
        key: 'status',
        title: t('field.status'),
        dataIndex: 'status',
        width: 120,
        render: (v: ProspectSummary['status']) => (
          <Tag color={STAGE_COLOURS[v]}>{codeLabel(PROSPECT_STATUSES.labels, v)}</Tag>
        ),
      },
      {
        key: 'fitScore',
        title: t('field.fitScore'),
        dataIndex: 'fitScore',
        sorter: true,
        width: 110,
        render: (v: number | null, p) => <FitTag score={v} restricted={p.restricted} />,
      },
      {
        key: 'source',
        title: t('field.source'),
        dataIndex: 'source',
        width: 140,
        render: (v) => codeLabel(PROSPECT_SOURCES.labels, v),
      },
      { key: 'referrerName', title: t('field.referrer'), dataIndex: 'referrerName', ellipsis: true },
      {
        key: 'industry',
        title: t('field.industry'),
        dataIndex: 'industry',
        ellipsis: true,
        render: (v: string | null) =>
          v ? `${v} ${industryName(v, i18n.language === 'en' ? 'en' : 'zh-CN') ?? ''}` : '',
      },
      { key: 'regionName', title: t('field.regionName'), dataIndex: 'regionName', width: 120 },
      {
        key: 'owner',
        title: t('field.owner'),
        dataIndex: 'owner',
        width: 110,
        render: (v: ProspectSummary['owner']) =>
          v?.name ?? <Typography.Text type="secondary">{t('unowned')}</Typography.Text>,
      },
      {
        key: 'stageEnteredAt',
        title: t('field.daysInStage'),
        dataIndex: 'stageEnteredAt',
        sorter: true,
        width: 120,
        render: (v: string) => t('card.days', { count: daysSince(v) }),
      },
      {
        key: 'updatedAt',
        title: t('field.updatedAt'),
        dataIndex: 'updatedAt',
        sorter: true,
        width: 150,
        render: formatDateTime,
      },
    ],
    [t, i18n.language],
  );

  // "Days in stage" ascending means the most recent entry first: the server sorts by the entry moment.
  const shown = columns.map((c) => ({
    ...c,
    sortOrder: SORTABLE[String(c.key)] ? sortOrder(String(c.key)) : undefined,
  }));

  const onChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<ProspectSummary> | SorterResult<ProspectSummary>[],
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

  return (
    <>
      {list.error && <Typography.Text type="danger">{(list.error as Error).message}</Typography.Text>}
      <Table<ProspectSummary>
        rowKey="id"
        size="middle"
        columns={shown}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        onChange={onChange}
        pagination={{
          current: Number(params.get('page') ?? 1),
          pageSize: Number(params.get('pageSize') ?? 20),
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('table.total', { total: total.toLocaleString() }),
        }}
      />
    </>
  );
}
