import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ROLES } from '../../shared/codes';
import type { User } from '../../shared/schemas/user';
import { ApiError } from '../app/api';
import { useUser } from '../app/auth';
import { formatDateTime } from '../app/format';
import { codeLabel } from '../i18n';
import { type UserFilter, useTeams, useUpdateUser, useUsers } from '../modules/admin/api';
import { PasswordResetModal } from '../modules/admin/components/password-reset-modal';
import { UserCreateModal } from '../modules/admin/components/user-create-modal';
import { UserEditModal } from '../modules/admin/components/user-edit-modal';
import { errorText } from '../modules/admin/form';
import { roleOptions, teamOptions } from '../modules/admin/options';

const FILTERS = ['q', 'role', 'teamId', 'active'] as const;

/** Users: who may sign in, with which role and in which team. The filters live in the URL. */
export default function AdminUsersPage() {
  const { t, i18n } = useTranslation('admin');
  const { message } = App.useApp();
  const me = useUser();
  const [params, setParams] = useSearchParams();
  const filter: UserFilter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined]));
  const users = useUsers(filter);
  const teams = useTeams();
  const update = useUpdateUser();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const setFilter = (key: (typeof FILTERS)[number], value: string | undefined) => {
    // From the address itself: two quick changes must not both start from the same render's copy.
    const next = new URLSearchParams(window.location.search);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next);
  };

  const setActive = async (user: User, active: boolean) => {
    try {
      await update.mutateAsync({ id: user.id, changes: { version: user.version, active } });
      message.success(t(active ? 'users.enabled' : 'users.disabled', { username: user.username }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) message.warning(t('users.staleList'));
      else message.error(errorText(t, e));
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language
  const columns: ColumnsType<User> = useMemo(
    () => [
      {
        key: 'username',
        width: 150,
        title: t('users.username'),
        dataIndex: 'username',
        sorter: (a, b) => a.username.localeCompare(b.username),
        render: (username: string, user) => (
          <Space size={4}>
            <Typography.Text strong>{username}</Typography.Text>
            {user.id === me.id && <Tag>{t('users.you')}</Tag>}
          </Space>
        ),
      },
      {
        key: 'displayName',
        title: t('users.displayName'),
        dataIndex: 'displayName',
        ellipsis: true,
        width: 200,
      },
      {
        key: 'role',
        width: 170,
        title: t('users.role'),
        dataIndex: 'role',
        render: (role: string) => codeLabel(ROLES.labels, role),
      },
      {
        key: 'team',
        width: 170,
        title: t('users.team'),
        dataIndex: 'teamName',
        render: (name: string | null) =>
          name ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
      },
      {
        key: 'active',
        width: 100,
        title: t('users.status'),
        dataIndex: 'active',
        render: (active: boolean) =>
          active ? (
            <Tag color="success">{t('users.statusActive')}</Tag>
          ) : (
            <Tag>{t('users.statusInactive')}</Tag>
          ),
      },
      {
        key: 'createdAt',
        width: 170,
        title: t('users.createdAt'),
        dataIndex: 'createdAt',
        sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
        render: formatDateTime,
      },
      {
        key: 'operations',
        width: 240,
        title: t('common.operations'),
        fixed: 'right',
        render: (_: unknown, user) => {
          const self = user.id === me.id;
          return (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => setEditing(user)}>
                {t('users.edit')}
              </Button>
              <Button type="link" size="small" onClick={() => setResetting(user)}>
                {t('users.resetPassword')}
              </Button>
              <Popconfirm
                title={t(user.active ? 'users.disableConfirm' : 'users.enableConfirm', {
                  username: user.username,
                })}
                okText={t(user.active ? 'users.disable' : 'users.enable')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: user.active }}
                onConfirm={() => setActive(user, !user.active)}
                disabled={self}
              >
                <Button
                  type="link"
                  size="small"
                  danger={user.active}
                  disabled={self}
                  title={self ? t('serverErrors.self') : undefined}
                >
                  {t(user.active ? 'users.disable' : 'users.enable')}
                </Button>
              </Popconfirm>
            </Space>
          );
        },
      },
    ],
    [t, i18n.language, me.id],
  );

  const filtered = FILTERS.some((k) => params.get(k));

  return (
    <Card
      title={t('users.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('users.new')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={params.get('q') ?? ''}
          key={params.get('q') ?? ''}
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('users.search')}
          style={{ width: 280 }}
          onSearch={(q) => setFilter('q', q.trim() || undefined)}
        />
        <Select
          allowClear
          placeholder={t('users.role')}
          aria-label={t('users.role')}
          style={{ width: 150 }}
          value={params.get('role') ?? null}
          options={roleOptions()}
          onChange={(v) => setFilter('role', v)}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('users.team')}
          aria-label={t('users.team')}
          style={{ width: 220 }}
          value={params.get('teamId') ? Number(params.get('teamId')) : null}
          options={teamOptions(teams.data)}
          onChange={(v) => setFilter('teamId', v === undefined ? undefined : String(v))}
        />
        <Select
          allowClear
          placeholder={t('users.status')}
          aria-label={t('users.status')}
          style={{ width: 120 }}
          value={params.get('active') ?? null}
          options={[
            { value: 'true', label: t('users.statusActive') },
            { value: 'false', label: t('users.statusInactive') },
          ]}
          onChange={(v) => setFilter('active', v)}
        />
        {filtered && <Button onClick={() => setParams(new URLSearchParams())}>{t('common.clear')}</Button>}
      </Space>
      {users.error && (
        <Typography.Paragraph type="danger" role="alert">
          {errorText(t, users.error)}
        </Typography.Paragraph>
      )}
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data}
        loading={users.isFetching}
        scroll={{ x: 1160 }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('users.total', { total }),
        }}
      />
      <UserCreateModal open={creating} onClose={() => setCreating(false)} />
      <UserEditModal user={editing} onClose={() => setEditing(null)} />
      <PasswordResetModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
