// The SQLite driver's reader thread (sqlite-driver.ts): a worker thread with a read-only connection
// of its own, answering the reads that ask to run aside (array-rows.ts), column by column, while the
// main thread goes on with its work; it also checkpoints the WAL, and runs the statements that write
// aside (write-aside.ts) while the main thread holds the writer for it. Plain JavaScript: the server
// and the tests run TypeScript through loaders a worker thread does not get.
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

/**
 * Runs a statement: a read answers its rows and how many columns they have; a statement that writes
 * (write-aside.ts: no rows back) lifts the connection's query_only for its run.
 */
function run(sql, parameters, write) {
  const stmt = prepared(sql);
  if (!write) return { rows: stmt.raw(true).all(parameters), width: stmt.columns().length };
  db.pragma('query_only = OFF');
  try {
    stmt.run(parameters);
    return { rows: [], width: 0 };
  } finally {
    db.pragma('query_only = ON');
  }
}

/**
 * The rows column by column (array-rows.ts decodes them): a column of numbers as a Float64Array, NaN
 * for null (SQLite stores no NaN); a column of text as the codes of its distinct values (-1 for null)
 * and the list of those values; any other column (a mix, a blob) as the list of its values. The
 * arrays of numbers cross to the main thread without a copy, and there nothing has to be parsed: the
 * value run reads a million customers this way.
 */
function columnsOf({ rows, width }, transfer) {
  const n = rows.length;
  const columns = [];
  for (let c = 0; c < width; c++) {
    let kind = 'numbers';
    let seen = false;
    for (let i = 0; i < n; i++) {
      const v = rows[i][c];
      if (v === null) continue;
      const k = typeof v === 'number' ? 'numbers' : typeof v === 'string' ? 'texts' : 'values';
      if (!seen) kind = k;
      else if (k !== kind) kind = 'values';
      seen = true;
      if (kind === 'values') break;
    }
    if (kind === 'numbers') {
      const numbers = new Float64Array(n);
      for (let i = 0; i < n; i++) numbers[i] = rows[i][c] ?? Number.NaN;
      columns.push({ numbers });
      transfer.push(numbers.buffer);
    } else if (kind === 'texts') {
      const codes = new Int32Array(n);
      const texts = [];
      const known = new Map();
      for (let i = 0; i < n; i++) {
        const v = rows[i][c];
        if (v === null) {
          codes[i] = -1;
          continue;
        }
        let code = known.get(v);
        if (code === undefined) {
          code = texts.push(v) - 1;
          known.set(v, code);
        }
        codes[i] = code;
      }
      columns.push({ codes, texts });
      transfer.push(codes.buffer);
    } else columns.push({ values: rows.map((row) => row[c]) });
  }
  return { length: n, columns };
}

parentPort.on('message', ({ id, sql, parameters, write }) => {
  try {
    const transfer = [];
    const answer = columnsOf(run(sql, parameters, write), transfer);
    parentPort.postMessage({ id, answer }, transfer);
  } catch (err) {
    parentPort.postMessage({ id, error: { message: String(err?.message ?? err), code: err?.code } });
  }
});
