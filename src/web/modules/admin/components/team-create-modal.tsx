import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { teamCreateSchema } from '../../../../shared/schemas/user';
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
  const [form] = Form.useForm<Values>();
  const branches = useBranches();
  const create = useCreateTeam();
  const noBranches = branches.isSuccess && branches.data.length === 0;

  const submit = async (values: Values) => {
    try {
      const team = await create.mutateAsync(values);
      message.success(t('teams.created', { name: team.name }));
      onClose();
    } catch (e) {
      const text = showServerErrors(form, e, FIELDS, t);
      if (text) message.error(text);
    }
  };

  return (
    <Modal
      open={open}
      title={t('teams.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      destroyOnHidden
      styles={{ body: { paddingTop: 8 } }}
      okButtonProps={{ htmlType: 'submit', loading: create.isPending, disabled: noBranches }}
      modalRender={(dom) => (
        <Form<Values> form={form} name="team-create" layout="vertical" clearOnDestroy onFinish={submit}>
          {dom}
        </Form>
      )}
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
    </Modal>
  );
}
