import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PROSPECT_STATUSES } from '../../../../shared/codes';
import { LazyChart } from '../../../components/lazy-chart';
import { codeLabel } from '../../../i18n';
import type { ProspectAnalytics } from '../api';
import { escapeHtml } from '../format';

/** Median and mean days the prospects spent in each stage before they were won, as bars per stage. */
export function TimeInStageChart({
  stages,
  loading,
}: {
  stages: ProspectAnalytics['timeInStage'] | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('pipeline');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!stages || stages.every((s) => s.prospects === 0)) return null;
    // The first stage on top, as in the funnel.
    const rows = [...stages].reverse();
    const days = (v: number | null) => (v === null ? '—' : t('days', { value: v }));
    return {
      aria: { enabled: true },
      textStyle: { fontFamily: token.fontFamily },
      color: [token.colorPrimary, token.colorWarning],
      legend: { top: 0 },
      grid: { left: 8, right: 48, top: 40, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const row = rows[list[0]?.dataIndex ?? 0];
          if (!row) return '';
          return [
            escapeHtml(codeLabel(PROSPECT_STATUSES.labels, row.stage)),
            escapeHtml(t('time.tipProspects', { count: row.prospects })),
            escapeHtml(`${t('time.median')}: ${days(row.medianDays)}`),
            escapeHtml(`${t('time.mean')}: ${days(row.meanDays)}`),
          ].join('<br/>');
        },
      },
      yAxis: {
        type: 'category',
        data: rows.map((s) => codeLabel(PROSPECT_STATUSES.labels, s.stage)),
      },
      xAxis: { type: 'value', name: t('time.axis'), nameLocation: 'end', minInterval: 1 },
      series: [
        {
          name: t('time.median'),
          type: 'bar',
          barMaxWidth: 14,
          label: {
            show: true,
            position: 'right',
            formatter: (p) => (p.value == null ? '' : String(p.value)),
          },
          data: rows.map((s) => s.medianDays),
        },
        {
          name: t('time.mean'),
          type: 'bar',
          barMaxWidth: 14,
          data: rows.map((s) => s.meanDays),
        },
      ],
    };
  }, [stages, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={360}
      label={t('time.label')}
      emptyText={t('empty')}
      failedText={t('chartFailed')}
    />
  );
}
