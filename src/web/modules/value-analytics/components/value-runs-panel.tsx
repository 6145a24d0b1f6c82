import { SyncOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  DatePicker,
  Flex,
  Progress,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VALUE_RUN_PHASES } from '../../../../shared/schemas/value';
import { ApiError } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { useRunFinished, useStartValueRun, useValueRun, useValueRuns, type ValueRun } from '../api';

// The recomputation of customer values, tiers, lifecycle stages and portfolio analyses: start one now
// (for the latest month with figures, or an earlier month's analysis), follow the one running with a
// progress bar asked every second, and the recent runs with who started them and what they changed.

const STATUS_BADGE: Record<ValueRun['status'], 'processing' | 'success' | 'error' | 'default'> = {
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  skipped: 'default',
};

function duration(run: ValueRun): string {
  if (!run.finishedAt) return '';
  const s = Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`;
}

export function RunProgress({ run }: { run: ValueRun }) {
  const { t } = useTranslation('valueAnalytics');
  const percent =
    run.total > 0 ? Math.floor((run.processed / run.total) * 100) : run.status === 'running' ? 0 : 100;
  const step = VALUE_RUN_PHASES.indexOf(run.phase) + 1;
  return (
    <div role="status" aria-live="polite">
      <Flex justify="space-between" wrap gap="small">
        <Typography.Text strong>
          {t('runs.progressTitle', { id: run.id, month: run.asOf ?? '—' })}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('runs.phaseOf', {
            step: Math.min(step, VALUE_RUN_PHASES.length - 1),
            steps: VALUE_RUN_PHASES.length - 1,
            phase: t(`runs.phase.${run.phase}`),
          })}
          {' · '}
          {t('runs.processedOf', { processed: run.processed, total: run.total })}
        </Typography.Text>
      </Flex>
      <Progress
        percent={percent}
        status={run.status === 'running' ? 'active' : run.status === 'failed' ? 'exception' : 'success'}
        aria-label={t('runs.progressLabel')}
      />
    </div>
  );
}

export function ValueRunsPanel() {
  const { t } = useTranslation('valueAnalytics');
  const { message } = App.useApp();
  const runs = useValueRuns();
  const start = useStartValueRun();
  const finished = useRunFinished();
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [followed, setFollowed] = useState<number | null>(null);

  // The run to follow: the one just started, else one the list shows running (a save started it).
  const running = runs.data?.find((r) => r.status === 'running');
  const followId = followed ?? running?.id ?? null;
  const run = useValueRun(followId);
  const shown = run.data ?? (running?.id === followId ? running : undefined);

  // When the followed run ends, the list, the analyses and the stored values are stale.
  const lastStatus = useRef<string | undefined>(undefined);
  useEffect(() => {
    const status = run.data?.status;
    if (lastStatus.current === 'running' && status && status !== 'running') {
      void finished();
      if (status === 'succeeded') message.success(t('runs.finished', { count: run.data?.changed ?? 0 }));
      else if (status === 'failed') message.error(t('runs.failedMessage', { error: run.data?.error ?? '' }));
    }
    lastStatus.current = status;
  }, [run.data, finished, message, t]);

  const startNow = async () => {
    try {
      const started = await start.mutateAsync(month ? { asOf: month.format('YYYY-MM') } : {});
      setFollowed(started.id);
      message.info(t('runs.started', { id: started.id }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning(t('runs.inProgress'));
        setFollowed(null);
        void runs.refetch();
      } else message.error(t('common:error.generic', { message: (e as Error).message }));
    }
  };

  const busy = shown?.status === 'running';

  return (
    <Card
      title={t('runs.title')}
      extra={
        <Space wrap>
          <DatePicker
            picker="month"
            aria-label={t('runs.month')}
            placeholder={t('runs.monthLatest')}
            value={month}
            onChange={(m) => setMonth(m)}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          />
          <Button
            type="primary"
            icon={<SyncOutlined spin={busy} />}
            loading={start.isPending}
            disabled={busy}
            onClick={startNow}
          >
            {t('runs.start')}
          </Button>
        </Space>
      }
    >
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">{t('runs.intro')}</Typography.Text>
        {shown && (shown.status === 'running' || followed !== null) && <RunProgress run={shown} />}
        {shown?.status === 'failed' && shown.error && (
          <Alert type="error" showIcon title={t('runs.failedMessage', { error: shown.error })} />
        )}
        {runs.error && (
          <Alert type="error" showIcon title={t('loadFailed', { message: (runs.error as Error).message })} />
        )}
        <Table<ValueRun>
          rowKey="id"
          size="small"
          loading={runs.isFetching && !runs.data}
          dataSource={(runs.data ?? []).map((r) => (r.id === shown?.id ? shown : r))}
          pagination={{ pageSize: 5, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('runs.none') }}
          scroll={{ x: 900 }}
          columns={[
            { key: 'id', title: '#', dataIndex: 'id', width: 60 },
            { key: 'kind', title: t('runs.kind'), width: 100, render: (_, r) => t(`runs.kinds.${r.kind}`) },
            {
              key: 'asOf',
              title: t('runs.asOf'),
              dataIndex: 'asOf',
              width: 90,
              render: (v: string | null) => v ?? '—',
            },
            {
              key: 'status',
              title: t('runs.status'),
              width: 110,
              render: (_, r) => {
                // A badge: its text keeps the body colour (a filled tag's green fails the contrast check).
                const badge = <Badge status={STATUS_BADGE[r.status]} text={t(`runs.statuses.${r.status}`)} />;
                // The running one's phase is on its progress bar above.
                return r.error ? <Tooltip title={r.error}>{badge}</Tooltip> : badge;
              },
            },
            {
              key: 'processed',
              title: t('runs.customers'),
              align: 'end',
              width: 120,
              render: (_, r) => `${r.processed.toLocaleString()} / ${r.total.toLocaleString()}`,
            },
            { key: 'changed', title: t('runs.changed'), dataIndex: 'changed', align: 'end', width: 90 },
            {
              key: 'settingsVersion',
              title: t('runs.settingsVersion'),
              dataIndex: 'settingsVersion',
              width: 100,
              render: (v: number) => (v === 0 ? t('settings.builtIn') : `v${v}`),
            },
            {
              key: 'startedBy',
              title: t('runs.startedBy'),
              width: 120,
              render: (_, r) =>
                r.startedBy?.name ?? <Typography.Text type="secondary">{t('runs.system')}</Typography.Text>,
            },
            {
              key: 'startedAt',
              title: t('runs.startedAt'),
              width: 150,
              render: (_, r) => formatDateTime(r.startedAt),
            },
            { key: 'duration', title: t('runs.duration'), width: 90, render: (_, r) => duration(r) || '—' },
          ]}
        />
      </Flex>
    </Card>
  );
}
