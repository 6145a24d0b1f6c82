import { DownOutlined, ExportOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { customerExportQuerySchema, type FileFormat } from '../../../shared/schemas/import';
import { qs } from '../../app/api';
import { downloadStream, fileLang } from './api';

/** The export's own parameters, and the paging of the list, which an export does not take. */
const FILTER_KEYS = Object.keys(customerExportQuerySchema.shape).filter(
  (k) => k !== 'format' && k !== 'lang',
);

/**
 * Exports the customers the list shows (its filters and order, every page) as Excel or CSV, with
 * the headers and labels in the reader's language. The browser streams the file to disk itself.
 */
export function CustomerExportButton() {
  const { t } = useTranslation('imports');
  const { message } = App.useApp();
  const [params] = useSearchParams();

  const exportAs = (format: FileFormat) => {
    const query: Record<string, string> = {};
    for (const key of FILTER_KEYS) {
      const value = params.get(key);
      if (value) query[key] = value;
    }
    downloadStream(`/api/v1/customers/export${qs({ ...query, format, lang: fileLang() })}`);
    message.info(t('export.started'));
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', icon: <FileExcelOutlined />, label: t('export.xlsx') },
          { key: 'csv', icon: <FileTextOutlined />, label: t('export.csv') },
        ],
        onClick: ({ key }) => exportAs(key as FileFormat),
      }}
    >
      <Button icon={<ExportOutlined />} aria-label={t('export.label')} title={t('export.label')}>
        {t('export.button')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
