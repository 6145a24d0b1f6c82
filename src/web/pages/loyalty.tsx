import { BulbOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Progress,
  Row,
  Space,
  Statistic,
  Tabs,
  Typography,
  theme,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  CHURN_CAUSES,
  CHURN_REASONS,
  type ChurnCause,
  type ChurnReason,
  PORTFOLIO_SCOPES,
} from '../../shared/codes';
import { useUser } from '../app/auth';
import { codeLabel } from '../i18n';
import {
  type ChurnAnalysis,
  type ChurnRecordsQuery,
  useChurnAnalysis,
  useLoyaltyAnalysis,
} from '../modules/loyalty/api';
import { ChurnMonthsChart } from '../modules/loyalty/components/churn-months-chart';
import { ChurnReasonsChart } from '../modules/loyalty/components/churn-reasons-chart';
import { ChurnRecordsTable } from '../modules/loyalty/components/churn-records-table';
import { ChurnSegmentsChart } from '../modules/loyalty/components/churn-segments-chart';
import { LoyaltyDistributionChart } from '../modules/loyalty/components/loyalty-distribution-chart';
import { LoyaltyMeasuresChart } from '../modules/loyalty/components/loyalty-measures-chart';
import { percentText, pointsText } from '../modules/loyalty/format';
import { usePortfolios } from '../modules/value-analytics/api';
import { PortfolioPicker } from '../modules/value-analytics/components/portfolio-picker';
import { isMonth, parsePortfolioKey, portfolioKey, shareOf } from '../modules/value-analytics/format';

const TABS = ['churn', 'loyalty'] as const;
type Tab = (typeof TABS)[number];
type Params = Record<string, string | undefined>;

/**
 * 流失与忠诚度 (DOMAIN §5): churn — the churn rate 流失率 (customers lost ÷ customers at the start) of
 * a period and of each month, how the customers were found lost, why they left as their RMs recorded
 * it, the rate by value tier and kind, those who complained before leaving, and the lost customers
 * themselves with the reason to record; loyalty 忠诚度 — the portfolio's index, its distribution, the
 * six measures, the acquisition rate, the 12-month churn rate and who stayed after a complaint.
 * The portfolio, the period, the tab, the filters and the page live in the URL.
 */
export default function LoyaltyPage() {
  const { t } = useTranslation('loyalty');
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'churn';

  const picked = parsePortfolioKey(params.get('portfolio'));
  const scope = { scope: picked?.scope, scopeId: picked?.id };
  const from = isMonth(params.get('from')) ? (params.get('from') as string) : undefined;
  const to = isMonth(params.get('to')) ? (params.get('to') as string) : undefined;
  const portfolios = usePortfolios();
  const churn = useChurnAnalysis({ ...scope, from, to });
  const loyalty = useLoyaltyAnalysis(scope);

  // From the latest URL, not this render's copy, so two quick changes both stick.
  const update = (changes: Params, resetPage = true) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      if (resetPage) next.delete('page');
      return next;
    });

  const shown = tab === 'churn' ? churn.data : loyalty.data;
  const pickerValue =
    params.get('portfolio') && picked
      ? portfolioKey(picked.scope, picked.id)
      : shown
        ? portfolioKey(shown.scope, shown.scopeId)
        : undefined;
  const period: [Dayjs, Dayjs] | null =
    from && to
      ? [dayjs(`${from}-01`), dayjs(`${to}-01`)]
      : churn.data
        ? [dayjs(`${churn.data.from}-01`), dayjs(`${churn.data.to}-01`)]
        : null;

  return (
    <Card
      title={t('title')}
      extra={
        <Space wrap>
          <PortfolioPicker
            portfolios={portfolios.data}
            loading={portfolios.isPending}
            value={pickerValue}
            onChange={(key) => update({ portfolio: key })}
          />
          {tab === 'churn' && (
            <DatePicker.RangePicker
              picker="month"
              aria-label={t('filter.period')}
              placeholder={[t('filter.from'), t('filter.to')]}
              value={period}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              onChange={(range) =>
                update({ from: range?.[0]?.format('YYYY-MM'), to: range?.[1]?.format('YYYY-MM') })
              }
            />
          )}
          {user.role === 'admin' && (
            <Link to="/admin/satisfaction">
              <Button>{t('toSettings')}</Button>
            </Link>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key })}
        items={[
          {
            key: 'churn',
            label: t('pageTab.churn'),
            children: <ChurnSection analysis={churn} update={update} params={params} />,
          },
          {
            key: 'loyalty',
            label: t('pageTab.loyalty'),
            children: <LoyaltySection analysis={loyalty} />,
          },
        ]}
      />
    </Card>
  );
}

