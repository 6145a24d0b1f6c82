import type { Selectable } from 'kysely';
import type { NotificationKind, TaskStatus } from '../../../shared/codes';
import type { Notification, Task } from '../../../shared/schemas/task';
import type { NotificationTable } from '../../db/database';
import type { TaskWithNames } from './tasks.repository';

export function presentTask(row: TaskWithNames, today: string): Task {
  return {
    id: row.id,
    title: row.title,
    notes: row.notes,
    dueOn: row.due_on,
    status: row.status as TaskStatus,
    overdue: row.status === 'open' && row.due_on < today,
    source: row.source as Task['source'],
    customer:
      row.customer_id !== null
        ? { id: row.customer_id, code: row.customer_code ?? '', name: row.customer_name ?? '' }
        : null,
    prospect:
      row.prospect_id !== null
        ? { id: row.prospect_id, code: row.prospect_code ?? '', name: row.prospect_name ?? '' }
        : null,
    planId: row.plan_id,
    owner: { id: row.owner_id, name: row.owner_name },
    createdBy: { id: row.created_by, name: row.created_by_name },
    completedAt: row.completed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export const taskAuditView = (row: {
  title: string;
  notes: string | null;
  due_on: string;
  status: string;
  owner_id: number;
  customer_id: number | null;
}) => ({
  title: row.title,
  notes: row.notes,
  dueOn: row.due_on,
  status: row.status,
  ownerId: row.owner_id,
  customerId: row.customer_id,
});

export function presentNotification(row: Selectable<NotificationTable>): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    params: JSON.parse(row.params_json),
    entity: row.entity as Notification['entity'],
    entityId: row.entity_id,
    read: row.read_at !== null,
    createdAt: row.created_at,
  };
}
