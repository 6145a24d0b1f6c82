import type { Db } from '../../db/database';

const columns = [
  'api_keys.id',
  'api_keys.name',
  'api_keys.prefix',
  'api_keys.secret_hash',
  'api_keys.scopes_json',
  'api_keys.expires_at',
  'api_keys.revoked_at',
  'api_keys.created_by',
  'api_keys.created_at',
  'api_keys.last_used_at',
  'users.username as created_by_username',
  'users.active as creator_active',
] as const;

const select = (db: Db) =>
  db.selectFrom('api_keys').innerJoin('users', 'users.id', 'api_keys.created_by').select(columns);

export type ApiKeyRow = NonNullable<Awaited<ReturnType<typeof findApiKeyByPrefix>>>;

export function findApiKeyByPrefix(db: Db, prefix: string) {
  return select(db).where('api_keys.prefix', '=', prefix).executeTakeFirst();
}

export function findApiKey(db: Db, id: number) {
  return select(db).where('api_keys.id', '=', id).executeTakeFirst();
}

export function listApiKeys(db: Db) {
  return select(db).orderBy('api_keys.id', 'desc').execute();
}

export async function insertApiKey(
  db: Db,
  key: {
    name: string;
    prefix: string;
    secretHash: string;
    scopesJson: string;
    expiresAt: string | null;
    createdBy: number;
    now: string;
  },
) {
  const row = await db
    .insertInto('api_keys')
    .values({
      name: key.name,
      prefix: key.prefix,
      secret_hash: key.secretHash,
      scopes_json: key.scopesJson,
      expires_at: key.expiresAt,
      created_by: key.createdBy,
      created_at: key.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function revokeApiKey(db: Db, id: number, now: string) {
  await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function touchApiKey(db: Db, id: number, now: string) {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}