function portfolioName(scope: ChurnAnalysis['scope'], id: number | null, names: Map<string, string>) {
  if (scope === 'bank') return codeLabel(PORTFOLIO_SCOPES.labels, 'bank');
  return `${codeLabel(PORTFOLIO_SCOPES.labels, scope)} · ${names.get(portfolioKey(scope, id)) ?? ''}`;
}

function usePortfolioNames() {
  const portfolios = usePortfolios().data;
  const names = new Map<string, string>();
  for (const b of portfolios?.branches ?? []) names.set(portfolioKey('branch', b.id), b.name);
  for (const x of portfolios?.teams ?? []) names.set(portfolioKey('team', x.id), x.name);
  for (const r of portfolios?.rms ?? []) names.set(portfolioKey('rm', r.id), r.name);
  return names;
}

// ---- churn

function ChurnSection({
  analysis,
  update,
  params,
}: {
  analysis: ReturnType<typeof useChurnAnalysis>;
  update: (changes: Params, resetPage?: boolean) => void;
  params: URLSearchParams;
}) {
  const { t } = useTranslation('loyalty');
  const { token } = theme.useToken();
  const user = useUser();
  const names = usePortfolioNames();
  const data = analysis.data;
  const pending = analysis.isPending;

  const param = <T extends string>(key: string, allowed: readonly T[]) => {
    const v = params.get(key);
    return v && allowed.includes(v as T) ? (v as T) : undefined;
  };
  const records: ChurnRecordsQuery = {
    scope: data?.scope,
    scopeId: data?.scopeId ?? undefined,
    from: data?.from,
    to: data?.to,
    cause: param('cause', CHURN_CAUSES.codes),
    reason: param<ChurnReason | 'none'>('reason', [...CHURN_REASONS.codes, 'none']),
    complainedBefore: param('complainedBefore', ['true', 'false'] as const),
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: [20, 50, 100].includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20,
  };
  const showRecords = (changes: Params) => {
    update(changes);
    document.getElementById('lost-customers')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const canRecord = user.role === 'rm' || user.role === 'team_lead' || user.role === 'admin';
  const causeTotal = data?.byCause.reduce((s, c) => s + c.count, 0) ?? 0;

  return (
    <Flex vertical gap="large">
      {analysis.error && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed', { message: (analysis.error as Error).message })}
        />
      )}
      {data && (
        <Typography.Text type="secondary">
          {t('churn.hint', {
            portfolio: portfolioName(data.scope, data.scopeId, names),
            from: data.from,
            to: data.to,
          })}
        </Typography.Text>
      )}

      <Row gutter={[16, 16]} role="status" aria-live="polite">
        <Col xs={12} md={6}>
          <Statistic
            title={t('churn.stat.rate')}
            value={percentText(data?.rate, 2)}
            loading={pending}
            styles={{ content: { color: token.colorError } }}
          />
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {t('churn.stat.formula')}
          </Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('churn.stat.atStart')} value={data?.atStart ?? 0} loading={pending} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('churn.stat.lost')} value={data?.lost ?? 0} loading={pending} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('churn.stat.lostAfterComplaint')}
            value={data?.lostAfterComplaint ?? 0}
            loading={pending}
            suffix={
              data && (
                <Typography.Text type="secondary" style={{ fontSize: token.fontSize }}>
                  {t('churn.stat.ofLost', {
                    share: percentText(shareOf(data.lostAfterComplaint, data.lost)),
                  })}
                </Typography.Text>
              )
            }
          />
          {data && data.lostAfterComplaint > 0 && (
            <Button
              type="link"
              size="small"
              style={{ padding: 0 }}
              onClick={() => showRecords({ complainedBefore: 'true', cause: undefined, reason: undefined })}
            >
              {t('churn.stat.showComplained')}
            </Button>
          )}
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('churn.months.title')}>
            <ChurnMonthsChart analysis={data} loading={pending} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={t('churn.reasons.title')}
            extra={<Typography.Text type="secondary">{t('churn.reasons.hint')}</Typography.Text>}
          >
            <ChurnReasonsChart
              analysis={data}
              loading={pending}
              onPick={(reason) => showRecords({ reason, cause: undefined, complainedBefore: undefined })}
            />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('churn.causes.title')} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">{t('churn.causes.hint')}</Typography.Paragraph>
            <Flex vertical gap={token.marginSM}>
              {CHURN_CAUSES.codes.map((cause: ChurnCause) => {
                const count = data?.byCause.find((c) => c.cause === cause)?.count ?? 0;
                return (
                  <div key={cause}>
                    <Flex justify="space-between" align="baseline">
                      <Button
                        type="link"
                        style={{ padding: 0 }}
                        disabled={count === 0}
                        aria-label={t('churn.causes.show', { cause: codeLabel(CHURN_CAUSES.labels, cause) })}
                        onClick={() => showRecords({ cause, reason: undefined, complainedBefore: undefined })}
                      >
                        {codeLabel(CHURN_CAUSES.labels, cause)}
                      </Button>
                      <Typography.Text>
                        {t('churn.causes.count', { count, share: percentText(shareOf(count, causeTotal)) })}
                      </Typography.Text>
                    </Flex>
                    <Progress
                      percent={causeTotal > 0 ? (count / causeTotal) * 100 : 0}
                      showInfo={false}
                      strokeColor={token.colorError}
                      aria-hidden
                    />
                  </div>
                );
              })}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={t('churn.segments.title')}
            extra={<Typography.Text type="secondary">{t('churn.segments.hint')}</Typography.Text>}
            style={{ height: '100%' }}
          >
            <ChurnSegmentsChart analysis={data} loading={pending} />
          </Card>
        </Col>
      </Row>

      <Card
        id="lost-customers"
        size="small"
        title={t('records.title')}
        extra={
          data && (
            <Typography.Text type="secondary">
              {t('records.hint', {
                portfolio: portfolioName(data.scope, data.scopeId, names),
                from: data.from,
                to: data.to,
              })}
            </Typography.Text>
          )
        }
      >
        {data ? (
          <ChurnRecordsTable
            query={records}
            onChange={(c, reset = true) => update(c, reset)}
            canRecord={canRecord}
          />
        ) : (
          <Typography.Text type="secondary">{t('records.waiting')}</Typography.Text>
        )}
      </Card>
    </Flex>
  );
}

