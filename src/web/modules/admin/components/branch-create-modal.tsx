import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { branchCreateSchema } from '../../../../shared/schemas/user';
import { FormModal } from '../../../components/form-modal';
import { useCreateBranch } from '../api';
import { schemaRule, showServerErrors } from '../form';

const FIELDS = ['code', 'name'] as const;

interface Values {
  code: string;
  name: string;
}

/** "New branch" (支行): a code and a name. */
export function BranchCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const create = useCreateBranch();

  return (
    <FormModal<Values>
      open={open}
      name="branch-create"
      title={t('branches.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onClose={onClose}
      onSubmit={async (values) => {
        const branch = await create.mutateAsync(values);
        message.success(t('branches.created', { name: branch.name }));
        onClose();
      }}
      showErrors={(form, e) => showServerErrors(form, e, FIELDS, t)}
    >
      <Form.Item
        name="code"
        label={t('branches.code')}
        extra={t('teams.codeHelp')}
        rules={[
          { required: true, message: t('validation.required') },
          schemaRule(branchCreateSchema.shape.code, t('validation.code')),
        ]}
      >
        <Input autoComplete="off" autoFocus maxLength={32} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('branches.name')}
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          schemaRule(branchCreateSchema.shape.name, t('validation.name')),
        ]}
      >
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
