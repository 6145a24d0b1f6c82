import { Alert, App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { teamCreateSchema } from '../../../../shared/schemas/user';
import { FormModal } from '../../../components/form-modal';
import { useBranches, useCreateTeam } from '../api';
import { schemaRule, showServerErrors } from '../form';

const FIELDS = ['code', 'name', 'branchId'] as const;

interface Values {
  code: string;
  name: string;
  branchId: number;
}

/** "New team": a code, a name and the branch it belongs to. */
export function TeamCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const branches = useBranches();
  const create = useCreateTeam();
  const noBranches = branches.isSuccess && branches.data.length === 0;

  return (
    <FormModal<Values>
      open={open}
      name="team-create"
      title={t('teams.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okDisabled={noBranches}
      onClose={onClose}
      onSubmit={async (values) => {
        const team = await create.mutateAsync(values);
        message.success(t('teams.created', { name: team.name }));
        onClose();
      }}
      showErrors={(form, e) => showServerErrors(form, e, FIELDS, t)}
    >
      {noBranches && (
        <Alert type="info" showIcon title={t('teams.noBranches')} style={{ marginBottom: 16 }} />
      )}
      <Form.Item
        name="code"
        label={t('teams.code')}
        extra={t('teams.codeHelp')}
        rules={[
          { required: true, message: t('validation.required') },
          schemaRule(teamCreateSchema.shape.code, t('validation.code')),
        ]}
      >
        <Input autoComplete="off" autoFocus maxLength={32} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('teams.name')}
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          schemaRule(teamCreateSchema.shape.name, t('validation.name')),
        ]}
      >
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item
        name="branchId"
        label={t('teams.branch')}
        rules={[{ required: true, message: t('validation.select') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={branches.isPending}
          options={(branches.data ?? []).map((b) => ({ value: b.id, label: `${b.name} (${b.code})` }))}
        />
      </Form.Item>
    </FormModal>
  );
}