// ---- loyalty

function LoyaltySection({ analysis }: { analysis: ReturnType<typeof useLoyaltyAnalysis> }) {
  const { t } = useTranslation('loyalty');
  const { token } = theme.useToken();
  const names = usePortfolioNames();
  const data = analysis.data;
  const pending = analysis.isPending;

  return (
    <Flex vertical gap="large">
      {analysis.error && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed', { message: (analysis.error as Error).message })}
        />
      )}
      {data && (
        <Typography.Text type="secondary">
          {t('loyalty.hint', { portfolio: portfolioName(data.scope, data.scopeId, names) })}
        </Typography.Text>
      )}
      {data && data.measured === 0 && <Alert type="info" showIcon title={t('loyalty.noIndexHint')} />}

      <Row gutter={[16, 16]} role="status" aria-live="polite">
        <Col xs={12} md={6}>
          <Statistic
            title={t('loyalty.stat.meanIndex')}
            value={pointsText(data?.meanIndex)}
            suffix={data?.meanIndex != null && <span style={{ fontSize: token.fontSize }}>/ 100</span>}
            loading={pending}
          />
          {data && (
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {t('loyalty.stat.measured', { measured: data.measured, customers: data.customers })}
            </Typography.Text>
          )}
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('loyalty.stat.acquisitionRate')}
            value={percentText(data?.acquisitionRate)}
            loading={pending}
          />
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {t('loyalty.stat.acquisitionHint')}
          </Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('loyalty.stat.churnRate12m')}
            value={percentText(data?.churnRate12m, 2)}
            loading={pending}
          />
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {t('churn.stat.formula')}
          </Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('loyalty.stat.stayedAfterComplaint')}
            value={percentText(data?.stayedAfterComplaint)}
            loading={pending}
          />
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {t('loyalty.stat.stayedHint')}
          </Typography.Text>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('loyalty.distribution.title')}>
            <LoyaltyDistributionChart analysis={data} loading={pending} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('loyalty.measures.title')}>
            <LoyaltyMeasuresChart analysis={data} loading={pending} />
            <Typography.Text type="secondary">{t('loyalty.measures.hint')}</Typography.Text>
          </Card>
        </Col>
      </Row>

      <Alert
        type="info"
        showIcon
        icon={<BulbOutlined />}
        title={t('loyalty.raise')}
        description={t('loyalty.raiseText')}
      />
    </Flex>
  );
}
