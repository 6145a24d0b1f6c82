import { CheckOutlined } from '@ant-design/icons';
import { Alert, Badge, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { MAINTENANCE_FORMS, SERVICE_PACKAGES, VALUE_TIERS } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import { type MaintenanceStatus, useMaintenanceStatus } from '../api';

// Differentiated maintenance 差别维护 (DOMAIN §5): the policy of the customer's value tier (most days
// between qualifying contacts, the forms expected, the service package) and where the customer
// stands against it.

type ContactState = NonNullable<MaintenanceStatus['state']>;
// A badge's dot carries the colour and its text stays in the text colour, so it reads at AA contrast.
const STATE_BADGES: Record<ContactState, 'success' | 'warning' | 'error'> = {
  ok: 'success',
  due_soon: 'warning',
  overdue: 'error',
};

/** The state of the next contact as a coloured tag: "overdue by 5 days", "due in 3 days", "in time". */
export function ContactStateTag({
  state,
  daysLeft,
}: {
  state: ContactState | null;
  daysLeft: number | null;
}) {
  const { t } = useTranslation('value');
  if (!state) return null;
  return <Badge status={STATE_BADGES[state]} text={contactStateText(t, state, daysLeft)} />;
}

export function contactStateText(t: TFunction, state: ContactState, daysLeft: number | null) {
  const days = Math.abs(daysLeft ?? 0);
  if (state === 'overdue') return t('value:maintenance.state.overdue', { count: days });
  if (state === 'due_soon')
    return days === 0
      ? t('value:maintenance.state.dueToday')
      : t('value:maintenance.state.dueSoon', { count: days });
  return t('value:maintenance.state.ok');
}

export function MaintenanceCard({ customerId }: { customerId: number }) {
  const { t } = useTranslation('value');
  const status = useMaintenanceStatus(customerId);
  const m = status.data;
  return (
    <Card size="small" title={t('maintenance.title')}>
      {status.error ? (
        <Alert type="error" showIcon title={(status.error as Error).message} />
      ) : !m ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : !m.policy ? (
        <Typography.Text type="secondary">{t('maintenance.noPolicy')}</Typography.Text>
      ) : (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'policy',
              label: t('maintenance.policy'),
              children: t('maintenance.policyText', {
                tier: codeLabel(VALUE_TIERS.labels, m.policy.valueTier),
                days: m.policy.maxDays,
              }),
            },
            {
              key: 'package',
              label: t('maintenance.servicePackage'),
              children: codeLabel(SERVICE_PACKAGES.labels, m.policy.servicePackage),
            },
            {
              key: 'state',
              label: t('maintenance.nextContact'),
              children: (
                <Space wrap size={4}>
                  {m.dueOn && <span>{t('maintenance.dueOn', { date: m.dueOn })}</span>}
                  <ContactStateTag state={m.state} daysLeft={m.daysLeft} />
                </Space>
              ),
            },
            {
              key: 'last',
              label: t('maintenance.lastContact'),
              children: m.lastContactOn ?? (
                <Typography.Text type="secondary">{t('maintenance.never')}</Typography.Text>
              ),
            },
            {
              key: 'forms',
              label: t('maintenance.forms'),
              span: 2,
              children: (
                <Space wrap size={4}>
                  {m.policy.forms.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
                  {m.policy.forms.map((f) => {
                    const used = m.formsUsed.includes(f);
                    return (
                      <Tag
                        key={f}
                        color={used ? 'processing' : 'default'}
                        icon={used ? <CheckOutlined /> : undefined}
                      >
                        {codeLabel(MAINTENANCE_FORMS.labels, f)}
                      </Tag>
                    );
                  })}
                  <Typography.Text type="secondary">
                    {t('maintenance.formsCount', {
                      used: m.policy.forms.filter((f) => m.formsUsed.includes(f)).length,
                      expected: m.policy.forms.length,
                      days: m.policy.maxDays,
                    })}
                  </Typography.Text>
                  {m.formsUsed
                    .filter((f) => !m.policy?.forms.includes(f))
                    .map((f) => (
                      <Tag key={f}>{codeLabel(MAINTENANCE_FORMS.labels, f)}</Tag>
                    ))}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
