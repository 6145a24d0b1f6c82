import { Card, Col, Empty, Flex, List, Row, Statistic, Table, Tag, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CUSTOMER_KINDS,
  LIFECYCLE_STAGES,
  SURVEY_RESPONSE_SOURCES,
  VALUE_TIERS,
} from '../../../../shared/codes';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import type { SurveyResults } from '../api';
import { gapText, meanText, satisfactionText, shareText } from '../format';
import { IpaChart } from './ipa-chart';

type DimensionRow = SurveyResults['dimensions'][number];
type ItemRow = SurveyResults['items'][number];
type CustomerRow = SurveyResults['customers'][number];
interface SegmentRow {
  key: string | null;
  label: string;
  responses: number;
  satisfaction: number | null;
}

/** Satisfaction as a percentage, marked when the expectation was not met (below 100%). */
export function SatisfactionValue({ value }: { value: number | null }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Typography.Text type={value < 1 ? 'danger' : 'success'}>{satisfactionText(value)}</Typography.Text>;
}

function GapValue({ value }: { value: number | null }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Typography.Text type={value < 0 ? 'danger' : undefined}>{gapText(value)}</Typography.Text>;
}

const byNumber =
  (pick: (r: { satisfaction: number | null }) => number | null) =>
  (a: { satisfaction: number | null }, b: { satisfaction: number | null }) =>
    (pick(a) ?? Number.POSITIVE_INFINITY) - (pick(b) ?? Number.POSITIVE_INFINITY);

/**
 * The results of a campaign: the overall figures, each dimension and item (satisfaction = perceived ÷
 * expected as a percentage, 100% = met, and the gap perceived − expected), the importance–performance
 * chart, the segments, the customers who answered and the open answers grouped by question. The
 * printed report shows the same without pagination (`print`).
 */
