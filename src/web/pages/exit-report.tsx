import {
  Alert,
  Card,
  Col,
  DatePicker,
  Flex,
  Row,
  Segmented,
  Space,
  Statistic,
  Typography,
  theme,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  EXIT_MEANS,
  EXIT_PLAN_STATUSES,
  EXIT_REASONS,
  EXIT_SCOPES,
  PORTFOLIO_SCOPES,
} from '../../shared/codes';
import type { ExitReportDto } from '../../shared/schemas/exit';
import { formatYuan } from '../app/format';
import { codeLabel } from '../i18n';
import { useExitReport } from '../modules/exit/api';
import { planErrorText } from '../modules/exit/components/plan-problem';
import { type BreakdownRow, ReportBreakdownChart } from '../modules/exit/components/report-breakdown-chart';
import { ReportCandidatesChart } from '../modules/exit/components/report-candidates-chart';
import { ReportTables } from '../modules/exit/components/report-tables';
import { usePortfolios } from '../modules/value-analytics/api';
import { PortfolioPicker } from '../modules/value-analytics/components/portfolio-picker';
import { parsePortfolioKey, portfolioKey } from '../modules/value-analytics/format';

const isDate = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && dayjs(v).isValid();

/** The rows of each breakdown of the report, labelled in the reader's language. */
function breakdowns(r: ExitReportDto | undefined, t: (key: string) => string) {
  if (!r) return [];
  return [
    {
      key: 'reason',
      title: t('report.byReason'),
      rows: r.byReason.map((x) => ({ ...x, name: codeLabel(EXIT_REASONS.labels, x.reason) })),
    },
    {
      key: 'means',
      title: t('report.byMeans'),
      rows: r.byMeans.map((x) => ({
        ...x,
        name: x.means ? codeLabel(EXIT_MEANS.labels, x.means) : t('report.noMeans'),
      })),
    },
    {
      key: 'scope',
      title: t('report.byScope'),
      rows: r.byScope.map((x) => ({ ...x, name: codeLabel(EXIT_SCOPES.labels, x.scope) })),
    },
    {
      key: 'month',
      title: t('report.byMonth'),
      rows: r.byMonth.map((x) => ({ ...x, name: x.month })),
    },
    {
      key: 'status',
      title: t('report.byStatus'),
      rows: EXIT_PLAN_STATUSES.codes.map((s) => ({
        name: codeLabel(EXIT_PLAN_STATUSES.labels, s),
        ...(r.byStatus[s] ?? { plans: 0, assetBalance: 0, liabilityBalance: 0 }),
      })),
    },
  ] satisfies { key: string; title: string; rows: BreakdownRow[] }[];
}

/**
 * 退出报告 (issue #9): for a portfolio (the bank, a branch, a team or one RM) and the plans made in a
 * period, how many plans and how much balance is leaving or has left (approved, executing and
 * completed plans), by reason, means, scope and month of completion, and where the screening
 * candidates stand. Charts for the eye, the same numbers as tables for screen readers; the
 * portfolio, the period and the view live in the URL.
 */
