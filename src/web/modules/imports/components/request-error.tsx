import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';

const KNOWN = new Set([
  'encoding',
  'missing_columns',
  'unknown_columns',
  'duplicate_columns',
  'empty_file',
  'unknown_sheet',
  'unsupported_file',
  'malformed_file',
  'file_too_large',
  'no_file',
]);

/** A file the server refused as a whole (encoding, columns, empty, sheet …): what and why. */
export function RequestError({ error }: { error: unknown }) {
  const { t } = useTranslation('imports');
  if (!(error instanceof ApiError)) {
    return <Alert type="error" showIcon role="alert" title={t('fileErrors.network')} />;
  }
  const title =
    error.status === 403
      ? t('fileErrors.forbidden')
      : KNOWN.has(error.code)
        ? t(`fileErrors.${error.code}`)
        : t('fileErrors.generic');
  const columns = error.fields.map((f) => f.path).filter(Boolean);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={
        <>
          <div>{error.message}</div>
          {columns.length > 0 && (
            <div>{t('fileErrors.columns', { columns: columns.join(t('listSeparator')) })}</div>
          )}
        </>
      }
    />
  );
}
