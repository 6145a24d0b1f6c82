import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Flex, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { SURVEY_STEPS } from '../../shared/codes';
import { ApiError } from '../app/api';
import { useUser } from '../app/auth';
import { formatDateTime } from '../app/format';
import { codeLabel } from '../i18n';
import { useCampaign } from '../modules/surveys/api';
import { ActionsForm } from '../modules/surveys/components/actions-form';
import { CampaignSteps } from '../modules/surveys/components/campaign-steps';
import { STEP_COLORS } from '../modules/surveys/components/campaigns-tab';
import { ReportView } from '../modules/surveys/components/report-view';
import { ResultsPanel } from '../modules/surveys/components/results-panel';
import { SegmentText } from '../modules/surveys/components/segment-text';
import { TargetsTable } from '../modules/surveys/components/targets-table';
import { shareText, surveyErrorText } from '../modules/surveys/format';
import { NotFoundPage } from './not-found';

const TABS = ['targets', 'results', 'follow_up'] as const;
type Tab = (typeof TABS)[number];

/**
 * One survey campaign: its five steps with who moved it and when, the customers drawn (responses
 * entered by RMs or one-time links for the customers' phones), the results and report, and the
 * follow-up actions that become tasks. The tab and the printable report (?print=1) live in the URL.
 */
export default function SurveyCampaignPage() {
  const { t } = useTranslation('surveys');
  const user = useUser();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const campaign = useCampaign(Number.isInteger(id) ? id : 0);
  const canManage = user.role === 'team_lead' || user.role === 'admin';

  const tabParam = params.get('tab') as Tab | null;
  // After the fieldwork the results are what people come for.
  const defaultTab: Tab =
    campaign.data && !['plan', 'fieldwork'].includes(campaign.data.step) ? 'results' : 'targets';
  const tab: Tab = tabParam && TABS.includes(tabParam) ? tabParam : defaultTab;
  const printing = params.get('print') === '1';

  const setParam = (key: string, value: string | undefined) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value === undefined) next.delete(key);
      else next.set(key, value);
      return next;
    });

  if (!(id > 0) || (campaign.error instanceof ApiError && campaign.error.status === 404))
    return <NotFoundPage />;
  if (campaign.error) return <Alert type="error" showIcon title={surveyErrorText(t, campaign.error)} />;
  if (!campaign.data) return <Skeleton active />;
  const c = campaign.data;
  // The printable report covers the window; the page under it stays out of the way.
  if (printing) return <ReportView campaign={c} onClose={() => setParam('print', undefined)} />;

  return (
    <Flex vertical gap="middle">
      <Card
        title={
          <Flex align="center" gap="small" wrap>
            <Link to="/surveys" aria-label={t('backToList')}>
              <ArrowLeftOutlined />
            </Link>
            <span>{c.name}</span>
            <Tag color={STEP_COLORS[c.step]}>{codeLabel(SURVEY_STEPS.labels, c.step)}</Tag>
          </Flex>
        }
      >
        <Flex vertical gap="large">
          {c.description && (
            <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
              {c.description}
            </Typography.Paragraph>
          )}
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              { key: 'template', label: t('campaign.template'), children: c.template.name },
              {
                key: 'sample',
                label: t('campaign.sampleSize'),
                children: t('campaign.sampleOf', { sample: c.sampleSize, targets: c.targets }),
              },
              {
                key: 'responses',
                label: t('campaign.responses'),
                children: t('campaign.responsesOf', {
                  n: c.responses,
                  rate: shareText(c.targets > 0 ? c.responses / c.targets : null),
                }),
              },
              {
                key: 'segment',
                label: t('campaign.segment'),
                span: { xs: 1, md: 2, xl: 2 },
                children: <SegmentText segment={c.segment} />,
              },
              {
                key: 'linkDays',
                label: t('campaign.linkDays'),
                children: t('campaign.days', { n: c.linkDays }),
              },
              {
                key: 'created',
                label: t('campaign.createdBy'),
                children: `${c.createdBy?.name ?? ''} · ${formatDateTime(c.createdAt)}`,
              },
            ]}
          />
          <CampaignSteps campaign={c} canAdvance={canManage} />
        </Flex>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam('tab', key)}
          items={[
            {
              key: 'targets',
              label: t('tabs.targets', { n: c.targets }),
              children: <TargetsTable campaign={c} canWrite={user.role !== 'risk_officer'} />,
            },
            {
              key: 'results',
              label: t('tabs.results'),
              children: <ResultsPanel campaign={c} onPrint={() => setParam('print', '1')} />,
            },
            {
              key: 'follow_up',
              label: t('tabs.followUp'),
              children: <ActionsForm campaign={c} canCreate={canManage} />,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
