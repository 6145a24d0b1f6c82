import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { monthIndex, monthText } from '../src/domain/months';
import { createRandom } from '../src/server/db/demo/random';
import { DATA_DIR, elapsed, log, parseArgs, ROOT_DIR, sqliteFileFor } from './common';
import { loadSqlite } from './load';

// The data of the customer-value benchmark (issue #7): the customers and accounts of bench/load.ts,
// topped up to ~2 accounts a customer, some of them closed, and `account_monthly` — one row per
// account and month it was open in the 24 months ending 2026-10 (~40 million rows at 1,000,000
// customers). Built into bench/.data/value-<N>.sqlite from a copy of customers-<N>.sqlite and reused
// while that file's fingerprint and this generator's code (comments aside) are unchanged (`--fresh`
// rebuilds).
//
// The figures, integer fen, deterministic:
// - Each customer has a scale, log-normal (corporate median 300,000 yuan, σ 1.9; individuals 30,000,
//   σ 1.5): the top 20% of customers hold ~94% of the positive realized value.
// - Each customer has a trend, a monthly log-rate: about half steady (±1%), a fifth growing 2–6% a
//   month, a sixth falling 2–7%, the rest turning (up then down, or down then up, six months ago);
//   ±5% noise a month. So the lifecycle rule (last 3 months against the 3 before) finds growth,
//   maturity and decline.
// - Deposits: the balance; net interest contribution = balance × an FTP spread (demand 1.2–2%, time
//   −0.4…+0.8% a year, so some are negative); fee income on most corporate demand accounts, a fifth of
//   individuals'. Loans: an amortising principal, contribution 0.8–2.5% a year (always positive),
//   fees now and then. FX settlement: a small balance and steady fees.
// - 3% of customers closed every account in the window (termination); 5% of the other accounts of
//   customers with more than one are closed in the window (fewer open accounts: decline); ~0.19 extra
//   accounts a customer (to reach ~2 a customer), half of them opened in the last 6 months. The
//   opening and closing months count the part of the month the account was open.
// customer_monthly, the per-customer roll-up of migration 008, is built after the figures in one
// INSERT … SELECT, as the migration builds it for figures already there (the triggers that keep it are
// set aside meanwhile): so account_monthly lies in key order in the file, as before the roll-up, and the
// raw pass reads it as fast as it can.

export const AS_OF = '2026-10';
export const MONTHS = 24;
const LAST = monthIndex(AS_OF);
const FIRST = LAST - MONTHS + 1;
const MONTH_TEXT = Array.from({ length: MONTHS }, (_, i) => monthText(FIRST + i));
const TARGET_ACCOUNTS_PER_CUSTOMER = 2;
const ROWS_PER_STATEMENT = 500;
const ROWS_PER_TRANSACTION = 4_000_000;

const LOANS = new Set(['working_capital_loan', 'fixed_asset_loan', 'mortgage']);

export interface ValueLoadInfo {
  customers: number;
  accounts: number;
  extraAccounts: number;
  closedAccounts: number;
  customersAllClosed: number;
  monthlyRows: number;
  /** Rows in the trailing 12 months (what a full recompute and the raw pass read). */
  monthlyRowsLast12: number;
  months: string;
  fileMb: number;
  seconds: number;
  reused: boolean;
}

export function valueFileFor(customers: number) {
  return path.join(DATA_DIR, `value-${customers}.sqlite`);
}

function fingerprint(customers: number) {
  const meta = JSON.parse(fs.readFileSync(`${sqliteFileFor(customers)}.meta`, 'utf8')) as {
    fingerprint: string;
  };
  return createHash('sha256')
    .update(meta.fingerprint)
    .update(fs.readFileSync(path.join(ROOT_DIR, 'bench/value-data.ts'), 'utf8').replace(/^\s*\/\/.*$/gm, ''))
    .digest('hex')
    .slice(0, 16);
}

const monthOf = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const dayOf = (date: string) => Number(date.slice(8, 10));
const pad2 = (n: number) => String(n).padStart(2, '0');
const dateIn = (month: number, day: number) => `${monthText(month)}-${pad2(day)}`;
/** The later of two ISO dates. */
function later(a: string, b: string) {
  if (a < b) return b;
  return a;
}

