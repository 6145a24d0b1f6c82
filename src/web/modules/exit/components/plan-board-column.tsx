import { Badge, Button, Card, Empty, Flex, Skeleton, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXIT_PLAN_STATUSES, type ExitPlanStatus } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import { useExitPlans } from '../api';
import { PlanCard } from './plan-card';

const PAGE = 20;
const DOT: Record<ExitPlanStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  approved: 'cyan',
  rejected: 'red',
  executing: 'gold',
  completed: 'green',
};

/**
 * One column of the board: the plans of one status (newest change first), 20 at a time with "more";
 * the count is the server's total, so a column never pretends to show everything it has.
 */
export function PlanBoardColumn({
  status,
  customerId,
}: {
  status: ExitPlanStatus;
  customerId: number | undefined;
}) {
  const { t } = useTranslation('exitPlans');
  const { token } = theme.useToken();
  const [limit, setLimit] = useState(PAGE);
  const list = useExitPlans({ status, customerId, page: 1, pageSize: limit });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const headingId = `exit-column-${status}`;

  return (
    <section aria-labelledby={headingId} style={{ height: '100%' }} data-testid={`exit-column-${status}`}>
      <Card
        size="small"
        style={{ height: '100%', background: token.colorFillQuaternary }}
        title={
          <Flex align="center" gap={8}>
            <Badge color={DOT[status]} />
            <Typography.Title level={2} id={headingId} style={{ fontSize: token.fontSize, margin: 0 }}>
              {codeLabel(EXIT_PLAN_STATUSES.labels, status)}
            </Typography.Title>
            <Typography.Text type="secondary" aria-label={t('board.count', { n: total })}>
              {list.data ? total : ''}
            </Typography.Text>
          </Flex>
        }
      >
        {list.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.emptyColumn')} />
        ) : (
          <Flex vertical gap={8}>
            {items.map((p) => (
              <PlanCard key={p.id} plan={p} />
            ))}
            {total > items.length && (
              <Button
                type="dashed"
                loading={list.isFetching}
                onClick={() => setLimit((n) => Math.min(200, n + PAGE))}
              >
                {t('board.more', { n: total - items.length })}
              </Button>
            )}
          </Flex>
        )}
      </Card>
    </section>
  );
}
