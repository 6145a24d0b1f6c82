import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type Kysely,
  type Dialect as KyselyDialect,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { wantsArrayRows } from './array-rows';
import { parameterListsOf } from './run-each';

// SQLite with one writer and one reader connection (ARCHITECTURE rule 10). Writes and transactions
// take the writer in turn, BEGIN IMMEDIATE so two processes never deadlock upgrading a read lock. A
// SELECT outside a transaction runs on the reader: in WAL mode it sees the last committed state and
// waits for nobody, so the workbench keeps answering while a long transaction (a million-row import)
// holds the writer. Prepared statements are kept per connection, so a query the app repeats (sign-in,
// the list, an import's batch insert) is compiled by SQLite once.

const STATEMENT_CACHE = 256;

class Statements {
  private readonly cache = new Map<string, SqliteDatabase.Statement>();
  constructor(readonly db: SqliteDatabase.Database) {}
  get(sql: string) {
    let stmt = this.cache.get(sql);
    if (stmt) {
      // Most recently used last, so the oldest is the first to go.
      this.cache.delete(sql);
    } else {
      stmt = this.db.prepare(sql);
      if (this.cache.size >= STATEMENT_CACHE) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(sql, stmt);
    return stmt;
  }
}

function run(statements: Statements, query: CompiledQuery): QueryResult<unknown> {
  const { sql, parameters } = query;
  const stmt = statements.get(sql);
  if (stmt.reader) {
    if (!wantsArrayRows(query)) return { rows: stmt.all(parameters as unknown[]) };
    // The statement is cached and shared: back to objects whatever happens.
    try {
      return { rows: stmt.raw(true).all(parameters as unknown[]) };
    } finally {
      stmt.raw(false);
    }
  }
  const each = parameterListsOf(query);
  if (each) {
    let changed = 0;
    for (const list of each) changed += stmt.run(list as unknown[]).changes;
    return { numAffectedRows: BigInt(changed), rows: [] };
  }
  const { changes, lastInsertRowid } = stmt.run(parameters as unknown[]);
  return {
    numAffectedRows: BigInt(changes),
    insertId: BigInt(lastInsertRowid),
    rows: [],
  };
}

/** Waits its turn for the writer. */
class Mutex {
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;
  async lock() {
    while (this.held) await this.held;
    this.held = new Promise((resolve) => {
      this.release = resolve;
    });
  }
  unlock() {
    const release = this.release;
    this.held = null;
    this.release = null;
    release?.();
  }
}

interface Connections {
  writer: Statements;
  /** Null for an in-memory database, which a second connection cannot see. */
  reader: Statements | null;
  mutex: Mutex;
  /** A fresh connection to the same file, for a streamed query. */
  open(): SqliteDatabase.Database;
}

class RoutedConnection implements DatabaseConnection {
  private holdsWriter = false;
  constructor(private readonly c: Connections) {}

  async takeWriter() {
    if (this.holdsWriter) return;
    await this.c.mutex.lock();
    this.holdsWriter = true;
  }

  giveBack() {
    if (!this.holdsWriter) return;
    this.holdsWriter = false;
    this.c.mutex.unlock();
  }

  private readsAside(query: CompiledQuery) {
    return !this.holdsWriter && this.c.reader !== null && SelectQueryNode.is(query.query);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.readsAside(query)) return run(this.c.reader!, query) as QueryResult<R>;
    await this.takeWriter();
    return run(this.c.writer, query) as QueryResult<R>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams only SELECT queries');
    if (!this.readsAside(query)) {
      await this.takeWriter();
      for (const row of this.c.writer.db.prepare(query.sql).iterate(query.parameters as unknown[])) {
        yield { rows: [row as R] };
      }
      return;
    }
    // An open iterator keeps its connection busy: a stream reads on a connection of its own.
    const db = this.c.open();
    try {
      for (const row of db.prepare(query.sql).iterate(query.parameters as unknown[])) {
        yield { rows: [row as R] };
      }
    } finally {
      db.close();
    }
  }
}

class RoutedSqliteDriver implements Driver {
  constructor(private readonly c: Connections) {}
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this.c);
  }
  async beginTransaction(connection: DatabaseConnection) {
    await (connection as RoutedConnection).takeWriter();
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(connection: DatabaseConnection) {
    (connection as RoutedConnection).giveBack();
  }
  async destroy() {
    this.c.reader?.db.close();
    this.c.writer.db.close();
  }
}

export interface SqliteConnections {
  writer: SqliteDatabase.Database;
  reader: SqliteDatabase.Database | null;
  open(): SqliteDatabase.Database;
}

export class RoutedSqliteDialect implements KyselyDialect {
  constructor(private readonly connections: SqliteConnections) {}
  createDriver(): Driver {
    const { writer, reader, open } = this.connections;
    return new RoutedSqliteDriver({
      writer: new Statements(writer),
      reader: reader ? new Statements(reader) : null,
      mutex: new Mutex(),
      open,
    });
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}
