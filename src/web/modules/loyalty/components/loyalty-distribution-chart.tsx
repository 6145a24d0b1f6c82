import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyChart } from '../../../components/lazy-chart';
import { escapeHtml, shareOf } from '../../value-analytics/format';
import type { LoyaltyAnalysis } from '../api';
import { BUCKETS, percentText, scoreColor } from '../format';

/** How many customers have a loyalty index in each tenth: 0–10 … 90–100 points. */
export function LoyaltyDistributionChart({
  analysis,
  loading,
}: {
  analysis: LoyaltyAnalysis | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('loyalty');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    const counts = analysis?.distribution ?? [];
    const total = counts.reduce((a, b) => a + b, 0);
    if (total === 0) return null;
    // Low loyalty red, middling amber, high green: the eye finds the customers at risk.
    const colorOf = (i: number) => scoreColor(token, (i + 0.5) / 10);
    return {
      aria: { enabled: true, label: { description: t('loyalty.distribution.label') } },
      textStyle: { fontFamily: token.fontFamily },
      grid: { left: 8, right: 16, top: 24, bottom: 28, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const p = (Array.isArray(params) ? params : [params])[0];
          const i = p?.dataIndex ?? 0;
          return `${escapeHtml(t('loyalty.distribution.bucket', { range: BUCKETS[i] }))}<br/>${escapeHtml(
            t('loyalty.distribution.tip', {
              count: counts[i] ?? 0,
              share: percentText(shareOf(counts[i] ?? 0, total)),
            }),
          )}`;
        },
      },
      xAxis: {
        type: 'category',
        data: BUCKETS,
        name: t('loyalty.distribution.axis'),
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: { interval: 0, fontSize: 11 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('loyalty.distribution.customers'),
          barCategoryGap: '8%',
          label: { show: true, position: 'top', color: token.colorText },
          data: counts.map((value, i) => ({ value, itemStyle: { color: colorOf(i) } })),
        },
      ],
    };
  }, [analysis, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={280}
      label={t('loyalty.distribution.label')}
      emptyText={t('loyalty.noIndex')}
      failedText={t('chartFailed')}
    />
  );
}
