import type { Updateable } from 'kysely';
import type { DB, Db } from './database';

/** The tables whose records carry `version` for optimistic concurrency (ARCHITECTURE rule 6). */
type Versioned = 'interactions' | 'tasks' | 'visit_plans';

/** Updates a record when its version still matches, moving the version on; answers whether it did. */
export async function updateVersioned<T extends Versioned>(
  db: Db,
  table: T,
  id: number,
  expectedVersion: number,
  set: Omit<Updateable<DB[T]>, 'id' | 'version'>,
): Promise<boolean> {
  // The tables differ in their columns, which Kysely's types cannot follow through T; `set` is typed above.
  const result = await db
    .updateTable(table as Versioned)
    .set({ ...set, version: expectedVersion + 1 } as never)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
