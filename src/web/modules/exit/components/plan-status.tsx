import { CheckCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { EXIT_PLAN_STATUSES, type ExitPlanStatus } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';

// How an exit plan's place in its workflow looks wherever it is shown (board, detail, report). Only
// Ant Design presets whose text meets the WCAG AA contrast on their background under this theme
// (gold, cyan, green, volcano and the theme's success do not: see customer-value/colors.ts).

export const PLAN_STATUS_COLOURS: Record<ExitPlanStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  approved: 'geekblue',
  rejected: 'red',
  executing: 'purple',
  completed: 'default',
};

export function PlanStatusTag({ status }: { status: ExitPlanStatus }) {
  return (
    <Tag
      color={PLAN_STATUS_COLOURS[status]}
      icon={status === 'completed' ? <CheckCircleOutlined /> : undefined}
    >
      {codeLabel(EXIT_PLAN_STATUSES.labels, status)}
    </Tag>
  );
}

/** Whose decision a submitted plan waits for: the customer's team lead first (when configured), then risk. */
export function ReviewStageTag({ stage }: { stage: 'team_lead' | 'risk' | null }) {
  const { t } = useTranslation('exitPlans');
  if (!stage) return null;
  return <Tag color={stage === 'risk' ? 'magenta' : 'blue'}>{t(`stage.${stage}`)}</Tag>;
}

/** Content `customer` with scope `whole`: every business with the customer ends (the server's rule). */
export const isWholeExit = (p: { content: string; scope: string }) =>
  p.content === 'customer' && p.scope === 'whole';
