import { EditOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Form,
  Input,
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
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { STAGE_COLORS } from '../../customer-value/colors';
import { LifecycleEvidenceLine } from '../../customer-value/components/lifecycle-evidence';
import { useLifecycle, useOverrideLifecycle } from '../hooks';
import { TabFormModal } from './tab-form-modal';
import { zodRule } from './validation';

// DOMAIN §2.1: the stage is inferred monthly with its reason; an RM may override it with a note,
// which shows as manual and is audited.

interface Values {
  stage: LifecycleStage;
  note: string;
}

export function LifecycleTab({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation('customer360');
  const { message } = App.useApp();
  const history = useLifecycle(customer.id);
  const override = useOverrideLifecycle(customer.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();

  const stage = (s: LifecycleStage) => (
    <Tag color={STAGE_COLORS[s]}>{codeLabel(LIFECYCLE_STAGES.labels, s)}</Tag>
  );

  const submit = async (values: Values) => {
    await override.mutateAsync({
      stage: values.stage,
      note: values.note.trim(),
      version: customer.version,
    });
    message.success(t('lifecycle.overridden'));
    setOpen(false);
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
                {h.asOf && (
                  <Typography.Text type="secondary">{t('lifecycle.asOf', { month: h.asOf })}</Typography.Text>
                )}
                {!h.manual && <LifecycleEvidenceLine evidence={h.evidence} stage={h.stage} />}
                <Typography.Text type="secondary">{h.changedBy ?? t('lifecycle.system')}</Typography.Text>
              </Space>
            ),
          }))}
        />
      ) : (
        <Empty description={t('lifecycle.empty')} />
      )}
      <TabFormModal<Values>
        open={open}
        title={t('lifecycle.overrideTitle')}
        form={form}
        name="lifecycleOverride"
        fields={['stage', 'note']}
        onSubmit={submit}
        onClose={() => setOpen(false)}
        staleMessage={t('lifecycle.stale')}
      >
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
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('lifecycle.notePlaceholder')} />
        </Form.Item>
      </TabFormModal>
    </Space>
  );
}
