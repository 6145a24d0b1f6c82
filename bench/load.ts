import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrations';
import { hashPassword } from '../src/server/modules/users/passwords';
import { BENCH_PASSWORD, DATA_DIR, elapsed, log, parseArgs, ROOT_DIR, sqliteFileFor } from './common';
import {
  type BenchAccount,
  type BenchCustomer,
  benchCustomers,
  benchOrganisation,
  CUSTOMER_COLUMNS,
} from './dataset';

// Loads N customers (default 1,000,000) with ~2 accounts each, the name bigrams, ~1,000 RMs in teams
// and an admin into SQLite (a file under bench/.data/, reused while N and the schema are unchanged)
// and/or PostgreSQL (a database URL, typically a throwaway cluster). The real migrations run first;
// secondary indexes are dropped during the bulk insert and re-created from their own definitions.

export const DEFAULT_CUSTOMERS = 1_000_000;
const LOADED_TABLES = ['customers', 'customer_name_grams', 'accounts', 'customer_shares'];
const NOW = '2026-11-01T00:00:00.000Z';

const CUSTOMER_COLUMNS_WITH_ID = ['id', ...CUSTOMER_COLUMNS] as const;
const ACCOUNT_COLUMNS = [
  'id',
  'account_no',
  'customer_id',
  'product',
  'currency',
  'opened_on',
  'closed_on',
  'rate',
  'created_at',
] as const satisfies readonly (keyof BenchAccount)[];

/** The schema's fingerprint: a reused SQLite file is rebuilt when the migrations change. */
function schemaFingerprint() {
  const dir = path.join(ROOT_DIR, 'src/server/db/migrations');
  const h = createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) h.update(fs.readFileSync(path.join(dir, f)));
  h.update(fs.readFileSync(path.join(ROOT_DIR, 'bench/dataset.ts')));
  return h.digest('hex').slice(0, 16);
}

export interface LoadInfo {
  customers: number;
  accounts: number;
  grams: number;
  shares: number;
  rms: number;
  seconds: number;
  reused: boolean;
}

async function organisationRows(customers: number) {
  const rmCount = Math.max(10, Math.round(customers / 1000));
  const org = benchOrganisation(rmCount);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const users = org.users.map((u) => ({
    ...u,
    password_hash: passwordHash,
    active: 1,
    locale: 'zh-CN',
    version: 1,
    created_at: NOW,
    updated_at: NOW,
  }));
  return { org, users };
}

// ------------------------------------------------------------------------------------------------
// SQLite

