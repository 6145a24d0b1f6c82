import type { NotificationKind, TaskSource } from '../../../shared/codes';
import { bankDate } from '../../../shared/schemas/common';
import type { Task, TaskCreate, TaskListQuery, TaskPatch } from '../../../shared/schemas/task';
import type { Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { type AuditContext, auditContext, changedFields, writeAudit } from '../../http/audit';
import { forbidden, invalidField, notFound, staleVersion } from '../../http/errors';
import { requireVisibleCustomer } from '../customers/customers.service';
import { presentNotification, presentTask, taskAuditView } from './tasks.presenter';
import * as repo from './tasks.repository';

// Tasks and reminders (issue #5 part 4). Anyone may set themselves a task; a task for someone else
// is for a colleague of the same team (a memo's follow-up, a team lead's assignment), who is told in
// the notification centre. A task is "due soon" from the day before its due date.

export const today = (deps: AppDeps) => bankDate(deps.clock());
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  params: Record<string, string | number | null>;
  entity: 'task' | 'visit_plan' | 'complaint';
  entityId: number;
}

export async function notify(db: Db, at: string, notifications: NewNotification[]) {
  await repo.insertNotifications(
    db,
    notifications.map((n) => ({
      user_id: n.userId,
      kind: n.kind,
      params_json: JSON.stringify(n.params),
      entity: n.entity,
      entity_id: n.entityId,
      read_at: null,
      created_at: at,
    })),
  );
}

/** Whom the viewer may give a task: themselves, or an active RM or team lead of their own team. */
export async function requireAssignee(db: Db, viewer: Viewer, ownerId: number, field: string) {
  if (ownerId === viewer.id) return;
  const user = await db
    .selectFrom('users')
    .select(['id', 'team_id', 'role', 'active'])
    .where('id', '=', ownerId)
    .executeTakeFirst();
  const colleague =
    user !== undefined &&
    user.active === 1 &&
    (user.role === 'rm' || user.role === 'team_lead') &&
    viewer.teamId !== null &&
    user.team_id === viewer.teamId;
  if (!colleague) throw invalidField(field, 'must be you or an active colleague of your team');
}

export interface NewTask {
  ownerId: number;
  title: string;
  notes: string | null;
  dueOn: string;
  source: TaskSource;
  customerId: number | null;
  prospectId?: number | null;
  planId: number | null;
}

/** Creates a task in the caller's transaction, audited, its owner told when it is someone else. */
export async function insertTask(trx: Db, ctx: AuditContext, createdBy: number, task: NewTask) {
  const row = {
    owner_id: task.ownerId,
    title: task.title,
    notes: task.notes,
    due_on: task.dueOn,
    status: 'open',
    source: task.source,
    customer_id: task.customerId,
    prospect_id: task.prospectId ?? null,
    plan_id: task.planId,
    created_by: createdBy,
    due_notified_at: null,
    completed_at: null,
    version: 1,
    created_at: ctx.at,
    updated_at: ctx.at,
  };
  const id = await repo.insertTask(trx, row);
  await writeAudit(trx, ctx, {
    action: 'create',
    entity: 'task',
    entityId: id,
    customerId: task.customerId,
    after: taskAuditView(row),
  });
  if (task.ownerId !== createdBy) {
    await notify(trx, ctx.at, [
      {
        userId: task.ownerId,
        kind: 'task_assigned',
        params: { title: task.title, dueOn: task.dueOn, by: ctx.actor?.username ?? null },
        entity: 'task',
        entityId: id,
      },
    ]);
  }
  return id;
}

export async function getTask(deps: AppDeps, viewer: Viewer, id: number): Promise<Task> {
  const row = await repo.findVisibleTask(deps.db, viewer, id);
  if (!row) throw notFound('Task');
  return presentTask(row, today(deps));
}

export async function listTasks(deps: AppDeps, viewer: Viewer, query: TaskListQuery) {
  const day = today(deps);
  const { rows, total } = await repo.listTasks(deps.db, viewer, query, day, addDays(day, 7));
  return { items: rows.map((r) => presentTask(r, day)), total };
}

