import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../../../../shared/codes';
import { LazyChart } from '../../../components/lazy-chart';
import { codeLabel } from '../../../i18n';
import type { LifecycleAnalysis } from '../api';
import { escapeHtml } from '../format';
import { stageColors } from '../stages';

/**
 * Month-to-month lifecycle transitions: the stage inferred for the month before (left) to the stage
 * inferred for the month analysed (right). A sankey cannot have cycles, and a customer who stays in
 * `growth` would be one, so every stage has a node on each side (`prev:growth`, `now:growth`),
 * labelled with the stage alone; the column headers say which side is which.
 */
export function LifecycleSankeyChart({
  analysis,
  loading,
}: {
  analysis: LifecycleAnalysis | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('valueAnalytics');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    const links = (analysis?.transitions ?? []).filter((x) => x.count > 0);
    if (!analysis || links.length === 0) return null;
    const colors = stageColors(token);
    const label = (s: LifecycleStage) => codeLabel(LIFECYCLE_STAGES.labels, s);
    const prev = (s: LifecycleStage) => `prev:${s}`;
    const now = (s: LifecycleStage) => `now:${s}`;
    const used = (side: 'from' | 'to') =>
      LIFECYCLE_STAGES.codes.filter((s) => links.some((l) => l[side] === s));
    const stageOf = (name: string) => name.split(':')[1] as LifecycleStage;
    const nodes = [
      ...used('from').map((s) => ({ name: prev(s), depth: 0, itemStyle: { color: colors[s] } })),
      // This month's labels sit left of their nodes, inside the chart.
      ...used('to').map((s) => ({
        name: now(s),
        depth: 1,
        itemStyle: { color: colors[s] },
        label: { position: 'left' as const },
      })),
    ];
    return {
      // ECharts writes the description on the chart's element, in place of LazyChart's label.
      aria: { enabled: true, label: { description: t('transitions.label') } },
      textStyle: { fontFamily: token.fontFamily },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const item = Array.isArray(p) ? p[0]! : p;
          if (item.dataType === 'edge') {
            const d = item.data as { source: string; target: string; value: number };
            return escapeHtml(
              t('transitions.tip', {
                from: label(stageOf(d.source)),
                to: label(stageOf(d.target)),
                count: d.value,
              }),
            );
          }
          const side = item.name.startsWith('prev:') ? t('transitions.before') : t('transitions.after');
          return escapeHtml(`${side} · ${label(stageOf(item.name))}: ${item.value}`);
        },
      },
      graphic: [
        {
          type: 'text',
          left: 8,
          top: 0,
          style: {
            text: t('transitions.before'),
            fill: token.colorTextSecondary,
            font: `${token.fontSize}px ${token.fontFamily}`,
          },
        },
        {
          type: 'text',
          right: 8,
          top: 0,
          style: {
            text: t('transitions.after'),
            fill: token.colorTextSecondary,
            font: `${token.fontSize}px ${token.fontFamily}`,
          },
        },
      ],
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 8,
          top: 28,
          bottom: 8,
          nodeAlign: 'justify',
          layoutIterations: 0,
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
          label: {
            color: token.colorText,
            formatter: (p) => `${label(stageOf(p.name))}  ${p.value}`,
          },
          data: nodes,
          links: links.map((l) => ({ source: prev(l.from), target: now(l.to), value: l.count })),
        },
      ],
    };
  }, [analysis, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={340}
      label={t('transitions.label')}
      emptyText={t('transitions.empty')}
      failedText={t('chartFailed')}
    />
  );
}
