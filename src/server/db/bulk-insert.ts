import { CompiledQuery, type Insertable, type Selectable, sql } from 'kysely';
import type { DB, Db } from './database';

// Many rows into one table. Kysely builds each statement from its rows, which at an import's scale
// costs more than the database's own work; so on SQLite a statement is compiled by Kysely once for each
// shape (table, columns, rows, returned columns) and then reused with new values, in statements as
// large as SQLite binds (32,766 values). PostgreSQL parses and plans a statement of tens of thousands of
// parameters slowly, so there the rows travel as one JSON parameter that the server expands with
// json_populate_recordset into the table's own column types.

const POSTGRES_ROWS = 5000;

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
  const probe = db
    .insertInto(table)
    .values(rows[0] as never)
    .compile().sql;
  const columns = Object.keys(rows[0]!);
  // Rows of one shape only: a missing key would arrive as null where the insert builder uses the default.
  if (probe.includes('$1') && flatten(rows as Row[], columns) !== null) {
    return postgresInsert(db, table, rows as Row[], returning);
  }
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_BOUND_VALUES / columns.length)));
  const out: Pick<Selectable<DB[T]>, R>[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size) as Row[];
    const build = () => {
      const q = db.insertInto(table).values(chunk as never);
      return returning.length > 0 ? q.returning(returning as never) : q;
    };
    const values = flatten(chunk, columns);
    if (values === null || probe.includes('$1')) {
      out.push(...((await build().execute()) as unknown as Pick<Selectable<DB[T]>, R>[]));
      continue;
    }
    // The compiled first row names the columns; the whole chunk's statement is cached by it.
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

async function postgresInsert<T extends keyof DB & string, R extends keyof Selectable<DB[T]> & string>(
  db: Db,
  table: T,
  rows: Row[],
  returning: readonly R[],
): Promise<Pick<Selectable<DB[T]>, R>[]> {
  const columns = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)));
  const target = sql.table(table);
  const out: Pick<Selectable<DB[T]>, R>[] = [];
  for (let i = 0; i < rows.length; i += POSTGRES_ROWS) {
    const json = JSON.stringify(rows.slice(i, i + POSTGRES_ROWS));
    const back = returning.length > 0 ? sql`returning ${sql.join(returning.map((c) => sql.ref(c)))}` : sql``;
    const result = await sql<Pick<Selectable<DB[T]>, R>>`insert into ${target} (${columns})
      select ${columns} from json_populate_recordset(null::${target}, ${json}::json) ${back}`.execute(db);
    out.push(...result.rows);
  }
  return out;
}
