import { ArrowRightOutlined } from '@ant-design/icons';
import { Empty, Flex, Timeline, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExitPlanDto } from '../../../../shared/schemas/exit';
import { formatDateTime } from '../../../app/format';
import { PlanStatusTag } from './plan-status';

const ACTIONS = ['create', 'submit', 'review', 'approve', 'reject', 'revise', 'start', 'complete'];

/** Every move of the plan through its workflow, newest first: what, who, when, and the note given. */
export function PlanHistory({ history }: { history: ExitPlanDto['history'] }) {
  const { t } = useTranslation('exitPlans');
  const { token } = theme.useToken();
  const dot: Record<string, string> = {
    submit: token.colorInfo,
    review: token.colorInfo,
    approve: token.colorSuccess,
    reject: token.colorError,
    revise: token.colorWarning,
    start: token.cyan7,
    complete: token.colorSuccess,
  };
  if (history.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />;
  const entries = [...history].reverse();
  return (
    <Timeline
      items={entries.map((h, i) => ({
        key: `${h.at}-${i}`,
        color: dot[h.action] ?? token.colorTextQuaternary,
        content: (
          <div>
            <Flex wrap gap={6} align="center">
              <Typography.Text strong>
                {ACTIONS.includes(h.action) ? t(`history.action.${h.action}`) : h.action}
              </Typography.Text>
              {h.fromStatus && h.fromStatus !== h.toStatus && (
                <>
                  <PlanStatusTag status={h.fromStatus} />
                  <ArrowRightOutlined aria-label={t('history.to')} />
                </>
              )}
              <PlanStatusTag status={h.toStatus} />
            </Flex>
            <Typography.Text type="secondary">
              {t('history.by', { name: h.by?.name ?? t('workflow.system'), at: formatDateTime(h.at) })}
            </Typography.Text>
            {h.note && (
              <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                {h.note}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}