export default function ExitReportPage() {
  const { t } = useTranslation(['exitPlans', 'customer360']);
  const { token } = theme.useToken();
  const [params, setParams] = useSearchParams();
  const picked = parsePortfolioKey(params.get('portfolio'));
  const from = isDate(params.get('from')) ? (params.get('from') as string) : undefined;
  const to = isDate(params.get('to')) ? (params.get('to') as string) : undefined;
  const view = params.get('view') === 'table' ? 'table' : 'chart';
  const portfolios = usePortfolios();
  const report = useExitReport({ scope: picked?.scope, scopeId: picked?.id, from, to });
  const r = report.data;
  const pending = report.isPending;

  const update = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  const pickerValue =
    params.get('portfolio') && picked
      ? portfolioKey(picked.scope, picked.id)
      : r
        ? portfolioKey(r.scope, r.scopeId)
        : undefined;
  const names = new Map<string, string>();
  for (const b of portfolios.data?.branches ?? []) names.set(portfolioKey('branch', b.id), b.name);
  for (const x of portfolios.data?.teams ?? []) names.set(portfolioKey('team', x.id), x.name);
  for (const x of portfolios.data?.rms ?? []) names.set(portfolioKey('rm', x.id), x.name);
  const portfolioName = r
    ? r.scope === 'bank'
      ? codeLabel(PORTFOLIO_SCOPES.labels, 'bank')
      : `${codeLabel(PORTFOLIO_SCOPES.labels, r.scope)} · ${names.get(portfolioKey(r.scope, r.scopeId)) ?? ''}`
    : '';
  const period: [Dayjs | null, Dayjs | null] | null =
    from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null;
  const parts = breakdowns(r, t);
  const part = (key: string) => parts.find((p) => p.key === key)?.rows;

  return (
    <Card
      title={t('report.title')}
      extra={
        <Space wrap>
          <PortfolioPicker
            portfolios={portfolios.data}
            loading={portfolios.isPending}
            value={pickerValue}
            onChange={(key) => update({ portfolio: key })}
          />
          <DatePicker.RangePicker
            aria-label={t('report.period')}
            placeholder={[t('report.from'), t('report.to')]}
            value={period}
            allowEmpty={[true, true]}
            onChange={(range) =>
              update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
            }
          />
          <Segmented
            aria-label={t('report.view')}
            value={view}
            onChange={(v) => update({ view: v === 'table' ? 'table' : undefined })}
            options={[
              { value: 'chart', label: t('report.chartView') },
              { value: 'table', label: t('report.tableView') },
            ]}
          />
        </Space>
      }
    >
      <Flex vertical gap="large">
        {report.error && <Alert type="error" showIcon role="alert" title={planErrorText(t, report.error)} />}
        {r && (
          <Typography.Text type="secondary">
            {t('report.hint', {
              portfolio: portfolioName,
              period:
                r.from || r.to
                  ? t('report.periodText', { from: r.from ?? '…', to: r.to ?? '…' })
                  : t('report.allTime'),
            })}
          </Typography.Text>
        )}

        <Row gutter={[16, 16]} role="status" aria-live="polite">
          <Col xs={12} md={8} xl={4}>
            <Statistic title={t('report.leavingPlans')} value={r?.leaving.plans ?? 0} loading={pending} />
          </Col>
          <Col xs={12} md={8} xl={5}>
            <Statistic
              title={t('report.leavingAsset')}
              value={r ? formatYuan(r.leaving.assetBalance, true) : '—'}
              loading={pending}
            />
          </Col>
          <Col xs={12} md={8} xl={5}>
            <Statistic
              title={t('report.leavingLiability')}
              value={r ? formatYuan(r.leaving.liabilityBalance, true) : '—'}
              loading={pending}
            />
          </Col>
          <Col xs={12} md={8} xl={5}>
            <Statistic title={t('report.completed')} value={r?.completed.plans ?? 0} loading={pending} />
            {r && (
              <Typography.Text type="secondary">
                {t('report.completedBalances', {
                  asset: formatYuan(r.completed.assetBalance, true),
                  liability: formatYuan(r.completed.liabilityBalance, true),
                })}
              </Typography.Text>
            )}
          </Col>
          <Col xs={12} md={8} xl={5}>
            <Statistic
              title={t('report.openCandidates')}
              value={r?.candidates.open ?? 0}
              loading={pending}
              suffix={
                <Link to="/exit/candidates" style={{ fontSize: token.fontSize }}>
                  {t('report.toCandidates')}
                </Link>
              }
            />
          </Col>
        </Row>
        <Typography.Text type="secondary">{t('report.leavingHint')}</Typography.Text>

        {view === 'table' ? (
          r && <ReportTables breakdowns={parts} candidates={r.candidates} />
        ) : (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('report.byReason')}>
                  <ReportBreakdownChart
                    rows={part('reason')}
                    loading={pending}
                    label={t('report.byReasonLabel')}
                  />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('report.byMeans')}>
                  <ReportBreakdownChart
                    rows={part('means')}
                    loading={pending}
                    label={t('report.byMeansLabel')}
                  />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('report.byScope')}>
                  <ReportBreakdownChart
                    rows={part('scope')}
                    loading={pending}
                    label={t('report.byScopeLabel')}
                  />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('report.candidates')}>
                  <ReportCandidatesChart candidates={r?.candidates} loading={pending} />
                </Card>
              </Col>
            </Row>
            <Card size="small" title={t('report.byMonth')}>
              <ReportBreakdownChart
                rows={part('month')}
                loading={pending}
                label={t('report.byMonthLabel')}
                timeline
              />
            </Card>
          </>
        )}
      </Flex>
    </Card>
  );
}
