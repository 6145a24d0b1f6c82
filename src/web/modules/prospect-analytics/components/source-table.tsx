import { Progress, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PROSPECT_SOURCES } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import type { ProspectAnalytics } from '../api';
import { percentText } from '../format';

type SourceRow = ProspectAnalytics['sources'][number];

const dim = (n: number) => (n === 0 ? <Typography.Text type="secondary">0</Typography.Text> : n);

/**
 * Source effectiveness 搜寻方式效果: for each prospecting method, how many prospects it brought, how many
 * were approached and won, the acquisition rate, how many were dropped and how fast the won ones were won.
 */
export function SourceTable({ sources, loading }: { sources: SourceRow[]; loading: boolean }) {
  const { t } = useTranslation('pipeline');
  const columns = useMemo<ColumnsType<SourceRow>>(
    () => [
      {
        key: 'source',
        title: t('sources.source'),
        render: (_, s) => codeLabel(PROSPECT_SOURCES.labels, s.source),
      },
      {
        key: 'prospects',
        title: t('stat.prospects'),
        align: 'end',
        sorter: (a, b) => a.prospects - b.prospects,
        render: (_, s) => s.prospects,
      },
      {
        key: 'approached',
        title: t('stat.approached'),
        align: 'end',
        sorter: (a, b) => a.approached - b.approached,
        render: (_, s) => dim(s.approached),
      },
      {
        key: 'acquired',
        title: t('stat.acquired'),
        align: 'end',
        sorter: (a, b) => a.acquired - b.acquired,
        render: (_, s) => dim(s.acquired),
      },
      {
        key: 'rate',
        title: t('stat.rate'),
        sorter: (a, b) => (a.rate ?? -1) - (b.rate ?? -1),
        width: 180,
        render: (_, s) =>
          s.rate === null ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : (
            <Progress
              percent={Math.round(s.rate * 1000) / 10}
              size="small"
              format={() => percentText(s.rate)}
              aria-label={`${t('stat.rate')} ${percentText(s.rate)}`}
            />
          ),
      },
      {
        key: 'disqualified',
        title: t('sources.disqualified'),
        align: 'end',
        sorter: (a, b) => a.disqualified - b.disqualified,
        render: (_, s) => dim(s.disqualified),
      },
      {
        key: 'days',
        title: <Tooltip title={t('sources.daysHint')}>{t('sources.days')}</Tooltip>,
        align: 'end',
        sorter: (a, b) => (a.medianDaysToEstablish ?? Infinity) - (b.medianDaysToEstablish ?? Infinity),
        render: (_, s) =>
          s.medianDaysToEstablish === null ? (
            <Typography.Text type="secondary">—</Typography.Text>
          ) : (
            t('days', { value: s.medianDaysToEstablish })
          ),
      },
    ],
    // t changes with the language, and so do the source labels.
    [t],
  );
  return (
    <Table<SourceRow>
      rowKey="source"
      size="small"
      columns={columns}
      dataSource={sources}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('empty') }}
    />
  );
}
