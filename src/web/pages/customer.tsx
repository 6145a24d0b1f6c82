import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Skeleton, Tabs } from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../app/api';
import { CustomerComplaintsTab } from '../modules/complaints/components/customer-complaints-tab';
import { ValueTab } from '../modules/customer-value/components/value-tab';
import { useCustomer } from '../modules/customers/api';
import { AccountsTab } from '../modules/customers/components/accounts-tab';
import { AuditTab } from '../modules/customers/components/audit-tab';
import { ContactsTab } from '../modules/customers/components/contacts-tab';
import type { MaskedField } from '../modules/customers/components/customer-fields';
import { CustomerHeader } from '../modules/customers/components/customer-header';
import { LifecycleTab } from '../modules/customers/components/lifecycle-tab';
import { LinksTab } from '../modules/customers/components/links-tab';
import { ProfileTab } from '../modules/customers/components/profile-tab';
import { RiskTab } from '../modules/exit/components/risk-tab';
import { TimelineTab } from '../modules/interactions/components/timeline-tab';
import { LoyaltyTab } from '../modules/loyalty/components/loyalty-tab';
import { PlansTab } from '../modules/visit-plans/components/plans-tab';
import { NotFoundPage } from './not-found';

const TABS = [
  'profile',
  'value',
  'loyalty',
  'complaints',
  'risk',
  'timeline',
  'plans',
  'contacts',
  'links',
  'accounts',
  'lifecycle',
  'audit',
] as const;
type Tab = (typeof TABS)[number];

/** Customer 360: everything about one customer on one page; the open tab lives in the URL. */
export default function CustomerPage() {
  const { id: rawId } = useParams();
  const id = /^[1-9][0-9]{0,9}$/.test(rawId ?? '') ? Number(rawId) : 0;
  if (!id || id > 2_147_483_647) return <NotFoundPage />;
  // A new customer id starts a new page: revealed identifiers and edit state do not carry over.
  return <CustomerView key={id} id={id} />;
}

function CustomerView({ id }: { id: number }) {
  const { t } = useTranslation(['customer360', 'exitRisk']);
  const customer = useCustomer(id);
  const [params, setParams] = useSearchParams();
  const [revealed, setRevealed] = useState<Partial<Record<MaskedField, string | null>>>({});
  const onRevealed = useCallback((field: MaskedField, value: string | null) => {
    setRevealed((r) => ({ ...r, [field]: value }));
  }, []);
  const forgetRevealed = useCallback(() => setRevealed({}), []);

  if (customer.error instanceof ApiError && customer.error.status === 404) return <NotFoundPage />;
  if (customer.error) {
    return (
      <Alert type="error" showIcon title={t('loadFailed')} description={(customer.error as Error).message} />
    );
  }
  if (!customer.data) {
    return (
      <Card>
        <Skeleton active title paragraph={{ rows: 3 }} />
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  }

  const c = customer.data;
  const visible = TABS.filter((tab) => tab !== 'audit' || c.permissions.readAudit);
  const requested = params.get('tab') as Tab | null;
  const active: Tab = requested && visible.includes(requested) ? requested : 'profile';

  const content: Record<Tab, ReactNode> = {
    profile: (
      <ProfileTab
        customer={c}
        revealed={revealed}
        onRevealed={onRevealed}
        onForgetRevealed={forgetRevealed}
      />
    ),
    value: <ValueTab customer={c} />,
    loyalty: <LoyaltyTab customerId={c.id} canEdit={c.permissions.edit} />,
    complaints: <CustomerComplaintsTab customerId={c.id} canEdit={c.permissions.edit} />,
    risk: <RiskTab customer={c} />,
    timeline: <TimelineTab customerId={c.id} canEdit={c.permissions.edit} />,
    plans: <PlansTab customerId={c.id} canEdit={c.permissions.edit} />,
    contacts: (
      <ContactsTab
        customerId={c.id}
        kind={c.kind}
        canEdit={c.permissions.edit}
        canReveal={c.permissions.reveal}
      />
    ),
    links: <LinksTab customerId={c.id} canEdit={c.permissions.edit} />,
    accounts: <AccountsTab customerId={c.id} />,
    lifecycle: <LifecycleTab customer={c} />,
    audit: <AuditTab customerId={c.id} />,
  };

  return (
    <Card>
      <Link to="/customers" style={{ display: 'inline-block', marginBottom: 12 }}>
        <ArrowLeftOutlined /> {t('back')}
      </Link>
      <CustomerHeader customer={c} />
      <Tabs
        activeKey={active}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          if (key === 'profile') next.delete('tab');
          else next.set('tab', key);
          setParams(next, { replace: true });
        }}
        items={visible.map((tab) => ({
          key: tab,
          // The risk tab's words live with the exit feature's.
          label: tab === 'risk' ? t('exitRisk:tab') : t(`tabs.${tab}`),
          children: content[tab],
        }))}
      />
    </Card>
  );
}
