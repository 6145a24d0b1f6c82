import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyChart } from '../../../components/lazy-chart';
import { escapeHtml } from '../../value-analytics/format';
import type { ChurnAnalysis } from '../api';
import { percentText } from '../format';

/** The churn rate of each month of the period (line, left axis) and the customers lost (bars, right). */
export function ChurnMonthsChart({
  analysis,
  loading,
}: {
  analysis: ChurnAnalysis | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('loyalty');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    const months = analysis?.months ?? [];
    if (months.length === 0) return null;
    return {
      aria: { enabled: true, label: { description: t('churn.months.label') } },
      textStyle: { fontFamily: token.fontFamily },
      color: [token.colorError, token.colorFillContent],
      legend: { top: 0, textStyle: { color: token.colorTextSecondary } },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const p = (Array.isArray(params) ? params : [params])[0];
          const m = months[p?.dataIndex ?? 0];
          if (!m) return '';
          return [
            escapeHtml(m.month),
            escapeHtml(t('churn.months.tipRate', { rate: percentText(m.rate, 2) })),
            escapeHtml(t('churn.months.tipCounts', { lost: m.lost, atStart: m.atStart })),
          ].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: [
        {
          type: 'value',
          name: t('churn.months.rateAxis'),
          min: 0,
          axisLabel: { formatter: (v: number) => percentText(v, 2) },
        },
        {
          type: 'value',
          name: t('churn.months.lostAxis'),
          minInterval: 1,
          splitLine: { show: false },
        },
      ],
      series: [
        {
          type: 'line',
          name: t('churn.months.rate'),
          yAxisIndex: 0,
          z: 3,
          showSymbol: true,
          symbolSize: 6,
          data: months.map((m) => (m.rate === null ? '-' : m.rate)),
          lineStyle: { color: token.colorError, width: 2 },
          itemStyle: { color: token.colorError },
        },
        {
          type: 'bar',
          name: t('churn.months.lost'),
          yAxisIndex: 1,
          barMaxWidth: 28,
          itemStyle: { color: token.colorPrimaryBorder },
          data: months.map((m) => m.lost),
        },
      ],
    };
  }, [analysis, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={280}
      label={t('churn.months.label')}
      emptyText={t('empty')}
      failedText={t('chartFailed')}
    />
  );
}
