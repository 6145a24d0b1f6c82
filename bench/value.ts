import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { monthIndex } from '../src/domain/months';
import { connect, openSqlite } from '../src/server/db/connect';
import { createRandom } from '../src/server/db/demo/random';
import type { AppDeps } from '../src/server/deps';
import type { Viewer } from '../src/server/http/access';
import { runValues } from '../src/server/modules/customer-value/recompute';
import { churnAnalysis, loyaltyAnalysis } from '../src/server/modules/loyalty/loyalty.service';
import type { ValueRun } from '../src/shared/schemas/value';
import { DATA_DIR, log, parseArgs, RESULTS_DIR, ROOT_DIR, withServerFlags } from './common';
import {
  instrumentSqlite,
  machine,
  measureRun,
  type ProfileSummary,
  type SqlTotals,
  startProfile,
} from './measure';
import { AS_OF, loadValueSqlite, type RawPassResult, rawPass, rawPassParams } from './value-data';

// npx tsx bench/value.ts [--customers 1000000] [--dirty 0.01] [--profile] [--fresh]
//
// Customer value at a bank's scale (issue #7): a full recompute of every customer's values, value tier
// and lifecycle stage over 1,000,000 customers, ~2,000,000 accounts and their monthly figures of 24
// months (bench/value-data.ts builds and reuses the file), measured in this process against one raw
// SQL aggregate over the same figures:
// - raw: the trailing 12 months of account_monthly grouped per customer (Σ contribution, and the
//   3-month balance and contribution sums of M−2…M and M−5…M−3), every row read out, on a connection
//   with the server's pragmas; once to warm the cache, once measured, and once more after the runs.
// - full: runValues({ kind: 'full' }) on a fresh copy of the file (every customer's values change).
// - full again: nothing changed since.
// - incremental: after 1% of the customers had their last month's figures changed and were marked in
//   value_dirty.
// - a new month: 2026-11's figures for every open account written (through the roll-up's triggers)
//   and every customer marked, as the account-monthly import does; the incremental run that follows
//   runs as a full one, and every customer's values change. Against the raw pass of 2026-11.
// - the raw pass over customer_monthly, the roll-up the runs read, for comparison.
// Each run: wall time, CPU time of this process, peak RSS (VmHWM, reset before the run), the 1-minute
// load average, and the time spent inside SQLite by statement on the main thread (better-sqlite3's
// statements timed; the reads that run aside on the driver's reader thread are not among them: the
// CPU time counts them).
// --profile writes a CPU profile of the first full run to bench/.data/ and prints where the time went.

withServerFlags();
const args = parseArgs();
const customers = Number(args.get('customers') ?? 1_000_000);
const dirtyShare = Number(args.get('dirty') ?? 0.01);
const profile = args.has('profile');

interface Measured {
  work: string;
  seconds: number;
  cpuSeconds: number;
  rowsRead: number;
  rowsPerSecond: number;
  customers: number;
  customersPerSecond: number;
  rssBeforeMb: number;
  peakRssMb: number;
  loadAverage: number;
  run?: ValueRun | null;
  sql?: SqlTotals[];
  sqlSeconds?: number;
}

async function measure<T>(work: string, rowsRead: number, fn: () => Promise<T> | T) {
  const { m: base, result } = await measureRun(work, fn);
  const m: Measured = {
    work,
    seconds: base.seconds,
    cpuSeconds: base.cpuSeconds,
    rowsRead,
    rowsPerSecond: Math.round(rowsRead / base.exactSeconds),
    customers: 0,
    customersPerSecond: 0,
    rssBeforeMb: base.rssBeforeMb,
    peakRssMb: base.peakRssMb,
    loadAverage: base.loadAverage,
  };
  return { m, result };
}

