import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, openSqlite } from '../src/server/db/connect';
import { migrateToLatest } from '../src/server/db/migrations';
import { startPostgres } from '../tests/support/postgres';
import {
  ADMIN_USERNAME,
  BENCH_PASSWORD,
  DATA_DIR,
  elapsed,
  log,
  parseArgs,
  RESULTS_DIR,
  ROOT_DIR,
} from './common';
import { benchCustomers, benchOrganisation, CUSTOMER_COLUMNS } from './dataset';
import {
  createBenchUsers,
  FILE_OF,
  type GeneratedKind,
  IMPORT_KINDS_GENERATED,
  rmCountFor,
  writeImportFiles,
} from './import-files';
import { type Server, startServer } from './server';

// npx tsx bench/imports.ts [--customers 1000000] [--dialects sqlite,postgres] [--kinds customers]
//                          [--months 24] [--skip-raw]
// Bulk import through the real server (DOMAIN §7.3, issue 4 part 8). For each dialect: a fresh empty
// database (a SQLite file under bench/.data/, or a throwaway PostgreSQL cluster), migrated, with the
// bench organisation (admin, leads, rm1 … rmN) created; the real server as a child process
// (CRM_DEMO=0); each kind's file uploaded with mode=validate, then mode=commit, then commit again
// (the idempotent "unchanged" pass), every job polled to its end; wall time, rows/s and the server's
// peak RSS (VmRSS every 100 ms). Then the raw ceiling for customers: the same rows, straight into
// another fresh database with the same schema, in one transaction (better-sqlite3 prepared inserts;
// PostgreSQL INSERT … SELECT FROM unnest batches), with and without the name bigrams.
// Not a test: never part of `npm test`.

