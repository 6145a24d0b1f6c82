import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import i18n from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../app/format';
import { LazyChart } from '../../../components/lazy-chart';
import { escapeHtml } from '../../value-analytics/format';

export interface BreakdownRow {
  name: string;
  plans: number;
  assetBalance: number;
  liabilityBalance: number;
}

/** An axis tick: ¥600万 / ¥1.2亿 in Chinese, ¥6M in English; no decimals it does not need. */
function axisYuan(v: number): string {
  if (Math.abs(v) < 10_000) return `¥${v}`;
  if (i18n.language === 'en') {
    return `¥${new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(v)}`;
  }
  const [unit, size] = Math.abs(v) >= 1e8 ? ['亿', 1e8] : ['万', 1e4];
  return `¥${Number((v / (size as number)).toFixed(1))}${unit}`;
}

/**
 * Plans and balances leaving, by one breakdown (reason, means, scope, month of completion): the
 * asset (loan) and liability (deposit) balances as bars on the left axis, the number of plans as a
 * line on the right (over months) or as points (over categories, which a line would wrongly join).
 * Empty when no plan falls in any row.
 */
export function ReportBreakdownChart({
  rows,
  loading,
  label,
  height = 280,
  timeline = false,
}: {
  rows: BreakdownRow[] | undefined;
  loading: boolean;
  label: string;
  height?: number;
  /** The rows are months in order: the count is drawn as a line. */
  timeline?: boolean;
}) {
  const { t } = useTranslation('exitPlans');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!rows || rows.every((r) => r.plans === 0)) return null;
    return {
      aria: { enabled: true, label: { description: label } },
      textStyle: { fontFamily: token.fontFamily },
      color: [token.colorPrimary, token.cyan6, token.colorWarning],
      legend: { top: 0, textStyle: { color: token.colorTextSecondary } },
      grid: { left: 8, right: 8, top: 52, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const p = (Array.isArray(params) ? params : [params])[0];
          const r = rows[p?.dataIndex ?? 0];
          if (!r) return '';
          return [
            `<b>${escapeHtml(r.name)}</b>`,
            escapeHtml(t('report.tipPlans', { n: r.plans })),
            escapeHtml(t('report.tipAsset', { amount: formatYuan(r.assetBalance) })),
            escapeHtml(t('report.tipLiability', { amount: formatYuan(r.liabilityBalance) })),
          ].join('<br/>');
        },
      },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.name),
        axisLabel: { interval: 0, hideOverlap: true, color: token.colorTextSecondary },
      },
      yAxis: [
        {
          type: 'value',
          name: t('report.balanceAxis'),
          axisLabel: { formatter: (v: number) => axisYuan(v) },
        },
        {
          type: 'value',
          name: t('report.plansAxis'),
          minInterval: 1,
          // Headroom for the count labels above the points.
          max: (extent: { max: number }) => Math.max(1, Math.ceil(extent.max * 1.25)),
          splitLine: { show: false },
        },
      ],
      series: [
        {
          type: 'bar',
          name: t('report.asset'),
          barMaxWidth: 28,
          data: rows.map((r) => r.assetBalance),
        },
        {
          type: 'bar',
          name: t('report.liability'),
          barMaxWidth: 28,
          data: rows.map((r) => r.liabilityBalance),
        },
        timeline
          ? {
              type: 'line',
              name: t('report.plans'),
              yAxisIndex: 1,
              symbolSize: 8,
              data: rows.map((r) => r.plans),
            }
          : {
              type: 'scatter',
              name: t('report.plans'),
              yAxisIndex: 1,
              symbol: 'diamond',
              symbolSize: 14,
              label: { show: true, position: 'right', color: token.colorText, fontWeight: 'bold' },
              data: rows.map((r) => r.plans),
            },
      ],
    };
  }, [rows, label, t, token, timeline]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={height}
      label={label}
      emptyText={t('report.empty')}
      failedText={t('report.chartFailed')}
    />
  );
}
