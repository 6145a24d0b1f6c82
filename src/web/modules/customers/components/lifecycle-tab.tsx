import { EditOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../../../../shared/codes';
import { type CustomerDetail, lifecycleOverrideSchema } from '../../../../shared/schemas/customer';
import { ApiError } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { useLifecycle, useOverrideLifecycle } from '../hooks';
import { applyServerErrors, zodRule } from './validation';

// DOMAIN §2.1: the stage is inferred monthly with its reason; an RM may override it with a note,
// which shows as manual and is audited.

const STAGE_COLORS: Record<LifecycleStage, string> = {
  potential: 'gray',
  development: 'blue',
  growth: 'green',
  maturity: 'cyan',
  decline: 'orange',
  termination: 'red',
};

export function LifecycleTab({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation('customer360');
  const { message } = App.useApp();
  const history = useLifecycle(customer.id);
  const override = useOverrideLifecycle(customer.id);
  const [open, setOpen] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [form] = Form.useForm<{ stage: LifecycleStage; note: string }>();

  const stage = (s: LifecycleStage) => (
    <Tag color={STAGE_COLORS[s]}>{codeLabel(LIFECYCLE_STAGES.labels, s)}</Tag>
  );

  const submit = async () => {
    let values: { stage: LifecycleStage; note: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setProblems([]);
    try {
      await override.mutateAsync({
        stage: values.stage,
        note: values.note.trim(),
        version: customer.version,
      });
      message.success(t('lifecycle.overridden'));
      setOpen(false);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setProblems([t('lifecycle.stale')]);
      else setProblems(applyServerErrors(t, form, e, ['stage', 'note']));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Space wrap>
          <Typography.Text>{t('lifecycle.current')}</Typography.Text>
          {stage(customer.lifecycleStage)}
          {customer.lifecycleManual && <Tag color="purple">{t('lifecycle.manual')}</Tag>}
        </Space>
        {customer.permissions.edit && (
          <Button
            icon={<EditOutlined />}
            onClick={() => {
              setProblems([]);
              form.setFieldsValue({ stage: customer.lifecycleStage, note: '' });
              setOpen(true);
            }}
          >
            {t('lifecycle.override')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('lifecycle.explain')}
      </Typography.Paragraph>
      {history.error && <Alert type="error" showIcon title={(history.error as Error).message} />}
      {history.isPending ? (
        <Skeleton active />
      ) : history.data && history.data.length > 0 ? (
        <Timeline
          titleSpan="150px"
          items={history.data.map((h) => ({
            key: h.id,
            color: h.manual ? 'purple' : STAGE_COLORS[h.stage],
            title: formatDateTime(h.changedAt),
            content: (
              <Space orientation="vertical" size={2}>
                <Space wrap size={4}>
                  {h.previousStage ? (
                    <>
                      {stage(h.previousStage)}
                      <span>→</span>
                    </>
                  ) : null}
                  {stage(h.stage)}
                  <Tag color={h.manual ? 'purple' : 'default'}>
                    {h.manual ? t('lifecycle.manual') : t('lifecycle.inferred')}
                  </Tag>
                </Space>
                {h.reason && <Typography.Text>{h.reason}</Typography.Text>}
                <Typography.Text type="secondary">{h.changedBy ?? t('lifecycle.system')}</Typography.Text>
              </Space>
            ),
          }))}
        />
      ) : (
        <Empty description={t('lifecycle.empty')} />
      )}
      <Modal
        open={open}
        title={t('lifecycle.overrideTitle')}
        okText={t('save')}
        cancelText={t('cancel')}
        confirmLoading={override.isPending}
        onOk={submit}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Form name="lifecycleOverride" form={form} layout="vertical">
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={problems.join('；')}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form.Item
            name="stage"
            label={t('lifecycle.stage')}
            rules={[zodRule(t, lifecycleOverrideSchema.shape.stage)]}
            required
          >
            <Select
              options={LIFECYCLE_STAGES.codes.map((s) => ({
                value: s,
                label: codeLabel(LIFECYCLE_STAGES.labels, s),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('lifecycle.note')}
            required
            rules={[zodRule(t, lifecycleOverrideSchema.shape.note, (v) => (typeof v === 'string' ? v : ''))]}
          >
            <Input.TextArea
              rows={3}
              maxLength={1000}
              showCount
              placeholder={t('lifecycle.notePlaceholder')}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
