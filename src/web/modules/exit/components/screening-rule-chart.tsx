import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EXIT_RULES, type ExitGroup, type ExitRule, exitGroupOf } from '../../../../shared/codes';
import { LazyChart } from '../../../components/lazy-chart';
import { escapeHtml } from '../../prospect-analytics/format';
import { ruleLabel } from '../evidence';
import { groupChartColor } from './screening-triggers';

// 各规则候选客户数: how many candidates each rule found (before the rule filter), a bar a rule in the
// rules' order, coloured by group; clicking a bar filters the queue by that rule.

export function ScreeningRuleChart({
  byRule,
  group,
  selected,
  loading,
  onPick,
}: {
  byRule: Record<string, number> | undefined;
  /** The group filtered on: the other groups' bars fade. */
  group: ExitGroup | undefined;
  selected: ExitRule | undefined;
  loading: boolean;
  onPick: (rule: ExitRule) => void;
}) {
  const { t, i18n } = useTranslation('exitScreening');
  const { token } = theme.useToken();

  const rules = useMemo(() => EXIT_RULES.codes.filter((r) => (byRule?.[r] ?? 0) > 0), [byRule]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language
  const option = useMemo<EChartsOption | null>(() => {
    if (!byRule || rules.length === 0) return null;
    // Top to bottom in the rules' order: ECharts draws a category axis from the bottom up.
    const shown = [...rules].reverse();
    return {
      aria: { enabled: true, label: { description: t('chart.label') } },
      textStyle: { fontFamily: token.fontFamily },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const item = Array.isArray(p) ? p[0] : p;
          const rule = shown[item?.dataIndex ?? 0]!;
          return [
            escapeHtml(`${rule} ${ruleLabel(rule)}`),
            escapeHtml(t('chart.tip', { count: byRule[rule] ?? 0 })),
          ].join('<br/>');
        },
      },
      xAxis: {
        type: 'value',
        minInterval: 1,
        splitLine: { lineStyle: { color: token.colorBorderSecondary } },
      },
      yAxis: {
        type: 'category',
        data: shown.map((r) => ruleLabel(r)),
        axisLabel: { color: token.colorText, width: 220, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: t('chart.series'),
          barMaxWidth: 22,
          cursor: 'pointer',
          label: { show: true, position: 'right', color: token.colorText },
          data: shown.map((r) => ({
            value: byRule[r] ?? 0,
            itemStyle: {
              color: groupChartColor(token, exitGroupOf(r)),
              opacity: (selected && selected !== r) || (group && exitGroupOf(r) !== group) ? 0.3 : 1,
            },
          })),
        },
      ],
    };
  }, [byRule, rules, group, selected, t, token, i18n.language]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={Math.max(160, rules.length * 34 + 24)}
      label={t('chart.label')}
      emptyText={t('chart.empty')}
      failedText={t('chart.failed')}
      onClick={(p) => {
        const shown = [...rules].reverse();
        const rule = shown[p.dataIndex];
        if (rule) onPick(rule);
      }}
    />
  );
}
