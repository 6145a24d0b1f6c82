import { DownloadOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { reportXlsxUrl, type SurveyCampaign, useResults } from '../api';
import { surveyErrorText } from '../format';
import { ResultsBody } from './results-body';

/**
 * The results tab: the report to download (XLSX) or print, and the results themselves. While the
 * fieldwork runs they grow with each answer; a note says so.
 */
export function ResultsPanel({ campaign, onPrint }: { campaign: SurveyCampaign; onPrint: () => void }) {
  const { t } = useTranslation('surveys');
  const results = useResults(campaign.id, true);
  const running = campaign.step === 'plan' || campaign.step === 'fieldwork';

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="small">
        {running ? <Alert type="info" showIcon title={t('results.running')} style={{ flex: 1 }} /> : <span />}
        <Space wrap>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('results.refresh')}
            title={t('results.refresh')}
            loading={results.isFetching}
            onClick={() => void results.refetch()}
          />
          <Button icon={<DownloadOutlined />} href={reportXlsxUrl(campaign.id)} download>
            {t('report.xlsx')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={onPrint}>
            {t('report.printable')}
          </Button>
        </Space>
      </Flex>
      {results.error && <Alert type="error" showIcon title={surveyErrorText(t, results.error)} />}
      {results.isPending ? <Skeleton active /> : results.data && <ResultsBody results={results.data} />}
    </Flex>
  );
}
