import { Alert, App, Descriptions, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mailSendSchema } from '../../../../shared/schemas/mail';
import { ApiError } from '../../../app/api';
import { applyServerErrors, zodRule } from '../../customers/components/validation';
import { useMailStatus, useSendMail } from '../api';

// An e-mail to a contact person, sent through the bank's mail server; the server records it as an
// outbound e-mail contact of the customer, so the customer's timeline shows it at once.

interface Values {
  subject: string;
  body: string;
}

const FIELDS = ['subject', 'body'] as const;

export interface MailRecipient {
  id: number;
  name: string;
  /** As the server shows it: masked. */
  email: string;
}

interface MailModalProps {
  customerId: number;
  /** The contact person to write to; null keeps the modal closed. */
  recipient: MailRecipient | null;
  onClose: () => void;
}

export function MailModal({ customerId, recipient, onClose }: MailModalProps) {
  const { t } = useTranslation(['contact', 'customer360']);
  const { message } = App.useApp();
  const status = useMailStatus();
  const send = useSendMail(customerId);
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const open = recipient !== null;

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (!recipient) return;
    setProblem(null);
    try {
      await send.mutateAsync({
        contactId: recipient.id,
        body: { subject: values.subject.trim(), body: values.body },
      });
      message.success(t('mail.sent', { name: recipient.name }));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'mail_not_configured') setProblem(t('mail.notConfigured'));
      else if (e instanceof ApiError && e.code === 'mail_failed')
        setProblem(t('mail.failed', { reason: e.message }));
      else if (e instanceof ApiError && e.status === 400 && e.fields.some((f) => f.path === 'body.contactId'))
        setProblem(t('mail.noAddress'));
      else setProblem(applyServerErrors(t, form, e, FIELDS).join('；') || null);
    }
  };

  return (
    <Modal
      open={open}
      title={t('mail.title', { name: recipient?.name ?? '' })}
      okText={t('mail.send')}
      cancelText={t('customer360:cancel')}
      confirmLoading={send.isPending}
      onOk={submit}
      onCancel={onClose}
      afterClose={() => setProblem(null)}
      width={640}
      forceRender
    >
      <Form<Values> form={form} name="contactMail" layout="vertical" onFinish={() => void submit()}>
        {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            {
              key: 'to',
              label: t('mail.to'),
              children: `${recipient?.name ?? ''} <${recipient?.email ?? ''}>`,
            },
            ...(status.data?.from
              ? [{ key: 'from', label: t('mail.from'), children: status.data.from }]
              : []),
          ]}
        />
        <Form.Item
          name="subject"
          label={t('mail.subject')}
          rules={[zodRule(t, mailSendSchema.shape.subject, (v) => (typeof v === 'string' ? v.trim() : ''))]}
          required
        >
          <Input maxLength={200} autoComplete="off" autoFocus />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('mail.body')}
          rules={[zodRule(t, mailSendSchema.shape.body, (v) => (typeof v === 'string' ? v : ''))]}
          required
          extra={t('mail.recordedHint')}
        >
          <Input.TextArea rows={10} maxLength={10_000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
