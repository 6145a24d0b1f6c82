import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../app/format';
import { LazyChart } from '../../../components/lazy-chart';
import type { CustomerValue } from '../api';

// The 24 months ending with the month computed: the total average daily balance as bars (left axis),
// the month's contribution and the trailing-12-month realized value as lines (right axis).

export function ValueTrendChart({ trend }: { trend: CustomerValue['trend'] | undefined }) {
  const { t } = useTranslation('value');
  const { token } = theme.useToken();
  const option = useMemo((): EChartsOption | null => {
    if (!trend || trend.length === 0) return null;
    const balance = t('trend.balance');
    const contribution = t('trend.contribution');
    const realized = t('trend.realized12');
    return {
      // ECharts writes its aria-label on the chart's element: give it ours rather than its generated one.
      aria: { enabled: true, label: { description: t('trend.label') } },
      color: [token.colorPrimaryBorder, token.colorWarning, token.colorSuccess],
      textStyle: { fontFamily: token.fontFamily },
      tooltip: { trigger: 'axis', valueFormatter: (v) => formatYuan(Number(v)) },
      legend: { data: [balance, contribution, realized], top: 0 },
      grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: trend.map((m) => m.month) },
      yAxis: [
        {
          type: 'value',
          name: t('trend.balanceAxis'),
          nameTextStyle: { align: 'left' },
          axisLabel: { formatter: (v: number) => formatYuan(v, true) },
        },
        {
          type: 'value',
          name: t('trend.valueAxis'),
          nameTextStyle: { align: 'right' },
          axisLabel: { formatter: (v: number) => formatYuan(v, true) },
          splitLine: { show: false },
        },
      ],
      series: [
        { type: 'bar', name: balance, yAxisIndex: 0, data: trend.map((m) => m.balance), barMaxWidth: 24 },
        {
          type: 'line',
          name: contribution,
          yAxisIndex: 1,
          data: trend.map((m) => m.contribution),
          showSymbol: false,
          smooth: true,
        },
        {
          type: 'line',
          name: realized,
          yAxisIndex: 1,
          data: trend.map((m) => m.realized12),
          showSymbol: false,
          smooth: true,
          lineStyle: { width: 3 },
        },
      ],
    };
  }, [trend, t, token]);
  return (
    <LazyChart
      option={option}
      loading={trend === undefined}
      label={t('trend.label')}
      emptyText={t('trend.empty')}
      failedText={t('trend.failed')}
    />
  );
}
