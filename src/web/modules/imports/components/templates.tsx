import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileFormat, FileLang } from '../../../../shared/schemas/import';
import { ApiError } from '../../../app/api';
import { downloadFile, type ImportKindCode, templateUrl } from '../api';

const CHOICES: { key: string; format: FileFormat; lang: FileLang }[] = [
  { key: 'xlsxZh', format: 'xlsx', lang: 'zh-CN' },
  { key: 'csvZh', format: 'csv', lang: 'zh-CN' },
  { key: 'xlsxEn', format: 'xlsx', lang: 'en' },
  { key: 'csvEn', format: 'csv', lang: 'en' },
];

/** The template of a kind, in either header language, as Excel or CSV. */
export function TemplateLinks({ kind, id }: { kind: ImportKindCode; id?: string }) {
  const { t } = useTranslation('imports');
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  return (
    <Space wrap id={id} role="group" aria-label={t('template.label')}>
      {CHOICES.map((c) => (
        <Button
          key={c.key}
          size="small"
          icon={<DownloadOutlined />}
          loading={busy === c.key}
          onClick={async () => {
            setBusy(c.key);
            try {
              await downloadFile(templateUrl(kind, c.format, c.lang), `${kind}-template.${c.format}`);
            } catch (e) {
              const text = e instanceof ApiError ? e.message : t('fileErrors.network');
              message.error(t('template.failed', { message: text }));
            } finally {
              setBusy(null);
            }
          }}
        >
          {t(`template.${c.key}`)}
        </Button>
      ))}
    </Space>
  );
}
