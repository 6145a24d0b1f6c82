import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';
import pg from 'pg';
import type { DB } from './database';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT and NUMERIC as strings; our BIGINTs are counts and fen amounts far below
// 2^53, so they are safe as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** Writes take the write lock at BEGIN, so two processes never deadlock upgrading a read lock (ARCHITECTURE rule 10). */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly sqliteConfig: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(sqliteConfig);
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.sqliteConfig);
  }
}

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
  return sqlite;
}

export function connect(databaseUrl: string, options: { poolSize?: number } = {}): Database {
  if (dialectOf(databaseUrl) === 'sqlite') {
    const file = databaseUrl.slice('sqlite:'.length) || './data/crm.sqlite';
    const sqlite = openSqlite(file);
    const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  // An idle connection the server closes (a restart, a failover, an administrator) is reported here;
  // the pool drops it and the next query opens a fresh one. Unheard, the error would end the process.
  pool.on('error', (err) => console.warn(`PostgreSQL connection lost while idle: ${err.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
