import { Alert, App, Form, type FormInstance, Input, Select, Switch, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../../shared/codes';
import { type User, userPatchSchema } from '../../../../shared/schemas/user';
import { ApiError } from '../../../app/api';
import { useUser } from '../../../app/auth';
import { FormModal } from '../../../components/form-modal';
import { codeLabel } from '../../../i18n';
import { fetchUser, type UserPatchInput, useUpdateUser } from '../api';
import { errorText, schemaRule, showServerErrors } from '../form';
import { roleOptions } from '../options';
import { TeamField } from './team-field';

const FIELDS = ['displayName', 'role', 'teamId', 'active'] as const;

interface Values {
  displayName: string;
  role: User['role'];
  teamId?: number | null;
  active: boolean;
}

const valuesOf = (user: User): Values => ({
  displayName: user.displayName,
  role: user.role,
  teamId: user.teamId,
  active: user.active,
});

/** Only what changed, with the version read: a stale version answers 409 and changes nothing. */
function changesOf(user: User, values: Values): UserPatchInput | null {
  const changes: UserPatchInput = { version: user.version };
  const teamId = values.teamId ?? null;
  if (values.displayName.trim() !== user.displayName) changes.displayName = values.displayName;
  if (values.role !== user.role) changes.role = values.role;
  if (teamId !== user.teamId) changes.teamId = teamId;
  if (values.active !== user.active) changes.active = values.active;
  return Object.keys(changes).length > 1 ? changes : null;
}

/** "Name: old → new" for each field someone else changed. */
function describeChanges(t: TFunction, before: User, after: User): string[] {
  const none = t('common.none');
  const status = (active: boolean) => t(active ? 'users.statusActive' : 'users.statusInactive');
  const fields: [string, string, string][] = [
    [t('users.displayName'), before.displayName, after.displayName],
    [t('users.role'), codeLabel(ROLES.labels, before.role), codeLabel(ROLES.labels, after.role)],
    [t('users.team'), before.teamName ?? none, after.teamName ?? none],
    [t('users.status'), status(before.active), status(after.active)],
  ];
  return fields.filter(([, a, b]) => a !== b).map(([label, a, b]) => `${label}: ${a} → ${b}`);
}

/** Edit a user's name, role, team and whether they may sign in. */
export function UserEditModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const me = useUser();
  const update = useUpdateUser();
  // The server's newer copy, once a save found that someone else changed the user meanwhile,
  // and what they changed compared with the copy this form was showing.
  const [fresh, setFresh] = useState<User | null>(null);
  const [theirChanges, setTheirChanges] = useState<string[]>([]);
  // Keeps the title during the closing animation, when `user` is already null.
  const last = useRef<User | null>(null);
  if (user) last.current = user;

  const close = () => {
    setFresh(null);
    setTheirChanges([]);
    onClose();
  };

  const current = fresh ?? user ?? last.current;
  const stale = fresh !== null;

  const self = current?.id === me.id;

  const submit = async (values: Values, form: FormInstance<Values>) => {
    if (!current) return;
    const changes = changesOf(current, values);
    if (!changes) {
      message.info(t('users.unchanged'));
      close();
      return;
    }
    try {
      const saved = await update.mutateAsync({ id: current.id, changes });
      message.success(t('users.saved', { username: saved.username }));
      close();
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409 && e.code === 'stale_version')) throw e;
      try {
        const latest = await fetchUser(current.id);
        setFresh(latest);
        setTheirChanges(describeChanges(t, current, latest));
        form.setFieldsValue(valuesOf(latest));
      } catch (reloadError) {
        message.error(errorText(t, reloadError));
      }
    }
  };

  return (
    <FormModal<Values>
      open={user !== null}
      name="user-edit"
      title={t('users.editTitle', { username: current?.username ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      initialValues={current ? valuesOf(current) : undefined}
      onClose={close}
      onSubmit={submit}
      showErrors={(form, e) => showServerErrors(form, e, FIELDS, t)}
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('users.stale')}
          description={
            theirChanges.length > 0 && (
              <>
                {t('users.staleChanged')}
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {theirChanges.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </>
            )
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {self && <Typography.Paragraph type="secondary">{t('users.selfEdit')}</Typography.Paragraph>}
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          schemaRule(userPatchSchema.shape.displayName, t('validation.displayName')),
        ]}
      >
        <Input autoComplete="off" autoFocus maxLength={100} />
      </Form.Item>
      <Form.Item
        name="role"
        label={t('users.role')}
        rules={[{ required: true, message: t('validation.select') }]}
      >
        <Select options={roleOptions()} disabled={self} />
      </Form.Item>
      <TeamField />
      <Form.Item
        name="active"
        label={t('users.statusActive')}
        valuePropName="checked"
        extra={t('users.activeHelp')}
      >
        <Switch disabled={self} />
      </Form.Item>
    </FormModal>
  );
}
