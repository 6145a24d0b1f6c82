import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import { type ImportJobSummary, useImportJobs } from '../api';
import { count } from '../format';
import { ReportButton } from './report-button';

const STATUS_COLOR = { running: 'processing', succeeded: 'success', failed: 'error' } as const;

/** The recent imports, newest first, refreshed while one of them runs. */
export function JobTable() {
  const { t, i18n } = useTranslation('imports');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const jobs = useImportJobs(page, pageSize);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language
  const columns: ColumnsType<ImportJobSummary> = useMemo(() => {
    const number = (key: 'rows' | 'inserted' | 'updated' | 'unchanged', title: string) => ({
      key,
      title,
      dataIndex: key,
      align: 'right' as const,
      render: (n: number, job: ImportJobSummary) =>
        job.status === 'running' && key === 'rows' && n === 0 ? (
          <Typography.Text type="secondary">{count(job.processed)}…</Typography.Text>
        ) : (
          count(n)
        ),
    });
    return [
      {
        key: 'createdAt',
        title: t('jobs.createdAt'),
        dataIndex: 'createdAt',
        render: formatDateTime,
        width: 150,
      },
      {
        key: 'kind',
        title: t('jobs.kind'),
        dataIndex: 'kind',
        render: (kind: string) => t(`kinds.${kind}.name`),
      },
      {
        key: 'mode',
        title: t('jobs.mode'),
        dataIndex: 'mode',
        render: (mode: string) => (
          <Tag color={mode === 'commit' ? 'blue' : undefined}>{t(`mode.${mode}`)}</Tag>
        ),
      },
      {
        key: 'fileName',
        title: t('jobs.file'),
        dataIndex: 'fileName',
        ellipsis: { showTitle: false },
        width: 180,
        render: (name: string) => (
          <Tooltip title={name} placement="topLeft">
            {name}
          </Tooltip>
        ),
      },
      {
        key: 'status',
        title: t('jobs.status'),
        dataIndex: 'status',
        render: (status: ImportJobSummary['status'], job) => {
          const tag = <Tag color={STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>;
          return status === 'failed' && job.message ? <Tooltip title={job.message}>{tag}</Tooltip> : tag;
        },
      },
      number('rows', t('jobs.rows')),
      number('inserted', t('jobs.inserted')),
      number('updated', t('jobs.updated')),
      number('unchanged', t('jobs.unchanged')),
      {
        key: 'errorCount',
        title: t('jobs.errors'),
        dataIndex: 'errorCount',
        align: 'right',
        render: (n: number, job) =>
          n > 0 ? (
            <span style={{ whiteSpace: 'nowrap' }}>
              {job.status !== 'running' && <ReportButton jobId={job.jobId} compact />}
              <Typography.Text type="danger">{count(n)}</Typography.Text>
            </span>
          ) : (
            count(n)
          ),
      },
      { key: 'createdBy', title: t('jobs.createdBy'), dataIndex: 'createdBy' },
    ];
  }, [t, i18n.language]);

  return (
    <Card
      title={t('jobs.title')}
      style={{ marginTop: 24 }}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void jobs.refetch()}>
          {t('jobs.refresh')}
        </Button>
      }
    >
      {jobs.error && (
        <Typography.Paragraph type="danger" role="alert">
          {(jobs.error as Error).message}
        </Typography.Paragraph>
      )}
      <Table<ImportJobSummary>
        rowKey="jobId"
        size="small"
        aria-label={t('jobs.title')}
        columns={columns}
        dataSource={jobs.data?.items}
        loading={jobs.isPending}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('jobs.empty') }}
        onChange={(p) => {
          const size = p.pageSize ?? 10;
          setPage(size !== pageSize ? 1 : (p.current ?? 1));
          setPageSize(size);
        }}
        pagination={{
          current: page,
          pageSize,
          total: jobs.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50],
          showTotal: (total) => t('jobs.total', { total: count(total) }),
        }}
      />
    </Card>
  );
}
