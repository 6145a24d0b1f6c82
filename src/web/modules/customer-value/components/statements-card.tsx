import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, InputNumber, Row, Table, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { EChartsOption } from 'echarts';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExitCriteriaDto } from '../../../../shared/schemas/exit';
import { financialStatementInputSchema, statementFields } from '../../../../shared/schemas/value';
import { ApiError } from '../../../app/api';
import { formatDateTime, formatYuan } from '../../../app/format';
import { LazyChart } from '../../../components/lazy-chart';
import { useCustomer } from '../../customers/api';
import { TabFormModal } from '../../customers/components/tab-form-modal';
import { zodRule } from '../../customers/components/validation';
import { useExitCriteria } from '../../exit/api';
import { type FinancialStatement, useFinancialStatements, usePutFinancialStatement } from '../api';
import { formatPercent } from '../format';
import { localizeError } from '../problems';
import { ratioTrend, type StatementRatios, statementRatios, type TrendYear } from '../statement-ratios';

// A corporate customer's yearly financial statements (DOMAIN §5 pitfall 3: credit decisions on stale
// or worsening statements). One column a fiscal year, newest first, like an annual report; an editor
// adds a year or corrects one. Below the figures, the ratios the exit criteria read (§6.1 EX3), a
// figure beyond its exit threshold in red, and their trend over the last five years.

type Field = (typeof statementFields)[number];
type Values = { fiscalYear: number | null } & Record<Field, number | null>;
interface Cell {
  text: string;
  /** beyond the exit threshold (§6.1 EX3) */
  danger?: boolean;
}
interface StatementRow {
  key: string;
  label: string;
  /** a heading row that starts a group of rows */
  heading?: boolean;
  cells: Record<number, Cell>;
}
type Criteria = Pick<ExitCriteriaDto, 'currentRatioBelow' | 'debtRatioAbove'>;

const TREND_YEARS = 5;
const ratio2 = (x: number) => x.toFixed(2);
/** A rate as the bank writes it: 3.1% → "3.10%". */
const rate2 = (x: number | null) => formatPercent(x, 2);

const ratioLabel = (t: TFunction) => ({
  currentRatio: t('statements.ratio.currentRatio'),
  debtRatio: t('statements.debtRatio'),
  roe: t('statements.ratio.roe'),
  benchmarkRate: t('statements.ratio.benchmarkRate'),
});

/** Whether a year's ratio is beyond its exit threshold; the debt ratio of a foreign-trade enterprise never is. */
function beyond(r: StatementRatios, criteria: Criteria | undefined, foreignTrade: boolean) {
  return {
    currentRatio: !!criteria && r.currentRatio !== null && r.currentRatio < criteria.currentRatioBelow,
    debtRatio:
      !!criteria &&
      !foreignTrade &&
      ((r.debtRatio !== null && r.debtRatio > criteria.debtRatioAbove) || r.noAssets),
    roe: r.equityNotPositive || (r.roe !== null && r.benchmarkRate !== null && r.roe < r.benchmarkRate),
    operatingCashFlow: r.operatingCashFlow !== null && r.operatingCashFlow < 0,
  };
}

function ratioCells(t: TFunction, r: StatementRatios, criteria: Criteria | undefined, foreignTrade: boolean) {
  const over = beyond(r, criteria, foreignTrade);
  return {
    currentRatio: {
      text: r.noCurrentLiabilities
        ? t('statements.noCurrentLiabilities')
        : r.currentRatio === null
          ? '—'
          : ratio2(r.currentRatio),
      danger: over.currentRatio,
    },
    debtRatio: {
      text: r.noAssets ? t('statements.noAssets') : formatPercent(r.debtRatio),
      danger: over.debtRatio,
    },
    roe: {
      text: r.equityNotPositive ? t('statements.equityNotPositive') : formatPercent(r.roe),
      danger: over.roe,
    },
    benchmarkRate: { text: rate2(r.benchmarkRate) },
  } satisfies Record<string, Cell>;
}

const thisYear = () => new Date().getFullYear();
const yearRule = (problem: string) => ({
  validator: async (_: unknown, v: unknown) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1900 || v > thisYear()) throw new Error(problem);
  },
});

