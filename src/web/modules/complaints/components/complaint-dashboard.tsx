import { Alert, Card, Col, DatePicker, Flex, Row, Select, Statistic, Typography, theme } from 'antd';
import dayjs from 'dayjs';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FEEDBACK_CATEGORIES, FEEDBACK_KINDS } from '../../../../shared/codes';
import { LazyChart } from '../../../components/lazy-chart';
import { codeLabel } from '../../../i18n';
import { useBranches } from '../../admin/api';
import { escapeHtml } from '../../prospect-analytics/format';
import { percentText } from '../../value-analytics/format';
import { type ComplaintDashboard as Dashboard, useComplaintDashboard } from '../api';

// 投诉与建议看板: for a span of months (received in them) and one branch or all — the cases by
// category (how many are open, how many breached their deadline), by month and kind, by branch with
// the mean time to resolve; how fast cases are resolved (median, 90th percentile, the share within
// the deadline) and how satisfied customers were with the fix. The span and the branch live in the URL.

const isMonth = (v: string | null): v is string => !!v && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
const hoursText = (v: number | null) =>
  v === null ? '—' : new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(v);

export function ComplaintDashboard() {
  const { t } = useTranslation('complaints');
  const { token } = theme.useToken();
  const [params, setParams] = useSearchParams();
  const from = isMonth(params.get('from')) ? (params.get('from') as string) : undefined;
  const to = isMonth(params.get('to')) ? (params.get('to') as string) : undefined;
  const branchId = Number(params.get('branchId')) > 0 ? Number(params.get('branchId')) : undefined;
  const dashboard = useComplaintDashboard({ from, to, branchId });
  const branches = useBranches();
  const d = dashboard.data;

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  const shownFrom = from ?? d?.from;
  const shownTo = to ?? d?.to;
  const loading = dashboard.isPending;

  return (
    <Flex vertical gap="middle">
      <Flex gap="small" wrap align="center">
        <DatePicker.RangePicker
          picker="month"
          aria-label={t('dashboard.period')}
          allowClear={false}
          value={shownFrom && shownTo ? [dayjs(`${shownFrom}-01`), dayjs(`${shownTo}-01`)] : null}
          onChange={(range) => {
            if (range?.[0] && range[1])
              update({ from: range[0].format('YYYY-MM'), to: range[1].format('YYYY-MM') });
          }}
        />
        <Select
          aria-label={t('dashboard.branch')}
          placeholder={t('dashboard.allBranches')}
          allowClear
          style={{ minWidth: 180 }}
          value={branchId}
          loading={branches.isPending}
          options={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          onChange={(v?: number) => update({ branchId: v ? String(v) : undefined })}
        />
        {d && (
          <Typography.Text type="secondary" role="status">
            {t('dashboard.span', { from: d.from, to: d.to })}
          </Typography.Text>
        )}
      </Flex>

      {dashboard.error && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed')}
          description={(dashboard.error as Error).message}
        />
      )}

      <Row gutter={[token.margin, token.margin]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('dashboard.totals')} style={{ height: '100%' }}>
            <Row gutter={[token.marginLG, token.marginSM]}>
              <Col span={12}>
                <Statistic title={t('dashboard.total')} value={d?.total ?? '—'} loading={loading} />
              </Col>
              <Col span={12}>
                <Statistic title={t('dashboard.open')} value={d?.open ?? '—'} loading={loading} />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('dashboard.breached')}
                  value={d?.breached ?? '—'}
                  loading={loading}
                  styles={{ content: d && d.breached > 0 ? { color: token.colorError } : undefined }}
                />
              </Col>
              <Col span={12}>
                <Statistic title={t('dashboard.escalated')} value={d?.escalated ?? '—'} loading={loading} />
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('dashboard.resolution')} style={{ height: '100%' }}>
            <Row gutter={[token.marginLG, token.marginSM]}>
              <Col xs={12} md={8}>
                <Statistic
                  title={t('dashboard.resolved')}
                  value={d?.resolution.resolved ?? '—'}
                  loading={loading}
                />
              </Col>
              <Col xs={12} md={8}>
                <Statistic
                  title={t('dashboard.medianHours')}
                  value={hoursText(d?.resolution.medianHours ?? null)}
                  suffix={d?.resolution.medianHours != null ? t('dashboard.hoursSuffix') : undefined}
                  loading={loading}
                />
              </Col>
              <Col xs={12} md={8}>
                <Statistic
                  title={t('dashboard.p90Hours')}
                  value={hoursText(d?.resolution.p90Hours ?? null)}
                  suffix={d?.resolution.p90Hours != null ? t('dashboard.hoursSuffix') : undefined}
                  loading={loading}
                />
              </Col>
              <Col xs={12} md={8}>
                <Statistic
                  title={t('dashboard.withinDeadline')}
                  value={percentText(d?.resolution.withinDeadlineShare ?? null)}
                  loading={loading}
                />
              </Col>
              <Col xs={24} md={16}>
                <Statistic
                  title={t('dashboard.fixSatisfaction')}
                  value={
                    d?.fixSatisfaction.mean == null
                      ? '—'
                      : new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(
                          d.fixSatisfaction.mean,
                        )
                  }
                  suffix={
                    d?.fixSatisfaction.mean == null
                      ? undefined
                      : t('dashboard.fixSatisfactionSuffix', { n: d.fixSatisfaction.n })
                  }
                  loading={loading}
                />
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('dashboard.byCategory')}>
            <ByCategoryChart data={d} loading={loading} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('dashboard.byMonth')}>
            <ByMonthChart data={d} loading={loading} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('dashboard.byBranch')}>
            <ByBranchChart data={d} loading={loading} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

