import { Col, Row, Table, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { EXIT_CANDIDATE_STATUSES } from '../../../../shared/codes';
import type { ExitReportDto } from '../../../../shared/schemas/exit';
import { formatYuan } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import type { BreakdownRow } from './report-breakdown-chart';

/** One breakdown as a table, under its own heading (what a screen reader reads for a chart). */
function BreakdownTable({ title, rows, id }: { title: string; rows: BreakdownRow[]; id: string }) {
  const { t } = useTranslation('exitPlans');
  const { token } = theme.useToken();
  return (
    <section aria-labelledby={id}>
      <Typography.Title level={2} id={id} style={{ fontSize: token.fontSizeHeading5 }}>
        {title}
      </Typography.Title>
      <Table<BreakdownRow>
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('report.empty') }}
        columns={[
          { title: t('report.item'), dataIndex: 'name' },
          { title: t('report.plans'), dataIndex: 'plans', align: 'right' },
          {
            title: t('report.asset'),
            dataIndex: 'assetBalance',
            align: 'right',
            render: (v: number) => formatYuan(v),
          },
          {
            title: t('report.liability'),
            dataIndex: 'liabilityBalance',
            align: 'right',
            render: (v: number) => formatYuan(v),
          },
        ]}
      />
    </section>
  );
}

/** Every number of the report as tables: by status, reason, means, scope, month; the candidates. */
export function ReportTables({
  breakdowns,
  candidates,
}: {
  breakdowns: { key: string; title: string; rows: BreakdownRow[] }[];
  candidates: ExitReportDto['candidates'];
}) {
  const { t } = useTranslation('exitPlans');
  const { token } = theme.useToken();
  return (
    <Row gutter={[24, 24]}>
      {breakdowns.map((b) => (
        <Col key={b.key} xs={24} xl={12}>
          <BreakdownTable id={`exit-report-table-${b.key}`} title={b.title} rows={b.rows} />
        </Col>
      ))}
      <Col xs={24} xl={12}>
        <section aria-labelledby="exit-report-table-candidates">
          <Typography.Title
            level={2}
            id="exit-report-table-candidates"
            style={{ fontSize: token.fontSizeHeading5 }}
          >
            {t('report.candidates')}
          </Typography.Title>
          <Table
            rowKey="status"
            size="small"
            pagination={false}
            dataSource={EXIT_CANDIDATE_STATUSES.codes.map((s) => ({ status: s, n: candidates[s] }))}
            columns={[
              {
                title: t('report.candidateStatus'),
                dataIndex: 'status',
                render: (s: string) => codeLabel(EXIT_CANDIDATE_STATUSES.labels, s),
              },
              { title: t('report.customers'), dataIndex: 'n', align: 'right' },
            ]}
          />
        </section>
      </Col>
    </Row>
  );
}
