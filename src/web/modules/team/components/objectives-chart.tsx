import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { OBJECTIVE_OUTCOMES } from '../../../../shared/codes';
import { LazyChart } from '../../../components/lazy-chart';
import { codeLabel } from '../../../i18n';
import type { TeamMember } from '../api';

/** The outcomes of each RM's objectives of completed visits, stacked: met, partly met, not met. */
export function ObjectivesChart({
  members,
  loading,
}: {
  members: TeamMember[] | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('team');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    const rows = (members ?? []).filter((m) => m.objectives.total > 0);
    if (rows.length === 0) return null;
    const series = [
      { key: 'met', code: 'met', color: token.colorSuccess },
      { key: 'partly', code: 'partly', color: token.colorWarning },
      { key: 'notMet', code: 'not_met', color: token.colorError },
    ] as const;
    return {
      aria: { enabled: true },
      textStyle: { fontFamily: token.fontFamily },
      color: series.map((s) => s.color),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((m) => m.user.name) },
      yAxis: {
        type: 'value',
        minInterval: 1,
        name: t('chart.objectivesAxis'),
        nameTextStyle: { align: 'left' },
      },
      series: series.map((s) => ({
        name: codeLabel(OBJECTIVE_OUTCOMES.labels, s.code),
        type: 'bar',
        stack: 'outcome',
        barMaxWidth: 48,
        emphasis: { focus: 'series' },
        label: { show: true, formatter: (p) => (Number(p.value) > 0 ? String(p.value) : '') },
        data: rows.map((m) => m.objectives[s.key]),
      })),
    };
    // t changes with the language, and so do the outcome labels.
  }, [members, t, token]);

  return (
    <LazyChart
      failedText={t('chartFailed')}
      option={option}
      loading={loading}
      label={t('chart.objectivesLabel')}
      emptyText={t('chart.objectivesEmpty')}
    />
  );
}
