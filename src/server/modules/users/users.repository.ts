import type { Insertable, Updateable } from 'kysely';
import type { Db, UserTable } from '../../db/database';

const userColumns = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.role',
  'users.team_id',
  'users.active',
  'users.locale',
  'users.version',
  'users.created_at',
  'teams.name as team_name',
] as const;

function selectUsers(db: Db) {
  return db.selectFrom('users').leftJoin('teams', 'teams.id', 'users.team_id').select(userColumns);
}

export type UserWithTeam = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export function findUserById(db: Db, id: number) {
  return selectUsers(db).where('users.id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function listUsers(
  db: Db,
  filter: {
    q?: string | undefined;
    role?: string | undefined;
    teamId?: number | undefined;
    active?: boolean | undefined;
  },
) {
  let query = selectUsers(db).orderBy('users.username');
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([eb('users.username', 'like', like), eb('users.display_name', 'like', like)]),
    );
  }
  if (filter.role) query = query.where('users.role', '=', filter.role);
  if (filter.teamId) query = query.where('users.team_id', '=', filter.teamId);
  if (filter.active !== undefined) query = query.where('users.active', '=', filter.active ? 1 : 0);
  return query.execute();
}

export async function insertUser(db: Db, user: Insertable<UserTable>) {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Updates only when the version still matches; answers whether it did. */
export async function updateUser(db: Db, id: number, expectedVersion: number, set: Updateable<UserTable>) {
  const result = await db
    .updateTable('users')
    .set({ ...set, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setPassword(db: Db, id: number, passwordHash: string, now: string) {
  await db
    .updateTable('users')
    .set((eb) => ({ password_hash: passwordHash, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export function findTeam(db: Db, id: number) {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listTeams(db: Db) {
  return db
    .selectFrom('teams')
    .innerJoin('branches', 'branches.id', 'teams.branch_id')
    .select((eb) => [
      'teams.id',
      'teams.code',
      'teams.name',
      'teams.branch_id',
      'teams.plans_need_approval',
      'branches.name as branch_name',
      eb
        .selectFrom('users')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('users.team_id', '=', 'teams.id')
        .where('users.active', '=', 1)
        .as('member_count'),
    ])
    .orderBy('teams.code')
    .execute();
}

export function listBranches(db: Db) {
  return db.selectFrom('branches').select(['id', 'code', 'name']).orderBy('code').execute();
}

export function findBranch(db: Db, id: number) {
  return db.selectFrom('branches').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTeam(
  db: Db,
  t: { code: string; name: string; branch_id: number; created_at: string },
) {
  return (await db.insertInto('teams').values(t).returning('id').executeTakeFirstOrThrow()).id;
}

export async function setPlansNeedApproval(db: Db, id: number, value: boolean) {
  await db
    .updateTable('teams')
    .set({ plans_need_approval: value ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

export async function insertBranch(db: Db, b: { code: string; name: string; created_at: string }) {
  return (await db.insertInto('branches').values(b).returning('id').executeTakeFirstOrThrow()).id;
}

export function teamCodeTaken(db: Db, code: string) {
  return db.selectFrom('teams').select('id').where('code', '=', code).executeTakeFirst();
}

export function branchCodeTaken(db: Db, code: string) {
  return db.selectFrom('branches').select('id').where('code', '=', code).executeTakeFirst();
}
