import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PROSPECT_STATUSES } from '../../../../shared/codes';
import { LazyChart } from '../../../components/lazy-chart';
import { codeLabel } from '../../../i18n';
import type { ProspectAnalytics } from '../api';
import { escapeHtml, percentText } from '../format';

/**
 * The funnel of the pipeline: how many prospects reached each stage, with the conversion from the
 * stage before beside it. The funnel keeps the stages' order (not sorted by size), so a stage a
 * prospect skipped still shows where it belongs.
 */
export function FunnelChart({
  funnel,
  loading,
}: {
  funnel: ProspectAnalytics['funnel'] | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('pipeline');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!funnel || (funnel[0]?.reached ?? 0) === 0) return null;
    const colors = [
      token.blue3,
      token.blue4,
      token.blue5,
      token.geekblue5,
      token.geekblue6,
      token.purple5,
      token.purple6,
      token.green6,
      token.green7,
    ];
    const data = funnel.map((step, i) => ({
      name: codeLabel(PROSPECT_STATUSES.labels, step.stage),
      value: step.reached,
      conversion: step.conversion,
      itemStyle: { color: colors[i] },
    }));
    return {
      aria: { enabled: true },
      textStyle: { fontFamily: token.fontFamily },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const d = (Array.isArray(p) ? p[0] : p)!.data as (typeof data)[number];
          const conversion =
            d.conversion === null
              ? ''
              : `<br/>${escapeHtml(t('funnel.conversion', { value: percentText(d.conversion) }))}`;
          return `${escapeHtml(d.name)}<br/>${escapeHtml(t('funnel.reached', { count: d.value }))}${conversion}`;
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: 8,
          top: 8,
          bottom: 8,
          width: '52%',
          min: 0,
          max: funnel[0]!.reached,
          minSize: '4%',
          gap: 2,
          label: {
            show: true,
            position: 'right',
            color: token.colorText,
            formatter: (p) => {
              const d = p.data as (typeof data)[number];
              const conversion =
                d.conversion === null
                  ? ''
                  : `  {conv|${t('funnel.conversionShort', { value: percentText(d.conversion) })}}`;
              return `{name|${d.name}}  {count|${d.value}}${conversion}`;
            },
            rich: {
              name: { color: token.colorText },
              count: { color: token.colorText, fontWeight: 'bold' },
              conv: { color: token.colorTextSecondary },
            },
          },
          labelLine: { show: true, length: 12, lineStyle: { color: token.colorBorder } },
          emphasis: { label: { fontWeight: 'bold' } },
          data,
        },
      ],
    };
    // t changes with the language, and so do the stage labels.
  }, [funnel, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={360}
      label={t('funnel.label')}
      emptyText={t('empty')}
      failedText={t('chartFailed')}
    />
  );
}
