import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useUser } from '../app/auth';
import { CampaignsTab } from '../modules/surveys/components/campaigns-tab';
import { TemplatesTab } from '../modules/surveys/components/templates-tab';

/**
 * 满意度调查 (DOMAIN §5, issue #8): the campaigns through their five steps, and the templates they
 * are made from. Team leads and administrators create both; everyone else reads. The tab lives in the
 * URL, so a link opens the templates directly.
 */
export default function SurveysPage() {
  const { t } = useTranslation('surveys');
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const canManage = user.role === 'team_lead' || user.role === 'admin';
  const tab = params.get('tab') === 'templates' ? 'templates' : 'campaigns';

  return (
    <Card title={t('title')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'templates' ? { tab: key } : {})}
        items={[
          {
            key: 'campaigns',
            label: t('tabs.campaigns'),
            children: <CampaignsTab canCreate={canManage} />,
          },
          {
            key: 'templates',
            label: t('tabs.templates'),
            children: <TemplatesTab canEdit={canManage} />,
          },
        ]}
      />
    </Card>
  );
}
