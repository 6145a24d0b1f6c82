import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database';

// Rows as arrays, in the order of the select list, for the few queries that read a million rows (the
// value run). better-sqlite3 builds a row object per row natively, which costs about twice what the
// row itself does; `raw` mode hands over arrays instead (sqlite-driver.ts checks for the mark). The
// PostgreSQL driver always answers objects, turned into arrays here.
//
// Such a read may ask to run `aside`: outside a transaction, on the SQLite driver's reader thread,
// while the main thread goes on (sqlite-driver.ts); the main thread only parses the JSON the rows
// arrive as, a fraction of reading them itself. Numbers, text and nulls only (a blob would arrive as
// an object). Elsewhere the mark changes nothing.

const marked = new WeakSet<CompiledQuery>();
const aside = new WeakSet<CompiledQuery>();

/** Whether the compiled query asked for its rows as arrays. */
export const wantsArrayRows = (query: CompiledQuery) => marked.has(query);

/** Whether the compiled query may run on the reader thread. */
export const mayRunAside = (query: CompiledQuery) => aside.has(query);

export async function selectArrays<R extends readonly unknown[]>(
  db: Db,
  query: Compilable | CompiledQuery,
  options: { aside?: boolean } = {},
): Promise<R[]> {
  const compiled = 'compile' in query ? query.compile() : query;
  marked.add(compiled);
  if (options.aside) aside.add(compiled);
  const { rows } = await db.executeQuery<unknown>(compiled);
  return rows.map((row) => (Array.isArray(row) ? row : Object.values(row as object))) as unknown as R[];
}
