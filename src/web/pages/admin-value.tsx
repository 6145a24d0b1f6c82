import { Space, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { MaintenanceSettingsForm } from '../modules/value-analytics/components/maintenance-settings-form';
import { ValueRunsPanel } from '../modules/value-analytics/components/value-runs-panel';
import { ValueSettingsForm } from '../modules/value-analytics/components/value-settings-form';

const TABS = ['model', 'maintenance'] as const;

/**
 * 客户价值设置: the customer-value model and the maintenance policies (issue #7, DOMAIN §3.1, §5), each
 * saved as a new version with a reason, and the recomputation of values, tiers and analyses with its
 * progress and the recent runs. The tab lives in the URL.
 */
export default function AdminValuePage() {
  const { t } = useTranslation('valueAnalytics');
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'model';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <ValueRunsPanel />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'model', label: t('settings.tabModel'), children: <ValueSettingsForm /> },
          { key: 'maintenance', label: t('settings.tabMaintenance'), children: <MaintenanceSettingsForm /> },
        ]}
      />
    </Space>
  );
}
