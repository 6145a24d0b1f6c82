import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { IPA_QUADRANTS } from '../../../../shared/schemas/survey';
import { LazyChart } from '../../../components/lazy-chart';
import { escapeHtml } from '../../value-analytics/format';
import type { SurveyResults } from '../api';
import { gapText, meanText, satisfactionText } from '../format';

type Quadrant = (typeof IPA_QUADRANTS)[number];

/** The quadrant colours: where to act is the warning colour, what is kept up the success colour. */
export function quadrantColors(token: ReturnType<typeof theme.useToken>['token']): Record<Quadrant, string> {
  return {
    concentrate_here: token.colorError,
    keep_up: token.colorSuccess,
    possible_overkill: token.colorWarning,
    low_priority: token.colorTextTertiary,
  };
}

const short = (text: string, max = 12) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

interface Point {
  key: string;
  expected: number | null;
  perceived: number | null;
}

/** Another point sits just to the right at about the same height: this one's label goes on its left. */
function crowdedOnRight(p: Point, all: readonly Point[]) {
  return all.some(
    (q) =>
      q.key !== p.key &&
      q.expected! >= p.expected! &&
      q.expected! - p.expected! < 1.2 &&
      Math.abs(q.perceived! - p.perceived!) < 0.3 &&
      !(q.expected === p.expected && q.key < p.key),
  );
}

/**
 * The importance–performance chart: each item at (mean expectation = importance, mean perception =
 * performance), split into four quadrants at the means over the items; the points carry the items'
 * names and the quadrants their advice (concentrate here, keep up, low priority, possible overkill).
 */
export function IpaChart({
  results,
  loading,
  height = 420,
  animate = true,
}: {
  results: SurveyResults | undefined;
  loading: boolean;
  height?: number;
  /** Off for the printed report, which must be drawn when the print dialog opens. */
  animate?: boolean;
}) {
  const { t } = useTranslation('surveys');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!results) return null;
    const items = results.items.filter((i) => i.expected !== null && i.perceived !== null);
    const { importanceMean: im, performanceMean: pm } = results.ipa;
    if (items.length === 0 || im === null || pm === null) return null;
    const colors = quadrantColors(token);
    const name = (q: Quadrant) => t(`quadrant.${q}`);
    // Quadrant areas over the 1–7 scale, each named where it is.
    const areas: [Quadrant, [number, number], [number, number], string][] = [
      ['keep_up', [im, pm], [7, 7], 'insideTopRight'],
      ['concentrate_here', [im, 1], [7, pm], 'insideBottomRight'],
      ['possible_overkill', [1, pm], [im, 7], 'insideTopLeft'],
      ['low_priority', [1, 1], [im, pm], 'insideBottomLeft'],
    ];
    return {
      animation: animate,
      aria: { enabled: true, decal: { show: true } },
      textStyle: { fontFamily: token.fontFamily },
      grid: { left: 56, right: 48, top: 40, bottom: 56 },
      legend: { top: 0, data: IPA_QUADRANTS.map(name) },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const params = Array.isArray(p) ? p[0] : p;
          const d = params?.data as { item?: (typeof items)[number] } | undefined;
          const item = d?.item;
          if (!item) return '';
          return [
            `<b>${escapeHtml(item.text)}</b>`,
            escapeHtml(t('ipa.tipExpected', { v: meanText(item.expected) })),
            escapeHtml(t('ipa.tipPerceived', { v: meanText(item.perceived) })),
            escapeHtml(t('ipa.tipSatisfaction', { v: satisfactionText(item.satisfaction) })),
            escapeHtml(t('ipa.tipGap', { v: gapText(item.gap) })),
          ].join('<br/>');
        },
      },
      xAxis: {
        type: 'value',
        min: 1,
        max: 7,
        interval: 1,
        name: t('ipa.xAxis'),
        nameLocation: 'middle',
        nameGap: 32,
      },
      yAxis: {
        type: 'value',
        min: 1,
        max: 7,
        interval: 1,
        name: t('ipa.yAxis'),
        nameLocation: 'middle',
        nameGap: 36,
      },
      series: IPA_QUADRANTS.map((q, i) => ({
        type: 'scatter' as const,
        name: name(q),
        symbolSize: 14,
        itemStyle: { color: colors[q] },
        data: items
          .filter((item) => item.quadrant === q)
          .map((item) => ({
            value: [item.expected!, item.perceived!],
            name: item.text,
            item,
            label: { position: crowdedOnRight(item, items) ? ('left' as const) : ('right' as const) },
          })),
        label: {
          show: true,
          color: token.colorText,
          formatter: (p: { name: string }) => short(p.name),
        },
        // Labels that would still cover one another give way; the tooltip and the table name them all.
        labelLayout: { hideOverlap: true },
        // The mean lines and the quadrant areas, drawn once with the first series.
        ...(i === 0
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed' as const, color: token.colorTextTertiary },
                label: { formatter: (p: { value: unknown }) => meanText(Number(p.value)) },
                data: [{ xAxis: im }, { yAxis: pm }],
              },
              markArea: {
                silent: true,
                data: areas.map(([quadrant, from, to, position]) => [
                  {
                    name: name(quadrant),
                    coord: from,
                    itemStyle: { color: colors[quadrant], opacity: 0.06 },
                    label: { position, color: token.colorTextSecondary },
                  },
                  { coord: to },
                ]),
              },
            }
          : {}),
      })),
    } as EChartsOption;
  }, [results, t, token, animate]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={height}
      label={t('ipa.label', { n: results?.items.length ?? 0 })}
      emptyText={t('ipa.empty')}
      failedText={t('chartFailed')}
    />
  );
}
