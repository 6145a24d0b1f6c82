import type { Dialect } from '../../db/connect';
import type { Db } from '../../db/database';

// The calendar's own queries; visit plans come from visit-plans.repository (plansOfOwnerBetween,
// objectivesOf). A feed is found by the SHA-256 of its secret, never by the secret.

/** Tasks of one owner due in [fromDay, toDay] with one of the statuses, by due day. */
export function tasksOfOwnerDueBetween(
  db: Db,
  ownerId: number,
  fromDay: string,
  toDay: string,
  statuses: readonly string[],
) {
  return db
    .selectFrom('tasks')
    .leftJoin('customers', 'customers.id', 'tasks.customer_id')
    .select([
      'tasks.id',
      'tasks.title',
      'tasks.due_on',
      'tasks.status',
      'tasks.customer_id',
      'tasks.updated_at',
      'customers.code as customer_code',
      'customers.name as customer_name',
    ])
    .where('tasks.owner_id', '=', ownerId)
    .where('tasks.status', 'in', statuses)
    .where('tasks.due_on', '>=', fromDay)
    .where('tasks.due_on', '<=', toDay)
    .orderBy('tasks.due_on')
    .orderBy('tasks.id')
    .execute();
}

export type TaskEventRow = Awaited<ReturnType<typeof tasksOfOwnerDueBetween>>[number];

/** Whether a user belongs to a team. */
export async function isTeamMember(db: Db, userId: number, teamId: number) {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The customers among `ids` that are individuals, whose names the feed masks. */
export async function individualCustomerIds(db: Db, ids: number[]) {
  if (ids.length === 0) return new Set<number>();
  const rows = await db
    .selectFrom('customers')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .where('kind', '=', 'individual')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The user's feed in use, the newest when (by a race) there are several. */
export function activeFeedOf(db: Db, userId: number) {
  return db
    .selectFrom('calendar_feeds')
    .select(['id', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** A feed in use with its owner, who must still be active. */
export function findActiveFeed(db: Db, tokenHash: string) {
  return db
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select(['calendar_feeds.id', 'calendar_feeds.user_id', 'users.display_name'])
    .where('calendar_feeds.token_hash', '=', tokenHash)
    .where('calendar_feeds.revoked_at', 'is', null)
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

/**
 * Serialises the feed changes of one user until the transaction ends, so that two requests for a new
 * feed cannot both leave theirs active. SQLite needs nothing: its write transactions take the lock at
 * BEGIN IMMEDIATE. `FOR NO KEY UPDATE` does not block rows that merely reference the user.
 */
export async function lockFeedsOf(db: Db, dialect: Dialect, userId: number) {
  if (dialect !== 'postgres') return;
  await db.selectFrom('users').select('id').where('id', '=', userId).forNoKeyUpdate().execute();
}

/** Revokes every feed of the user still in use; answers their ids. */
export async function revokeFeedsOf(db: Db, userId: number, at: string) {
  const rows = await db
    .updateTable('calendar_feeds')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function insertFeed(db: Db, userId: number, tokenHash: string, at: string) {
  const { id } = await db
    .insertInto('calendar_feeds')
    .values({ user_id: userId, token_hash: tokenHash, created_at: at, revoked_at: null, last_used_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function touchFeed(db: Db, id: number, at: string) {
  await db.updateTable('calendar_feeds').set({ last_used_at: at }).where('id', '=', id).execute();
}
