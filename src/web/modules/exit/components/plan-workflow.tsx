import { Flex, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EXIT_PLAN_STATUSES, type ExitPlanStatus } from '../../../../shared/codes';
import type { ExitPlanDto } from '../../../../shared/schemas/exit';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';

// draft → submitted → approved | rejected → executing → completed (DOMAIN §6), as steps: each with
// who moved the plan there and when; a submitted plan says whose review it waits for.

const ORDER: Record<ExitPlanStatus, number> = {
  draft: 0,
  submitted: 1,
  approved: 2,
  rejected: 2,
  executing: 3,
  completed: 4,
};

export function PlanWorkflow({ plan }: { plan: ExitPlanDto }) {
  const { t } = useTranslation('exitPlans');
  const current = ORDER[plan.status];
  const lastInto = (status: ExitPlanStatus) => [...plan.history].reverse().find((h) => h.toStatus === status);
  const entered = (status: ExitPlanStatus) => {
    const h = lastInto(status);
    return h ? (
      <Typography.Text type="secondary">
        {t('workflow.by', { name: h.by?.name ?? t('workflow.system'), at: formatDateTime(h.at) })}
      </Typography.Text>
    ) : null;
  };
  const decided: ExitPlanStatus = plan.status === 'rejected' ? 'rejected' : 'approved';
  // The latest submission, and the team lead's review after it (which keeps the plan submitted).
  const submitted = [...plan.history].reverse().find((h) => h.action === 'submit');
  const review = submitted
    ? plan.history.find((h) => h.action === 'review' && h.at >= submitted.at)
    : undefined;

  const items = [
    { key: 'draft', title: t('workflow.draft'), content: entered('draft') },
    {
      key: 'submitted',
      title: t('workflow.submitted'),
      content: (
        <Flex vertical>
          {submitted && (
            <Typography.Text type="secondary">
              {t('workflow.by', {
                name: submitted.by?.name ?? t('workflow.system'),
                at: formatDateTime(submitted.at),
              })}
            </Typography.Text>
          )}
          {review && (
            <Typography.Text type="secondary">
              {t('workflow.reviewedBy', { name: review.by?.name ?? t('workflow.system') })}
            </Typography.Text>
          )}
          {plan.status === 'submitted' && plan.reviewStage && (
            <Typography.Text type="warning">{t(`stage.${plan.reviewStage}`)}</Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'decided',
      title:
        plan.status === 'rejected'
          ? codeLabel(EXIT_PLAN_STATUSES.labels, 'rejected')
          : t('workflow.approved'),
      status: plan.status === 'rejected' ? ('error' as const) : undefined,
      content: entered(decided),
    },
    { key: 'executing', title: t('workflow.executing'), content: entered('executing') },
    { key: 'completed', title: t('workflow.completed'), content: entered('completed') },
  ];

  return (
    <Steps
      size="small"
      current={current}
      status={plan.status === 'completed' ? 'finish' : plan.status === 'rejected' ? 'error' : 'process'}
      items={items}
      aria-label={t('workflow.label')}
    />
  );
}
