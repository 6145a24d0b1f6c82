import { Space } from 'antd';
import { ComplaintDeadlinesSettings } from '../modules/complaints/components/complaint-deadlines-settings';
import { LoyaltySettingsForm } from '../modules/loyalty/components/loyalty-settings-form';

/**
 * 满意度与忠诚度设置: the loyalty index's weights and thresholds (DOMAIN §5), saved as a new version
 * with a reason (loyalty programmes must not change often), and the deadlines of complaints and
 * suggestions by severity.
 */
export default function AdminSatisfactionPage() {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <LoyaltySettingsForm />
      <ComplaintDeadlinesSettings />
    </Space>
  );
}