export async function loadValueSqlite(
  customers: number,
  options: { fresh?: boolean } = {},
): Promise<{ file: string; info: ValueLoadInfo }> {
  const { file: baseFile } = await loadSqlite(customers);
  const file = valueFileFor(customers);
  const metaFile = `${file}.meta`;
  const print = fingerprint(customers);
  if (!options.fresh && fs.existsSync(file) && fs.existsSync(metaFile)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as {
      fingerprint: string;
      info: ValueLoadInfo;
    };
    if (meta.fingerprint === print) {
      log(`value: reusing ${path.relative(ROOT_DIR, file)}`);
      return { file, info: { ...meta.info, reused: true } };
    }
  }
  const started = performance.now();
  const building = `${file}.building`;
  for (const f of [file, `${file}-wal`, `${file}-shm`, metaFile, building]) fs.rmSync(f, { force: true });
  fs.copyFileSync(baseFile, building);
  log(`value: copied ${path.basename(baseFile)} (${elapsed(started)})`);
  const db = new SqliteDatabase(building);
  // The copy is in WAL mode; no journal while building (a failed build is rebuilt). better-sqlite3's
  // defensive mode refuses journal_mode = OFF, so it is lifted for the build.
  db.unsafeMode(true);
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -1048576');

  // ---- what is there
  const kinds = new Uint8Array(customers + 1); // 1 corporate
  const createdMonth = new Int32Array(customers + 1);
  const createdDay = new Uint8Array(customers + 1);
  for (const [id, kind, created] of db
    .prepare('select id, kind, created_at from customers order by id')
    .raw()
    .iterate() as IterableIterator<[number, string, string]>) {
    kinds[id] = kind === 'corporate' ? 1 : 0;
    createdMonth[id] = monthOf(created);
    createdDay[id] = Math.min(28, dayOf(created));
  }
  const base = db
    .prepare('select id, customer_id, product, opened_on from accounts order by id')
    .raw()
    .all() as [number, number, string, string][];
  const maxAccountId = base.length === 0 ? 0 : base[base.length - 1]![0];

  // ---- each customer's scale and trend
  const rc = createRandom(2026, 'value-customers');
  const scale = new Float64Array(customers + 1);
  const gRecent = new Float64Array(customers + 1); // log-rate a month, the last 6 months
  const gEarlier = new Float64Array(customers + 1); // before
  for (let c = 1; c <= customers; c++) {
    scale[c] = Math.min(
      2e12,
      kinds[c] ? rc.logNormal(Math.log(30_000_000), 1.9) : rc.logNormal(Math.log(3_000_000), 1.5),
    );
    const x = rc.next();
    if (x < 0.5) {
      gRecent[c] = gEarlier[c] = rc.normal() * 0.008;
    } else if (x < 0.7) {
      gRecent[c] = gEarlier[c] = rc.float(0.02, 0.06);
    } else if (x < 0.87) {
      gRecent[c] = gEarlier[c] = rc.float(-0.07, -0.02);
    } else {
      const g = rc.float(0.02, 0.05);
      const up = rc.chance(0.5);
      gRecent[c] = up ? g : -g;
      gEarlier[c] = up ? -g : g;
    }
  }
  /** The customer's level in month t relative to the last month. */
  const level = (c: number, t: number) =>
    t >= LAST - 6
      ? Math.exp(gRecent[c]! * (t - LAST))
      : Math.exp(gRecent[c]! * -6 + gEarlier[c]! * (t - (LAST - 6)));

  // ---- closures: 3% of customers close everything in the window; 5% of the other accounts
  const rx = createRandom(2026, 'value-closures');
  const closedOn: (string | null)[] = new Array(base.length).fill(null);
  const allClosed = new Uint8Array(customers + 1);
  let nClosed = 0;
  let nAllClosed = 0;
  for (let i = 0; i < base.length; ) {
    const c = base[i]![1];
    let j = i;
    let latestOpen = 0;
    while (j < base.length && base[j]![1] === c) latestOpen = Math.max(latestOpen, monthOf(base[j++]![3]));
    if (rx.chance(0.03)) {
      allClosed[c] = 1;
      nAllClosed++;
      const m = rx.int(Math.max(FIRST, latestOpen), LAST);
      const date = dateIn(m, rx.int(1, 28));
      for (let k = i; k < j; k++) {
        closedOn[k] = later(date, base[k]![3]);
        nClosed++;
      }
    } else if (j - i > 1) {
      for (let k = i + 1; k < j; k++) {
        if (!rx.chance(0.05)) continue;
        const opened = base[k]![3];
        const m = rx.int(Math.max(FIRST, monthOf(opened)), LAST);
        const date = dateIn(m, rx.int(1, 28));
        closedOn[k] = later(date, opened);
        nClosed++;
      }
    }
    i = j;
  }

  // ---- extra accounts, so that there are ~2 a customer; half opened in the last 6 months
  const re = createRandom(2026, 'value-extras');
  const pExtra = Math.max(
    0,
    Math.min(1, (TARGET_ACCOUNTS_PER_CUSTOMER * customers - base.length) / (customers - nAllClosed)),
  );
  const extras: {
    id: number;
    customer: number;
    product: string;
    currency: string;
    opened: string;
    rate: number | null;
  }[] = [];
  for (let c = 1; c <= customers; c++) {
    if (allClosed[c] || !re.chance(pExtra)) continue;
    const from = Math.max(createdMonth[c]!, re.chance(0.5) ? LAST - 5 : FIRST);
    const m = re.int(Math.min(from, LAST), LAST);
    const day = m === createdMonth[c] ? re.int(createdDay[c]!, 28) : re.int(1, 28);
    const product = kinds[c]
      ? re.weighted([
          ['working_capital_loan', 35],
          ['fx_settlement', 15],
          ['time_deposit', 50],
        ] as const)
      : re.weighted([
          ['mortgage', 25],
          ['time_deposit', 75],
        ] as const);
    extras.push({
      id: maxAccountId + extras.length + 1,
      customer: c,
      product,
      currency: product === 'fx_settlement' ? 'USD' : 'CNY',
      opened: dateIn(m, day),
      rate: LOANS.has(product) ? 3.1 + Math.round(re.next() * 150) / 100 : null,
    });
  }

  // ---- the monthly figures
  const insertMany = db.prepare(
    `insert into account_monthly (account_id, month, avg_balance, net_interest_contribution, fee_income) values ${Array.from(
      { length: ROWS_PER_STATEMENT },
      () => '(?,?,?,?,?)',
    ).join(',')}`,
  );
  const insertOne = db.prepare(
    'insert into account_monthly (account_id, month, avg_balance, net_interest_contribution, fee_income) values (?,?,?,?,?)',
  );
  const params: (number | string)[] = new Array(ROWS_PER_STATEMENT * 5);
  let pending = 0;
  let nRows = 0;
  let inTransaction = 0;
  const rowsPerMonth = new Array<number>(MONTHS).fill(0);
  const rf = createRandom(2026, 'value-figures');
  const push = (account: number, t: number, balance: number, nic: number, fee: number) => {
    const o = pending * 5;
    params[o] = account;
    params[o + 1] = MONTH_TEXT[t - FIRST]!;
    params[o + 2] = Math.round(balance);
    params[o + 3] = Math.round(nic);
    params[o + 4] = Math.round(fee);
    rowsPerMonth[t - FIRST]!++;
    if (++pending === ROWS_PER_STATEMENT) {
      insertMany.run(params);
      pending = 0;
      nRows += ROWS_PER_STATEMENT;
      inTransaction += ROWS_PER_STATEMENT;
      if (inTransaction >= ROWS_PER_TRANSACTION) {
        db.exec('commit; begin');
        inTransaction = 0;
        if (nRows % (ROWS_PER_TRANSACTION * 3) === 0)
          log(`value: ${nRows.toLocaleString('en')} monthly rows (${elapsed(started)})`);
      }
    }
  };
  const figures = (account: number, c: number, product: string, opened: string, closed: string | null) => {
    const open = monthOf(opened);
    const close = closed === null ? LAST : monthOf(closed);
    const from = Math.max(FIRST, open);
    const to = Math.min(LAST, close);
    const corporate = kinds[c] === 1;
    const s = scale[c]!;
    // The account's share of the customer's scale and its own terms.
    let weight: number;
    let spread: number;
    if (LOANS.has(product)) {
      weight = rf.float(1, 6);
      spread = rf.float(0.008, 0.025);
    } else if (product === 'demand_deposit') {
      weight = rf.float(0.3, 1);
      spread = rf.float(0.012, 0.02);
    } else if (product === 'time_deposit') {
      weight = rf.float(0.5, 3);
      spread = rf.float(-0.004, 0.008);
    } else {
      weight = rf.float(0.1, 0.4);
      spread = 0.01;
    }
    for (let t = from; t <= to; t++) {
      let part = 1;
      if (t === open) part = Math.max(0.05, (31 - dayOf(opened)) / 30);
      if (closed !== null && t === close) part = Math.min(part, Math.max(0.03, dayOf(closed) / 30));
      const noise = 1 + (rf.next() - 0.5) * 0.1;
      const lv = level(c, t);
      let balance: number;
      let fee = 0;
      if (LOANS.has(product)) {
        balance = s * weight * Math.max(0.05, 1 - (t - open) / 120) * Math.sqrt(lv) * part;
        if (rf.chance(0.08)) fee = balance * 0.002;
      } else if (product === 'fx_settlement') {
        balance = s * weight * lv * noise * part;
        fee = balance * 0.004 * (0.5 + rf.next());
      } else {
        balance = s * weight * lv * noise * part;
        if (product === 'demand_deposit') {
          if (corporate) {
            if (rf.chance(0.6)) fee = balance * 0.0003 * (0.5 + rf.next()) + 2000;
          } else if (rf.chance(0.2)) fee = rf.int(500, 20_000);
        }
      }
      push(account, t, balance, (balance * spread) / 12, fee * part);
    }
  };

  const triggers = db
    .prepare("select name, sql from sqlite_master where type = 'trigger' and sql like '%customer_monthly%'")
    .all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`drop trigger ${t.name}`);
  db.exec('begin');
  const setClosed = db.prepare('update accounts set closed_on = ? where id = ?');
  for (let k = 0; k < base.length; k++) if (closedOn[k] !== null) setClosed.run(closedOn[k], base[k]![0]);
  const insAccount = db.prepare(
    `insert into accounts (id, account_no, customer_id, product, currency, opened_on, closed_on, rate, created_at)
     values (?, ?, ?, ?, ?, ?, null, ?, ?)`,
  );
  for (const a of extras)
    insAccount.run(
      a.id,
      `6229${String(a.id).padStart(12, '0')}`,
      a.customer,
      a.product,
      a.currency,
      a.opened,
      a.rate,
      `${a.opened}T02:00:00.000Z`,
    );
  log(
    `value: ${nClosed.toLocaleString('en')} accounts closed, ${extras.length.toLocaleString('en')} added (${elapsed(started)})`,
  );
  // In primary-key order (account, month): base accounts by id, then the extra ones (higher ids).
  for (let k = 0; k < base.length; k++) {
    const [id, c, product, opened] = base[k]!;
    figures(id, c, product, opened, closedOn[k]!);
  }
  for (const a of extras) figures(a.id, a.customer, a.product, a.opened, null);
  for (let i = 0; i < pending; i++) insertOne.run(params.slice(i * 5, i * 5 + 5));
  nRows += pending;
  db.exec('commit');
  // As the account-monthly import notes them: the months that have figures.
  db.prepare(
    `insert into figure_months (month, noted_at) select distinct month, '${new Date(0).toISOString()}' from account_monthly`,
  ).run();
  log(`value: ${nRows.toLocaleString('en')} monthly rows written (${elapsed(started)}); roll-up`);
  db.exec(`delete from customer_monthly;
    insert into customer_monthly (customer_id, month_index, accounts, avg_balance, contribution)
    select a.customer_id, cast(substr(m.month, 1, 4) as integer) * 12 + cast(substr(m.month, 6, 2) as integer) - 1,
      count(*), sum(m.avg_balance), sum(m.net_interest_contribution + m.fee_income)
    from account_monthly m join accounts a on a.id = m.account_id group by 1, 2 order by 1, 2`);
  for (const t of triggers) db.exec(t.sql);
  log(`value: roll-up built, ${triggers.length} triggers back (${elapsed(started)}); analyze`);
  db.exec('analyze accounts; analyze account_monthly; analyze customer_monthly');
  db.pragma('locking_mode = NORMAL');
  db.pragma('journal_mode = WAL');
  db.unsafeMode(false);
  db.close();
  fs.renameSync(building, file);
  const info: ValueLoadInfo = {
    customers,
    accounts: base.length + extras.length,
    extraAccounts: extras.length,
    closedAccounts: nClosed,
    customersAllClosed: nAllClosed,
    monthlyRows: nRows,
    monthlyRowsLast12: rowsPerMonth.slice(-12).reduce((a, b) => a + b, 0),
    months: `${MONTH_TEXT[0]}…${AS_OF}`,
    fileMb: Math.round(fs.statSync(file).size / 2 ** 20),
    seconds: Math.round((performance.now() - started) / 100) / 10,
    reused: false,
  };
  fs.writeFileSync(metaFile, JSON.stringify({ fingerprint: print, info }, null, 2));
  log(`value: built in ${elapsed(started)}: ${JSON.stringify(info)}`);
  return { file, info };
}

