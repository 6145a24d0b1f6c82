import type { Insertable, Updateable } from 'kysely';
import type { Db, RiskFlagTable } from '../../db/database';

const columns = [
  'risk_flags.id',
  'risk_flags.customer_id',
  'risk_flags.code',
  'risk_flags.recorded_on',
  'risk_flags.note',
  'risk_flags.recorded_by',
  'recorder.display_name as recorded_by_name',
  'risk_flags.cleared_on',
  'risk_flags.cleared_by',
  'clearer.display_name as cleared_by_name',
  'risk_flags.clear_note',
  'risk_flags.version',
] as const;

const selectFlags = (db: Db) =>
  db
    .selectFrom('risk_flags')
    .leftJoin('users as recorder', 'recorder.id', 'risk_flags.recorded_by')
    .leftJoin('users as clearer', 'clearer.id', 'risk_flags.cleared_by')
    .select(columns);

export type RiskFlagRow = Awaited<ReturnType<typeof findFlag>> & {};

export const listFlags = (db: Db, customerId: number) =>
  selectFlags(db)
    .where('risk_flags.customer_id', '=', customerId)
    .orderBy('risk_flags.recorded_on', 'desc')
    .orderBy('risk_flags.id', 'desc')
    .execute();

export const findFlag = (db: Db, customerId: number, id: number) =>
  selectFlags(db)
    .where('risk_flags.customer_id', '=', customerId)
    .where('risk_flags.id', '=', id)
    .executeTakeFirst();

export const findFlagByDay = (db: Db, customerId: number, code: string, recordedOn: string) =>
  db
    .selectFrom('risk_flags')
    .select(['id', 'version'])
    .where('customer_id', '=', customerId)
    .where('code', '=', code)
    .where('recorded_on', '=', recordedOn)
    .executeTakeFirst();

export async function insertFlag(db: Db, row: Insertable<RiskFlagTable>) {
  const { id } = await db.insertInto('risk_flags').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Writes when the version is the one read; false when it is not. */
export async function updateFlag(db: Db, id: number, version: number, set: Updateable<RiskFlagTable>) {
  const res = await db
    .updateTable('risk_flags')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
