import { FileAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EXIT_PLAN_STATUSES, EXIT_REASONS, EXIT_SCOPES, type ExitPlanStatus } from '../../../../shared/codes';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { type ExitPlanSummaryDto, useExitPlans } from '../api';

// The customer's exit plans, most recently changed first, each opening its page; an RM or a team lead
// drafts a new one when none is under way (the server allows one plan under way per customer).

const PLAN_STATUS_COLORS: Record<ExitPlanStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  approved: 'geekblue',
  rejected: 'magenta',
  executing: 'purple',
  completed: 'default',
};
/** A plan in one of these is under way: no second plan may be drafted beside it. */
const UNDER_WAY: readonly ExitPlanStatus[] = ['draft', 'submitted', 'approved', 'executing'];
const ROWS = 10;

export function RiskExitPlans({ customerId, canPlan }: { customerId: number; canPlan: boolean }) {
  const { t } = useTranslation('exitRisk');
  const navigate = useNavigate();
  const plans = useExitPlans({ customerId, page: 1, pageSize: ROWS });
  const items = plans.data?.items ?? [];
  const total = plans.data?.total ?? 0;
  const underWay = items.find((p) => UNDER_WAY.includes(p.status)) ?? null;

  const columns: ColumnsType<ExitPlanSummaryDto> = [
    {
      key: 'id',
      title: t('plans.plan'),
      width: 110,
      render: (_, p) => <Link to={`/exit/plans/${p.id}`}>{t('plans.planNo', { id: p.id })}</Link>,
    },
    {
      key: 'status',
      title: t('plans.status'),
      width: 150,
      render: (_, p) => (
        <Space size={4} wrap>
          <Tag color={PLAN_STATUS_COLORS[p.status]}>{codeLabel(EXIT_PLAN_STATUSES.labels, p.status)}</Tag>
          {p.status === 'submitted' && p.reviewStage && (
            <Typography.Text type="secondary">{t(`plans.reviewStage.${p.reviewStage}`)}</Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'scope', title: t('plans.scope'), render: (_, p) => codeLabel(EXIT_SCOPES.labels, p.scope) },
    {
      key: 'reasons',
      title: t('plans.reasons'),
      render: (_, p) => p.reasons.map((r) => codeLabel(EXIT_REASONS.labels, r)).join(t('plans.listSep')),
    },
    {
      key: 'target',
      title: t('plans.target'),
      width: 110,
      render: (_, p) =>
        p.status === 'completed' && p.completedOn
          ? t('plans.completedOn', { date: p.completedOn })
          : p.targetDate,
    },
    {
      key: 'steps',
      title: t('plans.steps'),
      width: 90,
      align: 'right',
      render: (_, p) => t('plans.stepsDone', { done: p.stepsDone, total: p.stepsTotal }),
    },
    {
      key: 'updatedAt',
      title: t('plans.updatedAt'),
      width: 150,
      render: (_, p) => formatDateTime(p.updatedAt),
    },
  ];

  return (
    <Card
      size="small"
      title={t('plans.title')}
      extra={
        canPlan &&
        !underWay &&
        plans.data && (
          <Button
            icon={<FileAddOutlined />}
            onClick={() => navigate(`/exit/plans/new?customerId=${customerId}`)}
          >
            {t('plans.new')}
          </Button>
        )
      }
    >
      <Flex vertical gap="small">
        {plans.error && (
          <Alert
            type="error"
            showIcon
            title={t('plans.loadFailed')}
            description={(plans.error as Error).message}
          />
        )}
        {underWay && canPlan && (
          <Typography.Text type="secondary">{t('plans.underWay', { id: underWay.id })}</Typography.Text>
        )}
        <Table<ExitPlanSummaryDto>
          rowKey="id"
          size="small"
          loading={plans.isFetching}
          dataSource={items}
          columns={columns}
          locale={{ emptyText: t('plans.empty') }}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
        {total > items.length && (
          <Typography.Text type="secondary">
            {t('plans.more', { shown: items.length, total })}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
