import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Select,
  Space,
  Statistic,
  Typography,
  theme,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PORTFOLIO_SCOPES, VALUE_TIERS } from '../../shared/codes';
import { useUser } from '../app/auth';
import { formatYuan } from '../app/format';
import { codeLabel } from '../i18n';
import { isNoAnalysis, useLifecycle, usePareto, usePortfolios } from '../modules/value-analytics/api';
import { ConcentrationChart } from '../modules/value-analytics/components/concentration-chart';
import { LifecycleDistributionChart } from '../modules/value-analytics/components/lifecycle-distribution-chart';
import { LifecycleSankeyChart } from '../modules/value-analytics/components/lifecycle-sankey-chart';
import { ParetoChart } from '../modules/value-analytics/components/pareto-chart';
import { PortfolioPicker } from '../modules/value-analytics/components/portfolio-picker';
import { TierPyramidChart } from '../modules/value-analytics/components/tier-pyramid-chart';
import {
  isMonth,
  parsePortfolioKey,
  percentText,
  portfolioKey,
  shareOf,
} from '../modules/value-analytics/format';

/**
 * 价值分析: the 80/20 analysis of a portfolio (the bank, a branch, a team or one RM) for a month —
 * realized value over the trailing 12 months, the Pareto curve with the top-20% share and the tier
 * cut-offs, the tier pyramid, the concentration over the months analysed — and the lifecycle: the
 * customers per stage and the month-to-month transitions (DOMAIN §2.1, §3.1). The portfolio and the
 * month live in the URL; without them the server answers the widest portfolio and the latest month.
 */
export default function ValueAnalyticsPage() {
  const { t } = useTranslation('valueAnalytics');
  const { token } = theme.useToken();
  const user = useUser();
  const [params, setParams] = useSearchParams();

  const picked = parsePortfolioKey(params.get('portfolio'));
  const asOf = isMonth(params.get('asOf')) ? (params.get('asOf') as string) : undefined;
  const query = { asOf, scope: picked?.scope, scopeId: picked?.id };
  const portfolios = usePortfolios();
  const pareto = usePareto(query);
  const lifecycle = useLifecycle(query);
  const data = pareto.data;

  const update = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  const noAnalysis = isNoAnalysis(pareto.error);
  const failed = pareto.error && !noAnalysis ? (pareto.error as Error) : null;
  const shown = data?.portfolio;
  const pickerValue =
    params.get('portfolio') && picked
      ? portfolioKey(picked.scope, picked.id)
      : shown
        ? portfolioKey(shown.scope, shown.id)
        : undefined;
  const months = data?.months ?? lifecycle.data?.months ?? [];
  const aShare = data ? shareOf(Math.max(0, data.tierValues.A), data.positiveTotal) : null;
  const portfolioName = shown
    ? shown.scope === 'bank'
      ? codeLabel(PORTFOLIO_SCOPES.labels, 'bank')
      : `${codeLabel(PORTFOLIO_SCOPES.labels, shown.scope)} · ${shown.name ?? ''}`
    : '';

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
          <Select
            aria-label={t('filter.month')}
            placeholder={t('filter.month')}
            style={{ minWidth: 130 }}
            value={data?.asOf ?? asOf}
            options={months.map((m) => ({ value: m, label: m }))}
            notFoundContent={t('filter.noMonths')}
            onChange={(m: string) => update({ asOf: m })}
          />
          {user.role === 'admin' && (
            <Link to="/admin/value">
              <Button>{t('toSettings')}</Button>
            </Link>
          )}
        </Space>
      }
    >
      {noAnalysis ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Space orientation="vertical" size={4}>
              <Typography.Text strong>
                {asOf ? t('noAnalysisMonth', { month: asOf }) : t('noAnalysis')}
              </Typography.Text>
              <Typography.Text type="secondary">
                {user.role === 'admin' ? t('noAnalysisAdmin') : t('noAnalysisHint')}
              </Typography.Text>
            </Space>
          }
        >
          <Space>
            {asOf && <Button onClick={() => update({ asOf: undefined })}>{t('latestMonth')}</Button>}
            {user.role === 'admin' && (
              <Link to="/admin/value">
                <Button type="primary">{t('toRecompute')}</Button>
              </Link>
            )}
          </Space>
        </Empty>
      ) : (
        <Flex vertical gap="large">
          {failed && <Alert type="error" showIcon title={t('loadFailed', { message: failed.message })} />}
          {data && (
            <Typography.Text type="secondary">
              {t('hint', { portfolio: portfolioName, month: data.asOf })}
            </Typography.Text>
          )}

          <Row gutter={[16, 16]} role="status" aria-live="polite">
            <Col xs={12} md={6}>
              <Statistic
                title={t('stat.customers')}
                value={data?.customers ?? 0}
                loading={pareto.isPending}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('stat.total')}
                value={data ? formatYuan(data.total, true) : '—'}
                loading={pareto.isPending}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('stat.top20')}
                value={percentText(data?.top20Share)}
                loading={pareto.isPending}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('stat.tierA', { tier: codeLabel(VALUE_TIERS.labels, 'A') })}
                value={data?.tierCounts.A ?? 0}
                suffix={
                  <Typography.Text type="secondary" style={{ fontSize: token.fontSize }}>
                    {t('stat.tierAShare', { share: percentText(aShare) })}
                  </Typography.Text>
                }
                loading={pareto.isPending}
              />
            </Col>
          </Row>

          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card
                size="small"
                title={t('pareto.title')}
                extra={<Typography.Text type="secondary">{t('pareto.hint')}</Typography.Text>}
              >
                <ParetoChart analysis={data} loading={pareto.isPending} />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('pyramid.title')}>
                <TierPyramidChart analysis={data} loading={pareto.isPending} />
                <Typography.Text type="secondary">{t('pyramid.hint')}</Typography.Text>
              </Card>
            </Col>
          </Row>

          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('concentration.title')}>
                <ConcentrationChart history={data?.history} loading={pareto.isPending} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={t('lifecycle.title')}
                extra={
                  lifecycle.data && (
                    <Typography.Text type="secondary">
                      {t('lifecycle.manual', { count: lifecycle.data.manual })}
                    </Typography.Text>
                  )
                }
              >
                {lifecycle.error ? (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={
                      isNoAnalysis(lifecycle.error)
                        ? t('noAnalysis')
                        : t('loadFailed', { message: (lifecycle.error as Error).message })
                    }
                  />
                ) : (
                  <LifecycleDistributionChart analysis={lifecycle.data} loading={lifecycle.isPending} />
                )}
              </Card>
            </Col>
          </Row>

          <Card
            size="small"
            title={t('transitions.title')}
            extra={
              lifecycle.data && (
                <Typography.Text type="secondary">
                  {t('transitions.hint', { month: lifecycle.data.asOf })}
                </Typography.Text>
              )
            }
          >
            {lifecycle.error ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('transitions.empty')} />
            ) : (
              <LifecycleSankeyChart analysis={lifecycle.data} loading={lifecycle.isPending} />
            )}
          </Card>
        </Flex>
      )}
    </Card>
  );
}