export function ResultsBody({ results, print = false }: { results: SurveyResults; print?: boolean }) {
  const { t } = useTranslation('surveys');
  const { token } = theme.useToken();
  const dimensionName = new Map(results.dimensions.map((d) => [d.key, d.name]));
  const section = (title: ReactNode, body: ReactNode, extra?: ReactNode) => (
    <Card size="small" title={title} extra={extra} style={print ? { breakInside: 'avoid' } : undefined}>
      {body}
    </Card>
  );

  const scoreColumns = <T extends { n: number; expected: number | null; perceived: number | null }>() =>
    [
      { key: 'n', title: t('results.n'), dataIndex: 'n', align: 'right', width: 80 },
      {
        key: 'expected',
        title: t('results.expected'),
        dataIndex: 'expected',
        align: 'right',
        width: 100,
        render: meanText,
      },
      {
        key: 'perceived',
        title: t('results.perceived'),
        dataIndex: 'perceived',
        align: 'right',
        width: 100,
        render: meanText,
      },
      {
        key: 'satisfaction',
        title: t('results.satisfaction'),
        dataIndex: 'satisfaction',
        align: 'right',
        width: 110,
        sorter: print ? undefined : byNumber((r) => r.satisfaction),
        render: (v: number | null) => <SatisfactionValue value={v} />,
      },
      {
        key: 'gap',
        title: t('results.gap'),
        dataIndex: 'gap',
        align: 'right',
        width: 90,
        sorter: print
          ? undefined
          : (a: { gap: number | null }, b: { gap: number | null }) =>
              (a.gap ?? Number.POSITIVE_INFINITY) - (b.gap ?? Number.POSITIVE_INFINITY),
        render: (v: number | null) => <GapValue value={v} />,
      },
    ] as ColumnsType<T>;

  const dimensionColumns: ColumnsType<DimensionRow> = [
    { key: 'name', title: t('results.dimension'), dataIndex: 'name' },
    { key: 'weight', title: t('results.weight'), dataIndex: 'weight', align: 'right', width: 80 },
    ...scoreColumns<DimensionRow>(),
  ];
  const itemColumns: ColumnsType<ItemRow> = [
    { key: 'text', title: t('results.item'), dataIndex: 'text' },
    {
      key: 'dimension',
      title: t('results.dimension'),
      dataIndex: 'dimension',
      width: 140,
      render: (k: string) => dimensionName.get(k) ?? k,
    },
    { key: 'weight', title: t('results.weight'), dataIndex: 'weight', align: 'right', width: 70 },
    ...scoreColumns<ItemRow>(),
    {
      key: 'quadrant',
      title: t('results.quadrant'),
      dataIndex: 'quadrant',
      width: 130,
      // Only where to act stands out; the other quadrants read as plain words.
      render: (q: ItemRow['quadrant']) =>
        q ? <Tag color={q === 'concentrate_here' ? 'error' : undefined}>{t(`quadrant.${q}`)}</Tag> : '—',
    },
  ];
  const customerColumns: ColumnsType<CustomerRow> = [
    {
      key: 'customer',
      title: t('results.customer'),
      render: (_, r) =>
        print ? (
          `${r.customer.name}（${r.customer.code}）`
        ) : (
          <Link to={`/customers/${r.customer.id}`}>{r.customer.name}</Link>
        ),
    },
    { key: 'code', title: t('targets.code'), width: 150, render: (_, r) => r.customer.code },
    {
      key: 'source',
      title: t('results.source'),
      dataIndex: 'source',
      width: 150,
      render: (s: string) => codeLabel(SURVEY_RESPONSE_SOURCES.labels, s),
    },
    {
      key: 'submittedAt',
      title: t('results.submittedAt'),
      dataIndex: 'submittedAt',
      width: 160,
      render: formatDateTime,
    },
    {
      key: 'satisfaction',
      title: t('results.satisfaction'),
      dataIndex: 'satisfaction',
      align: 'right',
      width: 110,
      sorter: print ? undefined : byNumber((r) => r.satisfaction),
      render: (v: number | null) => <SatisfactionValue value={v} />,
    },
    {
      key: 'gap',
      title: t('results.gap'),
      dataIndex: 'gap',
      align: 'right',
      width: 90,
      render: (v: number | null) => <GapValue value={v} />,
    },
  ];
  const segmentColumns = (title: string): ColumnsType<SegmentRow> => [
    { key: 'label', title, dataIndex: 'label' },
    { key: 'responses', title: t('results.responses'), dataIndex: 'responses', align: 'right', width: 80 },
    {
      key: 'satisfaction',
      title: t('results.satisfaction'),
      dataIndex: 'satisfaction',
      align: 'right',
      width: 100,
      render: (v: number | null) => <SatisfactionValue value={v} />,
    },
  ];
  const none = t('segment.none');
  const segments: { key: string; title: string; rows: SegmentRow[] }[] = [
    {
      key: 'valueTier',
      title: t('segment.valueTier'),
      rows: results.segments.valueTier.map((s) => ({
        ...s,
        label: s.key ? codeLabel(VALUE_TIERS.labels, s.key) : none,
      })),
    },
    {
      key: 'lifecycleStage',
      title: t('segment.lifecycleStage'),
      rows: results.segments.lifecycleStage.map((s) => ({
        ...s,
        label: s.key ? codeLabel(LIFECYCLE_STAGES.labels, s.key) : none,
      })),
    },
    {
      key: 'kind',
      title: t('segment.kind'),
      rows: results.segments.kind.map((s) => ({
        ...s,
        label: s.key ? codeLabel(CUSTOMER_KINDS.labels, s.key) : none,
      })),
    },
    {
      key: 'branch',
      title: t('segment.branch'),
      rows: results.segments.branch.map((s) => ({ ...s, label: s.name || none })),
    },
  ];
  // The items that most miss their expectation come first.
  const items = [...results.items].sort(
    (a, b) => (a.gap ?? Number.POSITIVE_INFINITY) - (b.gap ?? Number.POSITIVE_INFINITY),
  );

  return (
    <Flex vertical gap="middle">
      <Row gutter={[16, 16]} role="status" aria-live="polite">
        <Col xs={12} md={6}>
          <Statistic
            title={t('results.responses')}
            value={results.responses}
            suffix={`/ ${results.targets}`}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('results.responseRate')} value={shareText(results.responseRate)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('results.overall')}
            value={satisfactionText(results.overall.satisfaction)}
            styles={{
              content: {
                color:
                  results.overall.satisfaction === null
                    ? undefined
                    : results.overall.satisfaction < 1
                      ? token.colorError
                      : token.colorSuccess,
              },
            }}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('results.overallGap')} value={gapText(results.overall.gap)} />
        </Col>
      </Row>
      <Typography.Text type="secondary">{t('results.formula')}</Typography.Text>

      {section(
        t('results.dimensions'),
        <Table<DimensionRow>
          rowKey="key"
          size="small"
          columns={dimensionColumns}
          dataSource={results.dimensions}
          pagination={false}
        />,
      )}
      {section(
        t('results.items'),
        <Table<ItemRow>
          rowKey="key"
          size="small"
          columns={itemColumns}
          dataSource={items}
          pagination={false}
          scroll={print ? undefined : { x: 960 }}
        />,
        <Typography.Text type="secondary">{t('results.itemsHint')}</Typography.Text>,
      )}
      {section(
        t('ipa.title'),
        <>
          <IpaChart results={results} loading={false} height={print ? 380 : 440} animate={!print} />
          <Typography.Text type="secondary">{t('ipa.hint')}</Typography.Text>
        </>,
      )}
      {section(
        t('results.segments'),
        <Row gutter={[16, 16]}>
          {segments.map((s) => (
            <Col key={s.key} xs={24} lg={12}>
              <Table<SegmentRow>
                rowKey={(r) => String(r.key)}
                size="small"
                columns={segmentColumns(s.title)}
                dataSource={s.rows}
                pagination={false}
                locale={{ emptyText: t('results.noResponses') }}
              />
            </Col>
          ))}
        </Row>,
      )}
      {section(
        t('results.customers'),
        <Table<CustomerRow>
          rowKey={(r) => r.customer.id}
          size="small"
          columns={customerColumns}
          dataSource={results.customers}
          pagination={print ? false : { defaultPageSize: 10, showSizeChanger: true }}
          locale={{ emptyText: t('results.noResponses') }}
        />,
      )}
      {section(
        t('results.texts'),
        results.texts.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('results.noQuestions')} />
        ) : (
          <Flex vertical gap="middle">
            {results.texts.map((q) => (
              <div key={q.question}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {t('results.textsOf', { question: q.text, n: q.answers.length })}
                </Typography.Title>
                {q.answers.length === 0 ? (
                  <Typography.Text type="secondary">{t('results.noAnswers')}</Typography.Text>
                ) : (
                  <List
                    size="small"
                    bordered
                    dataSource={q.answers}
                    renderItem={(a) => <List.Item style={{ whiteSpace: 'pre-wrap' }}>{a}</List.Item>}
                  />
                )}
              </div>
            ))}
          </Flex>
        ),
      )}
    </Flex>
  );
}
