// The SQLite driver's reader thread (sqlite-driver.ts): a worker thread with a read-only connection
// of its own, answering the reads that ask to run aside (array-rows.ts) while the main thread goes on
// with its work; it also checkpoints the WAL, and runs the statements that write aside
// (write-aside.ts) while the main thread holds the writer for it. Plain JavaScript: the server and the
// tests run TypeScript through loaders a worker thread does not get.
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

const { file, pragmas, statementCache } = workerData;
const db = new SqliteDatabase(file);
for (const pragma of pragmas) db.pragma(pragma);

const statements = new Map();
function prepared(sql) {
  let stmt = statements.get(sql);
  if (stmt) statements.delete(sql);
  else {
    stmt = db.prepare(sql);
    if (statements.size >= statementCache) statements.delete(statements.keys().next().value);
  }
  statements.set(sql, stmt);
  return stmt;
}

/** A statement that writes (write-aside.ts: no rows back) lifts the connection's query_only for its run. */
function run(sql, parameters, write) {
  const stmt = prepared(sql);
  if (!write) return stmt.raw(true).all(parameters);
  db.pragma('query_only = OFF');
  try {
    stmt.run(parameters);
    return [];
  } finally {
    db.pragma('query_only = ON');
  }
}

parentPort.on('message', ({ id, sql, parameters, write }) => {
  try {
    // As JSON: one string crosses to the main thread, where JSON.parse builds the rows several times
    // faster than a structured clone of the arrays would.
    const json = JSON.stringify(run(sql, parameters, write));
    parentPort.postMessage({ id, json });
  } catch (err) {
    parentPort.postMessage({ id, error: { message: String(err?.message ?? err), code: err?.code } });
  }
});
