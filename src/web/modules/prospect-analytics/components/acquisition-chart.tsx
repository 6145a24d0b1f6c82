import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyChart } from '../../../components/lazy-chart';
import type { RateRow } from '../api';
import { escapeHtml, percentText } from '../format';

export interface LabelledRate extends RateRow {
  key: string;
  label: string;
}

/**
 * The acquisition rate of each group: approached and acquired prospects as bars, the rate as a line
 * on its own axis. Over months the line joins the months; across RMs, teams or sources it only marks.
 */
export function AcquisitionChart({
  rows,
  loading,
  trend,
  label,
}: {
  rows: LabelledRate[] | undefined;
  loading: boolean;
  /** Months: a line through the rates, gaps where nobody was approached. */
  trend: boolean;
  label: string;
}) {
  const { t } = useTranslation('pipeline');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!rows || rows.every((r) => r.prospects === 0)) return null;
    return {
      aria: { enabled: true },
      textStyle: { fontFamily: token.fontFamily },
      color: [token.colorPrimaryBorder, token.colorPrimary, token.colorSuccess],
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const row = rows[list[0]?.dataIndex ?? 0];
          if (!row) return '';
          return [
            escapeHtml(row.label),
            escapeHtml(t('acquisition.tipProspects', { count: row.prospects })),
            escapeHtml(t('acquisition.tipApproached', { count: row.approached })),
            escapeHtml(t('acquisition.tipAcquired', { count: row.acquired })),
            escapeHtml(t('acquisition.tipRate', { value: percentText(row.rate) })),
          ].join('<br/>');
        },
      },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.label),
        axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, hideOverlap: true },
      },
      yAxis: [
        { type: 'value', minInterval: 1, name: t('acquisition.countAxis'), nameTextStyle: { align: 'left' } },
        {
          type: 'value',
          min: 0,
          max: 1,
          name: t('acquisition.rateAxis'),
          nameTextStyle: { align: 'right' },
          axisLabel: { formatter: (v: number) => percentText(v) },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          name: t('stat.approached'),
          type: 'bar',
          barMaxWidth: 32,
          data: rows.map((r) => r.approached),
        },
        {
          name: t('stat.acquired'),
          type: 'bar',
          barMaxWidth: 32,
          data: rows.map((r) => r.acquired),
        },
        {
          name: t('stat.rate'),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: false,
          symbolSize: 8,
          lineStyle: trend ? { width: 2 } : { width: 0 },
          label: {
            show: true,
            position: 'top',
            // Over the bars the rate stays legible on its own ground.
            backgroundColor: token.colorBgContainer,
            padding: [1, 3],
            borderRadius: token.borderRadiusXS,
            formatter: (p) => (p.value === null || p.value === undefined ? '' : percentText(Number(p.value))),
          },
          data: rows.map((r) => r.rate),
        },
      ],
    };
  }, [rows, trend, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      label={label}
      emptyText={t('empty')}
      failedText={t('chartFailed')}
    />
  );
}