const args = parseArgs();
const customers = Number(args.get('customers') ?? 1_000_000);
const dialects = (args.get('dialects') ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const kinds = (args.get('kinds') ?? 'customers').split(',') as GeneratedKind[];
for (const k of kinds) if (!IMPORT_KINDS_GENERATED.includes(k)) throw new Error(`unknown kind ${k}`);
const months = Number(args.get('months') ?? 24);
const skipRaw = args.has('skip-raw');
const PG_SETTINGS = { shared_buffers: '512MB', maintenance_work_mem: '512MB', max_wal_size: '8GB' };
const NOW = '2026-11-01T00:00:00.000Z';

interface ImportMeasurement {
  dialect: string;
  kind: GeneratedKind;
  pass: 'validate' | 'commit' | 'commit again';
  status: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  loadAverage: number;
  /** When each `message` of the job was first seen, seconds after the upload began. */
  phases: { at: number; message: string | null; processed: number }[];
}

interface RawMeasurement {
  dialect: string;
  what: 'customers' | 'customers + bigrams';
  rows: number;
  grams: number;
  seconds: number;
  rowsPerSecond: number;
  loadAverage: number;
}

const load1 = () => Number(os.loadavg()[0]!.toFixed(2));

const startAppServer = (databaseUrl: string) =>
  startServer(
    'src/server/main.ts',
    { DATABASE_URL: databaseUrl, CRM_DEMO: '0', CRM_LOG_LEVEL: 'warn', CRM_ADMIN_PASSWORD: BENCH_PASSWORD },
    '/api/v1/auth/me',
  );

/** The admin's session: its cookie and CSRF token, as headers for every request. */
async function signIn(base: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN_USERNAME, password: BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('rmw_session='));
  if (!cookie) throw new Error('sign-in: no session cookie');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

interface JobBody {
  jobId: number;
  status: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  processed?: number;
  message?: string | null;
  errors?: { row: number; column: string | null; message: string }[];
}

async function importOnce(
  server: Server,
  auth: Record<string, string>,
  dialect: string,
  kind: GeneratedKind,
  file: string,
  pass: ImportMeasurement['pass'],
): Promise<ImportMeasurement> {
  server.resetPeak();
  const mode = pass === 'validate' ? 'validate' : 'commit';
  const started = performance.now();
  const at = () => Number(((performance.now() - started) / 1000).toFixed(1));
  const form = new FormData();
  // fs.openAsBlob: the file is streamed from disk, not read into this process's memory.
  form.append('file', await fs.openAsBlob(file, { type: 'text/csv' }), path.basename(file));
  const res = await fetch(`${server.base}/api/v1/imports/${kind}?mode=${mode}`, {
    method: 'POST',
    headers: auth,
    body: form,
  });
  if (res.status !== 200 && res.status !== 202)
    throw new Error(`${kind} ${mode}: ${res.status} ${await res.text()}`);
  let body = (await res.json()) as JobBody;
  const phases: ImportMeasurement['phases'] = [
    { at: at(), message: `upload answered ${res.status}`, processed: 0 },
  ];
  let lastMessage: string | null | undefined = '\0';
  let lastLog = 0;
  while (body.status === 'running') {
    await new Promise((r) => setTimeout(r, 250));
    const poll = await fetch(`${server.base}/api/v1/imports/${body.jobId}`, { headers: auth });
    if (!poll.ok) throw new Error(`poll ${body.jobId}: ${poll.status} ${await poll.text()}`);
    body = (await poll.json()) as JobBody;
    if (body.message !== lastMessage) {
      lastMessage = body.message;
      phases.push({ at: at(), message: body.message ?? null, processed: body.processed ?? 0 });
    }
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      log(
        `    … ${at()} s: ${body.message ?? ''} processed=${body.processed} rss=${Math.round(server.phasePeak())}MB`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const m: ImportMeasurement = {
    dialect,
    kind,
    pass,
    status: body.status,
    rows: body.rows,
    inserted: body.inserted,
    updated: body.updated,
    unchanged: body.unchanged,
    errorCount: body.errorCount,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(body.rows / seconds),
    peakRssMb: Math.round(server.phasePeak()),
    loadAverage: load1(),
    phases,
  };
  log(
    `  ${dialect} ${kind} ${pass}: ${m.status} rows=${m.rows} ins=${m.inserted} upd=${m.updated} same=${m.unchanged} ` +
      `err=${m.errorCount} ${m.seconds} s ${m.rowsPerSecond} rows/s rss=${m.peakRssMb}MB load=${m.loadAverage}`,
  );
  if (m.errorCount > 0) log(`    first errors: ${JSON.stringify(body.errors?.slice(0, 5))}`);
  return m;
}

async function prepareDatabase(databaseUrl: string, dialect: 'sqlite' | 'postgres') {
  const database = connect(databaseUrl);
  try {
    await migrateToLatest(database.db, dialect);
    await createBenchUsers(database.db, dialect, customers);
  } finally {
    await database.close();
  }
}

async function benchImports(
  dialect: 'sqlite' | 'postgres',
  databaseUrl: string,
  dir: string,
): Promise<{ results: ImportMeasurement[]; serverPeakRssMb: number }> {
  await prepareDatabase(databaseUrl, dialect);
  const server = await startAppServer(databaseUrl);
  const results: ImportMeasurement[] = [];
  let serverPeakRssMb = 0;
  try {
    const auth = await signIn(server.base);
    for (const kind of kinds) {
      const file = path.join(dir, FILE_OF[kind]);
      results.push(await importOnce(server, auth, dialect, kind, file, 'validate'));
      const commit = await importOnce(server, auth, dialect, kind, file, 'commit');
      results.push(commit);
      if (commit.status !== 'succeeded') throw new Error(`${dialect} ${kind} commit ${commit.status}`);
    }
    for (const kind of kinds)
      results.push(
        await importOnce(server, auth, dialect, kind, path.join(dir, FILE_OF[kind]), 'commit again'),
      );
  } finally {
    serverPeakRssMb = Math.round(await server.stop());
    log(`  server peak RSS over its life: ${serverPeakRssMb} MB`);
  }
  return { results, serverPeakRssMb };
}

// ------------------------------------------------------------------------------------------------
// Raw ceilings: the same customer rows, nothing else.

const rmIds = () => benchOrganisation(rmCountFor(customers)).rmIds;

async function rawSqlite(withGrams: boolean): Promise<RawMeasurement> {
  const file = path.join(DATA_DIR, `import-raw-${customers}.sqlite`);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  await prepareDatabase(`sqlite:${file}`, 'sqlite');
  // The server's own connection settings (WAL, synchronous = FULL, foreign keys on, 64 MiB cache).
  const sqlite = openSqlite(file);
  const ins = sqlite.prepare(
    `insert into customers (${CUSTOMER_COLUMNS.join(',')}) values (${CUSTOMER_COLUMNS.map(() => '?').join(',')})`,
  );
  const insGram = sqlite.prepare('insert into customer_name_grams (gram, customer_id) values (?, ?)');
  let grams = 0;
  // Rows are generated in chunks outside the timer: only the inserts are measured.
  let timed = 0;
  const rows = benchCustomers(customers, rmIds());
  sqlite.exec('begin immediate');
  for (;;) {
    const chunk: { values: unknown[]; grams: string[] }[] = [];
    for (let n = 0; n < 20_000; n++) {
      const next = rows.next();
      if (next.done) break;
      const c = next.value.customer;
      c.created_at = NOW;
      c.updated_at = NOW;
      chunk.push({ values: CUSTOMER_COLUMNS.map((k) => c[k]), grams: next.value.grams });
    }
    if (chunk.length === 0) break;
    const t0 = performance.now();
    for (const row of chunk) {
      const id = Number(ins.run(row.values).lastInsertRowid);
      if (withGrams) {
        for (const gram of row.grams) insGram.run(gram, id);
        grams += row.grams.length;
      }
    }
    timed += performance.now() - t0;
  }
  const t0 = performance.now();
  sqlite.exec('commit'); // the commit (WAL write, fsync) is timed too
  timed += performance.now() - t0;
  const seconds = timed / 1000;
  sqlite.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const m: RawMeasurement = {
    dialect: 'sqlite',
    what: withGrams ? 'customers + bigrams' : 'customers',
    rows: customers,
    grams,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(customers / seconds),
    loadAverage: load1(),
  };
  log(
    `  raw sqlite ${m.what}: ${m.seconds} s, ${m.rowsPerSecond} rows/s (${grams} bigrams) load=${m.loadAverage}`,
  );
  return m;
}

const PG_TYPES: Record<string, string> = {
  need_mask: 'int',
  foreign_trade: 'int',
  owner_id: 'int',
  lifecycle_manual: 'int',
  version: 'int',
  annual_revenue: 'bigint',
  financial_assets: 'bigint',
};

async function rawPostgres(clusterUrl: string, withGrams: boolean): Promise<RawMeasurement> {
  const name = `raw_${withGrams ? 'grams' : 'plain'}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = clusterUrl.replace(/\/[^/]*$/, `/${name}`);
  await prepareDatabase(url, 'postgres');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const casts = CUSTOMER_COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'text'}[]`);
  const insSql = `insert into customers (${CUSTOMER_COLUMNS.join(',')}) select * from unnest(${casts.join(', ')}) returning id`;
  const gramSql =
    'insert into customer_name_grams (gram, customer_id) select * from unnest($1::text[], $2::int[])';
  const BATCH = 5_000;
  let grams = 0;
  // Only the queries are timed, not the generation of the rows.
  let timed = 0;
  const query = async <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => {
    const t0 = performance.now();
    const r = await client.query<R>(text, values);
    timed += performance.now() - t0;
    return r;
  };
  await query('begin');
  let cols: unknown[][] = CUSTOMER_COLUMNS.map(() => []);
  let gramLists: string[][] = [];
  const flush = async () => {
    if (cols[0]!.length === 0) return;
    const { rows } = await query<{ id: number }>(insSql, cols);
    if (withGrams) {
      const g: string[] = [];
      const ids: number[] = [];
      rows.forEach((r, i) => {
        for (const gram of gramLists[i]!) {
          g.push(gram);
          ids.push(r.id);
        }
      });
      grams += g.length;
      await query(gramSql, [g, ids]);
    }
    cols = CUSTOMER_COLUMNS.map(() => []);
    gramLists = [];
  };
  for (const { customer, grams: g } of benchCustomers(customers, rmIds())) {
    customer.created_at = NOW;
    customer.updated_at = NOW;
    for (let i = 0; i < CUSTOMER_COLUMNS.length; i++) cols[i]!.push(customer[CUSTOMER_COLUMNS[i]!]);
    gramLists.push(g);
    if (cols[0]!.length === BATCH) await flush();
  }
  await flush();
  await query('commit');
  const seconds = timed / 1000;
  await client.end();
  const m: RawMeasurement = {
    dialect: 'postgres',
    what: withGrams ? 'customers + bigrams' : 'customers',
    rows: customers,
    grams,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(customers / seconds),
    loadAverage: load1(),
  };
  log(
    `  raw postgres ${m.what}: ${m.seconds} s, ${m.rowsPerSecond} rows/s (${grams} bigrams) load=${m.loadAverage}`,
  );
  return m;
}

// ------------------------------------------------------------------------------------------------

function markdown(imports: ImportMeasurement[], raws: RawMeasurement[]) {
  const lines = [
    '| Dialect | Kind | Pass | Rows | Inserted | Unchanged | Errors | Wall time | Rows/s | vs raw (with bigrams) | Server peak RSS | Load (1 min) |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const m of imports) {
    const raw = raws.find((r) => r.dialect === m.dialect && r.what === 'customers + bigrams');
    const ratio =
      raw && m.kind === 'customers' && m.pass === 'commit'
        ? `${Math.round((100 * m.rowsPerSecond) / raw.rowsPerSecond)}%`
        : '–';
    lines.push(
      `| ${m.dialect} | ${m.kind} | ${m.pass} | ${m.rows.toLocaleString('en')} | ${m.inserted.toLocaleString('en')} | ` +
        `${m.unchanged.toLocaleString('en')} | ${m.errorCount} | ${m.seconds.toFixed(1)} s | ${m.rowsPerSecond.toLocaleString('en')} | ` +
        `${ratio} | ${m.peakRssMb} MB | ${m.loadAverage} |`,
    );
  }
  lines.push(
    '',
    '| Dialect | Raw ceiling (one transaction) | Rows | Bigram rows | Time | Rows/s | Load (1 min) |',
    '|---|---|---:|---:|---:|---:|---:|',
  );
  for (const r of raws)
    lines.push(
      `| ${r.dialect} | ${r.what} | ${r.rows.toLocaleString('en')} | ${r.grams.toLocaleString('en')} | ${r.seconds.toFixed(1)} s | ${r.rowsPerSecond.toLocaleString('en')} | ${r.loadAverage} |`,
    );
  return lines.join('\n');
}

async function main() {
  const started = performance.now();
  const dir = path.join(DATA_DIR, `import-${customers}`);
  const loadAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
  const needed = kinds.filter((k) => !fs.existsSync(path.join(dir, FILE_OF[k])));
  if (needed.length) {
    log(
      `writing ${needed.join(', ')} for ${customers.toLocaleString('en')} customers into ${path.relative(ROOT_DIR, dir)}`,
    );
    const g = await writeImportFiles(customers, dir, needed, months);
    log(`  files written in ${g.seconds.toFixed(1)} s`);
  } else log(`reusing the import files in ${path.relative(ROOT_DIR, dir)}`);
  const imports: ImportMeasurement[] = [];
  const raws: RawMeasurement[] = [];
  const serverPeaks: Record<string, number> = {};
  for (const dialect of dialects) {
    if (dialect === 'sqlite') {
      const file = path.join(DATA_DIR, `import-${customers}.sqlite`);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      log(`sqlite: fresh database ${path.relative(ROOT_DIR, file)}`);
      const r = await benchImports('sqlite', `sqlite:${file}`, dir);
      imports.push(...r.results);
      serverPeaks.sqlite = r.serverPeakRssMb;
      if (!skipRaw) {
        log('sqlite: raw ceiling');
        raws.push(await rawSqlite(false), await rawSqlite(true));
      }
    } else if (dialect === 'postgres') {
      log('postgres: starting a throwaway cluster');
      const cluster = await startPostgres({ settings: PG_SETTINGS });
      try {
        const r = await benchImports('postgres', cluster.url, dir);
        imports.push(...r.results);
        serverPeaks.postgres = r.serverPeakRssMb;
        if (!skipRaw) {
          log('postgres: raw ceiling');
          raws.push(await rawPostgres(cluster.url, false), await rawPostgres(cluster.url, true));
        }
      } finally {
        cluster.stop();
      }
    } else throw new Error(`unknown dialect ${dialect}`);
  }
  const report = {
    date: new Date().toISOString(),
    customers,
    kinds,
    machine: {
      cpus: os.availableParallelism(),
      cpu: /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1],
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverageAtStart: loadAtStart,
      loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
    },
    postgresSettings: PG_SETTINGS,
    serverPeakRssMb: serverPeaks,
    imports,
    raws,
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const out = path.join(
    RESULTS_DIR,
    `${report.date.slice(0, 19).replace(/:/g, '')}-imports-${customers}.json`,
  );
  fs.writeFileSync(out, JSON.stringify(report, null, 2));
  spawnSync(path.join(ROOT_DIR, 'node_modules/.bin/biome'), ['format', '--write', out], { stdio: 'ignore' });
  console.log(
    `\n${customers.toLocaleString('en')} customers; load average ${loadAtStart.join(' ')} at start, ${report.machine.loadAverageAtEnd.join(' ')} at end\n`,
  );
  console.log(markdown(imports, raws));
  log(`results in ${path.relative(ROOT_DIR, out)} (${elapsed(started)})`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
