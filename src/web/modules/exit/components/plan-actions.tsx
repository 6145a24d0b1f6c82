import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  FlagOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ExitPlanDto } from '../../../../shared/schemas/exit';
import { useUser } from '../../../app/auth';
import { type PlanAction, useCompletePlan, useDecidePlan, useDeleteExitPlan, usePlanAction } from '../api';
import { planErrorText } from './plan-problem';
import { isWholeExit } from './plan-status';

type Decision = 'approve' | 'reject';

/**
 * The moves the viewer may make on the plan, by role and status (plans.service.ts): an RM or team
 * lead edits, deletes or submits a draft, revises a rejected plan, starts an approved one and
 * completes an executing one; the reviewer of the current stage (the team lead, then a risk officer)
 * approves or rejects a submitted plan with a note (required to reject).
 */
export function PlanActions({
  plan,
  onError,
}: {
  plan: ExitPlanDto;
  onError: (text: string | null) => void;
}) {
  const { t } = useTranslation(['exitPlans', 'customer360']);
  const { message } = App.useApp();
  const user = useUser();
  const navigate = useNavigate();
  const act = usePlanAction(plan.id);
  const decide = useDecidePlan(plan.id);
  const complete = useCompletePlan(plan.id);
  const remove = useDeleteExitPlan(plan.id);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [completing, setCompleting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [decideForm] = Form.useForm<{ note?: string }>();
  const [completeForm] = Form.useForm<{ completedOn: Dayjs; note?: string }>();

  const planner = user.role === 'rm' || user.role === 'team_lead';
  const reviewer =
    plan.status === 'submitted' &&
    ((plan.reviewStage === 'team_lead' && user.role === 'team_lead') ||
      (plan.reviewStage === 'risk' && user.role === 'risk_officer'));
  const whole = isWholeExit(plan);
  const openSteps = plan.steps.filter((s) => s.doneOn === null);

  const run = async (action: PlanAction, done: string) => {
    onError(null);
    try {
      await act.mutateAsync({ action, version: plan.version });
      message.success(done);
    } catch (e) {
      onError(planErrorText(t, e));
    }
  };

  const submitDecision = async () => {
    const { note } = await decideForm.validateFields();
    setProblem(null);
    try {
      await decide.mutateAsync({ version: plan.version, decision: deciding!, note: note?.trim() || null });
      message.success(
        deciding === 'reject'
          ? t('action.rejected')
          : plan.reviewStage === 'team_lead'
            ? t('action.passed')
            : t('action.approved'),
      );
      setDeciding(null);
    } catch (e) {
      setProblem(planErrorText(t, e));
    }
  };

  const submitCompletion = async () => {
    const { completedOn, note } = await completeForm.validateFields();
    setProblem(null);
    try {
      await complete.mutateAsync({
        version: plan.version,
        completedOn: completedOn.format('YYYY-MM-DD'),
        note: note?.trim() || null,
      });
      message.success(t('action.completed'));
      setCompleting(false);
    } catch (e) {
      setProblem(planErrorText(t, e));
    }
  };

  const buttons = [];
  if (planner && plan.status === 'draft') {
    buttons.push(
      <Button key="edit" icon={<EditOutlined />} onClick={() => navigate(`/exit/plans/${plan.id}/edit`)}>
        {t('action.edit')}
      </Button>,
      <Button
        key="submit"
        type="primary"
        icon={<SendOutlined />}
        loading={act.isPending}
        onClick={() => void run('submit', t('action.submitted'))}
      >
        {t('action.submit')}
      </Button>,
      <Popconfirm
        key="delete"
        title={t('action.deleteConfirm')}
        okText={t('action.delete')}
        okButtonProps={{ danger: true }}
        cancelText={t('action.cancel')}
        onConfirm={async () => {
          onError(null);
          try {
            await remove.mutateAsync(plan.version);
            message.success(t('action.deleted'));
            navigate('/exit/plans', { replace: true });
          } catch (e) {
            onError(planErrorText(t, e));
          }
        }}
      >
        <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
          {t('action.delete')}
        </Button>
      </Popconfirm>,
    );
  }
  if (reviewer) {
    buttons.push(
      <Button
        key="approve"
        type="primary"
        icon={<CheckCircleOutlined />}
        onClick={() => {
          setProblem(null);
          decideForm.resetFields();
          setDeciding('approve');
        }}
      >
        {plan.reviewStage === 'team_lead' ? t('action.passToRisk') : t('action.approve')}
      </Button>,
      <Button
        key="reject"
        danger
        icon={<CloseCircleOutlined />}
        onClick={() => {
          setProblem(null);
          decideForm.resetFields();
          setDeciding('reject');
        }}
      >
        {t('action.reject')}
      </Button>,
    );
  }
  if (planner && plan.status === 'rejected') {
    buttons.push(
      <Button
        key="revise"
        type="primary"
        icon={<RollbackOutlined />}
        loading={act.isPending}
        onClick={() => void run('revise', t('action.revised'))}
      >
        {t('action.revise')}
      </Button>,
    );
  }
  if (planner && plan.status === 'approved') {
    buttons.push(
      <Button
        key="start"
        type="primary"
        icon={<PlayCircleOutlined />}
        loading={act.isPending}
        onClick={() => void run('start', t('action.started'))}
      >
        {t('action.start')}
      </Button>,
    );
  }
  if (planner && plan.status === 'executing') {
    buttons.push(
      <Button
        key="complete"
        type="primary"
        danger={whole}
        icon={<FlagOutlined />}
        onClick={() => {
          setProblem(null);
          completeForm.setFieldsValue({ completedOn: dayjs(), note: undefined });
          setCompleting(true);
        }}
      >
        {whole ? t('action.completeWhole') : t('action.complete')}
      </Button>,
    );
  }

  const waitingFor =
    plan.status === 'submitted' && !reviewer && plan.reviewStage
      ? t(`action.waiting.${plan.reviewStage}`)
      : null;

  return (
    <>
      {(buttons.length > 0 || waitingFor) && (
        <Space wrap>
          {buttons}
          {waitingFor && <Typography.Text type="secondary">{waitingFor}</Typography.Text>}
        </Space>
      )}

      <Modal
        open={deciding !== null}
        title={
          deciding === 'reject'
            ? t('decide.rejectTitle')
            : plan.reviewStage === 'team_lead'
              ? t('decide.passTitle')
              : t('decide.approveTitle')
        }
        okText={
          deciding === 'reject'
            ? t('action.reject')
            : plan.reviewStage === 'team_lead'
              ? t('action.passToRisk')
              : t('action.approve')
        }
        okButtonProps={{ danger: deciding === 'reject' }}
        cancelText={t('action.cancel')}
        confirmLoading={decide.isPending}
        onOk={() => void submitDecision()}
        onCancel={() => setDeciding(null)}
        forceRender
      >
        <Form form={decideForm} layout="vertical" name="exit-plan-decision">
          {problem && (
            <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />
          )}
          <Typography.Paragraph type="secondary">
            {deciding === 'reject'
              ? t('decide.rejectHint')
              : plan.reviewStage === 'team_lead'
                ? t('decide.passHint')
                : t('decide.approveHint')}
          </Typography.Paragraph>
          <Form.Item
            name="note"
            label={deciding === 'reject' ? t('decide.rejectNote') : t('decide.note')}
            rules={
              deciding === 'reject'
                ? [{ required: true, whitespace: true, message: t('problem.rejectNote') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={completing}
        title={t('complete.title')}
        okText={whole ? t('action.completeWhole') : t('action.complete')}
        okButtonProps={{ danger: whole }}
        cancelText={t('action.cancel')}
        confirmLoading={complete.isPending}
        onOk={() => void submitCompletion()}
        onCancel={() => setCompleting(false)}
        forceRender
      >
        <Form form={completeForm} layout="vertical" name="exit-plan-complete">
          {problem && (
            <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />
          )}
          {whole && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('whole.warningTitle')}
              description={t('whole.warning')}
            />
          )}
          {openSteps.length > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('complete.openSteps', {
                n: openSteps.length,
                steps: openSteps.map((s) => s.title).join(t('problem.separator')),
              })}
            />
          )}
          <Form.Item
            name="completedOn"
            label={t('complete.completedOn')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="note" label={t('decide.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
