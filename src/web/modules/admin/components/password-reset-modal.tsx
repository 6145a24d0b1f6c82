import { App, Form, Input, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { password, type User } from '../../../../shared/schemas/user';
import { FormModal } from '../../../components/form-modal';
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
  const reset = useResetPassword();
  const last = useRef<User | null>(null);
  if (user) last.current = user;
  const shown = user ?? last.current;

  return (
    <FormModal<Values>
      open={user !== null}
      name="password-reset"
      title={t('users.resetTitle', { username: shown?.username ?? '' })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      onClose={onClose}
      onSubmit={async (values) => {
        if (!shown) return;
        await reset.mutateAsync({ id: shown.id, password: values.password });
        message.success(t('users.passwordReset', { username: shown.username }));
        onClose();
      }}
      showErrors={(form, e) => showServerErrors(form, e, ['password'], t)}
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
    </FormModal>
  );
}
