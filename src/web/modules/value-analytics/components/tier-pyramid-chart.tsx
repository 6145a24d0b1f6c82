import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { VALUE_TIERS } from '../../../../shared/codes';
import { formatYuan } from '../../../app/format';
import { LazyChart } from '../../../components/lazy-chart';
import { codeLabel } from '../../../i18n';
import type { ParetoAnalysis } from '../api';
import { escapeHtml, percentText, shareOf } from '../format';
import { TIERS, tierColors } from '../tiers';

/**
 * The tier pyramid: A at the top, D at the base, each layer labelled with its customers and the value
 * they hold. The layers' widths only draw the pyramid (few customers at the top, many at the base);
 * the figures are in the labels.
 */
export function TierPyramidChart({
  analysis,
  loading,
}: {
  analysis: ParetoAnalysis | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('valueAnalytics');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!analysis || analysis.customers === 0) return null;
    const colors = tierColors(token);
    const data = TIERS.map((tier, i) => ({
      name: codeLabel(VALUE_TIERS.labels, tier),
      value: i + 1,
      tier,
      count: analysis.tierCounts[tier],
      amount: analysis.tierValues[tier],
      customerShare: shareOf(analysis.tierCounts[tier], analysis.customers),
      valueShare: shareOf(Math.max(0, analysis.tierValues[tier]), analysis.positiveTotal),
      itemStyle: { color: colors[tier] },
    }));
    type Item = (typeof data)[number];
    const figures = (d: Item) =>
      t('pyramid.line', { value: formatYuan(d.amount, true), share: percentText(d.valueShare) });
    return {
      // ECharts writes the description on the chart's element, in place of LazyChart's label.
      aria: { enabled: true, label: { description: t('pyramid.label') } },
      textStyle: { fontFamily: token.fontFamily },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const d = (Array.isArray(p) ? p[0] : p)!.data as Item;
          return [
            escapeHtml(d.name),
            escapeHtml(t('pyramid.customers', { count: d.count, share: percentText(d.customerShare) })),
            escapeHtml(t('pyramid.value', { value: formatYuan(d.amount), share: percentText(d.valueShare) })),
          ].join('<br/>');
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'ascending',
          left: 8,
          top: 8,
          bottom: 8,
          width: '48%',
          min: 0,
          max: TIERS.length,
          minSize: '20%',
          maxSize: '100%',
          gap: 3,
          label: {
            show: true,
            position: 'right',
            formatter: (p) => {
              const d = p.data as Item;
              return `{name|${d.name}}  {count|${t('pyramid.count', { count: d.count })}}\n{figures|${figures(d)}}`;
            },
            rich: {
              name: { color: token.colorText, fontWeight: 'bold', lineHeight: 18 },
              count: { color: token.colorText, lineHeight: 18 },
              figures: { color: token.colorTextSecondary, lineHeight: 18 },
            },
          },
          labelLine: { show: true, length: 12, lineStyle: { color: token.colorBorder } },
          data,
        },
      ],
    };
  }, [analysis, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={300}
      label={t('pyramid.label')}
      emptyText={t('empty')}
      failedText={t('chartFailed')}
    />
  );
}
