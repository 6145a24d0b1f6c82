import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { password, userCreateSchema } from '../../../../shared/schemas/user';
import { FormModal } from '../../../components/form-modal';
import { type UserCreateInput, useCreateUser } from '../api';
import { schemaRule, showServerErrors } from '../form';
import { localeOptions, roleOptions } from '../options';
import { TeamField } from './team-field';

const FIELDS = ['username', 'displayName', 'role', 'teamId', 'password', 'locale'] as const;

interface Values {
  username: string;
  displayName: string;
  role: UserCreateInput['role'];
  teamId?: number | null;
  password: string;
  locale: 'zh-CN' | 'en';
}

/** "New user": the fields of `userCreateSchema`, checked as the server checks them. */
export function UserCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const create = useCreateUser();

  return (
    <FormModal<Values>
      open={open}
      name="user-create"
      title={t('users.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      initialValues={{ role: 'rm', locale: 'zh-CN' }}
      onClose={onClose}
      onSubmit={async (values) => {
        const user = await create.mutateAsync({ ...values, teamId: values.teamId ?? null });
        message.success(t('users.created', { username: user.username }));
        onClose();
      }}
      showErrors={(form, e) => showServerErrors(form, e, FIELDS, t)}
    >
      <Form.Item
        name="username"
        label={t('users.username')}
        extra={t('users.usernameHelp')}
        rules={[
          { required: true, message: t('validation.required') },
          schemaRule(userCreateSchema.shape.username, t('validation.username')),
        ]}
      >
        <Input autoComplete="off" autoFocus maxLength={32} />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          schemaRule(userCreateSchema.shape.displayName, t('validation.displayName')),
        ]}
      >
        <Input autoComplete="off" maxLength={100} />
      </Form.Item>
      <Form.Item
        name="role"
        label={t('users.role')}
        rules={[{ required: true, message: t('validation.select') }]}
      >
        <Select options={roleOptions()} />
      </Form.Item>
      <TeamField />
      <Form.Item
        name="password"
        label={t('users.initialPassword')}
        extra={t('users.passwordHelp')}
        rules={[
          { required: true, message: t('validation.required') },
          schemaRule(password, t('validation.password')),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="locale"
        label={t('users.locale')}
        rules={[{ required: true, message: t('validation.select') }]}
      >
        <Select options={localeOptions(t)} />
      </Form.Item>
    </FormModal>
  );
}
