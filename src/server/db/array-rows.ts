import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database';

// Rows as arrays, in the order of the select list, for the few queries that read a million rows (the
// value run). better-sqlite3 builds a row object per row natively, which costs about twice what the
// row itself does; `raw` mode hands over arrays instead (sqlite-driver.ts checks for the mark). The
// PostgreSQL driver always answers objects, turned into arrays here.
//
// A read may also run aside (selectColumnsAside): outside a transaction, on the SQLite driver's
// reader thread, while the main thread goes on (sqlite-driver.ts). Its answer crosses column by column
// (sqlite-read-worker.mjs): numbers in typed arrays that cross without a copy, text as the codes of
// its distinct values; nothing is parsed on the main thread. And it is decoded only when the caller
// asks for it: answers read ahead of their turn wait as a few arrays, which the garbage collector
// never copies, rather than as a million small objects it copies at each collection. Numbers, text
// and nulls (a blob arrives as an object). Elsewhere the mark changes nothing.

const marked = new WeakSet<CompiledQuery>();
const aside = new WeakSet<CompiledQuery>();

/** Whether the compiled query asked for its rows as arrays. */
export const wantsArrayRows = (query: CompiledQuery) => marked.has(query);

/** Whether the compiled query may run on the reader thread. */
export const mayRunAside = (query: CompiledQuery) => aside.has(query);

/** A column as the reader thread sends it (sqlite-read-worker.mjs). */
export type SentColumn =
  | { numbers: Float64Array } // NaN: null
  | { codes: Int32Array; texts: string[] } // -1: null
  | { values: unknown[] };

/** The answer of a read that ran aside, as the reader thread sent it: the only element of the result's rows. */
export class SentColumns {
  constructor(
    readonly length: number,
    readonly columns: SentColumn[],
  ) {}
}

/** An answer column by column, each the list of its values, in the order of the select list; none when no row. */
export interface Columns<C extends readonly unknown[][]> {
  length: number;
  columns: C;
}

function decode(column: SentColumn, n: number): unknown[] {
  if ('values' in column) return column.values;
  const out: unknown[] = new Array(n);
  if ('numbers' in column) {
    const { numbers } = column;
    for (let i = 0; i < n; i++) {
      const v = numbers[i]!;
      out[i] = Number.isNaN(v) ? null : v;
    }
  } else {
    const { codes, texts } = column;
    for (let i = 0; i < n; i++) {
      const code = codes[i]!;
      out[i] = code < 0 ? null : texts[code];
    }
  }
  return out;
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

/**
 * Reads now, on the reader thread where there is one; answers a function that gives the answer
 * column by column when the caller's turn comes.
 */
export async function selectColumnsAside<C extends readonly unknown[][]>(
  db: Db,
  query: Compilable | CompiledQuery,
): Promise<() => Columns<C>> {
  const compiled = compile(query);
  marked.add(compiled);
  aside.add(compiled);
  const { rows } = await db.executeQuery<unknown>(compiled);
  const sent = rows.length === 1 ? rows[0] : undefined;
  if (sent instanceof SentColumns)
    return () => ({
      length: sent.length,
      columns: sent.columns.map((c) => decode(c, sent.length)) as unknown as C,
    });
  return () => {
    const arrays = asArrays<unknown[]>(rows);
    const width = arrays[0]?.length ?? 0;
    const columns = Array.from({ length: width }, (_, c) => arrays.map((row) => row[c]));
    return { length: arrays.length, columns: columns as unknown as C };
  };
}