// ------------------------------------------------------------------------------------------------
// The raw pass: what a full recompute must read at the least, as one SQL aggregate.

/** The trailing 12 months ending `asOf`, and the lifecycle rule's two 3-month windows. */
export function rawPassParams(asOf = AS_OF) {
  const m = monthIndex(asOf);
  return {
    from: monthText(m - 11),
    recentFrom: monthText(m - 2),
    beforeFrom: monthText(m - 5),
    beforeTo: monthText(m - 3),
    to: asOf,
  };
}

export const RAW_PASS_SQL = `
select a.customer_id,
       sum(m.net_interest_contribution + m.fee_income) as realized,
       sum(case when m.month >= @recentFrom then m.avg_balance else 0 end) as recent_balance,
       sum(case when m.month between @beforeFrom and @beforeTo then m.avg_balance else 0 end) as before_balance,
       sum(case when m.month >= @recentFrom then m.net_interest_contribution + m.fee_income else 0 end) as recent_contribution,
       sum(case when m.month between @beforeFrom and @beforeTo then m.net_interest_contribution + m.fee_income else 0 end) as before_contribution
from account_monthly m
join accounts a on a.id = m.account_id
where m.month between @from and @to
group by a.customer_id`;

export interface RawPassResult {
  seconds: number;
  customers: number;
  realizedTotal: number;
  /** Share of the positive realized total held by the top 20% of customers. */
  top20Share: number;
  plan: string[];
}

