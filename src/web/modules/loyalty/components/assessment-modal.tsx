import { Alert, Flex, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { TabFormModal } from '../../customers/components/tab-form-modal';
import { useAddAssessment } from '../api';

// The RM's loyalty assessment form (DOMAIN §5 measures 2 and 3): how much the customer cares about
// price and how it stands towards other banks, each on a 1–5 scale whose every point is labelled
// (1 = the least loyal answer, 5 = the most), and a note. The index takes it at the next value run.

interface Values {
  priceSensitivity?: number;
  competitorAttitude?: number;
  note?: string;
}

export function AssessmentModal({
  customerId,
  open,
  onClose,
  onSaved,
}: {
  customerId: number;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation('loyalty');
  const [form] = Form.useForm<Values>();
  const add = useAddAssessment(customerId);

  const submit = async (v: Values) => {
    await add.mutateAsync({
      priceSensitivity: v.priceSensitivity ?? 0,
      competitorAttitude: v.competitorAttitude ?? 0,
      note: v.note?.trim() ?? '',
    });
    form.resetFields();
    onSaved();
  };

  const scale = (which: 'price' | 'competitor') => <AttitudeScale which={which} />;

  return (
    <TabFormModal<Values>
      open={open}
      title={t('tab.assessment.addTitle')}
      form={form}
      name="loyaltyAssessment"
      fields={['priceSensitivity', 'competitorAttitude', 'note']}
      onSubmit={submit}
      onClose={onClose}
      width={760}
    >
      <Form.Item
        name="priceSensitivity"
        label={t('tab.assessment.priceSensitivity')}
        extra={t('tab.assessment.priceHint')}
        rules={[{ required: true, message: t('tab.assessment.pick') }]}
      >
        {scale('price')}
      </Form.Item>
      <Form.Item
        name="competitorAttitude"
        label={t('tab.assessment.competitorAttitude')}
        extra={t('tab.assessment.competitorHint')}
        rules={[{ required: true, message: t('tab.assessment.pick') }]}
      >
        {scale('competitor')}
      </Form.Item>
      <Form.Item name="note" label={t('tab.assessment.note')}>
        <Input.TextArea
          rows={3}
          maxLength={1000}
          showCount
          placeholder={t('tab.assessment.notePlaceholder')}
        />
      </Form.Item>
      <Alert type="info" showIcon title={t('tab.assessment.nextRun')} />
    </TabFormModal>
  );
}

const POINTS = [1, 2, 3, 4, 5] as const;
/** Read by screen readers, not shown: the label of each numbered point. */
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
} as const;

/**
 * A 1–5 scale as Likert forms draw it: five numbered buttons between the labels of the two ends, and
 * the label of the point chosen under them (every point's label is also read out and shown as its tip).
 */
function AttitudeScale({
  which,
  id,
  value,
  onChange,
}: {
  which: 'price' | 'competitor';
  id?: string;
  value?: number;
  onChange?: (value: number) => void;
}) {
  const { t } = useTranslation('loyalty');
  const label = (p: number) => t(`explain.scale.${which}.${p}`);
  return (
    <Flex vertical gap={4}>
      <Flex align="center" gap="small" wrap>
        <Typography.Text type="secondary">{label(1)}</Typography.Text>
        <Radio.Group
          id={id}
          optionType="button"
          buttonStyle="solid"
          value={value}
          onChange={(e) => onChange?.(e.target.value as number)}
          options={POINTS.map((p) => ({
            value: p,
            label: (
              <span title={label(p)} style={{ padding: '0 6px' }}>
                {p}
                <span style={VISUALLY_HIDDEN}> {label(p)}</span>
              </span>
            ),
          }))}
        />
        <Typography.Text type="secondary">{label(5)}</Typography.Text>
      </Flex>
      <Typography.Text role="status" aria-live="polite">
        {value ? t('tab.assessment.chosen', { value, label: label(value) }) : '\u00a0'}
      </Typography.Text>
    </Flex>
  );
}