/** What the first full run stored, against the raw pass. */
function verify(file: string, raw: RawPassResult) {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    const one = <T>(q: string, ...p: unknown[]) => db.prepare(q).get(...p) as T;
    const counts = (col: string) =>
      Object.fromEntries(
        (
          db.prepare(`select ${col} as k, count(*) as n from customers group by ${col}`).all() as {
            k: string;
            n: number;
          }[]
        ).map((r) => [r.k ?? 'null', r.n]),
      );
    const stored = one<{ n: number; realized: number }>(
      'select count(*) as n, sum(realized_value) as realized from customers where value_as_of = ?',
      AS_OF,
    );
    return {
      customersWithValues: stored.n,
      realizedTotal: stored.realized,
      realizedTotalRaw: raw.realizedTotal,
      realizedMatchesRaw: stored.realized === raw.realizedTotal,
      lifecycleInferred: counts('lifecycle_inferred'),
      valueTier: counts('value_tier'),
      tierSuggested: counts('tier_suggested'),
      lifecycleHistoryRows: one<{ n: number }>('select count(*) as n from lifecycle_history').n,
      snapshots: one<{ n: number }>('select count(*) as n from value_snapshots').n,
    };
  } finally {
    db.close();
  }
}

/** Changes the last month's figures of ~`share` of the customers and marks them dirty. */
function markDirty(file: string, share: number) {
  const db = openSqlite(file);
  try {
    const r = createRandom(2026, 'value-dirty');
    const ids: number[] = [];
    for (let id = 1; id <= customers; id++) if (r.chance(share)) ids.push(id);
    const bump = db.prepare(
      `update account_monthly set avg_balance = avg_balance * 13 / 10, fee_income = fee_income + 100000
       where month = ? and account_id in (select id from accounts where customer_id = ?)`,
    );
    const mark = db.prepare('insert or ignore into value_dirty (customer_id, marked_at) values (?, ?)');
    const at = new Date().toISOString();
    db.transaction(() => {
      for (const id of ids) {
        bump.run(AS_OF, id);
        mark.run(id, at);
      }
    })();
    const { from, to } = rawPassParams();
    const rows = (
      db
        .prepare(
          `select count(*) as n from account_monthly m join accounts a on a.id = m.account_id
           where a.customer_id in (select customer_id from value_dirty) and m.month between ? and ?`,
        )
        .get(from, to) as { n: number }
    ).n;
    return { customers: ids.length, rows };
  } finally {
    db.close();
  }
}

/** The raw pass's aggregate over customer_monthly (migration 008), with every row read out. */
function rawRollUpPass(db: SqliteDatabase.Database) {
  const p = rawPassParams();
  const m = (month: string) => monthIndex(month);
  const stmt = db.prepare(`
    select customer_id, sum(contribution),
      sum(case when month_index >= ${m(p.recentFrom)} then avg_balance else 0 end),
      sum(case when month_index between ${m(p.beforeFrom)} and ${m(p.beforeTo)} then avg_balance else 0 end),
      sum(case when month_index >= ${m(p.recentFrom)} then contribution else 0 end),
      sum(case when month_index between ${m(p.beforeFrom)} and ${m(p.beforeTo)} then contribution else 0 end)
    from customer_monthly where month_index between ${m(p.from)} and ${m(p.to)} group by customer_id`);
  let customers = 0;
  let realizedTotal = 0;
  for (const row of stmt.raw().iterate() as IterableIterator<number[]>) {
    customers++;
    realizedTotal += row[1]!;
  }
  return { customers, realizedTotal };
}

const NEXT_MONTH = '2026-11';

/** Writes NEXT_MONTH's figures and marks every customer; times the writing and that month's raw pass. */
async function newMonth(file: string) {
  const db = openSqlite(file);
  try {
    const at = new Date().toISOString();
    const t0 = performance.now();
    const inserted = db
      .prepare(
        `insert into account_monthly (account_id, month, avg_balance, net_interest_contribution, fee_income)
         select m.account_id, @next, m.avg_balance * (95 + m.account_id % 11) / 100,
           m.net_interest_contribution * (95 + m.account_id % 9) / 100, m.fee_income
         from account_monthly m join accounts a on a.id = m.account_id
         where m.month = @last and (a.closed_on is null or a.closed_on > @lastEnd)`,
      )
      .run({ next: NEXT_MONTH, last: AS_OF, lastEnd: `${AS_OF}-31` }).changes;
    db.prepare('insert into figure_months (month, noted_at) values (?, ?)').run(NEXT_MONTH, at);
    db.prepare('insert or ignore into value_dirty (customer_id, marked_at) select id, ? from customers').run(
      at,
    );
    const writeSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
    const { from, to } = rawPassParams(NEXT_MONTH);
    const rows = (
      db.prepare('select count(*) as n from account_monthly where month between ? and ?').get(from, to) as {
        n: number;
      }
    ).n;
    let raw: Measured | undefined;
    for (const label of [`raw pass, ${NEXT_MONTH} (warm-up)`, `raw pass, ${NEXT_MONTH}`]) {
      raw = (await measure(label, rows, () => rawPass(db, NEXT_MONTH))).m;
    }
    return { inserted, writeSeconds, rows, raw: raw! };
  } finally {
    db.close();
  }
}

