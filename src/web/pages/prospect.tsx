import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Skeleton, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../app/api';
import { useProspect } from '../modules/prospects/api';
import { ActivityTab } from '../modules/prospects/components/activity-tab';
import { AssessmentTab } from '../modules/prospects/components/assessment-tab';
import { FitTab } from '../modules/prospects/components/fit-tab';
import { HistoryTab } from '../modules/prospects/components/history-tab';
import { ProfileTab } from '../modules/prospects/components/profile-tab';
import { ProspectHeader } from '../modules/prospects/components/prospect-header';
import { TacticsTab } from '../modules/prospects/components/tactics-tab';
import { NotFoundPage } from './not-found';

const TABS = ['profile', 'fit', 'assessment', 'tactics', 'history', 'activity'] as const;
type Tab = (typeof TABS)[number];

/** One prospect: its stage, fit and next steps on top; profile, fit, assessment, tactics, history and contacts below. */
export default function ProspectPage() {
  const { id: rawId } = useParams();
  const id = /^[1-9][0-9]{0,9}$/.test(rawId ?? '') ? Number(rawId) : 0;
  if (!id || id > 2_147_483_647) return <NotFoundPage />;
  return <ProspectView key={id} id={id} />;
}

function ProspectView({ id }: { id: number }) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const prospect = useProspect(id);
  const [params, setParams] = useSearchParams();

  if (prospect.error instanceof ApiError && prospect.error.status === 404) return <NotFoundPage />;
  if (prospect.error)
    return (
      <Alert
        type="error"
        showIcon
        title={t('detail.loadFailed')}
        description={(prospect.error as Error).message}
      />
    );
  if (!prospect.data)
    return (
      <Card>
        <Skeleton active title paragraph={{ rows: 3 }} />
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );

  const p = prospect.data;
  const requested = params.get('tab') as Tab | null;
  const active: Tab = requested && TABS.includes(requested) ? requested : 'profile';
  const content: Record<Tab, ReactNode> = {
    profile: <ProfileTab prospect={p} />,
    fit: <FitTab prospect={p} />,
    assessment: <AssessmentTab prospect={p} />,
    tactics: <TacticsTab prospect={p} />,
    history: <HistoryTab prospect={p} />,
    activity: <ActivityTab prospect={p} />,
  };
  const label = (tab: Tab) =>
    tab === 'activity'
      ? t('tabs.activityCount', { count: p.counts.interactions + p.counts.visitPlans })
      : tab === 'tactics'
        ? t('tabs.tacticsCount', { count: p.tactics.length })
        : t(`tabs.${tab}`);

  return (
    <Card>
      <Link to="/prospects" style={{ display: 'inline-block', marginBottom: 12 }}>
        <ArrowLeftOutlined /> {t('back')}
      </Link>
      <ProspectHeader prospect={p} />
      <Tabs
        activeKey={active}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          if (key === 'profile') next.delete('tab');
          else next.set('tab', key);
          setParams(next, { replace: true });
        }}
        items={TABS.map((tab) => ({ key: tab, label: label(tab), children: content[tab] }))}
      />
    </Card>
  );
}
