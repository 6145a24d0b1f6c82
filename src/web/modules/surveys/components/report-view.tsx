import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Spin, Typography, theme } from 'antd';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { SURVEY_STEPS } from '../../../../shared/codes';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { type SurveyCampaign, useResults } from '../api';
import { surveyErrorText } from '../format';
import { ResultsBody } from './results-body';
import { SegmentText } from './segment-text';

// On paper only the report: the app (#root) and the report's own buttons are left out, and the
// report flows over as many pages as it needs instead of scrolling in its box.
const PRINT_CSS = `
@media print {
  #root { display: none !important; }
  .survey-report-toolbar { display: none !important; }
  .survey-report { position: static !important; overflow: visible !important; padding: 0 !important; }
}`;

/**
 * The printable report (?print=1): the campaign, its steps, and the results without pagination, laid
 * over the whole window without the app's menu and header; 打印 opens the browser's print dialog.
 */
export function ReportView({ campaign, onClose }: { campaign: SurveyCampaign; onClose: () => void }) {
  const { t } = useTranslation('surveys');
  const { token } = theme.useToken();
  const results = useResults(campaign.id, true);

  return createPortal(
    <div
      className="survey-report"
      role="dialog"
      aria-modal="true"
      aria-label={t('report.title', { name: campaign.name })}
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 1000,
        overflow: 'auto',
        background: token.colorBgContainer,
        padding: token.paddingLG,
      }}
    >
      <style>{PRINT_CSS}</style>
      <div style={{ maxWidth: 1100, margin: '0 auto' }}>
        <Flex
          className="survey-report-toolbar"
          justify="space-between"
          style={{ marginBottom: token.marginLG }}
        >
          <Button icon={<ArrowLeftOutlined />} onClick={onClose}>
            {t('report.back')}
          </Button>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('report.print')}
          </Button>
        </Flex>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('report.title', { name: campaign.name })}
        </Typography.Title>
        {campaign.description && <Typography.Paragraph>{campaign.description}</Typography.Paragraph>}
        <Descriptions
          size="small"
          bordered
          column={2}
          style={{ marginBottom: token.marginLG }}
          items={[
            { key: 'template', label: t('campaign.template'), children: campaign.template.name },
            {
              key: 'step',
              label: t('campaign.step'),
              children: codeLabel(SURVEY_STEPS.labels, campaign.step),
            },
            {
              key: 'segment',
              label: t('campaign.segment'),
              span: 2,
              children: <SegmentText segment={campaign.segment} />,
            },
            {
              key: 'sample',
              label: t('campaign.sampleSize'),
              children: t('campaign.sampleOf', { sample: campaign.sampleSize, targets: campaign.targets }),
            },
            {
              key: 'generated',
              label: t('report.generatedAt'),
              children: formatDateTime(new Date().toISOString()),
            },
            {
              key: 'steps',
              label: t('report.steps'),
              span: 2,
              children: (
                <Flex vertical>
                  {campaign.steps.map((s) => (
                    <span key={`${s.step}-${s.at}`}>
                      {t(s.note ? 'report.stepLineNote' : 'report.stepLine', {
                        step: codeLabel(SURVEY_STEPS.labels, s.step),
                        name: s.by?.name ?? t('steps.system'),
                        at: formatDateTime(s.at),
                        note: s.note,
                      })}
                    </span>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
        {results.error && <Alert type="error" showIcon title={surveyErrorText(t, results.error)} />}
        {results.isPending ? (
          <Flex justify="center" style={{ padding: token.paddingXL }}>
            <Spin />
          </Flex>
        ) : (
          results.data && <ResultsBody results={results.data} print />
        )}
      </div>
    </div>,
    document.body,
  );
}
