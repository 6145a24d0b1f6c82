import { type GlobalToken, theme } from 'antd';
import type { EChartsOption } from 'echarts';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PROSPECT_STATUSES } from '../../../../shared/codes';
import { LazyChart } from '../../../components/lazy-chart';
import { codeLabel } from '../../../i18n';
import type { NetworkNode, ReferralNetwork } from '../api';
import { escapeHtml } from '../format';

// The referral network 介绍网络 as an ECharts force-directed graph: who introduced whom. Nodes are
// coloured by status (one legend entry each, so a status can be switched off); converted prospects,
// now customers, stand out as gold diamonds, other customers as squares, people as triangles, nodes
// outside the viewer's scope as small grey dots without a name. A node grows with the referrals it
// brought. Clicking a prospect or customer opens it.

type Category = (typeof PROSPECT_STATUSES.codes)[number] | 'converted' | 'customer' | 'person' | 'hidden';

export function categoryOf(node: NetworkNode): Category {
  if (node.hidden) return 'hidden';
  if (node.converted) return 'converted';
  if (node.kind === 'customer') return 'customer';
  if (node.kind === 'contact' || node.kind === 'person') return 'person';
  return (PROSPECT_STATUSES.codes.find((c) => c === node.status) ?? 'sourced') as Category;
}

const SYMBOLS: Partial<Record<Category, string>> = {
  converted: 'diamond',
  customer: 'roundRect',
  person: 'triangle',
};

function categoryColors(token: GlobalToken): Record<Category, string> {
  return {
    sourced: token.blue3,
    screened: token.blue4,
    needs_researched: token.blue5,
    assessed: token.geekblue5,
    targeted: token.geekblue6,
    action_planned: token.purple5,
    engaged: token.purple6,
    established: token.green6,
    product_followup: token.green7,
    disqualified: token.colorTextQuaternary,
    converted: token.gold6,
    customer: token.cyan6,
    person: token.magenta5,
    hidden: token.colorBorder,
  };
}

function categoryLabel(t: TFunction<'pipeline'>, c: Category) {
  return c === 'converted' || c === 'customer' || c === 'person' || c === 'hidden'
    ? t(`network.category.${c}`)
    : codeLabel(PROSPECT_STATUSES.labels, c);
}

export function NetworkGraph({
  network,
  loading,
  onOpen,
  height = 640,
}: {
  network: ReferralNetwork | undefined;
  loading: boolean;
  onOpen: (node: NetworkNode) => void;
  height?: number;
}) {
  const { t } = useTranslation('pipeline');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!network || network.nodes.length === 0) return null;
    const colors = categoryColors(token);
    const present = new Set(network.nodes.map(categoryOf));
    const categories = (
      [...PROSPECT_STATUSES.codes, 'converted', 'customer', 'person', 'hidden'] as Category[]
    ).filter((c) => present.has(c));
    const referrals = new Map<string, number>();
    for (const e of network.edges) referrals.set(e.source, (referrals.get(e.source) ?? 0) + 1);
    const byId = new Map(network.nodes.map((n) => [n.id, n]));
    // A small network names every node; a large one only its busiest referrers (the rest on hover).
    const labelled = network.nodes.length <= 80;
    const named = new Set(
      [...referrals]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 15)
        .map(([id]) => id),
    );
    const big = network.nodes.length > 200;
    const base = big ? 8 : 14;
    const nameOf = (n: NetworkNode) => n.name ?? t('network.hiddenName');

    return {
      aria: { enabled: true },
      textStyle: { fontFamily: token.fontFamily },
      legend: {
        top: 0,
        type: 'scroll',
        data: categories.map((c) => categoryLabel(t, c)),
      },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const item = Array.isArray(p) ? p[0]! : p;
          if (item.dataType === 'edge') {
            const d = item.data as { source: string; target: string };
            const a = byId.get(d.source);
            const b = byId.get(d.target);
            return a && b ? escapeHtml(t('network.edgeTip', { from: nameOf(a), to: nameOf(b) })) : '';
          }
          const n = byId.get((item.data as { id: string }).id);
          if (!n) return '';
          if (n.hidden) return escapeHtml(t('network.hiddenTip'));
          const lines = [
            `<strong>${escapeHtml(nameOf(n))}</strong>`,
            escapeHtml(`${t(`network.kind.${n.kind}`)} · ${categoryLabel(t, categoryOf(n))}`),
          ];
          if (n.converted)
            lines.push(
              escapeHtml(`${t('network.statusLabel')}: ${codeLabel(PROSPECT_STATUSES.labels, n.status)}`),
            );
          if (n.organisation)
            lines.push(escapeHtml(t('network.organisationTip', { name: n.organisation.name })));
          const count = referrals.get(n.id) ?? 0;
          if (count > 0) lines.push(escapeHtml(t('network.referralsTip', { count })));
          return lines.join('<br/>');
        },
      },
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          top: 40,
          // A bank-wide network has hundreds of nodes: pulled closer together it still fits the view.
          force: big
            ? { repulsion: 28, edgeLength: [12, 40], gravity: 0.35, friction: 0.2 }
            : { repulsion: 160, edgeLength: [50, 120], gravity: 0.08, friction: 0.2 },
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 7,
          emphasis: { focus: 'adjacency', label: { show: true }, lineStyle: { width: 3 } },
          lineStyle: { color: 'source', opacity: 0.6, width: 1.2, curveness: 0.12 },
          labelLayout: { hideOverlap: !labelled },
          label: {
            show: labelled,
            position: 'right',
            color: token.colorText,
            fontSize: token.fontSizeSM,
            formatter: '{b}',
          },
          categories: categories.map((c) => ({
            name: categoryLabel(t, c),
            symbol: SYMBOLS[c] ?? 'circle',
            itemStyle: { color: colors[c] },
          })),
          data: network.nodes.map((n) => {
            const c = categoryOf(n);
            const count = referrals.get(n.id) ?? 0;
            return {
              id: n.id,
              name: n.name ?? '',
              category: categories.indexOf(c),
              symbol: SYMBOLS[c] ?? 'circle',
              symbolSize: n.hidden ? base * 0.6 : Math.min(44, base + 7 * Math.sqrt(count)),
              label: { show: !n.hidden && (labelled || named.has(n.id)) },
              itemStyle: n.converted
                ? { color: colors.converted, borderColor: token.colorWarningText, borderWidth: 2 }
                : { color: colors[c] },
              cursor: n.hidden || n.kind === 'person' ? 'default' : 'pointer',
            };
          }),
          links: network.edges.map((e) => ({ source: e.source, target: e.target })),
        },
      ],
    };
    // t changes with the language, and so do the status labels.
  }, [network, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={height}
      label={t('network.label')}
      emptyText={t('network.empty')}
      failedText={t('chartFailed')}
      onClick={(params) => {
        if (params.dataType !== 'node') return;
        const node = network?.nodes.find((n) => n.id === (params.data as { id: string }).id);
        if (node) onOpen(node);
      }}
    />
  );
}