/** Runs the aggregate and reads every row out; only the statement and the iteration are timed. */
export function rawPass(db: SqliteDatabase.Database, asOf = AS_OF): RawPassResult {
  const params = rawPassParams(asOf);
  const stmt = db.prepare(RAW_PASS_SQL);
  const plan = (db.prepare(`explain query plan ${RAW_PASS_SQL}`).all(params) as { detail: string }[]).map(
    (p) => p.detail,
  );
  const realized: number[] = [];
  let total = 0;
  let checksum = 0;
  const t0 = performance.now();
  for (const row of stmt.raw().iterate(params) as IterableIterator<number[]>) {
    realized.push(row[1]!);
    total += row[1]!;
    checksum += row[2]! + row[3]! + row[4]! + row[5]!;
  }
  const seconds = (performance.now() - t0) / 1000;
  if (!Number.isFinite(checksum)) throw new Error('raw pass: bad sums');
  const positive = realized.filter((v) => v > 0).sort((a, b) => b - a);
  const positiveTotal = positive.reduce((a, b) => a + b, 0);
  const top = positive.slice(0, Math.ceil(realized.length * 0.2)).reduce((a, b) => a + b, 0);
  return {
    seconds,
    customers: realized.length,
    realizedTotal: total,
    top20Share: positiveTotal > 0 ? top / positiveTotal : 0,
    plan,
  };
}

// ------------------------------------------------------------------------------------------------
// CLI: tsx bench/value-data.ts [--customers N] [--fresh] [--raw]

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs();
  const customers = Number(args.get('customers') ?? 1_000_000);
  const { file } = await loadValueSqlite(customers, { fresh: args.has('fresh') });
  if (args.has('raw')) {
    const db = new SqliteDatabase(file, { readonly: true });
    db.pragma('cache_size = -65536');
    for (let i = 0; i < 2; i++) {
      const r = rawPass(db);
      log(`raw pass: ${r.seconds.toFixed(2)} s, ${JSON.stringify({ ...r, plan: r.plan.join(' | ') })}`);
    }
    db.close();
  }
}
