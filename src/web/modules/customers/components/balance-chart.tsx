import { Empty, Skeleton, theme } from 'antd';
import type { ECharts, EChartsOption } from 'echarts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerMonth } from '../../../../shared/schemas/account';
import { formatYuan } from '../../../app/format';

// The 24-month balance chart of the accounts tab: deposits and loans (average daily balances) as
// stacked areas. ECharts is loaded on first use with a dynamic import, so it stays out of the
// initial bundle (ARCHITECTURE: charts load lazily).

const HEIGHT = 320;

interface BalanceChartProps {
  months: CustomerMonth[] | undefined;
  loading: boolean;
}

export function BalanceChart({ months, loading }: BalanceChartProps) {
  const { t, i18n } = useTranslation('customer360');
  const { token } = theme.useToken();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const hasData = !!months && months.length > 0;
  const lang = i18n.language;

  // Load the library and create the chart once the container exists.
  useEffect(() => {
    if (!hasData || !host.current) return;
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('echarts')
      .then((echarts) => {
        if (disposed || !host.current) return;
        chart.current = echarts.init(host.current, undefined, {
          renderer: 'canvas',
          locale: lang === 'en' ? 'EN' : 'ZH',
        });
        observer = new ResizeObserver(() => chart.current?.resize());
        observer.observe(host.current);
        setReady(true);
      })
      .catch(() => setFailed(true));
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
      setReady(false);
    };
  }, [hasData, lang]);

  useEffect(() => {
    if (!ready || !chart.current || !months) return;
    const deposit = t('accounts.chart.deposit');
    const loan = t('accounts.chart.loan');
    const option: EChartsOption = {
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
        {
          name: deposit,
          type: 'line',
          stack: 'balance',
          areaStyle: { opacity: 0.35 },
          smooth: true,
          showSymbol: false,
          emphasis: { focus: 'series' },
          data: months.map((m) => m.deposit.avgBalance),
        },
        {
          name: loan,
          type: 'line',
          stack: 'balance',
          areaStyle: { opacity: 0.35 },
          smooth: true,
          showSymbol: false,
          emphasis: { focus: 'series' },
          data: months.map((m) => m.loan.avgBalance),
        },
      ],
    };
    chart.current.setOption(option, true);
  }, [ready, months, t, token]);

  if (loading) return <Skeleton.Node active style={{ width: '100%', height: HEIGHT }} />;
  if (failed) return <Empty description={t('accounts.chart.failed')} />;
  if (!hasData) return <Empty description={t('accounts.chart.empty')} />;
  return (
    <div style={{ position: 'relative', width: '100%', height: HEIGHT }}>
      {!ready && (
        <Skeleton.Node active style={{ width: '100%', height: HEIGHT, position: 'absolute', inset: 0 }} />
      )}
      <div
        ref={host}
        role="img"
        aria-label={t('accounts.chart.label')}
        style={{ width: '100%', height: HEIGHT }}
      />
    </div>
  );
}