function ByCategoryChart({ data, loading }: { data: Dashboard | undefined; loading: boolean }) {
  const { t } = useTranslation('complaints');
  const { token } = theme.useToken();
  const option = useMemo<EChartsOption | null>(() => {
    const rows = (data?.byCategory ?? []).filter((r) => r.count > 0);
    if (rows.length === 0) return null;
    // Largest at the top of a horizontal bar chart: ECharts draws the first category at the bottom.
    const sorted = [...rows].sort((a, b) => a.count - b.count);
    const labels = sorted.map((r) => codeLabel(FEEDBACK_CATEGORIES.labels, r.category));
    return {
      aria: { enabled: true, label: { description: t('dashboard.byCategoryLabel') } },
      textStyle: { fontFamily: token.fontFamily },
      color: [token.colorInfo, token.gold6, token.colorError],
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: labels },
      series: [
        { name: t('dashboard.total'), type: 'bar', barMaxWidth: 14, data: sorted.map((r) => r.count) },
        { name: t('dashboard.open'), type: 'bar', barMaxWidth: 14, data: sorted.map((r) => r.open) },
        { name: t('dashboard.breached'), type: 'bar', barMaxWidth: 14, data: sorted.map((r) => r.breached) },
      ],
    };
  }, [data, t, token]);
  return (
    <LazyChart
      option={option}
      loading={loading}
      label={t('dashboard.byCategoryLabel')}
      emptyText={t('dashboard.empty')}
      failedText={t('chartFailed')}
    />
  );
}

function ByMonthChart({ data, loading }: { data: Dashboard | undefined; loading: boolean }) {
  const { t } = useTranslation('complaints');
  const { token } = theme.useToken();
  const option = useMemo<EChartsOption | null>(() => {
    const rows = data?.byMonth ?? [];
    if (rows.every((r) => r.complaint + r.suggestion + r.praise === 0)) return null;
    return {
      aria: { enabled: true, label: { description: t('dashboard.byMonthLabel') } },
      textStyle: { fontFamily: token.fontFamily },
      color: [token.volcano6, token.geekblue6, token.green6],
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: rows.map((r) => r.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: FEEDBACK_KINDS.codes.map((kind) => ({
        name: codeLabel(FEEDBACK_KINDS.labels, kind),
        type: 'bar' as const,
        stack: 'kind',
        barMaxWidth: 32,
        data: rows.map((r) => r[kind]),
      })),
    };
  }, [data, t, token]);
  return (
    <LazyChart
      option={option}
      loading={loading}
      label={t('dashboard.byMonthLabel')}
      emptyText={t('dashboard.empty')}
      failedText={t('chartFailed')}
    />
  );
}

function ByBranchChart({ data, loading }: { data: Dashboard | undefined; loading: boolean }) {
  const { t } = useTranslation('complaints');
  const { token } = theme.useToken();
  const option = useMemo<EChartsOption | null>(() => {
    const rows = (data?.byBranch ?? []).filter((r) => r.count > 0);
    if (rows.length === 0) return null;
    const names = rows.map((r) => r.branch?.name ?? t('dashboard.noBranch'));
    return {
      aria: { enabled: true, label: { description: t('dashboard.byBranchLabel') } },
      textStyle: { fontFamily: token.fontFamily },
      color: [token.colorInfo, token.colorError, token.gold7],
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const i = list[0]?.dataIndex ?? 0;
          const r = rows[i];
          if (!r) return '';
          return [
            escapeHtml(names[i] ?? ''),
            escapeHtml(t('dashboard.tipCount', { count: r.count })),
            escapeHtml(t('dashboard.tipBreached', { count: r.breached })),
            escapeHtml(t('dashboard.tipMeanHours', { hours: hoursText(r.meanHoursToResolve) })),
          ].join('<br/>');
        },
      },
      xAxis: {
        type: 'category',
        data: names,
        axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, hideOverlap: true },
      },
      yAxis: [
        { type: 'value', minInterval: 1, name: t('dashboard.countAxis'), nameTextStyle: { align: 'left' } },
        {
          type: 'value',
          min: 0,
          name: t('dashboard.hoursAxis'),
          nameTextStyle: { align: 'right' },
          splitLine: { show: false },
        },
      ],
      series: [
        { name: t('dashboard.total'), type: 'bar', barMaxWidth: 32, data: rows.map((r) => r.count) },
        { name: t('dashboard.breached'), type: 'bar', barMaxWidth: 32, data: rows.map((r) => r.breached) },
        {
          name: t('dashboard.meanHours'),
          type: 'line',
          yAxisIndex: 1,
          symbolSize: 10,
          // Branches are not a sequence: points, not a line between them.
          lineStyle: { width: 0 },
          label: {
            show: true,
            position: 'top',
            backgroundColor: token.colorBgContainer,
            padding: [1, 3],
            formatter: (p) => (p.value == null ? '' : hoursText(Number(p.value))),
          },
          data: rows.map((r) => r.meanHoursToResolve),
        },
      ],
    };
  }, [data, t, token]);
  return (
    <LazyChart
      option={option}
      loading={loading}
      label={t('dashboard.byBranchLabel')}
      emptyText={t('dashboard.empty')}
      failedText={t('chartFailed')}
    />
  );
}