export async function loadSqlite(
  customers: number,
  options: { fresh?: boolean } = {},
): Promise<{ file: string; info: LoadInfo }> {
  const file = sqliteFileFor(customers);
  const metaFile = `${file}.meta`; // not .json: biome checks every JSON file in the tree
  const fingerprint = schemaFingerprint();
  if (!options.fresh && fs.existsSync(file) && fs.existsSync(metaFile)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as { fingerprint: string; info: LoadInfo };
    if (meta.fingerprint === fingerprint && meta.info.customers === customers) {
      log(`sqlite: reusing ${path.relative(ROOT_DIR, file)} (${customers.toLocaleString()} customers)`);
      return { file, info: { ...meta.info, reused: true } };
    }
  }
  const started = performance.now();
  fs.mkdirSync(DATA_DIR, { recursive: true });
  for (const f of [file, `${file}-wal`, `${file}-shm`, metaFile]) fs.rmSync(f, { force: true });
  const sqlite = new SqliteDatabase(file);
  // No journal while loading (a failed load is simply rebuilt); WAL, as the server uses, at the end.
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('locking_mode = EXCLUSIVE');
  const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(kysely, 'sqlite');
  sqlite.pragma('cache_size = -1048576');
  sqlite.pragma('temp_store = FILE');

  const indexes = sqlite
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${LOADED_TABLES.map(() => '?').join(',')})`,
    )
    .all(...LOADED_TABLES) as { name: string; sql: string }[];
  for (const ix of indexes) sqlite.exec(`drop index ${ix.name}`);

  const { org, users } = await organisationRows(customers);
  const insertAll = <T extends object>(table: string, rows: T[]) => {
    if (rows.length === 0) return;
    const cols = Object.keys(rows[0]!);
    const stmt = sqlite.prepare(
      `insert into ${table} (${cols.join(',')}) values (${cols.map((c) => `@${c}`).join(',')})`,
    );
    for (const row of rows) stmt.run(row);
  };
  sqlite.transaction(() => {
    insertAll(
      'branches',
      org.branches.map((b) => ({ ...b, created_at: NOW })),
    );
    insertAll(
      'teams',
      org.teams.map((t) => ({ ...t, created_at: NOW })),
    );
    insertAll('users', users);
  })();

  const insCustomer = sqlite.prepare(
    `insert into customers (${CUSTOMER_COLUMNS_WITH_ID.join(',')}) values (${CUSTOMER_COLUMNS_WITH_ID.map(() => '?').join(',')})`,
  );
  const insAccount = sqlite.prepare(
    `insert into accounts (${ACCOUNT_COLUMNS.join(',')}) values (${ACCOUNT_COLUMNS.map(() => '?').join(',')})`,
  );
  // Bigrams go to a staging table first and into the WITHOUT ROWID table in key order at the end:
  // appending to a B-tree is far faster than inserting 10M+ keys in random order.
  sqlite.exec('create table bench_grams_staging (gram text not null, customer_id integer not null)');
  const insGram = sqlite.prepare('insert into bench_grams_staging (gram, customer_id) values (?, ?)');
  const insShare = sqlite.prepare(
    'insert into customer_shares (customer_id, user_id, created_at, created_by) values (?, ?, ?, 1)',
  );
  let nAccounts = 0;
  let nGrams = 0;
  let nShares = 0;
  const BATCH = 50_000;
  let batch: ReturnType<typeof benchCustomers> extends Generator<infer B> ? B[] : never = [];
  const flush = sqlite.transaction((items: typeof batch) => {
    for (const { customer, grams, accounts, sharedWith } of items) {
      insCustomer.run(CUSTOMER_COLUMNS_WITH_ID.map((c) => customer[c]));
      for (const a of accounts) insAccount.run(ACCOUNT_COLUMNS.map((c) => a[c]));
      for (const g of grams) insGram.run(g, customer.id);
      for (const u of sharedWith) insShare.run(customer.id, u, NOW);
      nAccounts += accounts.length;
      nGrams += grams.length;
      nShares += sharedWith.length;
    }
  });
  let done = 0;
  for (const bundle of benchCustomers(customers, org.rmIds)) {
    batch.push(bundle);
    if (batch.length === BATCH) {
      flush(batch);
      done += batch.length;
      batch = [];
      if (done % 200_000 === 0) log(`sqlite: ${done.toLocaleString()} customers (${elapsed(started)})`);
    }
  }
  flush(batch);
  log(`sqlite: rows written (${elapsed(started)}); ordering ${nGrams.toLocaleString()} bigrams`);
  sqlite.exec(
    'insert into customer_name_grams (gram, customer_id) select gram, customer_id from bench_grams_staging order by gram, customer_id; drop table bench_grams_staging;',
  );
  log(`sqlite: bigrams in place (${elapsed(started)}); creating ${indexes.length} indexes`);
  for (const ix of indexes) sqlite.exec(ix.sql);
  log(`sqlite: indexes created (${elapsed(started)}); analyze + checkpoint`);
  sqlite.exec('analyze');
  sqlite.pragma('locking_mode = NORMAL');
  sqlite.pragma('journal_mode = WAL');
  await kysely.destroy();
  const info: LoadInfo = {
    customers,
    accounts: nAccounts,
    grams: nGrams,
    shares: nShares,
    rms: org.rmIds.length,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    reused: false,
  };
  fs.writeFileSync(metaFile, JSON.stringify({ fingerprint, info }, null, 2));
  log(`sqlite: loaded in ${elapsed(started)}: ${JSON.stringify(info)}`);
  return { file, info };
}

// ------------------------------------------------------------------------------------------------
// PostgreSQL

const PG_TYPES: Record<string, string> = {
  id: 'int',
  need_mask: 'int',
  team_id: 'int',
  active: 'int',
  foreign_trade: 'int',
  owner_id: 'int',
  lifecycle_manual: 'int',
  version: 'int',
  customer_id: 'int',
  user_id: 'int',
  created_by: 'int',
  annual_revenue: 'bigint',
  financial_assets: 'bigint',
  rate: 'float8',
};

function unnestInsert(table: string, columns: readonly string[]) {
  const casts = columns.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'text'}[]`);
  return `insert into ${table} (${columns.join(',')}) select * from unnest(${casts.join(', ')})`;
}

class Columns<T extends object> {
  readonly data: unknown[][];
  constructor(readonly columns: readonly (keyof T & string)[]) {
    this.data = columns.map(() => []);
  }
  push(row: T) {
    for (let i = 0; i < this.columns.length; i++) this.data[i]!.push(row[this.columns[i]!]);
  }
  get length() {
    return this.data[0]!.length;
  }
  take() {
    const out = this.data.map((c) => c.splice(0));
    return out;
  }
}

