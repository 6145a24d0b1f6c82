import type { Insertable, Updateable } from 'kysely';
import type { ConcessionTable, Db } from '../../db/database';

// All Kysely code of concessions (DOMAIN §5, pitfall 1). Amounts stay integer fen here.

const withCreator = (db: Db) =>
  db
    .selectFrom('concessions')
    .leftJoin('users as creator', 'creator.id', 'concessions.created_by')
    .selectAll('concessions')
    .select('creator.display_name as created_by_name');

export type ConcessionWithCreator = NonNullable<Awaited<ReturnType<typeof findConcession>>>;

/** Newest first: the latest start, then the latest recorded. */
export function listConcessions(db: Db, customerId: number) {
  return withCreator(db)
    .where('concessions.customer_id', '=', customerId)
    .orderBy('concessions.starts_on', 'desc')
    .orderBy('concessions.id', 'desc')
    .execute();
}

/** Unscoped: the service checks the customer's visibility before answering anything of it. */
export function findConcession(db: Db, id: number) {
  return withCreator(db).where('concessions.id', '=', id).executeTakeFirst();
}

export async function insertConcession(db: Db, row: Insertable<ConcessionTable>) {
  const { id } = await db.insertInto('concessions').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates when the version still matches; answers whether it did. */
export async function updateConcession(
  db: Db,
  id: number,
  expectedVersion: number,
  set: Omit<Updateable<ConcessionTable>, 'id' | 'customer_id' | 'version'>,
) {
  const result = await db
    .updateTable('concessions')
    .set({ ...set, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The yearly costs (fen) of the customer's concessions in force on `today`. */
export function concessionsInForce(db: Db, customerId: number, today: string) {
  return db
    .selectFrom('concessions')
    .select(['id', 'yearly_cost'])
    .where('customer_id', '=', customerId)
    .where('starts_on', '<=', today)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
    .execute();
}
