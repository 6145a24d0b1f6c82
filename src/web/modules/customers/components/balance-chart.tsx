import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerMonth } from '../../../../shared/schemas/account';
import { formatYuan } from '../../../app/format';
import { LazyChart } from '../../../components/lazy-chart';

// The 24-month balance chart of the accounts tab: deposits and loans (average daily balances) as
// stacked areas.

interface BalanceChartProps {
  months: CustomerMonth[] | undefined;
  loading: boolean;
}

export function BalanceChart({ months, loading }: BalanceChartProps) {
  const { t } = useTranslation('customer360');
  const { token } = theme.useToken();
  const option = useMemo((): EChartsOption | null => {
    if (!months || months.length === 0) return null;
    const deposit = t('accounts.chart.deposit');
    const loan = t('accounts.chart.loan');
    const area = {
      type: 'line',
      stack: 'balance',
      areaStyle: { opacity: 0.35 },
      smooth: true,
      showSymbol: false,
      emphasis: { focus: 'series' },
    } as const;
    return {
      aria: { enabled: true },
      color: [token.colorPrimary, token.colorWarning],
      textStyle: { fontFamily: token.fontFamily },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v) => formatYuan(Number(v), true),
      },
      legend: { data: [deposit, loan], top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', boundaryGap: false, data: months.map((m) => m.month) },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => formatYuan(v, true) },
      },
      series: [
        { ...area, name: deposit, data: months.map((m) => m.deposit.avgBalance) },
        { ...area, name: loan, data: months.map((m) => m.loan.avgBalance) },
      ],
    };
  }, [months, t, token]);
  return (
    <LazyChart
      option={option}
      loading={loading}
      label={t('accounts.chart.label')}
      emptyText={t('accounts.chart.empty')}
      failedText={t('accounts.chart.failed')}
    />
  );
}
