import { type ExpressionBuilder, type Insertable, sql } from 'kysely';
import type { TaskListQuery } from '../../../shared/schemas/task';
import type { DB, Db, NotificationTable, TaskTable } from '../../db/database';
import { pageOf } from '../../db/paging';
import { updateVersioned } from '../../db/versioned';
import type { Viewer } from '../../http/access';

// Tasks and notifications. A task is seen by its owner, by who set it, and by the team lead of the
// owner's team; a notification only by the user it is for.

export function taskVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<DB, 'tasks'>) => {
    const mine = eb.or([eb('tasks.owner_id', '=', viewer.id), eb('tasks.created_by', '=', viewer.id)]);
    if (viewer.role !== 'team_lead' || viewer.teamId === null) return mine;
    return eb.or([
      mine,
      eb(
        'tasks.owner_id',
        'in',
        eb.selectFrom('users').select('users.id').where('users.team_id', '=', viewer.teamId),
      ),
    ]);
  };
}

function withNames(db: Db) {
  return db
    .selectFrom('tasks')
    .innerJoin('users as owner', 'owner.id', 'tasks.owner_id')
    .innerJoin('users as creator', 'creator.id', 'tasks.created_by')
    .leftJoin('customers', 'customers.id', 'tasks.customer_id')
    .leftJoin('prospects', 'prospects.id', 'tasks.prospect_id')
    .selectAll('tasks')
    .select([
      'owner.display_name as owner_name',
      'creator.display_name as created_by_name',
      'customers.code as customer_code',
      'customers.name as customer_name',
      'prospects.code as prospect_code',
      'prospects.name as prospect_name',
    ]);
}

export type TaskWithNames = NonNullable<Awaited<ReturnType<typeof findVisibleTask>>>;

export function findVisibleTask(db: Db, viewer: Viewer, id: number) {
  return withNames(db).where('tasks.id', '=', id).where(taskVisibleTo(viewer)).executeTakeFirst();
}

export async function listTasks(
  db: Db,
  viewer: Viewer,
  query: TaskListQuery,
  today: string,
  weekEnd: string,
) {
  let q = withNames(db).where(taskVisibleTo(viewer));
  if (query.status) q = q.where('tasks.status', '=', query.status);
  if (query.ownerId !== undefined) q = q.where('tasks.owner_id', '=', query.ownerId);
  if (query.customerId !== undefined) q = q.where('tasks.customer_id', '=', query.customerId);
  if (query.prospectId !== undefined) q = q.where('tasks.prospect_id', '=', query.prospectId);
  if (query.planId !== undefined) q = q.where('tasks.plan_id', '=', query.planId);
  if (query.due) {
    q = q.where('tasks.status', '=', 'open');
    if (query.due === 'overdue') q = q.where('tasks.due_on', '<', today);
    if (query.due === 'today') q = q.where('tasks.due_on', '=', today);
    if (query.due === 'week') q = q.where('tasks.due_on', '>=', today).where('tasks.due_on', '<=', weekEnd);
  }
  // Open tasks first, then done and cancelled ones.
  return pageOf(
    q,
    (x) =>
      x
        .orderBy(sql`case when tasks.status = 'open' then 0 else 1 end`)
        .orderBy('tasks.due_on')
        .orderBy('tasks.id'),
    query.page,
    query.pageSize,
  );
}

export async function insertTask(db: Db, row: Insertable<TaskTable>) {
  const { id } = await db.insertInto('tasks').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export const updateTask = (
  db: Db,
  id: number,
  expectedVersion: number,
  set: Parameters<typeof updateVersioned<'tasks'>>[4],
) => updateVersioned(db, 'tasks', id, expectedVersion, set);

/** Open tasks of a user due by a day that were not yet announced; marks them announced. */
export async function takeTasksDueSoon(db: Db, ownerId: number, lastDay: string, at: string) {
  const due = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'due_on'])
    .where('owner_id', '=', ownerId)
    .where('status', '=', 'open')
    .where('due_on', '<=', lastDay)
    .where('due_notified_at', 'is', null)
    .execute();
  if (due.length > 0) {
    await db
      .updateTable('tasks')
      .set({ due_notified_at: at })
      .where(
        'id',
        'in',
        due.map((t) => t.id),
      )
      .where('due_notified_at', 'is', null)
      .execute();
  }
  return due;
}

// ---------------------------------------------------------------------------------------------------
// Notifications

export async function insertNotifications(db: Db, rows: Insertable<NotificationTable>[]) {
  if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
}

export async function listNotifications(
  db: Db,
  userId: number,
  unreadOnly: boolean,
  page: number,
  pageSize: number,
) {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  const [rows, count, unread] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), unread: Number(unread.n) };
}

/** Marks one or all of a user's notifications read; answers how many changed. */
export async function markRead(db: Db, userId: number, at: string, id?: number) {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== undefined) q = q.where('id', '=', id);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function notificationExists(db: Db, userId: number, id: number) {
  return db
    .selectFrom('notifications')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}
