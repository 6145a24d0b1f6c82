import type { Db } from '../../db/database';

export function findSessionWithUser(db: Db, sessionId: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.team_id',
      'users.locale',
      'users.active',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

export async function insertSession(
  db: Db,
  s: {
    id: string;
    userId: number;
    csrfToken: string;
    now: string;
    ip: string | null;
    userAgent: string | null;
  },
) {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.now,
      last_seen_at: s.now,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export async function touchSession(db: Db, sessionId: string, now: string) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: number) {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteSessionsBefore(db: Db, lastSeenBefore: string, createdBefore: string) {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('last_seen_at', '<', lastSeenBefore), eb('created_at', '<', createdBefore)]))
    .execute();
}

export function findLockout(db: Db, username: string) {
  return db
    .selectFrom('login_lockouts')
    .select('locked_until')
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function setLockout(db: Db, username: string, lockedUntil: string) {
  await db
    .insertInto('login_lockouts')
    .values({ username, locked_until: lockedUntil })
    .onConflict((oc) => oc.column('username').doUpdateSet({ locked_until: lockedUntil }))
    .execute();
}

export async function clearLockout(db: Db, username: string) {
  await db.deleteFrom('login_lockouts').where('username', '=', username).execute();
}

export async function recordAttempt(
  db: Db,
  a: { username: string; succeeded: boolean; at: string; ip: string | null },
) {
  await db
    .insertInto('login_attempts')
    .values({ username: a.username, succeeded: a.succeeded ? 1 : 0, attempted_at: a.at, ip: a.ip })
    .execute();
}

/** Failures for this username since `since`, not counting those before its latest success. */
export async function countRecentFailures(db: Db, username: string, since: string): Promise<number> {
  const lastSuccess = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.max('attempted_at').as('at'))
    .where('username', '=', username)
    .where('succeeded', '=', 1)
    .executeTakeFirst();
  const from = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username)
    .where('succeeded', '=', 0)
    .where('attempted_at', '>', from)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