export function StatementsCard({ customerId, canEdit }: { customerId: number; canEdit: boolean }) {
  const { t } = useTranslation('value');
  const { message } = App.useApp();
  const list = useFinancialStatements(customerId, true);
  const put = usePutFinancialStatement(customerId);
  const [editing, setEditing] = useState<FinancialStatement | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const statements = [...(list.data ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear);
  const criteria = useExitCriteria();
  const foreignTrade = useCustomer(customerId).data?.foreignTrade ?? false;
  const benchmarkRates = criteria.data?.benchmarkRates ?? [];
  const trend = useMemo(
    () => ratioTrend(list.data ?? [], criteria.data?.benchmarkRates ?? [], TREND_YEARS),
    [list.data, criteria.data],
  );

  const open = (s: FinancialStatement | 'new') => {
    form.resetFields();
    if (s === 'new') {
      const latest = statements[0]?.fiscalYear;
      form.setFieldsValue({ fiscalYear: latest ? latest + 1 : thisYear() - 1 });
    } else {
      form.setFieldsValue({
        fiscalYear: s.fiscalYear,
        ...Object.fromEntries(statementFields.map((f) => [f, s[f]])),
      });
    }
    setEditing(s);
  };

  const submit = async (v: Values) => {
    const year = editing === 'new' ? (v.fiscalYear ?? 0) : (editing?.fiscalYear ?? 0);
    if (editing === 'new' && statements.some((s) => s.fiscalYear === year)) {
      const problem = t('statements.yearExists', { year });
      throw new ApiError(400, 'year_exists', problem, [{ path: 'fiscalYear', message: problem }]);
    }
    const existing = editing === 'new' ? null : editing;
    await put
      .mutateAsync({
        year,
        body: {
          version: existing?.version ?? 0,
          ...Object.fromEntries(statementFields.map((f) => [f, v[f] ?? null])),
        },
      })
      .catch((e) => Promise.reject(localizeError(t, e)));
    message.success(t('statements.saved', { year }));
    setEditing(null);
  };

  const rows: StatementRow[] = [
    ...statementFields.map((f) => ({
      key: f,
      label: t(`statements.field.${f}`),
      cells: Object.fromEntries(
        statements.map((s) => [
          s.fiscalYear,
          {
            text: s[f] === null ? '—' : formatYuan(s[f]),
            danger: f === 'operatingCashFlow' && s[f] !== null && s[f] < 0,
          },
        ]),
      ),
    })),
    { key: 'ratios', label: t('statements.ratios'), heading: true, cells: {} },
    ...(['currentRatio', 'debtRatio', 'roe', 'benchmarkRate'] as const).map((k) => ({
      key: k,
      label: ratioLabel(t)[k],
      cells: Object.fromEntries(
        statements.map((s) => [
          s.fiscalYear,
          ratioCells(t, statementRatios(s, benchmarkRates), criteria.data, foreignTrade)[k],
        ]),
      ),
    })),
  ];
  const columns: ColumnsType<StatementRow> = [
    {
      key: 'label',
      title: t('statements.item'),
      dataIndex: 'label',
      fixed: 'start',
      width: 160,
      render: (label: string, r: StatementRow) =>
        r.heading ? <Typography.Text strong>{label}</Typography.Text> : label,
    },
    ...statements.map((s) => ({
      key: String(s.fiscalYear),
      align: 'right' as const,
      title: (
        <span>
          {t('statements.year', { year: s.fiscalYear })}
          {canEdit && (
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              aria-label={t('statements.editOf', { year: s.fiscalYear })}
              title={t('statements.editOf', { year: s.fiscalYear })}
              onClick={() => open(s)}
            />
          )}
        </span>
      ),
      render: (_: unknown, r: StatementRow) => {
        const cell = r.cells[s.fiscalYear];
        return cell ? (
          <Typography.Text
            type={cell.danger ? 'danger' : undefined}
            style={{ fontVariantNumeric: 'tabular-nums' }}
          >
            {cell.text}
          </Typography.Text>
        ) : null;
      },
    })),
  ];

  return (
    <Card
      size="small"
      title={t('statements.title')}
      extra={
        canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('statements.add')}
          </Button>
        )
      }
    >
      {list.error && <Alert type="error" showIcon title={(list.error as Error).message} />}
      {statements.length === 0 && !list.isPending ? (
        <Typography.Text type="secondary">{t('statements.empty')}</Typography.Text>
      ) : (
        <>
          <Table<StatementRow>
            rowKey="key"
            size="small"
            loading={list.isPending}
            dataSource={rows}
            columns={columns}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
          {statements[0] && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('statements.updatedAt', {
                year: statements[0].fiscalYear,
                time: formatDateTime(statements[0].updatedAt),
              })}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {criteria.data
              ? t(foreignTrade ? 'statements.thresholdsForeignTrade' : 'statements.thresholds', {
                  current: ratio2(criteria.data.currentRatioBelow),
                  debt: formatPercent(criteria.data.debtRatioAbove, 0),
                })
              : t('statements.thresholdsUnknown')}
          </Typography.Paragraph>
          {criteria.error && (
            <Alert type="warning" showIcon title={t('statements.criteriaFailed')} style={{ marginTop: 8 }} />
          )}
          <RatioTrendCharts
            trend={trend}
            criteria={criteria.data}
            loading={criteria.isPending}
            foreignTrade={foreignTrade}
          />
        </>
      )}

      <TabFormModal<Values>
        open={editing !== null}
        title={
          editing === 'new' || editing === null
            ? t('statements.addTitle')
            : t('statements.editTitle', { year: editing.fiscalYear })
        }
        form={form}
        name="financialStatement"
        fields={['fiscalYear', ...statementFields]}
        onSubmit={submit}
        onClose={() => setEditing(null)}
        staleMessage={t('statements.stale')}
        width={640}
      >
        <Form.Item
          name="fiscalYear"
          label={t('statements.fiscalYear')}
          required
          rules={[yearRule(t('statements.yearInvalid', { max: thisYear() }))]}
        >
          <InputNumber<number> min={1900} max={thisYear()} precision={0} disabled={editing !== 'new'} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('statements.hint')}</Typography.Paragraph>
        <Row gutter={16}>
          {statementFields.map((f) => (
            <Col xs={24} sm={12} key={f}>
              <Form.Item
                name={f}
                label={t(`statements.field.${f}`)}
                rules={[zodRule(t, financialStatementInputSchema.shape[f])]}
              >
                <InputNumber<number> precision={2} step={10_000} style={{ width: '100%' }} prefix="¥" />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </TabFormModal>
    </Card>
  );
}

// ---- the five-year trend charts

interface ChartsProps {
  trend: TrendYear[];
  criteria: Criteria | undefined;
  loading: boolean;
  foreignTrade: boolean;
}

const CHART_HEIGHT = 220;
const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The current ratio, the debt ratio, ROE against the benchmark and the operating cash flow of five years. */
function RatioTrendCharts({ trend, criteria, loading, foreignTrade }: ChartsProps) {
  const { t } = useTranslation('value');
  const { token } = theme.useToken();
  const options = useMemo(
    () => trendOptions(t, token, trend, criteria, foreignTrade),
    [t, token, trend, criteria, foreignTrade],
  );
  if (trend.length === 0) return null;
  const first = trend[0]?.fiscalYear;
  const last = trend[trend.length - 1]?.fiscalYear;
  return (
    <section
      aria-label={t('statements.trend.title', { from: first, to: last })}
      style={{ marginTop: token.margin }}
    >
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('statements.trend.title', { from: first, to: last })}
      </Typography.Title>
      <Row gutter={[token.margin, token.margin]}>
        {(['currentRatio', 'debtRatio', 'roe', 'operatingCashFlow'] as const).map((k) => (
          <Col xs={24} lg={12} key={k}>
            <Flex vertical gap={token.marginXXS}>
              <Typography.Text strong>{t(`statements.trend.${k}`)}</Typography.Text>
              <LazyChart
                option={loading ? null : options[k].option}
                loading={loading}
                height={CHART_HEIGHT}
                label={options[k].label}
                emptyText={t('statements.trend.empty')}
                failedText={t('statements.trend.failed')}
              />
            </Flex>
          </Col>
        ))}
      </Row>
    </section>
  );
}

