import { WarningOutlined } from '@ant-design/icons';
import { Space, Table, Tooltip, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { translateProblem } from '../../customers/components/validation';
import type { ImportError } from '../api';
import { count } from '../format';

interface Props {
  errors: ImportError[];
  errorCount: number;
}

/** The problems of a file, one line each, the bad rows marked in red. */
export function ErrorTable({ errors, errorCount }: Props) {
  // customer360 holds the translations of the server's validation messages.
  const { t, i18n } = useTranslation(['imports', 'customer360']);
  const { token } = theme.useToken();
  const rows = useMemo(
    () => errors.map((e, i) => ({ ...e, key: i })).sort((a, b) => a.row - b.row || a.key - b.key),
    [errors],
  );
  const columnFilters = useMemo(
    () => [...new Set(errors.map((e) => e.column))].map((c) => ({ text: c || '—', value: c })),
    [errors],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language
  const columns: ColumnsType<ImportError & { key: number }> = useMemo(() => {
    const bad = () => ({ style: { background: token.colorErrorBg } });
    return [
      {
        key: 'row',
        dataIndex: 'row',
        title: (
          <Tooltip title={t('errors.rowHelp')}>
            <span>{t('errors.row')}</span>
          </Tooltip>
        ),
        width: 110,
        sorter: (a, b) => a.row - b.row,
        onCell: bad,
        render: (row: number) => (
          <Typography.Text type="danger" strong>
            <WarningOutlined aria-hidden /> {row > 0 ? t('errors.rowLabel', { row }) : '—'}
          </Typography.Text>
        ),
      },
      {
        key: 'column',
        dataIndex: 'column',
        title: t('errors.column'),
        width: 180,
        filters: columnFilters,
        onFilter: (value, e) => e.column === value,
        onCell: bad,
        render: (column: string) => column || '—',
      },
      {
        key: 'message',
        dataIndex: 'message',
        title: t('errors.message'),
        onCell: bad,
        render: (message: string) => translateProblem(t, message),
      },
    ];
  }, [t, i18n.language, columnFilters, token.colorErrorBg]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {errorCount > errors.length && (
        <Typography.Text type="secondary">
          {t('errors.truncated', { all: count(errorCount), listed: count(errors.length) })}
        </Typography.Text>
      )}
      <Table
        size="small"
        aria-label={t('errors.title')}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{
          defaultPageSize: 10,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('errors.total', { total: count(total) }),
          hideOnSinglePage: false,
        }}
      />
    </Space>
  );
}
