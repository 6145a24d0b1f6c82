import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_KINDS, VALUE_TIERS } from '../../../../shared/codes';
import { LazyChart } from '../../../components/lazy-chart';
import { codeLabel } from '../../../i18n';
import { escapeHtml } from '../../value-analytics/format';
import { tierColors } from '../../value-analytics/tiers';
import type { ChurnAnalysis } from '../api';
import { percentText } from '../format';

/**
 * The churn rate of the period by value tier (as at the period's start) and by customer kind, as
 * horizontal bars: whether the bank loses its valuable customers or its marginal ones.
 */
export function ChurnSegmentsChart({
  analysis,
  loading,
}: {
  analysis: ChurnAnalysis | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('loyalty');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!analysis) return null;
    const colors = tierColors(token);
    const tiers = analysis.byValueTier.map((r) => ({
      name: r.key === null ? t('churn.segments.noTier') : codeLabel(VALUE_TIERS.labels, r.key),
      ...r,
      color: r.key === null ? token.colorTextQuaternary : colors[r.key],
    }));
    const kinds = analysis.byKind.map((r) => ({
      name: codeLabel(CUSTOMER_KINDS.labels, r.key),
      ...r,
      color: r.key === 'corporate' ? token.colorWarning : token.green6,
    }));
    // Top to bottom: the tiers, then the kinds (ECharts draws a category axis from the bottom up).
    const rows = [...tiers, ...kinds].filter((r) => r.atStart > 0 || r.lost > 0).reverse();
    if (rows.length === 0) return null;
    return {
      aria: { enabled: true, label: { description: t('churn.segments.label') } },
      textStyle: { fontFamily: token.fontFamily },
      grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const p = (Array.isArray(params) ? params : [params])[0];
          const r = rows[p?.dataIndex ?? 0];
          if (!r) return '';
          return [
            escapeHtml(r.name),
            escapeHtml(t('churn.months.tipRate', { rate: percentText(r.rate, 2) })),
            escapeHtml(t('churn.months.tipCounts', { lost: r.lost, atStart: r.atStart })),
          ].join('<br/>');
        },
      },
      xAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => percentText(v, 2) } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          name: t('churn.months.rate'),
          barMaxWidth: 20,
          label: {
            show: true,
            position: 'right',
            color: token.colorText,
            formatter: (p) => {
              const r = rows[p.dataIndex];
              return r ? `${percentText(r.rate, 1)} (${r.lost}/${r.atStart})` : '';
            },
          },
          data: rows.map((r) => ({ value: r.rate ?? 0, itemStyle: { color: r.color } })),
        },
      ],
    };
  }, [analysis, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={260}
      label={t('churn.segments.label')}
      emptyText={t('empty')}
      failedText={t('chartFailed')}
    />
  );
}