const BENCH_ADMIN: Viewer = {
  id: 0,
  username: 'bench',
  displayName: 'bench',
  role: 'admin',
  teamId: null,
  locale: 'zh-CN',
  sessionId: null,
  csrfToken: null,
};

/** The same aggregates as the bank-wide churn and loyalty analyses, straight on the file. */
const RAW_ANALYSES = [
  `select first_month, closed_month, value_tier, kind, count(*) from (
     select c.id, c.value_tier, c.kind, substr(min(a.opened_on), 1, 7) as first_month,
       case when count(a.closed_on) = count(*) then substr(max(a.closed_on), 1, 7) end as closed_month
     from customers c join accounts a on a.customer_id = c.id group by c.id, c.value_tier, c.kind)
   group by first_month, closed_month, value_tier, kind`,
  `select r.lost_month, r.cause, r.reason, c.value_tier, c.kind, count(*) from churn_records r
   join customers c on c.id = r.customer_id group by 1, 2, 3, 4, 5`,
  `select count(*), count(l.loyalty_index), avg(l.loyalty_index), avg(l.repeat_purchases), avg(l.price_sensitivity),
     avg(l.competitor_attitude), avg(l.problem_attitude), avg(l.growth), avg(l.retention)
   from customers c left join customer_loyalty l on l.customer_id = c.id`,
  `select l.loyalty_index / 100, count(*) from customers c join customer_loyalty l on l.customer_id = c.id
   where l.loyalty_index is not null group by 1`,
];

/** The bank-wide churn and loyalty analyses (issue #8), against the raw aggregates they run. */
async function timeAnalyses(deps: AppDeps, file: string) {
  const out: Measured[] = [];
  const db = openSqlite(file);
  try {
    for (let round = 0; round < 2; round++) {
      const label = round === 0 ? ' (warm-up)' : '';
      const raw = await measure(`raw churn and loyalty aggregates${label}`, 0, () =>
        RAW_ANALYSES.reduce((n, q) => n + db.prepare(q).raw().all().length, 0),
      );
      const churn = await measure(`GET /churn, bank, 12 months${label}`, 0, () =>
        churnAnalysis(deps, BENCH_ADMIN, {}),
      );
      const loyalty = await measure(`GET /analytics/loyalty, bank${label}`, 0, () =>
        loyaltyAnalysis(deps, BENCH_ADMIN, {}),
      );
      if (round === 1) out.push(raw.m, churn.m, loyalty.m);
      log(
        `  analyses${label}: raw ${raw.m.seconds} s; churn ${churn.m.seconds} s (rate ${churn.result.rate?.toFixed(4)}, ` +
          `${churn.result.atStart} at start, ${churn.result.lost} lost); loyalty ${loyalty.m.seconds} s ` +
          `(mean index ${loyalty.result.meanIndex?.toFixed(3)}, ${loyalty.result.measured} measured)`,
      );
    }
  } finally {
    db.close();
  }
  return out;
}

