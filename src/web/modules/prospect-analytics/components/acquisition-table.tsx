import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { percentText } from '../format';
import type { LabelledRate } from './acquisition-chart';

// The figures behind the acquisition chart, one row per group. The groups of one answer are few (the
// RMs of a scope, the teams, eight sources, the months of a period), all there at once.

const dim = (n: number) => (n === 0 ? <Typography.Text type="secondary">0</Typography.Text> : n);

export function AcquisitionTable({
  rows,
  loading,
  groupTitle,
}: {
  rows: LabelledRate[];
  loading: boolean;
  groupTitle: string;
}) {
  const { t } = useTranslation('pipeline');
  const columns = useMemo<ColumnsType<LabelledRate>>(
    () => [
      { key: 'group', title: groupTitle, render: (_, r) => r.label },
      {
        key: 'prospects',
        title: t('stat.prospects'),
        align: 'end',
        sorter: (a, b) => a.prospects - b.prospects,
        render: (_, r) => dim(r.prospects),
      },
      {
        key: 'approached',
        title: t('stat.approached'),
        align: 'end',
        sorter: (a, b) => a.approached - b.approached,
        render: (_, r) => dim(r.approached),
      },
      {
        key: 'acquired',
        title: t('stat.acquired'),
        align: 'end',
        sorter: (a, b) => a.acquired - b.acquired,
        render: (_, r) => dim(r.acquired),
      },
      {
        key: 'rate',
        title: t('stat.rate'),
        align: 'end',
        sorter: (a, b) => (a.rate ?? -1) - (b.rate ?? -1),
        render: (_, r) =>
          r.rate === null ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : (
            <strong>{percentText(r.rate)}</strong>
          ),
      },
    ],
    [t, groupTitle],
  );
  return (
    <Table<LabelledRate>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={{ pageSize: 12, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
    />
  );
}
