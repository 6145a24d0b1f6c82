import { CheckOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXIT_STEP_KINDS } from '../../../../shared/codes';
import { bankDate } from '../../../../shared/schemas/common';
import type { ExitPlanDto } from '../../../../shared/schemas/exit';
import { codeLabel } from '../../../i18n';
import { useUpdateStep } from '../api';
import { planErrorText } from './plan-problem';

type Step = ExitPlanDto['steps'][number];

/**
 * The plan's steps as a checklist: kind, title, owner, due date and the day each was done. While the
 * plan is approved or executing, its RM or team lead marks a step done (on a day not in the future)
 * or undoes it; each change carries the plan's version.
 */
export function PlanChecklist({
  plan,
  canTrack,
  onError,
}: {
  plan: ExitPlanDto;
  canTrack: boolean;
  onError: (text: string | null) => void;
}) {
  const { t } = useTranslation(['exitPlans', 'customer360']);
  const update = useUpdateStep(plan.id);
  const [marking, setMarking] = useState<Step | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<{ doneOn: Dayjs; note?: string }>();
  const today = bankDate(new Date());
  const open = plan.status !== 'completed' && plan.status !== 'rejected';

  const undo = async (step: Step) => {
    onError(null);
    try {
      await update.mutateAsync({ stepId: step.id, version: plan.version, doneOn: null });
    } catch (e) {
      onError(planErrorText(t, e));
    }
  };

  const markDone = async () => {
    const values = await form.validateFields();
    setProblem(null);
    try {
      await update.mutateAsync({
        stepId: marking!.id,
        version: plan.version,
        doneOn: values.doneOn.format('YYYY-MM-DD'),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      });
      setMarking(null);
    } catch (e) {
      setProblem(planErrorText(t, e));
    }
  };

  const done = plan.steps.filter((s) => s.doneOn !== null).length;

  return (
    <>
      <Typography.Paragraph type="secondary" role="status" aria-live="polite">
        {t('checklist.progress', { done, total: plan.steps.length })}
      </Typography.Paragraph>
      <Table<Step>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={plan.steps}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '#', key: 'n', width: 40, render: (_, __, i) => i + 1 },
          {
            title: t('step.kind'),
            dataIndex: 'kind',
            render: (k: Step['kind']) => <Tag>{codeLabel(EXIT_STEP_KINDS.labels, k)}</Tag>,
          },
          {
            title: t('step.title'),
            dataIndex: 'title',
            render: (title: string, s) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text delete={s.doneOn !== null}>{title}</Typography.Text>
                {s.note && (
                  <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                    {s.note}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('step.owner'), key: 'owner', render: (_, s) => s.owner.name },
          {
            title: t('step.dueOn'),
            dataIndex: 'dueOn',
            render: (d: string, s) =>
              open && s.doneOn === null && d < today ? (
                <Typography.Text type="danger">
                  {d} {t('checklist.overdue')}
                </Typography.Text>
              ) : (
                d
              ),
          },
          {
            title: t('step.doneOn'),
            dataIndex: 'doneOn',
            render: (d: string | null) =>
              d ? (
                <Tag icon={<CheckOutlined />}>{d}</Tag>
              ) : (
                <Typography.Text type="secondary">{t('checklist.notDone')}</Typography.Text>
              ),
          },
          ...(canTrack
            ? [
                {
                  title: t('checklist.actions'),
                  key: 'actions',
                  render: (_: unknown, s: Step) =>
                    s.doneOn === null ? (
                      <Button
                        size="small"
                        icon={<CheckOutlined />}
                        onClick={() => {
                          setProblem(null);
                          form.setFieldsValue({ doneOn: dayjs(today), note: s.note ?? undefined });
                          setMarking(s);
                        }}
                        aria-label={t('checklist.markDoneOf', { title: s.title })}
                      >
                        {t('checklist.markDone')}
                      </Button>
                    ) : (
                      <Popconfirm
                        title={t('checklist.undoConfirm', { title: s.title })}
                        okText={t('checklist.undo')}
                        cancelText={t('action.cancel')}
                        onConfirm={() => undo(s)}
                      >
                        <Button
                          size="small"
                          icon={<UndoOutlined />}
                          loading={update.isPending && update.variables?.stepId === s.id}
                          aria-label={t('checklist.undoOf', { title: s.title })}
                        >
                          {t('checklist.undo')}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={marking !== null}
        title={marking ? t('checklist.markTitle', { title: marking.title }) : ''}
        okText={t('checklist.markDone')}
        cancelText={t('action.cancel')}
        confirmLoading={update.isPending}
        onOk={() => void markDone()}
        onCancel={() => setMarking(null)}
        forceRender
      >
        <Form form={form} layout="vertical" name="exit-step-done">
          {problem && (
            <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />
          )}
          <Form.Item
            name="doneOn"
            label={t('step.doneOn')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="note" label={t('step.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
