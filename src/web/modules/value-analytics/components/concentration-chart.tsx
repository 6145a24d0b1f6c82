import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyChart } from '../../../components/lazy-chart';
import type { ParetoAnalysis } from '../api';
import { escapeHtml, percentText } from '../format';

/** The concentration of every analysed month: the share of value the top 20% of customers held. */
export function ConcentrationChart({
  history,
  loading,
}: {
  history: ParetoAnalysis['history'] | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('valueAnalytics');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!history || history.length === 0) return null;
    return {
      // ECharts writes the description on the chart's element, in place of LazyChart's label.
      aria: { enabled: true, label: { description: t('concentration.label') } },
      textStyle: { fontFamily: token.fontFamily },
      color: [token.colorPrimary],
      grid: { left: 8, right: 40, top: 24, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const p = (Array.isArray(params) ? params : [params])[0];
          const h = history[p?.dataIndex ?? 0];
          if (!h) return '';
          return [
            escapeHtml(h.month),
            escapeHtml(t('concentration.tip', { share: percentText(h.top20Share), count: h.customers })),
          ].join('<br/>');
        },
      },
      xAxis: { type: 'category', boundaryGap: history.length === 1, data: history.map((h) => h.month) },
      yAxis: {
        type: 'value',
        min: 0,
        max: 1,
        axisLabel: { formatter: (v: number) => percentText(v, 0) },
      },
      series: [
        {
          type: 'line',
          name: t('concentration.series'),
          data: history.map((h) => h.top20Share),
          showSymbol: true,
          symbolSize: 6,
          areaStyle: { opacity: 0.1 },
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { type: 'dashed', color: token.colorTextTertiary },
            label: { formatter: t('concentration.rule'), color: token.colorTextSecondary },
            data: [{ yAxis: 0.8 }],
          },
        },
      ],
    };
  }, [history, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={260}
      label={t('concentration.label')}
      emptyText={t('empty')}
      failedText={t('chartFailed')}
    />
  );
}
