import { CheckCircleOutlined, CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_KINDS } from '../../shared/schemas/import';
import {
  FILE_TYPES,
  type ImportKindCode,
  type ImportMode,
  type ImportOutcome,
  MAX_FILE_BYTES,
  outcomeOfJob,
  outcomeOfResult,
  upload,
  useImportJob,
} from '../modules/imports/api';
import { JobTable } from '../modules/imports/components/job-table';
import { CommitOutcome, ValidationOutcome } from '../modules/imports/components/outcome';
import { RequestError } from '../modules/imports/components/request-error';
import { type Running, RunProgress } from '../modules/imports/components/run-progress';
import { TemplateLinks } from '../modules/imports/components/templates';
import { bytes, count } from '../modules/imports/format';

/** What one run was asked: the file, its kind and sheet, as they were when it started. */
interface Request {
  kind: ImportKindCode;
  file: File;
  sheet: string | undefined;
}

type Run = Running & { request: Request };

const isXlsx = (file: File | null) => !!file && file.name.toLowerCase().endsWith('.xlsx');

/**
 * Loading bank data from CSV or Excel files (DOMAIN §7.3): pick the kind, drop a file, validate it
 * (nothing is written), then import it once it is clean, all or nothing. Below, the recent imports.
 */
export default function ImportsPage() {
  const { t } = useTranslation('imports');
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKindCode>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [run, setRun] = useState<Run | null>(null);
  const [validation, setValidation] = useState<(Request & { outcome: ImportOutcome }) | null>(null);
  const [committed, setCommitted] = useState<ImportOutcome | null>(null);
  const [requestError, setRequestError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);
  const job = useImportJob(run?.stage === 'job' ? run.jobId : null);

  const sheetParam = isXlsx(file) ? sheet.trim() || undefined : undefined;
  const busy = run !== null;
  const validated =
    validation !== null &&
    validation.file === file &&
    validation.kind === kind &&
    validation.sheet === sheetParam;
  const canCommit =
    validated &&
    !busy &&
    validation.outcome.status === 'succeeded' &&
    validation.outcome.errorCount === 0 &&
    validation.outcome.rows > 0;

  /** Anything chosen anew makes the last answer stale. */
  const forget = () => {
    setValidation(null);
    setCommitted(null);
    setRequestError(null);
  };

  const refreshJobs = () => queryClient.invalidateQueries({ queryKey: ['imports', 'jobs'] });

  const finish = (request: Request, mode: ImportMode, outcome: ImportOutcome) => {
    setRun(null);
    void refreshJobs();
    if (mode === 'validate') {
      setValidation({ ...request, outcome });
      return;
    }
    setCommitted(outcome);
    setValidation(null);
    if (outcome.status === 'succeeded') {
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      void queryClient.invalidateQueries({ queryKey: ['customer'] });
    }
  };

  // A job in the background: done when its status is no longer running.
  const jobData = job.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: finish only reads state setters and the run
  useEffect(() => {
    if (run?.stage !== 'job' || !jobData || jobData.jobId !== run.jobId) return;
    if (jobData.status !== 'running') finish(run.request, run.mode, outcomeOfJob(jobData));
  }, [jobData, run]);

  // A job that can no longer be read (the session ended, the server restarted): say so, stop waiting.
  const jobError = job.error;
  useEffect(() => {
    if (run?.stage !== 'job' || !jobError) return;
    setRun(null);
    setRequestError(jobError);
  }, [jobError, run]);

  async function start(mode: ImportMode) {
    if (!file) return;
    const request: Request = { kind, file, sheet: sheetParam };
    const knownRows = mode === 'commit' && validated ? validation.outcome.rows : null;
    setRequestError(null);
    if (mode === 'validate') setValidation(null);
    setCommitted(null);
    const controller = new AbortController();
    abort.current = controller;
    const base = { mode, fileName: file.name, request };
    setRun({ ...base, stage: 'uploading', sent: 0, total: file.size });
    try {
      const answer = await upload({
        kind,
        mode,
        file,
        sheet: sheetParam,
        signal: controller.signal,
        onProgress: (sent, total) =>
          setRun((r) =>
            r?.stage !== 'uploading'
              ? r
              : sent >= total
                ? { ...base, stage: 'waiting' }
                : { ...base, stage: 'uploading', sent, total },
          ),
      });
      if (answer.done) finish(request, mode, outcomeOfResult(answer.result));
      else {
        setRun({ ...base, stage: 'job', jobId: answer.jobId, knownRows });
        void refreshJobs();
      }
    } catch (e) {
      setRun(null);
      if (!(e instanceof DOMException && e.name === 'AbortError')) setRequestError(e);
    } finally {
      abort.current = null;
    }
  }

  const confirmCommit = () => {
    if (!validated || !file) return;
    const o = validation.outcome;
    modal.confirm({
      title: t('actions.confirmTitle'),
      content: t('actions.confirmText', {
        file: file.name,
        inserted: count(o.inserted),
        updated: count(o.updated),
        unchanged: count(o.unchanged),
      }),
      okText: t('actions.confirmOk'),
      cancelText: t('actions.confirmCancel'),
      autoFocusButton: 'ok',
      onOk: () => {
        void start('commit');
      },
    });
  };

  const again = () => {
    forget();
    setFile(null);
    setSheet('');
  };

  const kindOptions = IMPORT_KINDS.map((k) => ({
    value: k,
    label: t(`kinds.${k}.name`),
    description: t(`kinds.${k}.description`),
  }));

  const form = (
    <Form layout="vertical" style={{ maxWidth: 760 }} onSubmitCapture={(e) => e.preventDefault()}>
      <Form.Item label={t('kind.label')} htmlFor="import-kind" extra={t(`kinds.${kind}.description`)}>
        <Select<ImportKindCode>
          id="import-kind"
          value={kind}
          disabled={busy}
          placeholder={t('kind.placeholder')}
          options={kindOptions}
          style={{ maxWidth: 360 }}
          optionRender={(option) => (
            <div style={{ whiteSpace: 'normal', padding: '2px 0' }}>
              <div>{option.data.label}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {option.data.description}
              </Typography.Text>
            </div>
          )}
          onChange={(k) => {
            setKind(k);
            forget();
          }}
        />
      </Form.Item>
      <Form.Item label={t('template.label')} htmlFor="import-templates" extra={t('template.help')}>
        <TemplateLinks kind={kind} id="import-templates" />
      </Form.Item>
      <Form.Item label={t('file.label')} htmlFor="import-file" required>
        <Upload.Dragger
          id="import-file"
          accept={FILE_TYPES.join(',')}
          multiple={false}
          maxCount={1}
          disabled={busy}
          fileList={
            file
              ? [
                  {
                    uid: 'import-file',
                    name: `${file.name} (${bytes(file.size)})`,
                    status: 'done',
                    size: file.size,
                  },
                ]
              : []
          }
          beforeUpload={(f) => {
            const name = f.name.toLowerCase();
            if (!FILE_TYPES.some((ext) => name.endsWith(ext))) {
              message.error(t('file.wrongType', { name: f.name }));
            } else if (f.size > MAX_FILE_BYTES) {
              message.error(t('file.tooLarge', { name: f.name }));
            } else {
              setFile(f);
              forget();
            }
            return false;
          }}
          onRemove={() => {
            setFile(null);
            forget();
            return true;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('file.drop')}</p>
          <p className="ant-upload-hint">{t('file.hint')}</p>
        </Upload.Dragger>
      </Form.Item>
      {isXlsx(file) && (
        <Form.Item label={t('sheet.label')} htmlFor="import-sheet" extra={t('sheet.help')}>
          <Input
            id="import-sheet"
            value={sheet}
            maxLength={100}
            disabled={busy}
            placeholder={t('sheet.placeholder')}
            style={{ maxWidth: 360 }}
            onChange={(e) => {
              setSheet(e.target.value);
              forget();
            }}
          />
        </Form.Item>
      )}
      <Space wrap>
        <Button
          type={canCommit ? 'default' : 'primary'}
          icon={<CheckCircleOutlined />}
          disabled={!file || busy}
          loading={busy && run?.mode === 'validate'}
          onClick={() => void start('validate')}
        >
          {t('actions.validate')}
        </Button>
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          disabled={!canCommit}
          loading={busy && run?.mode === 'commit'}
          onClick={confirmCommit}
          aria-describedby={file && !canCommit && !busy ? 'import-commit-hint' : undefined}
        >
          {t('actions.commit')}
        </Button>
        {run?.stage === 'uploading' && (
          <Button onClick={() => abort.current?.abort()}>{t('actions.cancelUpload')}</Button>
        )}
        {file && !canCommit && !busy && (
          <Typography.Text type="secondary" id="import-commit-hint">
            {t('actions.commitHint')}
          </Typography.Text>
        )}
      </Space>
    </Form>
  );

  return (
    <>
      <Card title={t('title')}>
        {committed ? (
          <CommitOutcome outcome={committed} onAgain={again} />
        ) : (
          <>
            <Typography.Paragraph type="secondary" style={{ maxWidth: 760 }}>
              {t('intro')}
            </Typography.Paragraph>
            {form}
            <div style={{ marginTop: 24 }}>
              {run && <RunProgress run={run} job={job.data} />}
              {!run && requestError !== null && <RequestError error={requestError} />}
              {!run && validated && <ValidationOutcome outcome={validation.outcome} />}
            </div>
          </>
        )}
      </Card>
      <JobTable />
    </>
  );
}
