import { App, Form, Input, Modal, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { password, type User } from '../../../../shared/schemas/user';
import { useResetPassword } from '../api';
import { schemaRule, showServerErrors } from '../form';

interface Values {
  password: string;
  confirm: string;
}

/** A new password, typed twice; the user's sessions end when it is set. */
export function PasswordResetModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reset = useResetPassword();
  const last = useRef<User | null>(null);
  if (user) last.current = user;
  const shown = user ?? last.current;

  const submit = async (values: Values) => {
    if (!shown) return;
    try {
      await reset.mutateAsync({ id: shown.id, password: values.password });
      message.success(t('users.passwordReset', { username: shown.username }));
      onClose();
    } catch (e) {
      const text = showServerErrors(form, e, ['password'], t);
      if (text) message.error(text);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={t('users.resetTitle', { username: shown?.username ?? '' })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      destroyOnHidden
      styles={{ body: { paddingTop: 8 } }}
      okButtonProps={{ htmlType: 'submit', loading: reset.isPending }}
      modalRender={(dom) => (
        <Form<Values> form={form} name="password-reset" layout="vertical" clearOnDestroy onFinish={submit}>
          {dom}
        </Form>
      )}
    >
      <Typography.Paragraph type="secondary">{t('users.resetHelp')}</Typography.Paragraph>
      <Form.Item
        name="password"
        label={t('users.newPassword')}
        extra={t('users.passwordHelp')}
        rules={[
          { required: true, message: t('validation.required') },
          schemaRule(password, t('validation.password')),
        ]}
      >
        <Input.Password autoComplete="new-password" autoFocus />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('users.confirmPassword')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value) => {
              if (value && value !== getFieldValue('password'))
                throw new Error(t('validation.passwordMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </Modal>
  );
}
