import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LOYALTY_MEASURES } from '../../../../shared/codes';
import { LazyChart } from '../../../components/lazy-chart';
import { codeLabel } from '../../../i18n';
import { escapeHtml } from '../../value-analytics/format';
import type { LoyaltyAnalysis } from '../api';
import { pointsText, scoreColor } from '../format';

/**
 * The portfolio's mean score on each of the six measures of loyalty (DOMAIN §5), in the text's order,
 * as horizontal bars 0–100. A measure no customer has data for shows "no data" rather than a bar at
 * 0 (a radar would draw it as the worst score).
 */
export function LoyaltyMeasuresChart({
  analysis,
  loading,
}: {
  analysis: LoyaltyAnalysis | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('loyalty');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!analysis || analysis.measures.every((m) => m.mean === null)) return null;
    // ECharts draws a category axis from the bottom up: reversed, the first measure is on top.
    const rows = LOYALTY_MEASURES.codes
      .map(
        (code) =>
          analysis.measures.find((m) => m.measure === code) ?? { measure: code, mean: null, known: 0 },
      )
      .reverse();
    const name = (i: number) => codeLabel(LOYALTY_MEASURES.labels, rows[i]!.measure);
    return {
      aria: { enabled: true, label: { description: t('loyalty.measures.label') } },
      textStyle: { fontFamily: token.fontFamily },
      grid: { left: 8, right: 150, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const p = (Array.isArray(params) ? params : [params])[0];
          const i = p?.dataIndex ?? 0;
          const r = rows[i];
          if (!r) return '';
          return escapeHtml(
            t('loyalty.measures.tip', { measure: name(i), score: pointsText(r.mean), known: r.known }),
          );
        },
      },
      xAxis: { type: 'value', min: 0, max: 100, interval: 20 },
      yAxis: { type: 'category', data: rows.map((_, i) => name(i)), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          name: t('loyalty.measures.series'),
          barMaxWidth: 22,
          label: {
            show: true,
            position: 'right',
            color: token.colorText,
            formatter: (p) => {
              const r = rows[p.dataIndex];
              if (!r) return '';
              return r.mean === null
                ? t('loyalty.measures.noData')
                : t('loyalty.measures.bar', { score: pointsText(r.mean), count: r.known });
            },
          },
          data: rows.map((r) => ({
            value: r.mean === null ? 0 : Math.round(r.mean * 1000) / 10,
            itemStyle: { color: scoreColor(token, r.mean) },
          })),
        },
      ],
    };
  }, [analysis, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={264}
      label={t('loyalty.measures.label')}
      emptyText={t('loyalty.noIndex')}
      failedText={t('chartFailed')}
    />
  );
}
