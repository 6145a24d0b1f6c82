import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTeams } from '../api';
import { needsTeam, teamOptions } from '../options';

/** A user's team: required for the roles that work inside one (watches the form's `role`). */
export function TeamField() {
  const { t } = useTranslation('admin');
  const teams = useTeams();
  const role = Form.useWatch('role');

  return (
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
  );
}
