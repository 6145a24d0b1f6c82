import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { bankDate } from '../../shared/schemas/common';
import { ApiError } from '../app/api';
import { useUser } from '../app/auth';
import { formatDateTime, formatYuan } from '../app/format';
import { useExitPlan } from '../modules/exit/api';
import { PlanActions } from '../modules/exit/components/plan-actions';
import { PlanChecklist } from '../modules/exit/components/plan-checklist';
import { PlanDimensions } from '../modules/exit/components/plan-dimensions';
import { PlanEvidence } from '../modules/exit/components/plan-evidence';
import { PlanHistory } from '../modules/exit/components/plan-history';
import { planErrorText } from '../modules/exit/components/plan-problem';
import { isWholeExit, PlanStatusTag, ReviewStageTag } from '../modules/exit/components/plan-status';
import { PlanWorkflow } from '../modules/exit/components/plan-workflow';
import { NotFoundPage } from './not-found';

/**
 * One exit plan 退出方案: where it stands in its workflow, the dimensions and reasons, the triggers it
 * was made on, the balances when it was submitted, the steps as a checklist, its history, and the
 * moves the viewer may make.
 */
export default function ExitPlanPage() {
  const { id: rawId } = useParams();
  const id = /^[1-9][0-9]{0,9}$/.test(rawId ?? '') ? Number(rawId) : 0;
  if (!id) return <NotFoundPage />;
  return <PlanView key={id} id={id} />;
}

function PlanView({ id }: { id: number }) {
  const { t } = useTranslation(['exitPlans', 'customer360']);
  const user = useUser();
  const location = useLocation();
  const plan = useExitPlan(id);
  const [problem, setProblem] = useState<string | null>(
    (location.state as { submitFailed?: string } | null)?.submitFailed ?? null,
  );

  if (plan.error instanceof ApiError && plan.error.status === 404) return <NotFoundPage />;
  if (plan.error) return <Alert type="error" showIcon title={planErrorText(t, plan.error)} />;
  const p = plan.data;
  if (!p) return <Skeleton active />;

  const whole = isWholeExit(p);
  const planner = user.role === 'rm' || user.role === 'team_lead';
  const canTrack = planner && (p.status === 'approved' || p.status === 'executing');
  const overdue = !['completed', 'rejected'].includes(p.status) && p.targetDate < bankDate(new Date());
  const lastReject =
    p.status === 'rejected' ? [...p.history].reverse().find((h) => h.action === 'reject') : null;

  return (
    <Card>
      <Link to="/exit/plans" style={{ display: 'block', width: 'fit-content', marginBottom: 12 }}>
        <ArrowLeftOutlined /> {t('back')}
      </Link>
      <Flex align="center" gap={8} wrap style={{ marginBottom: 4 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('detail.title', { customer: p.customer.name })}
        </Typography.Title>
        <span data-testid="plan-status">
          <PlanStatusTag status={p.status} />
        </span>
        {p.status === 'submitted' && <ReviewStageTag stage={p.reviewStage} />}
        {whole && <Tag color="red">{t('whole.tag')}</Tag>}
      </Flex>
      <Typography.Paragraph type="secondary">
        {t('detail.subtitle', {
          id: p.id,
          by: p.createdBy.name,
          at: formatDateTime(p.createdAt),
        })}
      </Typography.Paragraph>

      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problem}
          closable={{ onClose: () => setProblem(null) }}
          style={{ marginBottom: 16 }}
        />
      )}
      {lastReject?.note && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('detail.rejectedWith', { name: lastReject.by?.name ?? '', note: lastReject.note })}
        />
      )}
      {whole && ['submitted', 'approved', 'executing'].includes(p.status) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('whole.warningTitle')}
          description={t('whole.warning')}
        />
      )}
      {whole && p.status === 'completed' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('whole.done')} />
      )}

      <Card size="small" style={{ marginBottom: 16 }}>
        <PlanWorkflow plan={p} />
      </Card>

      <div style={{ marginBottom: 16 }}>
        <PlanActions plan={p} onError={setProblem} />
      </div>

      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'customer',
            label: t('field.customer'),
            children: (
              <Link to={`/customers/${p.customer.id}`}>
                {p.customer.name}（{p.customer.code}）
              </Link>
            ),
          },
          { key: 'owner', label: t('field.owner'), children: p.customer.owner?.name ?? '—' },
          {
            key: 'target',
            label: t('field.targetDate'),
            children: overdue ? (
              <Typography.Text type="danger">
                {p.targetDate} {t('card.overdue')}
              </Typography.Text>
            ) : (
              p.targetDate
            ),
          },
          ...(p.completedOn
            ? [{ key: 'completed', label: t('field.completedOn'), children: p.completedOn }]
            : []),
          { key: 'updated', label: t('field.updatedAt'), children: formatDateTime(p.updatedAt) },
        ]}
      />

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('detail.dimensions')}>
            <PlanDimensions plan={p} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            size="small"
            title={t('detail.balances')}
            extra={
              <Typography.Text type="secondary">
                {p.status === 'draft' ? t('detail.balancesDraft') : t('detail.balancesSubmitted')}
              </Typography.Text>
            }
            style={{ height: '100%' }}
          >
            <Row gutter={16}>
              <Col span={12}>
                <Statistic
                  title={t('report.asset')}
                  value={p.assetBalance === null ? '—' : formatYuan(p.assetBalance, true)}
                />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('report.liability')}
                  value={p.liabilityBalance === null ? '—' : formatYuan(p.liabilityBalance, true)}
                />
              </Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('detail.balancesHint')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('detail.evidence')}>
            <PlanEvidence triggers={p.triggers} emptyText={t('evidence.noneOnPlan')} />
          </Card>
        </Col>
        <Col span={24}>
          <Card
            size="small"
            title={t('detail.steps')}
            extra={
              planner &&
              !canTrack &&
              p.status !== 'completed' && (
                <Typography.Text type="secondary">{t('checklist.whenApproved')}</Typography.Text>
              )
            }
          >
            <PlanChecklist plan={p} canTrack={canTrack} onError={setProblem} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('detail.history')}>
            <PlanHistory history={p.history} />
          </Card>
        </Col>
      </Row>
    </Card>
  );
}
