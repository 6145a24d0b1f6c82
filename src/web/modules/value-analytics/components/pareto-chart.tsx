import { Flex, Typography, theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { VALUE_TIERS } from '../../../../shared/codes';
import { LazyChart } from '../../../components/lazy-chart';
import { codeLabel } from '../../../i18n';
import type { ParetoAnalysis } from '../api';
import { escapeHtml, percentText, shareOf } from '../format';
import { TIERS, tierColors } from '../tiers';

/** Where each tier starts and ends on the customers' axis, and the share of value reached at its end. */
function tierEdges(analysis: ParetoAnalysis) {
  const n = analysis.customers;
  let count = 0;
  let value = 0;
  return TIERS.map((tier) => {
    const from = count / n;
    count += analysis.tierCounts[tier];
    value += Math.max(0, analysis.tierValues[tier]);
    return { tier, from, to: count / n, value: shareOf(value, analysis.positiveTotal) ?? 0 };
  });
}

/**
 * The Pareto (Lorenz) curve of realized value: customers ranked by value, the cumulative share of
 * customers against the cumulative share of value. The diagonal is an even spread; the marked point
 * is the share the top 20% hold; the shaded bands are the tiers, whose edges are the A and B cut-offs.
 */
export function ParetoChart({
  analysis,
  loading,
}: {
  analysis: ParetoAnalysis | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('valueAnalytics');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!analysis || analysis.customers === 0 || analysis.curve.length === 0) return null;
    const points = analysis.curve.map((p) => [p.customers, p.value] as [number, number]);
    if (points[0]![0] > 0) points.unshift([0, 0]);
    const colors = tierColors(token);
    const edges = tierEdges(analysis);
    const pct = (v: number) => percentText(v, 0);
    const curveName = t('pareto.curve');
    const evenName = t('pareto.even');
    const cutoffs = edges.slice(0, 2).filter((e) => e.to > 0 && e.to < 1);
    return {
      // ECharts writes the description on the chart's element, in place of LazyChart's label.
      aria: {
        enabled: true,
        label: { description: t('pareto.label', { share: percentText(analysis.top20Share) }) },
      },
      textStyle: { fontFamily: token.fontFamily },
      color: [token.colorPrimary, token.colorTextTertiary],
      legend: { data: [curveName, evenName], top: 0, right: 8 },
      grid: { left: 28, right: 24, top: 40, bottom: 28, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const p = (Array.isArray(params) ? params : [params]).find((x) => x.seriesName === curveName);
          if (!p) return '';
          const [x, y] = p.value as [number, number];
          return escapeHtml(t('pareto.tip', { customers: percentText(x), value: percentText(y) }));
        },
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: t('pareto.xAxis'),
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: { formatter: pct },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: t('pareto.yAxis'),
        nameLocation: 'middle',
        nameGap: 44,
        axisLabel: { formatter: pct },
      },
      series: [
        {
          type: 'line',
          name: curveName,
          data: points,
          showSymbol: false,
          smooth: false,
          lineStyle: { width: 2 },
          areaStyle: { opacity: 0.08 },
          markArea: {
            silent: true,
            label: { position: 'insideTop', color: token.colorTextSecondary },
            data: edges
              .filter((e) => e.to > e.from)
              .map((e) => [
                {
                  name: codeLabel(VALUE_TIERS.labels, e.tier),
                  xAxis: e.from,
                  itemStyle: { color: colors[e.tier], opacity: 0.1 },
                },
                { xAxis: e.to },
              ]),
          },
          // The 20% line and the tier cut-offs; the bands between them carry the tiers' names.
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { type: 'dashed', color: token.colorTextTertiary },
            label: { show: false },
            data: [
              { name: t('pareto.top20'), xAxis: 0.2 },
              ...cutoffs.map((e) => ({ name: e.tier, xAxis: e.to, lineStyle: { color: colors[e.tier] } })),
            ],
          },
          markPoint: {
            symbol: 'circle',
            symbolSize: 10,
            itemStyle: { color: token.colorWarning },
            label: {
              position: 'right',
              color: token.colorText,
              fontWeight: 'bold',
              formatter: t('pareto.top20Point', { value: percentText(analysis.top20Share) }),
            },
            data: [{ name: 'top20', coord: [0.2, analysis.top20Share] }],
          },
        },
        {
          type: 'line',
          name: evenName,
          data: [
            [0, 0],
            [1, 1],
          ],
          showSymbol: false,
          silent: true,
          lineStyle: { type: 'dotted', width: 1 },
        },
      ],
    };
  }, [analysis, t, token]);

  const edges = analysis && analysis.customers > 0 ? tierEdges(analysis).slice(0, 2) : [];
  return (
    <>
      <LazyChart
        option={option}
        loading={loading}
        height={360}
        label={t('pareto.label', { share: percentText(analysis?.top20Share) })}
        emptyText={t('empty')}
        failedText={t('chartFailed')}
      />
      {option && (
        <Flex vertical>
          {edges.map((e, i) => (
            <Typography.Text key={e.tier} type="secondary">
              {t(i === 0 ? 'pareto.cutA' : 'pareto.cutB', {
                customers: percentText(e.to),
                value: percentText(e.value),
              })}
            </Typography.Text>
          ))}
        </Flex>
      )}
    </>
  );
}
