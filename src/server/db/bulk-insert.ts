import { CompiledQuery, type Insertable, type Selectable } from 'kysely';
import type { DB, Db } from './database';

// Many rows into one table, in statements as large as both databases take (SQLite binds at most
// 32,766 values a statement, PostgreSQL 65,535). Kysely builds each statement from its rows, which at
// an import's scale costs more than the database's own work; so a statement is compiled by Kysely once
// for each shape (table, columns, rows, returned columns, dialect) and then reused with new values.

const MAX_BOUND_VALUES = 30_000;
const MAX_ROWS = 1000;
const CACHED_SHAPES = 64;

type Row = Record<string, unknown>;
type Plain = string | number | bigint | boolean | null;

const compiled = new Map<string, string>();

const isPlain = (v: unknown): v is Plain =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'number' ||
  typeof v === 'bigint' ||
  typeof v === 'boolean';

/** The rows as one list of values, column by column; null when a row differs in shape or holds no plain value. */
function flatten(rows: Row[], columns: string[]) {
  const values: Plain[] = [];
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length) return null;
    for (let c = 0; c < columns.length; c++) {
      if (keys[c] !== columns[c]) return null;
      const v = row[columns[c]!];
      if (!isPlain(v)) return null;
      values.push(v);
    }
  }
  return values;
}

export async function bulkInsert<
  T extends keyof DB & string,
  R extends keyof Selectable<DB[T]> & string = never,
>(
  db: Db,
  table: T,
  rows: Insertable<DB[T]>[],
  returning: readonly R[] = [],
): Promise<Pick<Selectable<DB[T]>, R>[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]!);
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_BOUND_VALUES / columns.length)));
  const out: Pick<Selectable<DB[T]>, R>[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size) as Row[];
    const build = () => {
      const q = db.insertInto(table).values(chunk as never);
      return returning.length > 0 ? q.returning(returning as never) : q;
    };
    const values = flatten(chunk, columns);
    if (values === null) {
      out.push(...((await build().execute()) as unknown as Pick<Selectable<DB[T]>, R>[]));
      continue;
    }
    // One row compiled says which dialect and which columns; the whole chunk's statement is cached by it.
    const probe = db
      .insertInto(table)
      .values(chunk[0] as never)
      .compile().sql;
    const key = `${probe}\u0000${chunk.length}\u0000${returning.join(',')}`;
    let text = compiled.get(key);
    if (text === undefined) {
      const query = build().compile();
      text = query.sql;
      if (compiled.size >= CACHED_SHAPES) compiled.delete(compiled.keys().next().value!);
      compiled.set(key, text);
    }
    const result = await db.executeQuery<Pick<Selectable<DB[T]>, R>>(CompiledQuery.raw(text, values));
    out.push(...result.rows);
  }
  return out;
}
