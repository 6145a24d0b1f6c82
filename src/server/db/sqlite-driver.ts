import { Worker } from 'node:worker_threads';
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
import { mayRunAside, type SentColumn, SentColumns, wantsArrayRows } from './array-rows';
import { parameterListsOf } from './run-each';
import { mayWriteAside } from './write-aside';

// SQLite with one writer and one reader connection (ARCHITECTURE rule 10). Writes and transactions
// take the writer in turn, BEGIN IMMEDIATE so two processes never deadlock upgrading a read lock. A
// SELECT outside a transaction runs on the reader: in WAL mode it sees the last committed state and
// waits for nobody, so the workbench keeps answering while a long transaction (a million-row import)
// holds the writer. Prepared statements are kept per connection, so a query the app repeats (sign-in,
// the list, an import's batch insert) is compiled by SQLite once.
//
// The reads that ask to run aside (array-rows.ts) outside a transaction go to a third connection on a
// worker thread: the value run reads the customers ahead there (their figures' sums, facts and
// accounts) while it computes and writes the ones before, and the server keeps answering meanwhile.
// They see what the reader would, the last committed state when SQLite starts them. One thread: on
// two cores a second one slowed the main thread down (BENCHMARKS.md). The same thread checkpoints the
// WAL after writes (Checkpoints), so that no commit on the main thread does.

const STATEMENT_CACHE = 256;
const CHECKPOINT_EVERY_MS = 500;

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

/** The rows of a statement, column by column (sqlite-read-worker.mjs). */
type Answer = { length: number; columns: SentColumn[] };
type Waiting = { resolve(answer: Answer): void; reject(e: Error): void };

/** A read-only connection on a worker thread (sqlite-read-worker.mjs). */
class ReaderThread {
  private readonly pending = new Map<number, Waiting>();
  private readonly worker: Worker;
  private closing = false;

  constructor(workerData: object, lost: (thread: ReaderThread) => void) {
    this.worker = new Worker(new URL('./sqlite-read-worker.mjs', import.meta.url), { workerData });
    // A thread with work to do keeps the process alive; an idle one does not.
    this.worker.unref();
    this.worker.on(
      'message',
      (m: { id: number; answer?: Answer; error?: { message: string; code?: string } }) => {
        const waiting = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (this.pending.size === 0 && !this.closing) this.worker.unref();
        if (m.error) waiting?.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
        else waiting?.resolve(m.answer!);
      },
    );
    const fail = (err: Error) => {
      lost(this);
      for (const waiting of this.pending.values()) waiting.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the SQLite reader thread stopped (exit code ${code})`)));
  }

  read(id: number, query: CompiledQuery, write: boolean): Promise<Answer> {
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, sql: query.sql, parameters: query.parameters, write });
    });
  }

  close() {
    // Held until it has stopped, also when the answer of its last statement arrives meanwhile: an
    // idle thread is unreferenced, and a process waiting only for its end would otherwise end first,
    // with that wait unsettled.
    this.closing = true;
    this.worker.ref();
    return this.worker.terminate();
  }
}

/** The reader thread, started at the first read that asks for it (again if it was lost). */
class BackgroundReader {
  private thread: ReaderThread | null = null;
  private nextId = 1;
  constructor(private readonly workerData: { file: string; pragmas: readonly string[] }) {}

  /**
   * Runs a read, or with `write` a statement that writes (write-aside.ts), its caller holding the
   * writer; answers the rows column by column.
   */
  read(query: CompiledQuery, write = false): Promise<Answer> {
    this.thread ??= new ReaderThread({ ...this.workerData, statementCache: STATEMENT_CACHE }, (lost) => {
      if (this.thread === lost) this.thread = null;
    });
    return this.thread.read(this.nextId++, query, write);
  }

  async close() {
    const thread = this.thread;
    this.thread = null;
    await thread?.close();
  }
}

/**
 * Copies the WAL into the database on the reader thread (a read-only connection may checkpoint), so
 * that a commit on the main thread never does: SQLite's own checkpoint, run by the commit that fills
 * 1,000 pages, copies and syncs them while the server waits (at 1M customers, half of what the value
 * run's commits cost). Asked after every write, run at most once every CHECKPOINT_EVERY_MS; PASSIVE,
 * so it never waits for the writer, and what a read still needs stays in the WAL for the next one.
 */
class Checkpoints {
  private closed = false;
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  constructor(private readonly reader: BackgroundReader) {}

  request() {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    const wait = this.last + CHECKPOINT_EVERY_MS - Date.now();
    if (wait <= 0) return this.run();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run();
    }, wait);
    // A checkpoint left waiting does not keep the process alive: closing the file checkpoints it.
    this.timer.unref();
  }

  private run() {
    this.running = true;
    this.again = false;
    this.last = Date.now();
    this.reader
      .read(CompiledQuery.raw('PRAGMA wal_checkpoint(PASSIVE)'))
      // A failed checkpoint loses nothing: the frames stay in the WAL for the next one.
      .catch(() => {})
      .finally(() => {
        this.running = false;
        if (this.again) this.request();
      });
  }

  close() {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

interface Connections {
  writer: Statements;
  /** Null for an in-memory database, which a second connection cannot see. */
  reader: Statements | null;
  /** Null for an in-memory database. */
  background: BackgroundReader | null;
  /** Null for an in-memory database, which has no WAL. */
  checkpoints: Checkpoints | null;
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
    this.c.checkpoints?.request();
  }

  private readsAside(query: CompiledQuery) {
    return !this.holdsWriter && this.c.reader !== null && SelectQueryNode.is(query.query);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Raw SQL too: selectArrays is for reads, and that connection refuses writes.
    if (!this.holdsWriter && this.c.background && mayRunAside(query)) {
      const { length, columns } = await this.c.background.read(query);
      return { rows: [new SentColumns(length, columns)] as R[] };
    }
    if (!this.holdsWriter && this.c.background && mayWriteAside(query)) {
      await this.takeWriter();
      await this.c.background.read(query, true);
      return { rows: [] };
    }
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
    this.c.checkpoints?.close();
    await this.c.background?.close();
    this.c.reader?.db.close();
    this.c.writer.db.close();
  }
}

export interface SqliteConnections {
  writer: SqliteDatabase.Database;
  reader: SqliteDatabase.Database | null;
  open(): SqliteDatabase.Database;
  /** The file and reader pragmas of the background reader; null for an in-memory database. */
  background: { file: string; pragmas: readonly string[] } | null;
}

export class RoutedSqliteDialect implements KyselyDialect {
  constructor(private readonly connections: SqliteConnections) {}
  createDriver(): Driver {
    const { writer, reader, open, background } = this.connections;
    const thread = background ? new BackgroundReader(background) : null;
    // The reader thread checkpoints instead (Checkpoints).
    if (thread) writer.pragma('wal_autocheckpoint = 0');
    return new RoutedSqliteDriver({
      writer: new Statements(writer),
      reader: reader ? new Statements(reader) : null,
      background: thread,
      checkpoints: thread ? new Checkpoints(thread) : null,
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