export async function loadPostgres(url: string, customers: number): Promise<LoadInfo> {
  const started = performance.now();
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(kysely, 'postgres');

  const client = await pool.connect();
  const q = (text: string, values?: unknown[]) => client.query(text, values);
  // Data is consistent by construction: skip the per-row FK checks, re-create indexes afterwards.
  await q('set session_replication_role = replica');
  await q("set maintenance_work_mem = '1GB'");
  const { rows: indexes } = await q(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'public' and i.tablename = any($1)
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [LOADED_TABLES],
  );
  for (const ix of indexes) await q(`drop index ${ix.indexname}`);
  const { rows: pks } = await q(
    `select conname, conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def from pg_constraint
     where contype in ('p', 'u') and conrelid::regclass::text = 'customer_name_grams'`,
  );
  for (const pk of pks) await q(`alter table ${pk.tbl} drop constraint ${pk.conname}`);

  const { org, users } = await organisationRows(customers);
  for (const b of org.branches)
    await q('insert into branches (id, code, name, created_at) values ($1,$2,$3,$4)', [
      b.id,
      b.code,
      b.name,
      NOW,
    ]);
  for (const t of org.teams)
    await q('insert into teams (id, code, name, branch_id, created_at) values ($1,$2,$3,$4,$5)', [
      t.id,
      t.code,
      t.name,
      t.branch_id,
      NOW,
    ]);
  const userCols = Object.keys(users[0]!) as (keyof (typeof users)[number])[];
  const uc = new Columns<(typeof users)[number]>(userCols);
  for (const u of users) uc.push(u);
  await q(unnestInsert('users', userCols), uc.take());

  const custSql = unnestInsert('customers', CUSTOMER_COLUMNS_WITH_ID);
  const accSql = unnestInsert('accounts', ACCOUNT_COLUMNS);
  const gramSql = unnestInsert('customer_name_grams', ['gram', 'customer_id']);
  const shareSql = unnestInsert('customer_shares', ['customer_id', 'user_id', 'created_at', 'created_by']);
  const cc = new Columns<BenchCustomer>(CUSTOMER_COLUMNS_WITH_ID);
  const ac = new Columns<BenchAccount>(ACCOUNT_COLUMNS);
  let gramCol: string[] = [];
  let gramIds: number[] = [];
  const shares: unknown[][] = [[], [], [], []];
  let nAccounts = 0;
  let nGrams = 0;
  let nShares = 0;
  // Two connections write in parallel: one the customers and accounts, the other bigrams and shares.
  const client2 = await pool.connect();
  await client2.query('set session_replication_role = replica');
  const flush = async () => {
    const grams = [gramCol, gramIds];
    gramCol = [];
    gramIds = [];
    const sh = shares.map((c) => c.splice(0));
    await Promise.all([
      (async () => {
        if (cc.length) await q(custSql, cc.take());
        if (ac.length) await q(accSql, ac.take());
      })(),
      (async () => {
        if (grams[0]!.length) await client2.query(gramSql, grams);
        if (sh[0]!.length) await client2.query(shareSql, sh);
      })(),
    ]);
  };
  let done = 0;
  for (const { customer, grams, accounts, sharedWith } of benchCustomers(customers, org.rmIds)) {
    cc.push(customer);
    for (const a of accounts) ac.push(a);
    for (const g of grams) {
      gramCol.push(g);
      gramIds.push(customer.id);
    }
    for (const u of sharedWith) {
      shares[0]!.push(customer.id);
      shares[1]!.push(u);
      shares[2]!.push(NOW);
      shares[3]!.push(1);
    }
    nAccounts += accounts.length;
    nGrams += grams.length;
    nShares += sharedWith.length;
    if (++done % 10_000 === 0) {
      await flush();
      if (done % 200_000 === 0) log(`postgres: ${done.toLocaleString()} customers (${elapsed(started)})`);
    }
  }
  await flush();
  client2.release();
  log(`postgres: rows written (${elapsed(started)}); re-creating ${pks.length + indexes.length} indexes`);
  for (const pk of pks) await q(`alter table ${pk.tbl} add constraint ${pk.conname} ${pk.def}`);
  for (const ix of indexes) await q(ix.indexdef);
  for (const t of ['users', 'teams', 'branches', 'customers', 'accounts']) {
    await q(`select setval(pg_get_serial_sequence('${t}', 'id'), (select max(id) from ${t}))`);
  }
  await q('reset session_replication_role');
  await q('vacuum analyze');
  client.release();
  await kysely.destroy();
  const info: LoadInfo = {
    customers,
    accounts: nAccounts,
    grams: nGrams,
    shares: nShares,
    rms: org.rmIds.length,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    reused: false,
  };
  log(`postgres: loaded in ${elapsed(started)}: ${JSON.stringify(info)}`);
  return info;
}

// ------------------------------------------------------------------------------------------------
// CLI: tsx bench/load.ts [--customers N] [--fresh] [--sqlite] [--postgres URL]

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs();
  const customers = Number(args.get('customers') ?? DEFAULT_CUSTOMERS);
  const pgUrl = args.get('postgres');
  if (!pgUrl || args.has('sqlite')) await loadSqlite(customers, { fresh: args.has('fresh') });
  if (pgUrl) await loadPostgres(pgUrl, customers);
}
