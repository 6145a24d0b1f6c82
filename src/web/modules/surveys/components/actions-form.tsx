import { Alert, App, Button, Col, DatePicker, Form, Input, List, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task } from '../../../../shared/schemas/task';
import { useOwners } from '../../customers/api';
import { type SurveyCampaign, useCreateAction, useTargets } from '../api';
import { surveyErrorText } from '../format';

interface ActionFormValues {
  title: string;
  assigneeId: number;
  dueOn: Dayjs;
  customerId?: number;
  note?: string;
}

/**
 * 事后跟踪: what the campaign found becomes work. Each follow-up action is a task for an RM or a team
 * lead, due on a day, optionally about one of the customers who were surveyed.
 */
export function ActionsForm({ campaign, canCreate }: { campaign: SurveyCampaign; canCreate: boolean }) {
  const { t } = useTranslation('surveys');
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionFormValues>();
  const open = campaign.step === 'follow_up';
  const owners = useOwners(canCreate && open);
  const targets = useTargets(campaign.id, 1, 200);
  const create = useCreateAction(campaign.id);
  const [created, setCreated] = useState<Task[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  if (!open)
    return <Alert type="info" showIcon title={t('actions.notYet')} description={t('actions.notYetHint')} />;
  if (!canCreate) return <Alert type="info" showIcon title={t('actions.leadsOnly')} />;

  const submit = async (values: ActionFormValues) => {
    setProblem(null);
    try {
      const task = await create.mutateAsync({
        title: values.title.trim(),
        assigneeId: values.assigneeId,
        dueOn: values.dueOn.format('YYYY-MM-DD'),
        customerId: values.customerId,
        note: values.note?.trim() || null,
      });
      setCreated((list) => [task, ...list]);
      form.resetFields();
      message.success(t('actions.created'));
    } catch (e) {
      setProblem(surveyErrorText(t, e));
    }
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={14}>
        <Typography.Paragraph type="secondary">{t('actions.hint')}</Typography.Paragraph>
        <Form<ActionFormValues>
          form={form}
          name="survey-action"
          layout="vertical"
          onFinish={(v) => void submit(v)}
        >
          {problem && (
            <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />
          )}
          <Form.Item
            name="title"
            label={t('actions.title')}
            rules={[{ required: true, whitespace: true, message: t('template.required') }, { max: 200 }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="assigneeId"
                label={t('actions.assignee')}
                rules={[{ required: true, message: t('actions.assigneeRequired') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={owners.isPending}
                  options={(owners.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="dueOn"
                label={t('actions.dueOn')}
                rules={[{ required: true, message: t('actions.dueOnRequired') }]}
              >
                <DatePicker
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="customerId" label={t('actions.customer')} tooltip={t('actions.customerHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={targets.isPending}
              options={(targets.data?.items ?? []).map((x) => ({
                value: x.customer.id,
                label: `${x.customer.name}（${x.customer.code}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('actions.note')} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('actions.create')}
          </Button>
        </Form>
      </Col>
      <Col xs={24} lg={10}>
        <List<Task>
          header={<Typography.Text strong>{t('actions.createdList')}</Typography.Text>}
          bordered
          dataSource={created}
          locale={{ emptyText: t('actions.noneYet') }}
          renderItem={(task) => (
            <List.Item>
              <List.Item.Meta
                title={task.title}
                description={t('actions.createdLine', { name: task.owner.name, due: task.dueOn })}
              />
            </List.Item>
          )}
          footer={<Link to="/tasks">{t('actions.toTasks')}</Link>}
        />
      </Col>
    </Row>
  );
}
