import { Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../api';
import { fieldLabel } from '../audit-labels';

interface Row {
  field: string;
  before: unknown;
  after: unknown;
}

function Value({ value }: { value: unknown }) {
  const { t } = useTranslation('admin');
  if (value === undefined || value === null || value === '')
    return <Typography.Text type="secondary">{t('audit.empty')}</Typography.Text>;
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return <span style={{ wordBreak: 'break-all' }}>{text}</span>;
}

/** The fields an audited change touched: before → after, one row a field. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('admin');
  const fields = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
  const rows: Row[] = fields.map((field) => ({
    field,
    before: entry.before?.[field],
    after: entry.after?.[field],
  }));
  return (
    <Table<Row>
      rowKey="field"
      size="small"
      pagination={false}
      bordered
      style={{ maxWidth: 900 }}
      aria-label={t('audit.changes')}
      dataSource={rows}
      columns={[
        {
          key: 'field',
          title: t('audit.field'),
          dataIndex: 'field',
          width: 200,
          render: (field: string) => {
            const label = fieldLabel(t, entry.entity, field);
            return (
              <Space size={4} wrap>
                {label}
                <Typography.Text type="secondary" code>
                  {field}
                </Typography.Text>
              </Space>
            );
          },
        },
        {
          key: 'before',
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v: unknown) => <Value value={v} />,
        },
        {
          key: 'after',
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v: unknown) => <Value value={v} />,
        },
      ]}
    />
  );
}

/** An entry has something to expand when it recorded any field. */
export const hasDiff = (entry: AuditEntry) =>
  Object.keys(entry.before ?? {}).length > 0 || Object.keys(entry.after ?? {}).length > 0;
