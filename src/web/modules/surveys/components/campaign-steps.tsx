import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Modal, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SURVEY_STEPS } from '../../../../shared/codes';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { type SurveyCampaign, useAdvanceCampaign } from '../api';
import { nextStep, stepIndex, surveyErrorText } from '../format';

/**
 * The five steps of a survey (DOMAIN §5: 制订计划 → 深入了解 → 定性定量分析 → 总结报告 → 事后跟踪),
 * each with who moved the campaign there, when, and why; team leads and administrators move it on
 * to the next step, one at a time, with a note.
 */
export function CampaignSteps({ campaign, canAdvance }: { campaign: SurveyCampaign; canAdvance: boolean }) {
  const { t } = useTranslation('surveys');
  const { message } = App.useApp();
  const advance = useAdvanceCampaign(campaign.id);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<{ note?: string }>();
  const current = stepIndex(campaign.step);
  const next = nextStep(campaign.step);

  const items = SURVEY_STEPS.codes.map((step, i) => {
    // The latest time the campaign entered the step (a step is entered once, but read defensively).
    const entry = [...campaign.steps].reverse().find((s) => s.step === step);
    return {
      key: step,
      title: codeLabel(SURVEY_STEPS.labels, step),
      status: i < current ? ('finish' as const) : i === current ? ('process' as const) : ('wait' as const),
      content: entry ? (
        <Flex vertical>
          <Typography.Text type="secondary">
            {t('steps.by', { name: entry.by?.name ?? t('steps.system'), at: formatDateTime(entry.at) })}
          </Typography.Text>
          {entry.note && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: entry.note }} style={{ maxWidth: 220 }}>
              {entry.note}
            </Typography.Text>
          )}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t(`steps.hint.${step}`)}</Typography.Text>
      ),
    };
  });

  const submit = async () => {
    if (!next) return;
    const { note } = await form.validateFields();
    setProblem(null);
    try {
      await advance.mutateAsync({ version: campaign.version, step: next, note: note?.trim() || null });
      setOpen(false);
      form.resetFields();
      message.success(t('steps.advanced', { step: codeLabel(SURVEY_STEPS.labels, next) }));
    } catch (e) {
      setProblem(surveyErrorText(t, e));
    }
  };

  return (
    <Flex vertical gap="middle">
      <Steps current={current} items={items} aria-label={t('steps.label')} />
      {canAdvance && next && (
        <Flex justify="flex-end">
          <Button type="primary" icon={<ArrowRightOutlined />} onClick={() => setOpen(true)}>
            {t('steps.advance', { step: codeLabel(SURVEY_STEPS.labels, next) })}
          </Button>
        </Flex>
      )}
      <Modal
        open={open}
        title={next ? t('steps.advanceTitle', { step: codeLabel(SURVEY_STEPS.labels, next) }) : ''}
        okText={t('steps.advanceOk')}
        cancelText={t('cancel')}
        confirmLoading={advance.isPending}
        onOk={() => void submit()}
        onCancel={() => {
          setOpen(false);
          setProblem(null);
        }}
        forceRender
      >
        <Form form={form} name="survey-advance" layout="vertical">
          {problem && (
            <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />
          )}
          {next && (
            <Typography.Paragraph type="secondary">{t(`steps.advanceHint.${next}`)}</Typography.Paragraph>
          )}
          <Form.Item name="note" label={t('steps.note')} rules={[{ max: 1000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
