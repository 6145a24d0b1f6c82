import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './database';
import { RoutedSqliteDialect } from './sqlite-driver';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT and NUMERIC as strings; our BIGINTs are counts and fen amounts far below
// 2^53, so they are safe as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function dialectOf(databaseUrl: string): Dialect {
  return databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}

export function openSqlite(file: string): SqliteDatabase.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536'); // 64 MiB page cache
  sqlite.pragma('temp_store = MEMORY');
  // Planner statistics for the tables that lack them or grew a lot since (SQLite's advice for a
  // long-lived connection), bounded so that it costs milliseconds even at a million rows.
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
  return sqlite;
}

/** The pragmas of a connection that only reads, here and on the driver's reader thread. */
const READER_PRAGMAS = [
  'query_only = ON',
  'busy_timeout = 5000',
  'cache_size = -32768', // 32 MiB page cache
  'temp_store = MEMORY',
];

/** A connection that only reads (the writer has set WAL mode on the file). */
function openSqliteReader(file: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(file);
  for (const pragma of READER_PRAGMAS) sqlite.pragma(pragma);
  return sqlite;
}

export function connect(databaseUrl: string, options: { poolSize?: number } = {}): Database {
  if (dialectOf(databaseUrl) === 'sqlite') {
    const file = databaseUrl.slice('sqlite:'.length) || './data/crm.sqlite';
    const writer = openSqlite(file);
    const inMemory = file === ':memory:' || file === '';
    const dialect = new RoutedSqliteDialect({
      writer,
      reader: inMemory ? null : openSqliteReader(file),
      open: () => openSqliteReader(file),
      background: inMemory ? null : { file: path.resolve(file), pragmas: READER_PRAGMAS },
    });
    const db = new Kysely<DB>({ dialect });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  // An idle connection the server closes (a restart, a failover, an administrator) is reported here;
  // the pool drops it and the next query opens a fresh one. Unheard, the error would end the process.
  pool.on('error', (err) => console.warn(`PostgreSQL connection lost while idle: ${err.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
