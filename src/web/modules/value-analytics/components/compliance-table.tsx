import { Alert, Card, Progress, Table, Tooltip, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { VALUE_TIERS } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import { type ComplianceCounts, type ComplianceRow, useCompliance } from '../api';
import { percentText } from '../format';
import { TIERS, type Tier } from '../tiers';

// 维护合规: per RM of a team, how many of their customers (those with a value tier) were contacted in
// time under their tier's maintenance policy, are overdue, or were never contacted; the rate, and the
// same per value tier. A team is a handful of people, all answered at once; the last row is the total.

type Row = ComplianceCounts & {
  key: string;
  name: string;
  byTier?: ComplianceRow['byTier'];
  total?: boolean;
};

/** The team's figures per tier: the sums of its members'. */
function tierTotals(owners: ComplianceRow[]): ComplianceRow['byTier'] {
  const sum = (tier: Tier): ComplianceCounts => {
    const c = { customers: 0, inTime: 0, overdue: 0, neverContacted: 0 };
    for (const o of owners) for (const k of Object.keys(c) as (keyof typeof c)[]) c[k] += o.byTier[tier][k];
    return { ...c, rate: c.customers === 0 ? null : c.inTime / c.customers };
  };
  return { A: sum('A'), B: sum('B'), C: sum('C'), D: sum('D') };
}

function RateCell({ counts }: { counts: ComplianceCounts }) {
  const { token } = theme.useToken();
  if (counts.rate === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const color =
    counts.rate >= 0.9 ? token.colorSuccess : counts.rate >= 0.7 ? token.colorWarning : token.colorError;
  return (
    <Progress
      percent={Math.round(counts.rate * 1000) / 10}
      size="small"
      strokeColor={color}
      format={() => percentText(counts.rate)}
      style={{ minWidth: 110, margin: 0 }}
    />
  );
}

export function ComplianceSection({ teamId, enabled }: { teamId: number | undefined; enabled: boolean }) {
  const { t } = useTranslation('valueAnalytics');
  const compliance = useCompliance(teamId, enabled);
  const data = compliance.data;

  const rows = useMemo<Row[]>(() => {
    if (!data) return [];
    return [
      ...data.byOwner.map((r) => ({ ...r, key: String(r.owner.id), name: r.owner.name })),
      ...(data.byOwner.length > 1
        ? [
            {
              ...data.total,
              key: 'total',
              name: t('compliance.total'),
              total: true,
              byTier: tierTotals(data.byOwner),
            },
          ]
        : []),
    ];
  }, [data, t]);

  const columns = useMemo<ColumnsType<Row>>(() => {
    const dim = (n: number, danger = false) =>
      n === 0 ? (
        <Typography.Text type="secondary">0</Typography.Text>
      ) : danger ? (
        <Typography.Text type="danger">{n}</Typography.Text>
      ) : (
        n
      );
    return [
      {
        key: 'name',
        title: t('compliance.rm'),
        fixed: 'start',
        render: (_, r) => (r.total ? <strong>{r.name}</strong> : r.name),
      },
      { key: 'customers', title: t('compliance.customers'), dataIndex: 'customers', align: 'end' },
      { key: 'inTime', title: t('compliance.inTime'), align: 'end', render: (_, r) => dim(r.inTime) },
      {
        key: 'overdue',
        title: t('compliance.overdue'),
        align: 'end',
        render: (_, r) => dim(r.overdue, true),
      },
      {
        key: 'neverContacted',
        title: t('compliance.neverContacted'),
        align: 'end',
        render: (_, r) => dim(r.neverContacted, true),
      },
      { key: 'rate', title: t('compliance.rate'), width: 150, render: (_, r) => <RateCell counts={r} /> },
      {
        key: 'byTier',
        title: t('compliance.byTier'),
        children: TIERS.map((tier) => ({
          key: `tier-${tier}`,
          title: codeLabel(VALUE_TIERS.labels, tier),
          align: 'end' as const,
          render: (_: unknown, r: Row) => {
            const c = r.byTier?.[tier];
            if (!c) return <Typography.Text type="secondary">—</Typography.Text>;
            if (c.customers === 0) return <Typography.Text type="secondary">—</Typography.Text>;
            return (
              <Tooltip
                title={t('compliance.tierTip', {
                  tier: codeLabel(VALUE_TIERS.labels, tier),
                  inTime: c.inTime,
                  customers: c.customers,
                  overdue: c.overdue,
                  never: c.neverContacted,
                })}
              >
                <span style={{ whiteSpace: 'nowrap' }}>
                  {percentText(c.rate, 0)}{' '}
                  <Typography.Text type="secondary">
                    ({c.inTime}/{c.customers})
                  </Typography.Text>
                </span>
              </Tooltip>
            );
          },
        })),
      },
    ];
  }, [t]);

  return (
    <Card
      size="small"
      title={t('compliance.title')}
      extra={
        data && <Typography.Text type="secondary">{t('compliance.asOf', { day: data.asOf })}</Typography.Text>
      }
    >
      {compliance.error ? (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed', { message: (compliance.error as Error).message })}
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('compliance.hint')}</Typography.Paragraph>
          <Table<Row>
            rowKey="key"
            size="small"
            bordered
            loading={compliance.isFetching}
            dataSource={rows}
            columns={columns}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('compliance.empty') }}
          />
        </>
      )}
    </Card>
  );
}
