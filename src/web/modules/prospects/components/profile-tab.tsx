import { EditOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Flex, Form, Select } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COOPERATION_LEVELS, CREDIT_GRADES, PROSPECT_SOURCES } from '../../../../shared/codes';
import { ApiError } from '../../../app/api';
import { useUser } from '../../../app/auth';
import { formatDateTime } from '../../../app/format';
import { codeLabel } from '../../../i18n';
import { useOwners } from '../../customers/api';
import { displayValue } from '../../customers/components/customer-fields';
import { TabFormModal } from '../../customers/components/tab-form-modal';
import { type ProspectDetail, useUpdateProspect } from '../api';
import { serverProblem } from '../problems';
import {
  MASKED,
  type ProspectField,
  ProspectFields,
  prospectFieldLabel,
  prospectFieldsOf,
  toApi,
  toForm,
} from './prospect-fields';
import { ReferrerText } from './prospect-header';
import { REFERRER_FIELDS, type ReferrerValues, referrerFromForm, referrerToForm } from './referrer-fields';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The changes the form holds against the record: what a PATCH sends (empty masked fields keep the value). */
function changesOf(p: ProspectDetail, values: Record<string, unknown>) {
  const changes: Record<string, unknown> = {};
  for (const key of prospectFieldsOf(p.kind)) {
    const value = toApi(key, values[key]);
    if (MASKED.includes(key)) {
      if (value !== null) changes[key] = value;
    } else if (!same(value, p[key])) changes[key] = value;
  }
  if (values.ownerId !== undefined && values.ownerId !== (p.owner?.id ?? undefined))
    changes.ownerId = values.ownerId;
  const referrer = referrerFromForm(values as ReferrerValues);
  if (!same(referrer, referrerFromForm(referrerToForm(p.referrer)))) changes.referrer = referrer;
  return changes;
}

export function ProfileTab({ prospect: p }: { prospect: ProspectDetail }) {
  const { t } = useTranslation(['prospects', 'customer360']);
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState(false);
  const update = useUpdateProspect(p.id);
  const fields = prospectFieldsOf(p.kind);
  // A team lead hands a prospect to another RM of the team.
  const canPickOwner = useUser().role === 'team_lead';
  const owners = useOwners(canPickOwner && editing);

  const start = () => {
    form.resetFields();
    form.setFieldsValue({
      ...Object.fromEntries(fields.map((k) => [k, toForm(k, p)])),
      ...referrerToForm(p.referrer),
      ...(canPickOwner ? { ownerId: p.owner?.id } : {}),
    });
    setEditing(true);
  };

  const show = (key: ProspectField) => {
    const v = p[key];
    switch (key) {
      case 'creditGrade':
        return codeLabel(CREDIT_GRADES.labels, v as string) || '—';
      case 'cooperation':
        return codeLabel(COOPERATION_LEVELS.labels, v as string) || '—';
      case 'source':
        return codeLabel(PROSPECT_SOURCES.labels, v as string);
      default:
        return displayValue(t, key, v);
    }
  };

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>
        {p.permissions.edit && p.customerId === null && p.mergedInto === null && (
          <Button icon={<EditOutlined />} onClick={start}>
            {t('edit')}
          </Button>
        )}
      </Flex>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          ...fields
            .filter((k) => k !== 'notes')
            .map((k) => ({ key: k, label: prospectFieldLabel(t, k, p.kind), children: show(k) })),
          { key: 'referrer', label: t('field.referrer'), children: <ReferrerText referrer={p.referrer} /> },
          { key: 'createdAt', label: t('field.createdAt'), children: formatDateTime(p.createdAt) },
          { key: 'updatedAt', label: t('field.updatedAt'), children: formatDateTime(p.updatedAt) },
          {
            key: 'notes',
            label: prospectFieldLabel(t, 'notes'),
            span: 'filled',
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.notes ?? '—'}</span>,
          },
        ]}
      />
      <TabFormModal
        open={editing}
        title={t('profile.editTitle', { name: p.name })}
        form={form}
        name="prospectEdit"
        fields={[...fields, ...REFERRER_FIELDS, 'ownerId']}
        staleMessage={t('profile.stale')}
        width={960}
        onClose={() => setEditing(false)}
        onSubmit={async (values) => {
          const changes = changesOf(p, values as Record<string, unknown>);
          if (Object.keys(changes).length === 0) {
            setEditing(false);
            return;
          }
          try {
            await update.mutateAsync({ version: p.version, ...changes });
          } catch (e) {
            throw translated(t, e);
          }
          message.success(t('profile.saved'));
          setEditing(false);
        }}
      >
        {canPickOwner && (
          <Form.Item name="ownerId" label={t('field.owner')}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={owners.isPending}
              options={(owners.data ?? []).map((u) => ({
                value: u.id,
                label: `${u.displayName} (${u.username})`,
              }))}
            />
          </Form.Item>
        )}
        <ProspectFields kind={p.kind} record={p} />
      </TabFormModal>
    </>
  );
}

/** The same failure with the prospect's own server messages in the reader's language, `referrer.x` on its field. */
function translated(t: TFunction, e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  return new ApiError(
    e.status,
    e.code,
    serverProblem(t, e.message),
    e.fields.map((f) => ({
      path: f.path.startsWith('referrer') || f.path.startsWith('body.referrer') ? 'referrerKind' : f.path,
      message: serverProblem(t, f.message),
    })),
    e.details,
  );
}
