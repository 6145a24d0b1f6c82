import { CheckOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, Select, Spin, Tag, Typography, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_SOURCES, TASK_STATUSES } from '../../../../shared/codes';
import type { Task } from '../../../../shared/schemas/task';
import { useUser } from '../../../app/auth';
import { formatDateTime } from '../../../app/format';
import { FormModal } from '../../../components/form-modal';
import { codeLabel } from '../../../i18n';
import { useOwners } from '../../customers/api';
import { useCustomerSearch } from '../../customers/hooks';
import { useCreateTask, useUpdateTask } from '../api';
import { errorText, isStale, showTaskErrors } from '../problems';

interface Values {
  title: string;
  dueOn: Dayjs;
  notes?: string;
  ownerId?: number;
  customerId?: number;
}

type CustomerRef = NonNullable<Task['customer']>;

const FIELDS = ['title', 'dueOn', 'notes', 'ownerId', 'customerId'] as const;

/** The search text, settled for a moment so typing does not send a request per key. */
function useDebounced(value: string, ms = 300) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

interface TaskFormModalProps {
  open: boolean;
  /** The task to edit; a new task when absent. */
  task?: Task | null;
  /** A new task about this customer (the list is filtered to them). */
  customer?: CustomerRef | null;
  onClose: () => void;
  onSaved?: (task: Task) => void;
}

/** New task, or edit one: title, due date, notes; a team lead also picks whose task it is. */
export function TaskFormModal({ open, task, customer, onClose, onSaved }: TaskFormModalProps) {
  const { t } = useTranslation('day');
  const { message } = App.useApp();
  const user = useUser();
  const isLead = user.role === 'team_lead';
  const owners = useOwners(open && isLead);
  const create = useCreateTask();
  const update = useUpdateTask();
  const [search, setSearch] = useState('');
  const query = useDebounced(search);
  const found = useCustomerSearch(open && !task ? query : '');
  const editing = Boolean(task);
  const { token } = theme.useToken();
  const [completing, setCompleting] = useState(false);

  const completeNow = async (current: Task) => {
    setCompleting(true);
    try {
      await update.mutateAsync({ id: current.id, changes: { version: current.version, status: 'done' } });
      message.success(t('item.completed', { title: current.title }));
      onClose();
    } catch (e) {
      if (isStale(e)) onClose();
      message.error(errorText(t, e));
    } finally {
      setCompleting(false);
    }
  };

  const ownerOptions = (owners.data ?? [])
    .filter((u) => u.teamId === user.teamId || u.id === user.id)
    .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  if (task && !ownerOptions.some((o) => o.value === task.owner.id))
    ownerOptions.unshift({ value: task.owner.id, label: task.owner.name });

  const customerOptions = (found.data ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${c.code}` }));
  if (customer && !customerOptions.some((o) => o.value === customer.id))
    customerOptions.unshift({ value: customer.id, label: `${customer.name} · ${customer.code}` });

  const submit = async (values: Values) => {
    const notes = values.notes?.trim() ? values.notes.trim() : null;
    const dueOn = values.dueOn.format('YYYY-MM-DD');
    if (task) {
      const saved = await update.mutateAsync({
        id: task.id,
        changes: {
          version: task.version,
          title: values.title.trim(),
          dueOn,
          notes,
          ...(isLead && values.ownerId ? { ownerId: values.ownerId } : {}),
        },
      });
      message.success(t('taskForm.saved'));
      onSaved?.(saved);
    } else {
      const saved = await create.mutateAsync({
        title: values.title.trim(),
        dueOn,
        notes,
        ...(isLead && values.ownerId ? { ownerId: values.ownerId } : {}),
        ...(values.customerId ? { customerId: values.customerId } : {}),
      });
      message.success(t('taskForm.created'));
      onSaved?.(saved);
    }
    onClose();
  };

  return (
    <FormModal<Values>
      open={open}
      title={editing ? t('taskForm.editTitle') : t('taskForm.newTitle')}
      okText={t('save')}
      cancelText={t('cancel')}
      onClose={onClose}
      name="task"
      initialValues={
        task
          ? {
              title: task.title,
              dueOn: dayjs(task.dueOn),
              notes: task.notes ?? undefined,
              ownerId: task.owner.id,
            }
          : {
              dueOn: dayjs(),
              ownerId: user.id,
              customerId: customer?.id,
            }
      }
      onSubmit={submit}
      showErrors={(form, e) => {
        // Someone changed the task since it was read: the lists reload, the edit starts again from there.
        if (isStale(e)) onClose();
        return showTaskErrors(t, form, e, FIELDS);
      }}
    >
      {task && (
        <Flex
          justify="space-between"
          align="center"
          gap="small"
          wrap
          style={{ marginBottom: token.marginMD }}
          role="group"
          aria-label={t('taskForm.state')}
        >
          <Flex gap="small" align="center" wrap>
            <Tag
              color={task.status === 'open' ? 'processing' : task.status === 'done' ? 'success' : 'default'}
            >
              {codeLabel(TASK_STATUSES.labels, task.status)}
            </Tag>
            {task.overdue && <Tag color="error">{t('item.overdue')}</Tag>}
            {task.source !== 'manual' && <Tag>{codeLabel(TASK_SOURCES.labels, task.source)}</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {task.completedAt
                ? t('tasks.completedAt', { at: formatDateTime(task.completedAt) })
                : t('taskForm.setBy', { name: task.createdBy.name, at: formatDateTime(task.createdAt) })}
            </Typography.Text>
          </Flex>
          {task.status === 'open' && (
            <Button
              size="small"
              icon={<CheckOutlined />}
              loading={completing}
              onClick={() => void completeNow(task)}
            >
              {t('item.complete')}
            </Button>
          )}
        </Flex>
      )}
      <Form.Item
        name="title"
        label={t('taskForm.title')}
        rules={[
          { required: true, whitespace: true, message: t('validation.required') },
          { max: 300, message: t('validation.tooLong', { max: 300 }) },
        ]}
      >
        <Input autoFocus maxLength={300} placeholder={t('taskForm.titlePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="dueOn"
        label={t('taskForm.dueOn')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <DatePicker
          style={{ width: '100%' }}
          allowClear={false}
          disabledDate={(d) => d.isBefore(dayjs(), 'day') && !(task && d.isSame(dayjs(task.dueOn), 'day'))}
        />
      </Form.Item>
      {isLead && (
        <Form.Item name="ownerId" label={t('taskForm.owner')} extra={t('taskForm.ownerHint')}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={owners.isPending}
            options={ownerOptions}
          />
        </Form.Item>
      )}
      {task ? (
        task.customer && (
          <Form.Item label={t('taskForm.customer')}>
            <Typography.Text>
              {task.customer.name} <Typography.Text type="secondary">{task.customer.code}</Typography.Text>
            </Typography.Text>
          </Form.Item>
        )
      ) : (
        <Form.Item name="customerId" label={t('taskForm.customer')} extra={t('taskForm.customerHint')}>
          <Select
            allowClear
            showSearch={{ filterOption: false, onSearch: (text) => setSearch(text) }}
            placeholder={t('taskForm.customerPlaceholder')}
            options={customerOptions}
            notFoundContent={
              found.isFetching ? (
                <Spin size="small" />
              ) : query.trim() ? (
                t('taskForm.noMatch')
              ) : (
                t('taskForm.typeToSearch')
              )
            }
          />
        </Form.Item>
      )}
      <Form.Item
        name="notes"
        label={t('taskForm.notes')}
        rules={[{ max: 2000, message: t('validation.tooLong', { max: 2000 }) }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}
