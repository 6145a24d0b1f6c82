import { Divider, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TimelineTab } from '../../interactions/components/timeline-tab';
import { PlansTab } from '../../visit-plans/components/plans-tab';
import type { ProspectDetail } from '../api';

/** The prospect's contacts 接触 and visit plans 相会计划 (DOMAIN §4 item 5): the same views as a customer's. */
export function ActivityTab({ prospect: p }: { prospect: ProspectDetail }) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const editable = p.permissions.edit && p.customerId === null && p.mergedInto === null;
  return (
    <>
      {p.customerId !== null && (
        <Typography.Paragraph type="secondary">{t('activity.moved')}</Typography.Paragraph>
      )}
      <Typography.Title level={5}>{t('activity.plans', { count: p.counts.visitPlans })}</Typography.Title>
      <PlansTab prospectId={p.id} canEdit={editable} />
      <Divider />
      <TimelineTab prospect={{ id: p.id, name: p.name, code: p.code }} canEdit={editable} />
    </>
  );
}
