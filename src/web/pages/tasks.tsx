import {
  CheckOutlined,
  CloseCircleOutlined,
  EditOutlined,
  PlusOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { TASK_SOURCES, TASK_STATUSES, type TaskStatus } from '../../shared/codes';
import { bankDate } from '../../shared/schemas/common';
import type { Task } from '../../shared/schemas/task';
import { useUser } from '../app/auth';
import { formatDateTime } from '../app/format';
import { codeLabel } from '../i18n';
import { useOwners } from '../modules/customers/api';
import { type TaskListParams, useTask, useTasks, useUpdateTask } from '../modules/day/api';
import { TaskFormModal } from '../modules/day/components/task-form-modal';
import { errorText, isStale } from '../modules/day/problems';
import { daysBetween } from '../modules/day/sources';

const FILTERS = ['status', 'due', 'ownerId', 'customerId', 'page', 'pageSize'] as const;
const DUE = ['all', 'overdue', 'today', 'week'] as const;
const STATUS_COLORS: Record<TaskStatus, string> = {
  open: 'processing',
  done: 'success',
  cancelled: 'default',
};
const positiveId = (v: string | null) => (v && /^[1-9][0-9]{0,9}$/.test(v) ? Number(v) : null);

/** 任务: the caller's tasks (a team lead's: the team's), filtered and paged on the server, filters in the URL. */
export default function TasksPage() {
  const { t } = useTranslation('day');
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const listParams: TaskListParams = Object.fromEntries(
    FILTERS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  );
  const tasks = useTasks(listParams);
  const update = useUpdateTask();
  const isLead = user.role === 'team_lead';
  const owners = useOwners(isLead);
  const canCreate = user.role === 'rm' || isLead;
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Task | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const focusId = positiveId(params.get('focus'));
  const focused = useTask(focusId);
  const focusedTask = focusId !== null && focused.data?.id === focusId ? focused.data : null;
  const today = bankDate(new Date());

  // From the latest URL, not this render's copy, so two quick changes both stick.
  const setFilters = (changes: Record<string, string | undefined>, resetPage = true) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, v);
      }
      if (resetPage) next.delete('page');
      return next;
    });

  const closeFocus = () => setFilters({ focus: undefined }, false);

  const setStatus = async (task: Task, status: TaskStatus) => {
    setBusy(task.id);
    try {
      await update.mutateAsync({ id: task.id, changes: { version: task.version, status } });
      message.success(t(`tasks.became.${status}`, { title: task.title }));
    } catch (e) {
      if (isStale(e)) message.warning(t('tasks.stale'));
      else message.error(errorText(t, e));
    } finally {
      setBusy(null);
    }
  };

  const mayChange = (task: Task) =>
    user.role === 'rm' || isLead || task.owner.id === user.id || task.createdBy.id === user.id;

  const customerFilter = positiveId(params.get('customerId'));
  const filteredCustomer =
    customerFilter === null
      ? null
      : (tasks.data?.items.find((x) => x.customer?.id === customerFilter)?.customer ?? null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language
  const columns: ColumnsType<Task> = useMemo(
    () => [
      {
        key: 'status',
        title: t('tasks.status'),
        dataIndex: 'status',
        width: 100,
        render: (status: TaskStatus, task) => (
          <Tooltip
            title={
              task.completedAt ? t('tasks.completedAt', { at: formatDateTime(task.completedAt) }) : undefined
            }
          >
            <Tag color={STATUS_COLORS[status]}>{codeLabel(TASK_STATUSES.labels, status)}</Tag>
          </Tooltip>
        ),
      },
      {
        key: 'title',
        title: t('tasks.taskTitle'),
        dataIndex: 'title',
        render: (title: string, task) => (
          <Flex vertical gap={2} style={{ maxWidth: 420 }}>
            <Space size={4} wrap>
              <Typography.Text
                strong={task.status === 'open'}
                delete={task.status === 'cancelled'}
                type={task.status === 'open' ? undefined : 'secondary'}
              >
                {title}
              </Typography.Text>
              {task.source !== 'manual' && <Tag>{codeLabel(TASK_SOURCES.labels, task.source)}</Tag>}
            </Space>
            {task.notes && (
              <Typography.Text
                type="secondary"
                ellipsis={{ tooltip: task.notes }}
                style={{ fontSize: token.fontSizeSM }}
              >
                {task.notes}
              </Typography.Text>
            )}
            {task.planId && (
              <Link to={`/visit-plans/${task.planId}`} style={{ fontSize: token.fontSizeSM }}>
                {t('tasks.fromPlan')}
              </Link>
            )}
          </Flex>
        ),
      },
      {
        key: 'dueOn',
        title: t('tasks.dueOn'),
        dataIndex: 'dueOn',
        width: 170,
        render: (dueOn: string, task) =>
          task.overdue ? (
            <Space size={4} wrap>
              <Typography.Text type="danger">{dueOn}</Typography.Text>
              <Tag color="error">
                {t('item.overdueDays', { count: Math.max(1, daysBetween(dueOn, today)) })}
              </Tag>
            </Space>
          ) : task.status === 'open' && dueOn === today ? (
            <Space size={4}>
              <Typography.Text>{dueOn}</Typography.Text>
              <Tag color="warning">{t('tasks.dueToday')}</Tag>
            </Space>
          ) : (
            dueOn
          ),
      },
      {
        key: 'customer',
        title: t('tasks.customer'),
        dataIndex: 'customer',
        width: 200,
        ellipsis: true,
        render: (c: Task['customer'], task) =>
          c ? (
            <Link to={`/customers/${c.id}`}>{c.name}</Link>
          ) : task.prospect ? (
            <Link to={`/prospects/${task.prospect.id}`}>{task.prospect.name}</Link>
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          ),
      },
      {
        key: 'owner',
        title: t('tasks.owner'),
        dataIndex: 'owner',
        width: 140,
        render: (o: Task['owner'], task) => (
          <Flex vertical gap={2}>
            <span>{o.id === user.id ? t('tasks.me') : o.name}</span>
            {task.createdBy.id !== o.id && (
              <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                {task.createdBy.id === user.id
                  ? t('tasks.assignedByMe')
                  : t('tasks.assignedBy', { name: task.createdBy.name })}
              </Typography.Text>
            )}
          </Flex>
        ),
      },
      {
        key: 'actions',
        title: t('tasks.actions'),
        width: 280,
        fixed: 'right',
        render: (_, task) =>
          mayChange(task) ? (
            <Space size={0}>
              {task.status === 'open' ? (
                <>
                  <Button
                    type="link"
                    size="small"
                    icon={<CheckOutlined />}
                    loading={busy === task.id}
                    onClick={() => void setStatus(task, 'done')}
                    aria-label={t('item.completeNamed', { title: task.title })}
                  >
                    {t('tasks.complete')}
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setEditing(task)}
                    aria-label={t('tasks.editNamed', { title: task.title })}
                  >
                    {t('tasks.edit')}
                  </Button>
                  <Popconfirm
                    title={t('tasks.cancelConfirm')}
                    okText={t('tasks.cancelTask')}
                    cancelText={t('tasks.keep')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => setStatus(task, 'cancelled')}
                  >
                    <Button
                      type="link"
                      size="small"
                      danger
                      icon={<CloseCircleOutlined />}
                      aria-label={t('tasks.cancelNamed', { title: task.title })}
                    >
                      {t('tasks.cancelTask')}
                    </Button>
                  </Popconfirm>
                </>
              ) : (
                <Button
                  type="link"
                  size="small"
                  icon={<UndoOutlined />}
                  loading={busy === task.id}
                  onClick={() => void setStatus(task, 'open')}
                  aria-label={t('tasks.reopenNamed', { title: task.title })}
                >
                  {t('tasks.reopen')}
                </Button>
              )}
            </Space>
          ) : null,
      },
    ],
    [t, busy, user.id, today, token.fontSizeSM],
  );

  const onTableChange = (pagination: TablePaginationConfig) =>
    setFilters({ page: String(pagination.current ?? 1), pageSize: String(pagination.pageSize ?? 20) }, false);

  const due = params.get('due') ?? 'all';
  const ownerOptions = (owners.data ?? [])
    .filter((u) => u.teamId === user.teamId)
    .map((u) => ({ value: String(u.id), label: `${u.displayName} (${u.username})` }));
  const anyFilter = ['status', 'due', 'ownerId', 'customerId'].some((k) => params.get(k));

  return (
    <Card
      title={t('tasks.title')}
      extra={
        canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('quick.newTask')}
          </Button>
        )
      }
    >
      <Flex wrap gap="small" align="center" style={{ marginBottom: token.marginMD }}>
        <Segmented
          aria-label={t('tasks.due')}
          value={DUE.includes(due as (typeof DUE)[number]) ? due : 'all'}
          options={DUE.map((d) => ({ value: d, label: t(`tasks.dueFilter.${d}`) }))}
          onChange={(v) => setFilters({ due: v === 'all' ? undefined : String(v), status: undefined })}
        />
        <Select
          allowClear
          placeholder={t('tasks.status')}
          aria-label={t('tasks.status')}
          style={{ width: 130 }}
          value={params.get('status') ?? null}
          options={TASK_STATUSES.codes.map((c) => ({ value: c, label: codeLabel(TASK_STATUSES.labels, c) }))}
          onChange={(v) => setFilters({ status: v ?? undefined, due: undefined })}
        />
        {isLead && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('tasks.owner')}
            aria-label={t('tasks.owner')}
            style={{ width: 180 }}
            loading={owners.isPending}
            value={params.get('ownerId') ?? null}
            options={ownerOptions}
            onChange={(v) => setFilters({ ownerId: v ?? undefined })}
          />
        )}
        {customerFilter !== null && (
          <Tag closable onClose={() => setFilters({ customerId: undefined })}>
            {t('tasks.forCustomer', { name: filteredCustomer?.name ?? `#${customerFilter}` })}
          </Tag>
        )}
        {anyFilter && (
          <Button onClick={() => setParams(new URLSearchParams())}>{t('tasks.clearFilters')}</Button>
        )}
      </Flex>
      {tasks.error && (
        <Alert
          type="error"
          showIcon
          title={t('loadFailed')}
          description={(tasks.error as Error).message}
          style={{ marginBottom: token.marginMD }}
        />
      )}
      <Table<Task>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tasks.data?.items}
        loading={tasks.isFetching}
        scroll={{ x: 'max-content' }}
        onChange={onTableChange}
        onRow={(task) => ({
          style:
            task.id === focusId
              ? { background: token.colorInfoBg }
              : task.overdue
                ? { background: token.colorErrorBg }
                : undefined,
        })}
        locale={{ emptyText: anyFilter ? t('tasks.noMatch') : t('tasks.empty') }}
        pagination={{
          current: Number(params.get('page') ?? 1),
          pageSize: Number(params.get('pageSize') ?? 20),
          total: tasks.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('tasks.total', { count: total }),
        }}
      />
      <TaskFormModal open={creating} customer={filteredCustomer} onClose={() => setCreating(false)} />
      <TaskFormModal
        key={
          editing ? `edit-${editing.id}-${editing.version}` : focusedTask ? `focus-${focusedTask.id}` : 'none'
        }
        open={editing !== null || focusedTask !== null}
        task={editing ?? focusedTask}
        onClose={() => {
          setEditing(null);
          if (focusId !== null) closeFocus();
        }}
      />
      {focusId !== null && focused.error && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: closeFocus }}
          title={errorText(t, focused.error)}
          style={{ marginTop: token.marginMD }}
        />
      )}
    </Card>
  );
}
