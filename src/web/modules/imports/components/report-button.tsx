import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { downloadFile, errorReportUrl } from '../api';

/** Downloads the bad rows of a job as XLSX, with an error column. */
export function ReportButton({ jobId, compact = false }: { jobId: number; compact?: boolean }) {
  const { t } = useTranslation('imports');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadFile(errorReportUrl(jobId), `import-${jobId}-errors.xlsx`);
    } catch (e) {
      const text = e instanceof ApiError ? e.message : t('fileErrors.network');
      message.error(t('actions.reportFailed', { message: text }));
    } finally {
      setBusy(false);
    }
  };
  if (compact) {
    return (
      <Tooltip title={t('jobs.errorReport')}>
        <Button
          type="link"
          size="small"
          icon={<FileExcelOutlined />}
          loading={busy}
          aria-label={t('jobs.errorReport')}
          onClick={download}
        />
      </Tooltip>
    );
  }
  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={download}>
      {t('actions.errorReport')}
    </Button>
  );
}
