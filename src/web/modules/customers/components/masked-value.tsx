import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealSchema } from '../../../../shared/schemas/customer';
import { applyServerErrors, zodRule } from './validation';

// DOMAIN §9: identifiers are masked on display; a role allowed to may see one in full, giving a
// reason that the server writes to the audit log with the reveal.

interface MaskedValueProps<F extends string> {
  field: F;
  /** Asks the server for the full value with the reason; answers it. */
  reveal(field: F, reason: string): Promise<string | null>;
  /** The label of the field, for the dialog's title and the button's accessible name. */
  label: string;
  masked: string | null;
  /** The full value once revealed (undefined while it is not). */
  revealed: string | null | undefined;
  canReveal: boolean;
  onRevealed(field: F, value: string | null): void;
}

export function MaskedValue<F extends string>({
  field,
  reveal,
  label,
  masked,
  revealed,
  canReveal,
  onRevealed,
}: MaskedValueProps<F>) {
  const { t } = useTranslation('customer360');
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const [pending, setPending] = useState(false);

  if (revealed !== undefined) {
    return (
      <Space size={4}>
        <Typography.Text copyable={revealed ? { text: revealed } : false} style={{ fontFamily: 'monospace' }}>
          {revealed ?? '—'}
        </Typography.Text>
        <Typography.Text type="secondary">{t('reveal.revealed')}</Typography.Text>
      </Space>
    );
  }
  if (!masked) return <>—</>;

  const submit = async () => {
    const reason = await form
      .validateFields()
      .then((v) => v.reason)
      .catch(() => undefined);
    if (reason === undefined) return;
    setPending(true);
    try {
      onRevealed(field, await reveal(field, reason.trim()));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      for (const problem of applyServerErrors(t, form, e, ['reason'])) message.error(problem);
    } finally {
      setPending(false);
    }
  };

  return (
    <Space size={4} wrap>
      <Typography.Text style={{ fontFamily: 'monospace' }}>{masked}</Typography.Text>
      {canReveal && (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined />}
          aria-label={t('reveal.buttonFor', { field: label })}
          onClick={() => setOpen(true)}
        >
          {t('reveal.button')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('reveal.title', { field: label })}
        okText={t('reveal.confirm')}
        cancelText={t('cancel')}
        confirmLoading={pending}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('reveal.notice')}</Typography.Paragraph>
        <Form name={`reveal-${field}`} form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('reveal.reason')}
            required
            rules={[zodRule(t, revealSchema.shape.reason, (v) => (typeof v === 'string' ? v : ''))]}
          >
            <Input.TextArea
              autoFocus
              rows={3}
              maxLength={500}
              showCount
              placeholder={t('reveal.reasonPlaceholder')}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
