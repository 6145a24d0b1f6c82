import { Card, Flex, Progress, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EXIT_BUSINESS_LINES, EXIT_MEANS } from '../../../../shared/codes';
import { bankDate } from '../../../../shared/schemas/common';
import type { ExitPlanSummaryDto } from '../../../../shared/schemas/exit';
import { codeLabel } from '../../../i18n';
import { dimensionsSummary } from './plan-dimensions';
import { RuleTag } from './plan-evidence';
import { isWholeExit, ReviewStageTag } from './plan-status';

/**
 * One plan on the board: the customer, the dimensions, the rules that made it a candidate, the
 * target date, the steps done, and whose decision it waits for. The whole card is one link, so the
 * keyboard reaches it with Tab and opens it with Enter.
 */
export function PlanCard({ plan }: { plan: ExitPlanSummaryDto }) {
  const { t } = useTranslation('exitPlans');
  const { token } = theme.useToken();
  const open = plan.status !== 'completed' && plan.status !== 'rejected';
  const overdue = open && plan.targetDate < bankDate(new Date());
  const lines = [
    plan.businessLines.map((c) => codeLabel(EXIT_BUSINESS_LINES.labels, c)).join(t('problem.separator')),
    plan.means.map((c) => codeLabel(EXIT_MEANS.labels, c)).join(t('problem.separator')),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Link
      to={`/exit/plans/${plan.id}`}
      style={{ display: 'block', color: 'inherit', borderRadius: token.borderRadiusLG }}
      data-testid={`plan-card-${plan.id}`}
    >
      <Card size="small" hoverable>
        <Flex vertical gap={6}>
          <Flex justify="space-between" gap={8} align="baseline">
            <Typography.Text strong ellipsis={{ tooltip: false }} style={{ color: token.colorLink }}>
              {plan.customer.name}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM, flex: 'none' }}>
              #{plan.id}
            </Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
            {plan.customer.code}
            {plan.customer.owner ? ` · ${plan.customer.owner.name}` : ''}
          </Typography.Text>
          <Typography.Text style={{ fontSize: token.fontSizeSM }}>
            {dimensionsSummary(plan)}
            {isWholeExit(plan) && (
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                {t('whole.tag')}
              </Tag>
            )}
          </Typography.Text>
          {lines && (
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {lines}
            </Typography.Text>
          )}
          {plan.rules.length > 0 && (
            <Flex wrap gap={4}>
              {plan.rules.map((r) => (
                <RuleTag key={r} rule={r} />
              ))}
            </Flex>
          )}
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text type={overdue ? 'danger' : 'secondary'} style={{ fontSize: token.fontSizeSM }}>
              {plan.status === 'completed' && plan.completedOn
                ? t('card.completedOn', { date: plan.completedOn })
                : t('card.target', { date: plan.targetDate })}
              {overdue ? ` ${t('card.overdue')}` : ''}
            </Typography.Text>
            {plan.status === 'submitted' && <ReviewStageTag stage={plan.reviewStage} />}
          </Flex>
          {plan.stepsTotal > 0 && (
            <Flex align="center" gap={8}>
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM, flex: 'none' }}>
                {t('card.steps', { done: plan.stepsDone, total: plan.stepsTotal })}
              </Typography.Text>
              <Progress
                percent={Math.round((plan.stepsDone / plan.stepsTotal) * 100)}
                size="small"
                showInfo={false}
                status={plan.stepsDone === plan.stepsTotal ? 'success' : 'normal'}
                aria-label={t('card.steps', { done: plan.stepsDone, total: plan.stepsTotal })}
              />
            </Flex>
          )}
        </Flex>
      </Card>
    </Link>
  );
}
