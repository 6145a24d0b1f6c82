import type { Insertable, Updateable } from 'kysely';
import type { Db, FinancialStatementTable } from '../../db/database';

// All Kysely code of annual financial statements (DOMAIN §5 pitfall 3, §6.1 EX3). Amounts are fen.

/** Newest fiscal year first. */
export function listStatements(db: Db, customerId: number) {
  return db
    .selectFrom('financial_statements')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('fiscal_year', 'desc')
    .execute();
}

export function findStatement(db: Db, customerId: number, fiscalYear: number) {
  return db
    .selectFrom('financial_statements')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('fiscal_year', '=', fiscalYear)
    .executeTakeFirst();
}

export async function insertStatement(db: Db, row: Insertable<FinancialStatementTable>) {
  await db.insertInto('financial_statements').values(row).execute();
}

/** Updates when the version still matches; answers whether it did. */
export async function updateStatement(
  db: Db,
  customerId: number,
  fiscalYear: number,
  expectedVersion: number,
  set: Omit<Updateable<FinancialStatementTable>, 'id' | 'customer_id' | 'fiscal_year' | 'version'>,
) {
  const result = await db
    .updateTable('financial_statements')
    .set({ ...set, version: expectedVersion + 1 })
    .where('customer_id', '=', customerId)
    .where('fiscal_year', '=', fiscalYear)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
