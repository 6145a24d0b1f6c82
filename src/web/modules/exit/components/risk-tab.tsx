import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/codes';
import type { CustomerDetail } from '../../../../shared/schemas/customer';
import { useUser } from '../../../app/auth';
import { RiskExitPlans } from './risk-exit-plans';
import { RiskExitStatus } from './risk-exit-status';
import { RiskFlagsCard } from './risk-flags-card';

// 风险与退出 on the customer 360 page (issue #9, DOMAIN §6): the risk flags people recorded on the
// customer (EX1 assessments, EX4 adverse records, EX5 nominations) with the form to record or clear
// one; where the customer stands on exit (the candidate entry of the latest screening, its rules and
// their evidence, a screening of this customer on demand); and its exit plans.

/** Risk data is recorded by those who serve and those who watch the customer; administrators keep rules. */
const FLAG_WRITERS: readonly Role[] = ['rm', 'team_lead', 'risk_officer'];
/** Exit plans are drafted by RMs and team leads (who may edit the customer). */
const PLANNERS: readonly Role[] = ['rm', 'team_lead'];

export function RiskTab({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation('exitRisk');
  const user = useUser();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {customer.loanClass === 'special_mention' && (
        <Alert type="warning" showIcon title={t('watch.title')} description={t('watch.description')} />
      )}
      <RiskFlagsCard customerId={customer.id} canWrite={FLAG_WRITERS.includes(user.role)} />
      <RiskExitStatus customer={customer} />
      <RiskExitPlans
        customerId={customer.id}
        canPlan={PLANNERS.includes(user.role) && customer.permissions.edit}
      />
    </Space>
  );
}
