import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database';

// Rows as arrays, in the order of the select list, for the few queries that read a million rows (the
// value run). better-sqlite3 builds a row object per row natively, which costs about twice what the
// row itself does; `raw` mode hands over arrays instead (sqlite-driver.ts checks for the mark). The
// PostgreSQL driver always answers objects, turned into arrays here.

const marked = new WeakSet<CompiledQuery>();

/** Whether the compiled query asked for its rows as arrays. */
export const wantsArrayRows = (query: CompiledQuery) => marked.has(query);

export async function selectArrays<R extends readonly unknown[]>(
  db: Db,
  query: Compilable | CompiledQuery,
): Promise<R[]> {
  const compiled = 'compile' in query ? query.compile() : query;
  marked.add(compiled);
  const { rows } = await db.executeQuery<unknown>(compiled);
  return rows.map((row) => (Array.isArray(row) ? row : Object.values(row as object))) as unknown as R[];
}