function table(rows: Measured[], raw: Measured) {
  const lines = [
    '| Work | Wall time | CPU time | Monthly rows read | Rows/s | Customers | Customers/s | × raw (wall) | × raw (CPU) | Peak RSS | Load (1 min) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const m of rows) {
    lines.push(
      `| ${m.work} | ${m.seconds.toFixed(1)} s | ${m.cpuSeconds.toFixed(1)} s | ${m.rowsRead.toLocaleString('en')} | ` +
        `${m.rowsPerSecond.toLocaleString('en')} | ${m.customers.toLocaleString('en')} | ${m.customersPerSecond.toLocaleString('en')} | ` +
        `${(m.seconds / raw.seconds).toFixed(2)} | ${(m.cpuSeconds / raw.cpuSeconds).toFixed(2)} | ${m.peakRssMb} MB | ${m.loadAverage} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const started = new Date();
  const loadAverageAtStart = os.loadavg().map((l) => Number(l.toFixed(2)));
  const { file: built, info } = await loadValueSqlite(customers, { fresh: args.has('fresh') });
  // The runs write: each bench run starts from a fresh copy of the built file.
  const file = path.join(DATA_DIR, `value-${customers}.work.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(built, file);
  log(`value: working copy ${path.relative(ROOT_DIR, file)} (${info.fileMb} MB)`);

  const rows = info.monthlyRowsLast12;
  const raws: Measured[] = [];
  let rawResult: RawPassResult | undefined;
  {
    const db = openSqlite(file);
    for (const label of ['raw pass (warm-up)', 'raw pass']) {
      const { m, result } = await measure(label, rows, () => rawPass(db));
      m.customers = result.customers;
      m.customersPerSecond = Math.round(result.customers / m.seconds);
      raws.push(m);
      rawResult = result;
      log(
        `  ${label}: ${m.seconds} s (${m.rowsPerSecond.toLocaleString('en')} rows/s), load ${m.loadAverage}`,
      );
    }
    db.close();
  }
  const raw = rawResult!;
  log(`  raw plan: ${raw.plan.join(' | ')}; top 20% hold ${(raw.top20Share * 100).toFixed(1)}%`);
  {
    // The same aggregate over the roll-up the run reads (customer_monthly): what the run's own pass
    // over the figures costs at least, shown beside the yardstick above.
    const db = openSqlite(file);
    const { m, result } = await measure('raw pass over customer_monthly', rows, () => rawRollUpPass(db));
    if (result.realizedTotal !== raw.realizedTotal)
      throw new Error('the roll-up disagrees with account_monthly');
    m.customers = result.customers;
    m.customersPerSecond = Math.round(result.customers / m.seconds);
    raws.push(m);
    log(`  raw pass over customer_monthly: ${m.seconds} s, load ${m.loadAverage}`);
    db.close();
  }

  const sqlite = instrumentSqlite();
  const database = connect(`sqlite:${file}`);
  const deps: AppDeps = { db: database.db, dialect: 'sqlite', clock: () => new Date() };
  const runs: Measured[] = [];
  const analyses: Measured[] = [];
  let profileSummary: ProfileSummary | undefined;
  let verified: ReturnType<typeof verify> | undefined;
  let dirty: ReturnType<typeof markDirty> | undefined;
  let nextRaw: Measured | undefined;
  const timeRun = async (
    label: string,
    kind: 'full' | 'incremental',
    rowsRead: number,
    withProfile: boolean,
  ) => {
    sqlite.take();
    const stop = withProfile ? await startProfile() : null;
    const { m, result } = await measure(label, rowsRead, () => runValues(deps, { kind, startedBy: null }));
    if (stop) {
      const out = path.join(
        DATA_DIR,
        `value-${customers}-${started.toISOString().replace(/[:.]/g, '')}.cpuprofile`,
      );
      profileSummary = await stop(out);
      log(`  profile: ${path.relative(ROOT_DIR, out)}`);
    }
    m.run = result;
    m.customers = result?.processed ?? 0;
    m.customersPerSecond = Math.round(m.customers / m.seconds);
    m.sql = sqlite.take();
    m.sqlSeconds = Number(m.sql.reduce((s, q) => s + q.seconds, 0).toFixed(2));
    runs.push(m);
    log(
      `  ${label}: ${m.seconds} s (cpu ${m.cpuSeconds} s, sqlite ${m.sqlSeconds} s), ${m.customers.toLocaleString('en')} customers, ` +
        `changed ${result?.changed ?? '–'}, status ${result?.status ?? 'null'}, as of ${result?.asOf ?? '–'}, ` +
        `peak RSS ${m.peakRssMb} MB, load ${m.loadAverage}`,
    );
    return result;
  };
  try {
    await timeRun('full (first: every value changes)', 'full', rows, profile);
    verified = verify(file, raw);
    log(`  stored: ${JSON.stringify(verified)}`);
    await timeRun('full again (nothing changed)', 'full', rows, false);
    dirty = markDirty(file, dirtyShare);
    log(
      `  marked ${dirty.customers.toLocaleString('en')} customers dirty (${dirty.rows.toLocaleString('en')} monthly rows)`,
    );
    await timeRun(`incremental (${(dirtyShare * 100).toFixed(0)}% dirty)`, 'incremental', dirty.rows, false);
    analyses.push(...(await timeAnalyses(deps, file)));
    // A new month, as every month brings: its figures for every account still open, written through
    // the roll-up's triggers as the account-monthly import writes them, and every customer marked as
    // the import marks them; then the raw pass of that month and the run the import starts (more than
    // half the bank marked: a full run), in which every customer's values change.
    const next = await newMonth(file);
    raws.push(next.raw);
    nextRaw = next.raw;
    log(
      `  new month ${NEXT_MONTH}: ${next.inserted.toLocaleString('en')} rows written in ${next.writeSeconds} s; ` +
        `raw pass ${next.raw.seconds} s, load ${next.raw.loadAverage}`,
    );
    await timeRun(`a new month (${NEXT_MONTH}: every value changes)`, 'incremental', next.rows, false);
  } finally {
    sqlite.restore();
    await database.close();
  }
  {
    const db = openSqlite(file);
    const { m } = await measure('raw pass (after the runs)', rows, () => rawPass(db));
    m.customers = raw.customers;
    m.customersPerSecond = Math.round(raw.customers / m.seconds);
    raws.push(m);
    log(`  raw pass again: ${m.seconds} s, load ${m.loadAverage}`);
    db.close();
  }

  const measuredRaw = raws[1]!;
  const full = runs[0]!;
  const report = {
    at: started.toISOString(),
    customers,
    machine: machine(),
    loadAverageAtStart,
    loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
    data: info,
    raw: {
      sql: rawPassParams(),
      plan: raw.plan,
      top20Share: raw.top20Share,
      realizedTotal: raw.realizedTotal,
    },
    measurements: [...raws, ...runs],
    analyses,
    fullOverRaw: Number((full.seconds / measuredRaw.seconds).toFixed(2)),
    fullOverRawCpu: Number((full.cpuSeconds / measuredRaw.cpuSeconds).toFixed(2)),
    newMonthOverRaw: runs[3] && nextRaw ? Number((runs[3].seconds / nextRaw.seconds).toFixed(2)) : null,
    newMonthOverRawCpu:
      runs[3] && nextRaw ? Number((runs[3].cpuSeconds / nextRaw.cpuSeconds).toFixed(2)) : null,
    stored: verified,
    dirty,
    profile: profileSummary,
    fileMb: Math.round(fs.statSync(file).size / 2 ** 20),
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const out = path.join(
    RESULTS_DIR,
    `${report.at.replace(/[:.]/g, '').slice(0, 17)}-value-${customers}.json`,
  );
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `\n${customers.toLocaleString('en')} customers, ${info.accounts.toLocaleString('en')} accounts\n`,
  );
  console.log(table([...raws, ...runs], measuredRaw));
  if (analyses.length > 0) console.log(`\n${table(analyses, analyses[0]!)}`);
  console.log(`\nfull ÷ raw = ${report.fullOverRaw} (wall), ${report.fullOverRawCpu} (CPU)`);
  console.log(
    `new month ÷ its raw pass = ${report.newMonthOverRaw} (wall), ${report.newMonthOverRawCpu} (CPU)`,
  );
  if (profileSummary) console.log(JSON.stringify(profileSummary, null, 2));
  log(`results in ${path.relative(ROOT_DIR, out)}`);
}

await main();
