import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { financialStatementInputSchema, statementFields } from '../../../../shared/schemas/value';
import { ApiError } from '../../../app/api';
import { formatDateTime, formatYuan } from '../../../app/format';
import { TabFormModal } from '../../customers/components/tab-form-modal';
import { zodRule } from '../../customers/components/validation';
import { type FinancialStatement, useFinancialStatements, usePutFinancialStatement } from '../api';
import { formatPercent } from '../format';
import { localizeError } from '../problems';

// A corporate customer's yearly financial statements (DOMAIN §5 pitfall 3: credit decisions on stale
// or worsening statements). One column a fiscal year, newest first, like an annual report; an editor
// adds a year or corrects one.

type Field = (typeof statementFields)[number];
type Values = { fiscalYear: number | null } & Record<Field, number | null>;
interface StatementRow {
  key: string;
  label: string;
  cells: Record<number, string>;
}

const debtRatio = (s: FinancialStatement) =>
  s.totalAssets !== null && s.totalLiabilities !== null && s.totalAssets > 0
    ? s.totalLiabilities / s.totalAssets
    : null;
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
        statements.map((s) => [s.fiscalYear, s[f] === null ? '—' : formatYuan(s[f])]),
      ),
    })),
    {
      key: 'debtRatio',
      label: t('statements.debtRatio'),
      cells: Object.fromEntries(statements.map((s) => [s.fiscalYear, formatPercent(debtRatio(s))])),
    },
  ];
  const columns: ColumnsType<StatementRow> = [
    { key: 'label', title: t('statements.item'), dataIndex: 'label', fixed: 'start', width: 160 },
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
      render: (_: unknown, r: StatementRow) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{r.cells[s.fiscalYear]}</span>
      ),
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
