import { Alert, App, Col, Divider, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../../../../shared/codes';
import { codeLabel } from '../../../i18n';
import { type SurveyDefinition, type SurveyTarget, useSubmitResponse } from '../api';
import { surveyErrorText } from '../format';
import { ScoreScale } from './score-scale';

interface ResponseFormValues {
  channel?: Channel;
  /** by item key */
  answers: Record<string, { expected?: number; perceived?: number }>;
  /** by question key */
  texts?: Record<string, string | undefined>;
}

/**
 * An RM enters a customer's answers (during fieldwork): every item scored for expectation and for
 * perception on 1–7, grouped by dimension; the open questions are optional.
 */
export function ResponseModal({
  campaignId,
  definition,
  target,
  onClose,
}: {
  campaignId: number;
  definition: SurveyDefinition;
  /** The customer answering; the modal is open while there is one. */
  target: SurveyTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('surveys');
  const { message } = App.useApp();
  const [form] = Form.useForm<ResponseFormValues>();
  const submit = useSubmitResponse(campaignId);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (target) {
      form.resetFields();
      setProblem(null);
    }
  }, [target, form]);

  const save = async () => {
    if (!target) return;
    let values: ResponseFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setProblem(null);
    try {
      await submit.mutateAsync({
        customerId: target.customer.id,
        channel: values.channel ?? null,
        answers: definition.items.map((item) => ({
          item: item.key,
          expected: values.answers[item.key]!.expected!,
          perceived: values.answers[item.key]!.perceived!,
        })),
        texts: definition.questions
          .map((q) => ({ question: q.key, text: values.texts?.[q.key]?.trim() ?? '' }))
          .filter((x) => x.text !== ''),
      });
      message.success(t('response.saved', { name: target.customer.name }));
      onClose();
    } catch (e) {
      setProblem(surveyErrorText(t, e));
    }
  };

  const scoreRule = { required: true, message: t('response.scoreRequired') };

  return (
    <Modal
      open={target !== null}
      width={820}
      title={target ? t('response.title', { name: target.customer.name }) : ''}
      okText={t('response.submit')}
      cancelText={t('cancel')}
      confirmLoading={submit.isPending}
      onOk={() => void save()}
      onCancel={onClose}
      forceRender
    >
      <Form<ResponseFormValues> form={form} name="survey-response" layout="vertical">
        {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
        <Typography.Paragraph type="secondary">{t('response.hint')}</Typography.Paragraph>
        <Form.Item name="channel" label={t('response.channel')} style={{ maxWidth: 280 }}>
          <Select
            allowClear
            options={CHANNELS.codes.map((c) => ({ value: c, label: codeLabel(CHANNELS.labels, c) }))}
          />
        </Form.Item>
        {definition.dimensions.map((dim) => (
          <section key={dim.key} aria-label={dim.name}>
            <Divider titlePlacement="start">{dim.name}</Divider>
            {definition.items
              .filter((item) => item.dimension === dim.key)
              .map((item) => (
                <div key={item.key}>
                  <Typography.Paragraph strong style={{ marginBottom: 8 }}>
                    {item.text}
                  </Typography.Paragraph>
                  <Row gutter={24}>
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={['answers', item.key, 'expected']}
                        label={t('score.expected')}
                        rules={[scoreRule]}
                      >
                        <ScoreScale label={t('score.expectedOf', { item: item.text })} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item
                        name={['answers', item.key, 'perceived']}
                        label={t('score.perceived')}
                        rules={[scoreRule]}
                      >
                        <ScoreScale label={t('score.perceivedOf', { item: item.text })} />
                      </Form.Item>
                    </Col>
                  </Row>
                </div>
              ))}
          </section>
        ))}
        {definition.questions.length > 0 && (
          <Divider titlePlacement="start">{t('response.questions')}</Divider>
        )}
        {definition.questions.map((q) => (
          <Form.Item key={q.key} name={['texts', q.key]} label={q.text} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        ))}
        <Typography.Text type="secondary">{t('response.scaleLegend')}</Typography.Text>
      </Form>
    </Modal>
  );
}
