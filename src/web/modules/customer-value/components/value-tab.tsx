import { Alert, Card, Empty, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../../shared/schemas/customer';
import { useCustomerValue } from '../api';
import { ConcessionsCard } from './concessions-card';
import { MaintenanceCard } from './maintenance-card';
import { PitfallAlerts } from './pitfall-alerts';
import { StageAndTier } from './stage-and-tier';
import { StatementsCard } from './statements-card';
import { ValueCards } from './value-cards';
import { ValueTrendChart } from './value-trend-chart';

// The value tab of the customer 360 page (issue #7): what the customer is worth to the bank and why
// (DOMAIN §3.1), its lifecycle stage and relationship tier, how it is to be maintained (§5) and the
// pitfalls to avoid with it.

export function ValueTab({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation('value');
  const value = useCustomerValue(customer.id);
  const v = value.data;
  const canEdit = customer.permissions.edit;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PitfallAlerts customerId={customer.id} />
      {value.error ? (
        <Alert type="error" showIcon title={t('loadFailed')} description={(value.error as Error).message} />
      ) : !v ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        <>
          {v.asOf === null ? (
            <Alert type="info" showIcon title={t('noFigures')} />
          ) : (
            <Typography.Text type="secondary">
              {t('asOf', { month: v.asOf, version: v.settingsVersion })}
            </Typography.Text>
          )}
          <ValueCards value={v} />
          <Card size="small" title={t('trend.title')}>
            {v.trend.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('trend.empty')} />
            ) : (
              <ValueTrendChart trend={v.trend} />
            )}
          </Card>
          <StageAndTier customer={customer} value={v} />
        </>
      )}
      <MaintenanceCard customerId={customer.id} />
      <ConcessionsCard customerId={customer.id} canEdit={canEdit} />
      {customer.kind === 'corporate' && <StatementsCard customerId={customer.id} canEdit={canEdit} />}
    </Space>
  );
}
