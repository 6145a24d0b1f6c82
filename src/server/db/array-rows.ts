import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database';

// Rows as arrays, in the order of the select list, for the few queries that read a million rows (the
// value run). better-sqlite3 builds a row object per row natively, which costs about twice what the
// row itself does; `raw` mode hands over arrays instead (sqlite-driver.ts checks for the mark). The
// PostgreSQL driver always answers objects, turned into arrays here.
//
// A read may also run aside (selectArraysAside): outside a transaction, on the SQLite driver's reader
// thread, while the main thread goes on (sqlite-driver.ts). Its rows arrive as one JSON text and are
// parsed only when the caller asks for them: rows read ahead of their turn wait as one string, which
// the garbage collector never copies, rather than as a million small objects it copies at each
// collection (at 1M customers, most of the value run's collection time). Numbers, text and nulls only
// (a blob would arrive as an object). Elsewhere the mark changes nothing.

const marked = new WeakSet<CompiledQuery>();
const aside = new WeakSet<CompiledQuery>();

/** Whether the compiled query asked for its rows as arrays. */
export const wantsArrayRows = (query: CompiledQuery) => marked.has(query);

/** Whether the compiled query may run on the reader thread. */
export const mayRunAside = (query: CompiledQuery) => aside.has(query);

/** The rows of a read that ran aside, as the reader thread sent them: the only element of the result's rows. */
export class RowsAsJson {
  constructor(readonly json: string) {}
}

const compile = (query: Compilable | CompiledQuery) => ('compile' in query ? query.compile() : query);

const asArrays = <R>(rows: unknown[]) =>
  rows.map((row) => (Array.isArray(row) ? row : Object.values(row as object))) as unknown as R[];

export async function selectArrays<R extends readonly unknown[]>(
  db: Db,
  query: Compilable | CompiledQuery,
): Promise<R[]> {
  const compiled = compile(query);
  marked.add(compiled);
  const { rows } = await db.executeQuery<unknown>(compiled);
  return asArrays<R>(rows);
}

/** Reads now, on the reader thread where there is one; answers a function that gives the rows. */
export async function selectArraysAside<R extends readonly unknown[]>(
  db: Db,
  query: Compilable | CompiledQuery,
): Promise<() => R[]> {
  const compiled = compile(query);
  marked.add(compiled);
  aside.add(compiled);
  const { rows } = await db.executeQuery<unknown>(compiled);
  const sent = rows.length === 1 ? rows[0] : undefined;
  if (sent instanceof RowsAsJson) return () => JSON.parse(sent.json) as R[];
  return () => asArrays<R>(rows);
}
