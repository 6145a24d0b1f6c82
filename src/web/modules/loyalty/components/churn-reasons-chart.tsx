import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CHURN_REASONS, type ChurnReason } from '../../../../shared/codes';
import { LazyChart } from '../../../components/lazy-chart';
import { codeLabel } from '../../../i18n';
import { escapeHtml, shareOf } from '../../value-analytics/format';
import type { ChurnAnalysis } from '../api';
import { percentText } from '../format';

/**
 * Why the customers of the period left, as their RMs recorded it; the lost customers without a
 * recorded reason are a grey slice of their own ("not recorded"), so the chart never hides them.
 * A click on a slice lists those customers below.
 */
export function ChurnReasonsChart({
  analysis,
  loading,
  onPick,
}: {
  analysis: ChurnAnalysis | undefined;
  loading: boolean;
  onPick?: (reason: ChurnReason | 'none') => void;
}) {
  const { t } = useTranslation('loyalty');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    const rows = (analysis?.byReason ?? []).filter((r) => r.count > 0);
    if (rows.length === 0) return null;
    const total = rows.reduce((s, r) => s + r.count, 0);
    const palette = [
      token.colorPrimary,
      token.colorError,
      token.purple6,
      token.orange6,
      token.cyan7,
      token.magenta6,
      token.geekblue4,
      token.gold7,
    ];
    // Recorded reasons first, largest first; "not recorded" last.
    const sorted = [...rows].sort((a, b) =>
      a.reason === null ? 1 : b.reason === null ? -1 : b.count - a.count,
    );
    const data = sorted.map((r) => ({
      name: r.reason === null ? t('churn.notRecorded') : codeLabel(CHURN_REASONS.labels, r.reason),
      value: r.count,
      code: r.reason ?? 'none',
      itemStyle: {
        color:
          r.reason === null
            ? token.colorTextQuaternary
            : palette[CHURN_REASONS.codes.indexOf(r.reason) % palette.length],
      },
    }));
    return {
      aria: { enabled: true, label: { description: t('churn.reasons.label') } },
      textStyle: { fontFamily: token.fontFamily },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const d = (Array.isArray(p) ? p[0] : p)!.data as (typeof data)[number];
          return `${escapeHtml(d.name)}<br/>${escapeHtml(
            t('churn.reasons.tip', { count: d.value, share: percentText(shareOf(d.value, total)) }),
          )}`;
        },
      },
      legend: { type: 'scroll', bottom: 0, textStyle: { color: token.colorTextSecondary } },
      series: [
        {
          type: 'pie',
          radius: ['38%', '66%'],
          center: ['50%', '44%'],
          avoidLabelOverlap: true,
          label: {
            formatter: (p) => `${p.name}\n${p.value}`,
            color: token.colorText,
          },
          data,
        },
      ],
    };
  }, [analysis, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={280}
      label={t('churn.reasons.label')}
      emptyText={t('churn.reasons.empty')}
      failedText={t('chartFailed')}
      onClick={(p) => {
        const code = (p.data as { code?: ChurnReason | 'none' } | undefined)?.code;
        if (code && onPick) onPick(code);
      }}
    />
  );
}
