import { Alert, Button, Card, Result, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ImportOutcome } from '../api';
import { count } from '../format';
import { Counts } from './counts';
import { ErrorTable } from './error-table';
import { ReportButton } from './report-button';

/** The problems of a file, with the report of its bad rows. */
function Problems({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation('imports');
  if (outcome.errorCount === 0) return null;
  return (
    <Card
      size="small"
      title={t('errors.title')}
      extra={<ReportButton jobId={outcome.jobId} />}
      style={{ marginTop: 16 }}
    >
      <ErrorTable errors={outcome.errors} errorCount={outcome.errorCount} />
    </Card>
  );
}

/** What a validation found: the counts, and either a clean bill or the problems. */
export function ValidationOutcome({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation('imports');
  const file = outcome.fileName;
  let alert: ReactNode;
  if (outcome.errorCount > 0) {
    alert = (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={t('result.validBad', { file, problems: count(outcome.errorCount) })}
      />
    );
  } else if (outcome.status === 'failed') {
    alert = (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={t('result.failed', { message: outcome.message ?? '' })}
      />
    );
  } else {
    alert = (
      <Alert
        type={outcome.rows === 0 ? 'warning' : 'success'}
        showIcon
        role="status"
        title={
          outcome.rows === 0
            ? t('result.validEmpty')
            : t('result.validOk', { file, rows: count(outcome.rows) })
        }
      />
    );
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="validation-outcome">
      {alert}
      <Counts outcome={outcome} />
      <Problems outcome={outcome} />
    </Space>
  );
}

/** What a commit did: everything written, or nothing and why. */
export function CommitOutcome({ outcome, onAgain }: { outcome: ImportOutcome; onAgain(): void }) {
  const { t } = useTranslation('imports');
  const navigate = useNavigate();
  const file = outcome.fileName;
  const ok = outcome.status === 'succeeded' && outcome.errorCount === 0;
  const again = (
    <Button key="again" type={ok ? 'primary' : 'default'} onClick={onAgain}>
      {t('actions.another')}
    </Button>
  );
  return (
    <div data-testid="commit-outcome">
      <Result
        status={ok ? 'success' : 'error'}
        title={ok ? t('result.committedTitle') : t('result.commitFailedTitle')}
        subTitle={
          ok
            ? t('result.committedText', { file, rows: count(outcome.rows) })
            : outcome.errorCount > 0
              ? t('result.commitFailedText', { file, problems: count(outcome.errorCount) })
              : t('result.failed', { message: outcome.message ?? '' })
        }
        extra={[
          again,
          ok && outcome.kind === 'customers' ? (
            <Button key="customers" onClick={() => navigate('/customers')}>
              {t('actions.viewCustomers')}
            </Button>
          ) : null,
        ]}
      >
        <Counts outcome={outcome} centered />
      </Result>
      <Problems outcome={outcome} />
    </div>
  );
}
