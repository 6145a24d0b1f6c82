import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { password, userCreateSchema } from '../../../../shared/schemas/user';
import { type UserCreateInput, useCreateUser, useTeams } from '../api';
import { schemaRule, showServerErrors } from '../form';
import { localeOptions, needsTeam, roleOptions, teamOptions } from '../options';

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
  const [form] = Form.useForm<Values>();
  const teams = useTeams();
  const create = useCreateUser();
  const role = Form.useWatch('role', form);

  const submit = async (values: Values) => {
    try {
      const user = await create.mutateAsync({ ...values, teamId: values.teamId ?? null });
      message.success(t('users.created', { username: user.username }));
      onClose();
    } catch (e) {
      const text = showServerErrors(form, e, FIELDS, t);
      if (text) message.error(text);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      destroyOnHidden
      styles={{ body: { paddingTop: 8 } }}
      okButtonProps={{ htmlType: 'submit', loading: create.isPending }}
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          name="user-create"
          layout="vertical"
          clearOnDestroy
          initialValues={{ role: 'rm', locale: 'zh-CN' }}
          onFinish={submit}
        >
          {dom}
        </Form>
      )}
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
      <Form.Item
        name="teamId"
        label={t('users.team')}
        extra={t('users.teamHelp')}
        required={needsTeam(role)}
        dependencies={['role']}
        rules={[
          ({ getFieldValue }) => ({
            required: needsTeam(getFieldValue('role')),
            message: t('validation.teamRequired'),
          }),
        ]}
      >
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={teams.isPending}
          options={teamOptions(teams.data)}
        />
      </Form.Item>
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
    </Modal>
  );
}
