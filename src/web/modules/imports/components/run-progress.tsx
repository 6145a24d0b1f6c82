import { Progress, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob, ImportMode } from '../api';
import { bytes, count } from '../format';

export type Running =
  | { stage: 'uploading'; mode: ImportMode; fileName: string; sent: number; total: number }
  | { stage: 'waiting'; mode: ImportMode; fileName: string }
  | { stage: 'job'; mode: ImportMode; fileName: string; jobId: number; knownRows: number | null };

/**
 * Where a run is: the upload's bytes, then the server's rows. The total of a file's rows is known when
 * the job ends, so while it runs its rows are measured against the validation that preceded it, when
 * there was one (the page validates before it commits).
 */
export function RunProgress({ run, job }: { run: Running; job: ImportJob | undefined }) {
  const { t } = useTranslation('imports');
  const doing = run.mode === 'commit' ? t('progress.committing') : t('progress.validating');
  let bar: { percent: number; text: string } | null = null;
  let text = doing;
  if (run.stage === 'uploading') {
    text = t('progress.uploading', { file: run.fileName });
    bar = {
      percent: run.total ? Math.floor((run.sent / run.total) * 100) : 0,
      text: t('progress.uploaded', { sent: bytes(run.sent), total: bytes(run.total) }),
    };
  } else if (run.stage === 'job' && job) {
    const processed = job.processed;
    const total = job.rows || run.knownRows;
    if (total) {
      bar = {
        percent: Math.min(99, Math.floor((processed / total) * 100)),
        text: t(run.mode === 'commit' ? 'progress.written' : 'progress.checkedOf', {
          done: count(processed),
          total: count(total),
        }),
      };
    } else {
      text = `${doing} ${t('progress.checked', { done: count(processed) })}`;
    }
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} role="status" aria-live="polite">
      {bar ? (
        <>
          <Typography.Text>{text}</Typography.Text>
          <Progress
            percent={bar.percent}
            status="active"
            aria-label={t('progress.label')}
            format={(p) => `${p}%`}
          />
          <Typography.Text type="secondary">{bar.text}</Typography.Text>
        </>
      ) : (
        <Space>
          <Spin size="small" />
          <Typography.Text>{text}</Typography.Text>
        </Space>
      )}
      {run.stage === 'job' && <Typography.Text type="secondary">{t('progress.background')}</Typography.Text>}
    </Space>
  );
}
