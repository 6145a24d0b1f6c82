import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LIFECYCLE_STAGES } from '../../../../shared/codes';
import { LazyChart } from '../../../components/lazy-chart';
import { codeLabel } from '../../../i18n';
import type { LifecycleAnalysis } from '../api';
import { escapeHtml, percentText, shareOf } from '../format';
import { stageColors } from '../stages';

/** How many customers are in each lifecycle stage, in the stages' order (DOMAIN §2.1). */
export function LifecycleDistributionChart({
  analysis,
  loading,
}: {
  analysis: LifecycleAnalysis | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('valueAnalytics');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!analysis) return null;
    const counts = LIFECYCLE_STAGES.codes.map(
      (s) => analysis.distribution.find((d) => d.stage === s)?.count ?? 0,
    );
    const total = counts.reduce((a, b) => a + b, 0);
    if (total === 0) return null;
    const colors = stageColors(token);
    const labels = LIFECYCLE_STAGES.codes.map((s) => codeLabel(LIFECYCLE_STAGES.labels, s));
    return {
      // ECharts writes the description on the chart's element, in place of LazyChart's label.
      aria: { enabled: true, label: { description: t('lifecycle.distributionLabel') } },
      textStyle: { fontFamily: token.fontFamily },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const p = (Array.isArray(params) ? params : [params])[0];
          const i = p?.dataIndex ?? 0;
          return `${escapeHtml(labels[i]!)}<br/>${escapeHtml(
            t('lifecycle.tip', { count: counts[i]!, share: percentText(shareOf(counts[i]!, total)) }),
          )}`;
        },
      },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('lifecycle.customers'),
          barMaxWidth: 48,
          label: { show: true, position: 'top', color: token.colorText },
          data: counts.map((value, i) => ({
            value,
            itemStyle: { color: colors[LIFECYCLE_STAGES.codes[i]!] },
          })),
        },
      ],
    };
  }, [analysis, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={280}
      label={t('lifecycle.distributionLabel')}
      emptyText={t('empty')}
      failedText={t('chartFailed')}
    />
  );
}