export async function createTask(deps: AppDeps, viewer: Viewer, input: TaskCreate, ip: string | null) {
  const ownerId = input.ownerId ?? viewer.id;
  await requireAssignee(deps.db, viewer, ownerId, 'ownerId');
  if (input.customerId != null) await requireVisibleCustomer(deps.db, viewer, input.customerId);
  if (input.dueOn < today(deps)) throw invalidField('dueOn', 'must not be in the past');
  const ctx = auditContext(deps, viewer, ip);
  const id = await deps.db.transaction().execute((trx) =>
    insertTask(trx, ctx, viewer.id, {
      ownerId,
      title: input.title,
      notes: input.notes ?? null,
      dueOn: input.dueOn,
      source: 'manual',
      customerId: input.customerId ?? null,
      planId: null,
    }),
  );
  return getTask(deps, viewer, id);
}

export async function updateTask(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  patch: TaskPatch,
  ip: string | null,
) {
  const current = await repo.findVisibleTask(deps.db, viewer, id);
  if (!current) throw notFound('Task');
  if (viewer.role === 'risk_officer' || viewer.role === 'admin') {
    if (current.owner_id !== viewer.id)
      throw forbidden('Only the owner, who set it or the team lead changes a task');
  }
  const { version, ...changes } = patch;
  if (version !== current.version) throw staleVersion();
  if (changes.ownerId !== undefined && changes.ownerId !== current.owner_id) {
    if (current.created_by !== viewer.id && viewer.role !== 'team_lead') {
      throw forbidden('Only who set a task or the team lead hands it to someone else');
    }
    await requireAssignee(deps.db, viewer, changes.ownerId, 'ownerId');
  }
  if (changes.dueOn !== undefined && changes.dueOn !== current.due_on && changes.dueOn < today(deps)) {
    throw invalidField('dueOn', 'must not be in the past');
  }
  const set = {
    title: changes.title,
    notes: changes.notes,
    due_on: changes.dueOn,
    status: changes.status,
    owner_id: changes.ownerId,
  };
  const after = { ...current, ...Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) };
  const diff = changedFields(taskAuditView(current), taskAuditView(after));
  if (!diff.changed) return presentTask(current, today(deps));
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateTask(trx, id, version, {
      ...set,
      ...(changes.status && changes.status !== current.status
        ? { completed_at: changes.status === 'done' ? ctx.at : null }
        : {}),
      ...(changes.dueOn !== undefined && changes.dueOn !== current.due_on ? { due_notified_at: null } : {}),
      updated_at: ctx.at,
    });
    if (!ok) throw staleVersion();
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'task',
      entityId: id,
      customerId: current.customer_id,
      before: diff.before,
      after: diff.after,
    });
    if (
      changes.ownerId !== undefined &&
      changes.ownerId !== current.owner_id &&
      changes.ownerId !== viewer.id
    ) {
      await notify(trx, ctx.at, [
        {
          userId: changes.ownerId,
          kind: 'task_assigned',
          params: { title: after.title, dueOn: after.due_on, by: viewer.username },
          entity: 'task',
          entityId: id,
        },
      ]);
    }
  });
  return getTask(deps, viewer, id);
}

// ---------------------------------------------------------------------------------------------------
// Notifications

/** Tells the user of their open tasks due by tomorrow, once a task. */
export async function announceTasksDueSoon(deps: AppDeps, viewer: Viewer) {
  const at = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const due = await repo.takeTasksDueSoon(trx, viewer.id, addDays(today(deps), 1), at);
    await notify(
      trx,
      at,
      due.map((t) => ({
        userId: viewer.id,
        kind: 'task_due_soon' as const,
        params: { title: t.title, dueOn: t.due_on },
        entity: 'task' as const,
        entityId: t.id,
      })),
    );
  });
}

export async function listNotifications(
  deps: AppDeps,
  viewer: Viewer,
  query: { unread?: boolean | undefined; page: number; pageSize: number },
) {
  await announceTasksDueSoon(deps, viewer);
  const { rows, total, unread } = await repo.listNotifications(
    deps.db,
    viewer.id,
    query.unread === true,
    query.page,
    query.pageSize,
  );
  return { items: rows.map(presentNotification), total, unread };
}

export async function readNotification(deps: AppDeps, viewer: Viewer, id: number) {
  if (!(await repo.notificationExists(deps.db, viewer.id, id))) throw notFound('Notification');
  await repo.markRead(deps.db, viewer.id, deps.clock().toISOString(), id);
}

export async function readAllNotifications(deps: AppDeps, viewer: Viewer) {
  return { read: await repo.markRead(deps.db, viewer.id, deps.clock().toISOString()) };
}