type Token = ReturnType<typeof theme.useToken>['token'];
interface ChartSpec {
  option: EChartsOption | null;
  /** what the chart shows, year by year, for screen readers */
  label: string;
}

function trendOptions(
  t: TFunction,
  token: Token,
  trend: TrendYear[],
  criteria: Criteria | undefined,
  foreignTrade: boolean,
): Record<'currentRatio' | 'debtRatio' | 'roe' | 'operatingCashFlow', ChartSpec> {
  const years = trend.map((y) => String(y.fiscalYear));
  const ratios = trend.map((y) => y.ratios);
  const none = t('statements.trend.none');
  const line = (name: string, value: string) => t('statements.trend.tipLine', { name, value });
  const base = (tip: (i: number) => string[]): EChartsOption => ({
    // ECharts writes its own description on the chart's element; LazyChart gives it our label.
    aria: { enabled: true },
    textStyle: { fontFamily: token.fontFamily },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const i = (Array.isArray(params) ? params : [params])[0]?.dataIndex ?? 0;
        return [t('statements.year', { year: trend[i]?.fiscalYear }), ...tip(i)].map(esc).join('<br/>');
      },
    },
    xAxis: { type: 'category', data: years },
  });
  const threshold = (value: number, label: string, muted = false) => ({
    symbol: 'none',
    silent: true,
    lineStyle: { type: 'dashed' as const, color: muted ? token.colorTextTertiary : token.colorError },
    label: { formatter: label, position: 'insideEndTop' as const, color: token.colorTextSecondary },
    data: [{ yAxis: value }],
  });
  const point = (value: number | null, danger: boolean) =>
    value === null ? null : { value, itemStyle: { color: danger ? token.colorError : token.colorInfo } };
  const summary = (
    title: string,
    text: (r: StatementRatios | null, y: TrendYear) => string,
    extra?: string,
  ) =>
    [
      title,
      trend.map((y, i) => `${y.fiscalYear} ${text(ratios[i] ?? null, y)}`).join(t('statements.trend.sep')),
      extra,
    ]
      .filter(Boolean)
      .join(t('statements.trend.sep'));

  // Current ratio, with the exit threshold.
  const crText = (r: StatementRatios | null) =>
    !r
      ? none
      : r.noCurrentLiabilities
        ? t('statements.noCurrentLiabilities')
        : r.currentRatio === null
          ? '—'
          : ratio2(r.currentRatio);
  const crLine = criteria
    ? t('statements.trend.threshold', { value: ratio2(criteria.currentRatioBelow) })
    : undefined;
  const currentRatio: ChartSpec = {
    label: summary(t('statements.trend.currentRatio'), crText, crLine),
    option: {
      ...base((i) => [
        line(t('statements.ratio.currentRatio'), crText(ratios[i] ?? null)),
        ...(crLine ? [crLine] : []),
      ]),
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => v.toFixed(1) } },
      series: [
        {
          type: 'line',
          name: t('statements.ratio.currentRatio'),
          data: ratios.map((r) =>
            point(
              r?.currentRatio ?? null,
              !!criteria && (r?.currentRatio ?? Infinity) < criteria.currentRatioBelow,
            ),
          ),
          lineStyle: { color: token.colorInfo },
          symbolSize: 8,
          ...(criteria && crLine ? { markLine: threshold(criteria.currentRatioBelow, crLine) } : {}),
        },
      ],
    },
  };

  // Debt ratio in percent, with the exit threshold (not applied to a foreign-trade enterprise).
  const drText = (r: StatementRatios | null) =>
    !r ? none : r.noAssets ? t('statements.noAssets') : formatPercent(r.debtRatio);
  const drLine = criteria
    ? t(foreignTrade ? 'statements.trend.thresholdExempt' : 'statements.trend.threshold', {
        value: formatPercent(criteria.debtRatioAbove, 0),
      })
    : undefined;
  const debtRatio: ChartSpec = {
    label: summary(t('statements.trend.debtRatio'), drText, drLine),
    option: {
      ...base((i) => [
        line(t('statements.debtRatio'), drText(ratios[i] ?? null)),
        ...(drLine ? [drLine] : []),
      ]),
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => `${v}%` } },
      series: [
        {
          type: 'line',
          name: t('statements.debtRatio'),
          data: ratios.map((r) =>
            point(
              r?.debtRatio === null || r?.debtRatio === undefined ? null : r.debtRatio * 100,
              !!criteria && !foreignTrade && (r?.debtRatio ?? 0) > criteria.debtRatioAbove,
            ),
          ),
          lineStyle: { color: token.colorInfo },
          symbolSize: 8,
          ...(criteria && drLine
            ? { markLine: threshold(criteria.debtRatioAbove * 100, drLine, foreignTrade) }
            : {}),
        },
      ],
    },
  };

  // ROE against the one-year benchmark loan rate of each year; a year with equity ≤ 0 has no ROE and
  // counts as below the benchmark: it shows as a red triangle on the zero line.
  const roeText = (r: StatementRatios | null) =>
    !r ? none : r.equityNotPositive ? t('statements.equityNotPositive') : formatPercent(r.roe);
  const roeName = t('statements.ratio.roe');
  const rateName = t('statements.ratio.benchmarkRate');
  const equityName = t('statements.trend.equityNotPositive');
  const anyEquityNotPositive = ratios.some((r) => r?.equityNotPositive);
  const roe: ChartSpec = {
    label: summary(t('statements.trend.roe'), (r, y) =>
      t('statements.trend.roeYear', { roe: roeText(r), rate: rate2(y.benchmarkRate) }),
    ),
    option: {
      ...base((i) => {
        return [
          line(roeName, roeText(ratios[i] ?? null)),
          line(rateName, rate2(trend[i]?.benchmarkRate ?? null)),
        ];
      }),
      legend: { top: 0, data: anyEquityNotPositive ? [roeName, rateName, equityName] : [roeName, rateName] },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}%` } },
      series: [
        {
          type: 'line',
          name: roeName,
          data: ratios.map((r) =>
            point(
              r?.roe === null || r?.roe === undefined ? null : r.roe * 100,
              r !== null && r.roe !== null && r.benchmarkRate !== null && r.roe < r.benchmarkRate,
            ),
          ),
          itemStyle: { color: token.colorInfo },
          lineStyle: { color: token.colorInfo },
          symbolSize: 8,
        },
        {
          type: 'line',
          name: rateName,
          step: 'middle',
          data: trend.map((y) => (y.benchmarkRate === null ? null : y.benchmarkRate * 100)),
          itemStyle: { color: token.colorWarning },
          lineStyle: { color: token.colorWarning, type: 'dashed' },
          showSymbol: false,
        },
        ...(anyEquityNotPositive
          ? [
              {
                type: 'scatter' as const,
                name: equityName,
                data: ratios.map((r) => (r?.equityNotPositive ? 0 : null)),
                symbol: 'triangle',
                symbolSize: 12,
                itemStyle: { color: token.colorError },
              },
            ]
          : []),
      ],
    },
  };

  // Net operating cash flow: a bar a year, red when negative.
  const ocfText = (r: StatementRatios | null) =>
    !r ? none : r.operatingCashFlow === null ? '—' : formatYuan(r.operatingCashFlow);
  const operatingCashFlow: ChartSpec = {
    label: summary(t('statements.trend.operatingCashFlow'), ocfText),
    option: {
      ...base((i) => [line(t('statements.field.operatingCashFlow'), ocfText(ratios[i] ?? null))]),
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatYuan(v, true) } },
      series: [
        {
          type: 'bar',
          name: t('statements.field.operatingCashFlow'),
          barMaxWidth: 32,
          data: ratios.map((r) =>
            r?.operatingCashFlow === null || r?.operatingCashFlow === undefined
              ? null
              : {
                  value: r.operatingCashFlow,
                  itemStyle: { color: r.operatingCashFlow < 0 ? token.colorError : token.colorInfo },
                },
          ),
        },
      ],
    },
  };

  const hasAny = ratios.some((r) => r !== null);
  const orNull = (c: ChartSpec): ChartSpec => (hasAny ? c : { ...c, option: null });
  return {
    currentRatio: orNull(currentRatio),
    debtRatio: orNull(debtRatio),
    roe: orNull(roe),
    operatingCashFlow: orNull(operatingCashFlow),
  };
}
