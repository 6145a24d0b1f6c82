import type { Insertable } from 'kysely';
import type { Db, SettingsVersionTable } from '../../db/database';

const columns = [
  'settings_versions.version',
  'settings_versions.settings_json',
  'settings_versions.reason',
  'settings_versions.created_by',
  'settings_versions.created_at',
  'users.display_name as created_by_name',
] as const;

export function currentSettings(db: Db, key: string) {
  return db
    .selectFrom('settings_versions')
    .leftJoin('users', 'users.id', 'settings_versions.created_by')
    .select(columns)
    .where('settings_versions.key', '=', key)
    .orderBy('settings_versions.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listSettings(db: Db, key: string) {
  return db
    .selectFrom('settings_versions')
    .leftJoin('users', 'users.id', 'settings_versions.created_by')
    .select(columns)
    .where('settings_versions.key', '=', key)
    .orderBy('settings_versions.version', 'desc')
    .execute();
}

export async function insertSettings(db: Db, row: Insertable<SettingsVersionTable>) {
  await db.insertInto('settings_versions').values(row).execute();
}
