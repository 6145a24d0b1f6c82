import { theme } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EXIT_CANDIDATE_STATUSES } from '../../../../shared/codes';
import type { ExitReportDto } from '../../../../shared/schemas/exit';
import { LazyChart } from '../../../components/lazy-chart';
import { codeLabel } from '../../../i18n';

/** The screening candidates of the portfolio by where they stand: open, with a plan, kept for now. */
export function ReportCandidatesChart({
  candidates,
  loading,
}: {
  candidates: ExitReportDto['candidates'] | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation('exitPlans');
  const { token } = theme.useToken();

  const option = useMemo<EChartsOption | null>(() => {
    if (!candidates || candidates.open + candidates.planned + candidates.dismissed === 0) return null;
    const colours = {
      open: token.colorWarning,
      planned: token.colorPrimary,
      dismissed: token.colorTextQuaternary,
    };
    return {
      aria: { enabled: true, label: { description: t('report.candidatesLabel') } },
      textStyle: { fontFamily: token.fontFamily },
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, textStyle: { color: token.colorTextSecondary } },
      series: [
        {
          type: 'pie',
          radius: ['40%', '66%'],
          center: ['50%', '44%'],
          label: { formatter: '{b}\n{c}', color: token.colorText },
          data: EXIT_CANDIDATE_STATUSES.codes
            .filter((s) => candidates[s] > 0)
            .map((s) => ({
              name: codeLabel(EXIT_CANDIDATE_STATUSES.labels, s),
              value: candidates[s],
              itemStyle: { color: colours[s] },
            })),
        },
      ],
    };
  }, [candidates, t, token]);

  return (
    <LazyChart
      option={option}
      loading={loading}
      height={280}
      label={t('report.candidatesLabel')}
      emptyText={t('report.noCandidates')}
      failedText={t('report.chartFailed')}
    />
  );
}
