import fs from 'node:fs';
import path from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { connect, openSqlite } from '../src/server/db/connect';
import type { AppDeps } from '../src/server/deps';
import type { Viewer } from '../src/server/http/access';
import { runScreening, type ScreeningOutcome } from '../src/server/modules/exit/screening';
import { listCandidates } from '../src/server/modules/exit/screening.service';
import { EXIT_RULES, RISK_FLAG_CODES } from '../src/shared/codes';
import type { ExitCriteriaSettingsDto } from '../src/shared/schemas/exit';
import { DATA_DIR, log, parseArgs, RESULTS_DIR, ROOT_DIR } from './common';
import { AS_OF, EXIT_BENCH_SETTINGS, type ExitLoadInfo, loadExitSqlite } from './exit-data';
import {
  instrumentSqlite,
  loadAverages,
  type Measurement,
  machine,
  measureRun,
  type ProfileSummary,
  type SqlTotals,
  startProfile,
} from './measure';

// npx tsx bench/exit.ts [--customers 1000000] [--profile] [--fresh]
//
// Exit screening at a bank's scale (issue #9): the nightly whole-bank run of the exit criteria
// (DOMAIN §6.1) over 1,000,000 customers, 300,000 of them corporates with the annual statements of
// 2021–2025 (bench/exit-data.ts builds and reuses the file), measured in this process against the raw
// database doing the same work:
// - raw: one SQL statement that computes every customer's triggered rules with the same criteria
//   (EX1 restricted industry, credit grade and the assessments in force; EX2; EX3 on the latest year and
//   the 3 latest consecutive years, by window functions; EX4, EX5) and which customers lack data for
//   EX3, every row the run would keep read out; once to warm the cache, once measured, once after.
// - first run: runScreening(bank, collect none) on a fresh copy of the file: every candidate enters
//   the queue. Checked against the raw pass: the same customers with the same rules, the same number
//   lacking data.
// - second run: nothing changed since; the queue stays as it was.
// - the candidates list as a risk officer sees it (listCandidates: first page of 20, total and counts
//   by rule), twice each: on the connections opened before the runs (a running server's), after
//   PRAGMA optimize on them, and on new connections (a restarted server); against the same reads in
//   plain SQL on the file.
// Each: wall time, CPU time of this process, peak RSS (VmHWM, reset before), the 1-minute load
// average, and the time inside SQLite by statement. --profile writes a CPU profile of the first run to
// bench/.data/ and prints where the time went.

const args = parseArgs();
const customers = Number(args.get('customers') ?? 1_000_000);
const profile = args.has('profile');

interface Measured extends Omit<Measurement, 'exactSeconds'> {
  customersPerSecond?: number;
  rows?: number;
  outcome?: Omit<ScreeningOutcome, 'results'>;
  sql?: SqlTotals[];
  sqlSeconds?: number;
}

const strip = ({ exactSeconds: _, ...m }: Measurement): Measured => m;

// ------------------------------------------------------------------------------------------------
// The raw pass

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const micro = (x: number) => Math.round(x * 1_000_000);

/**
 * The exit criteria as one SQL statement: per customer, the rules that fire (' EX1.X EX2.Y ', in the
 * order of the rule list, as exit_candidates.rules keeps them) and whether any EX3 condition lacks its
 * data. Only the customers with a rule or with data missing come out.
 */
export function rawScreeningSql(settings: ExitCriteriaSettingsDto, asOf: string) {
  const asOfYear = Number(asOf.slice(0, 4));
  const k = Math.max(1, settings.consecutiveYears);
  const sections = settings.restrictedIndustries.filter((c) => c.length === 1);
  const divisions = settings.restrictedIndustries.filter((c) => c.length > 1);
  const restricted =
    [
      sections.length > 0 ? `substr(x.industry, 1, 1) in (${sections.map(quote).join(',')})` : null,
      divisions.length > 0 ? `x.industry in (${divisions.map(quote).join(',')})` : null,
    ]
      .filter(Boolean)
      .join(' or ') || '0';
  // The rate in force on the last day of a fiscal year y is the latest one from on or before y-12-31,
  // that is, the latest of those whose from-year is ≤ y: a CASE from the newest year down.
  const lastOfYear = new Map<number, { from: string; rate: number }>();
  for (const r of settings.benchmarkRates) {
    const y = Number(r.from.slice(0, 4));
    const seen = lastOfYear.get(y);
    if (!seen || r.from > seen.from) lastOfYear.set(y, r);
  }
  const rateOf = `case ${[...lastOfYear]
    .sort((a, b) => b[0] - a[0])
    .map(([y, r]) => `when s.fiscal_year >= ${y} then ${micro(r.rate)}`)
    .join(' ')} end`;
  const flag = (code: string) => `max(code = ${quote(code)}) as ${quote(code).replace(/'/g, '"')}`;
  // EX3 fires on two or more of its four conditions (the debt ratio is null for foreign trade).
  const ex3 = '(x.cr is 1) + (x.dr is 1) + (x.roe is 1) + (x.ocf is 1) >= 2';
  const when: Record<string, string> = {
    'EX1.RESTRICTED_INDUSTRY': `x.industry is not null and (${restricted})`,
    'EX1.CREDIT_BELOW_B': `x.credit_grade in ('CCC', 'CC', 'C', 'D')`,
    'EX2.LOAN_CLASS': `x.loan_class in ('substandard', 'doubtful', 'loss')`,
    'EX3.CURRENT_RATIO': `${ex3} and x.cr = 1`,
    'EX3.DEBT_RATIO': `${ex3} and x.dr = 1`,
    'EX3.ROE': `${ex3} and x.roe = 1`,
    'EX3.NEGATIVE_OCF': `${ex3} and x.ocf = 1`,
  };
  for (const code of RISK_FLAG_CODES) when[code] = `f.${quote(code).replace(/'/g, '"')} = 1`;
  const rules = EXIT_RULES.codes
    .map((code) => `case when ${when[code]} then ${quote(`${code} `)} else '' end`)
    .join(' || ');
  return `
with
  yearly as (
    select s.customer_id, s.fiscal_year, s.current_assets as ca, s.current_liabilities as cl,
      s.total_assets as ta, s.total_liabilities as tl,
      case when s.owners_equity <= 0 then 1
           when s.owners_equity is null or s.net_profit is null or (${rateOf}) is null then null
           when s.net_profit * 1000000 < (${rateOf}) * s.owners_equity then 1 else 0 end as roe,
      case when s.operating_cash_flow is null then null when s.operating_cash_flow < 0 then 1 else 0 end as ocf
    from financial_statements s
    where s.fiscal_year <= ${asOfYear}),
  windowed as (
    select customer_id, fiscal_year, ca, cl, ta, tl,
      lead(fiscal_year) over (partition by customer_id order by fiscal_year) as next_year,
      count(*) over w as n, sum(roe = 0) over w as roe_no, sum(roe = 1) over w as roe_yes,
      sum(ocf = 0) over w as ocf_no, sum(ocf = 1) over w as ocf_yes
    from yearly
    window w as (partition by customer_id order by fiscal_year range between ${k - 1} preceding and current row)),
  -- the latest year's row of each customer, with its window of years
  latest as (select * from windowed where next_year is null),
  verdicts as (
    select customer_id,
      case when ca is null or cl is null then null when cl <= 0 then 0
           when ca * 1000000 < ${micro(settings.currentRatioBelow)} * cl then 1 else 0 end as cr,
      case when ta is null or tl is null then null when ta <= 0 then (case when tl > 0 then 1 end)
           when tl * 1000000 > ${micro(settings.debtRatioAbove)} * ta then 1 else 0 end as dr,
      case when roe_no > 0 then 0 when n = ${k} and roe_yes = ${k} then 1 end as roe,
      case when ocf_no > 0 then 0 when n = ${k} and ocf_yes = ${k} then 1 end as ocf
    from latest),
  flags as (
    select customer_id, ${RISK_FLAG_CODES.map(flag).join(', ')}
    from risk_flags
    where recorded_on <= ${quote(asOf)} and (cleared_on is null or cleared_on > ${quote(asOf)})
    group by customer_id),
  screened as (
    select c.id, c.kind, c.industry, c.credit_grade, c.loan_class, c.foreign_trade is 1 as ft, v.cr,
      case when c.foreign_trade is 1 then null else v.dr end as dr, v.roe, v.ocf
    from customers c left join verdicts v on c.kind = 'corporate' and v.customer_id = c.id)
select x.id,
  ' ' || (${rules}) as rules,
  x.kind = 'corporate' and (x.cr is null or (not x.ft and x.dr is null) or x.roe is null or x.ocf is null)
    as insufficient
from screened x left join flags f on f.customer_id = x.id
where rules <> ' ' or insufficient`;
}

interface RawResult {
  rows: number;
  candidates: Map<number, string>;
  insufficient: number;
  plan: string[];
}

function rawPass(db: SqliteDatabase.Database, sql: string): RawResult {
  const plan = (db.prepare(`explain query plan ${sql}`).all() as { detail: string }[]).map((p) => p.detail);
  const candidates = new Map<number, string>();
  let rows = 0;
  let insufficient = 0;
  for (const [id, rules, lacking] of db.prepare(sql).raw().iterate() as IterableIterator<
    [number, string, number]
  >) {
    rows++;
    if (rules !== ' ') candidates.set(id, rules);
    if (lacking) insufficient++;
  }
  return { rows, candidates, insufficient, plan };
}

// ------------------------------------------------------------------------------------------------
// The candidates list, raw

const RISK_OFFICER: Viewer = {
  id: 1,
  username: 'bench-risk',
  displayName: 'bench',
  role: 'risk_officer',
  teamId: null,
  locale: 'zh-CN',
  sessionId: null,
  csrfToken: null,
};

/** The first page, the total and the counts by rule, straight on the file. */
function rawCandidateList(db: SqliteDatabase.Database) {
  const page = db
    .prepare(
      `select c.id, c.code, c.name, c.kind, c.industry, c.credit_grade, c.loan_class, c.owner_id,
         o.display_name, e.since, e.screening_id, e.result_json, e.status, e.status_note, e.status_by,
         d.display_name, e.status_at, e.version,
         (select max(p.id) from exit_plans p where p.customer_id = e.customer_id) as plan_id
       from exit_candidates e join customers c on c.id = e.customer_id
       left join users o on o.id = c.owner_id left join users d on d.id = e.status_by
       order by e.since desc, c.id asc limit 20`,
    )
    .all() as { result_json: string }[];
  for (const r of page) JSON.parse(r.result_json);
  const total = (
    db
      .prepare('select count(*) as n from exit_candidates e join customers c on c.id = e.customer_id')
      .get() as { n: number }
  ).n;
  const byRule: Record<string, number> = {};
  for (const [rules, n] of db
    .prepare(
      'select e.rules, count(*) from exit_candidates e join customers c on c.id = e.customer_id group by e.rules',
    )
    .raw()
    .all() as [string, number][]) {
    for (const rule of rules.trim().split(' ')) if (rule) byRule[rule] = (byRule[rule] ?? 0) + n;
  }
  return { items: page.length, total, byRule };
}

// ------------------------------------------------------------------------------------------------

/** The queue as stored: customer → rules, and a digest of every column the runs write. */
function storedCandidates(file: string) {
  const db = openSqlite(file);
  try {
    const rows = db
      .prepare('select customer_id, rules, status, version, screening_id, result_json from exit_candidates')
      .raw()
      .all() as [number, string, string, number, number, string][];
    const status: Record<string, number> = {};
    let digest = 0;
    for (const [id, , s, version, screening, json] of rows) {
      status[s] = (status[s] ?? 0) + 1;
      digest = (digest * 31 + id * 7 + version * 13 + screening + json.length) % 1_000_000_007;
    }
    const results = db
      .prepare('select screening_id, count(*), sum(candidate) from exit_screening_results group by 1')
      .raw()
      .all() as [number, number, number][];
    return { rules: new Map(rows.map((r) => [r[0], r[1]])), status, digest, results };
  } finally {
    db.close();
  }
}

/** Where the run and the raw pass disagree (none expected). */
function compare(stored: Map<number, string>, raw: Map<number, string>) {
  const onlyRun: [number, string][] = [];
  const onlyRaw: [number, string][] = [];
  const differ: [number, string, string][] = [];
  for (const [id, rules] of stored) {
    const r = raw.get(id);
    if (r === undefined) onlyRun.push([id, rules]);
    else if (r !== rules) differ.push([id, rules, r]);
  }
  for (const [id, rules] of raw) if (!stored.has(id)) onlyRaw.push([id, rules]);
  return {
    same: onlyRun.length === 0 && onlyRaw.length === 0 && differ.length === 0,
    onlyRun: onlyRun.length,
    onlyRaw: onlyRaw.length,
    differ: differ.length,
    examples: { onlyRun: onlyRun.slice(0, 5), onlyRaw: onlyRaw.slice(0, 5), differ: differ.slice(0, 5) },
  };
}

function countByRule(rules: Iterable<string>) {
  const out: Record<string, number> = {};
  for (const text of rules) for (const r of text.trim().split(' ')) if (r) out[r] = (out[r] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort());
}

function table(rows: Measured[], raw: Measured) {
  const lines = [
    '| Work | Wall time | CPU time | Customers/s | Rows kept / read | × raw (wall) | × raw (CPU) | In SQLite | Peak RSS | Load (1 min) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const m of rows) {
    lines.push(
      `| ${m.work} | ${m.seconds.toFixed(2)} s | ${m.cpuSeconds.toFixed(2)} s | ${(m.customersPerSecond ?? 0).toLocaleString('en')} | ` +
        `${(m.rows ?? 0).toLocaleString('en')} | ${(m.seconds / raw.seconds).toFixed(2)} | ${(m.cpuSeconds / raw.cpuSeconds).toFixed(2)} | ` +
        `${m.sqlSeconds === undefined ? '–' : `${m.sqlSeconds.toFixed(2)} s`} | ${m.peakRssMb} MB | ${m.loadAverage} |`,
    );
  }
  return lines.join('\n');
}

function listTable(rows: Measured[]) {
  const lines = [
    '| Work | Wall time | CPU time | Candidates | In SQLite | Slowest statement | Load (1 min) |',
    '|---|---:|---:|---:|---:|---|---:|',
  ];
  for (const m of rows) {
    const top = m.sql?.[0];
    lines.push(
      `| ${m.work} | ${m.seconds.toFixed(2)} s | ${m.cpuSeconds.toFixed(2)} s | ${(m.rows ?? 0).toLocaleString('en')} | ` +
        `${m.sqlSeconds === undefined ? '–' : `${m.sqlSeconds.toFixed(2)} s`} | ` +
        `${top ? `${top.seconds.toFixed(2)} s ${top.sql.slice(0, 40)}…` : '–'} | ${m.loadAverage} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const started = new Date();
  const loadAverageAtStart = loadAverages();
  const { file: built, info } = await loadExitSqlite(customers, { fresh: args.has('fresh') });
  // The runs write: each bench run starts from a fresh copy of the built file.
  const file = path.join(DATA_DIR, `exit-${customers}.work.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(built, file);
  log(`exit: working copy ${path.relative(ROOT_DIR, file)} (${info.fileMb} MB)`);

  const settings = EXIT_BENCH_SETTINGS;
  const rawSql = rawScreeningSql(settings, AS_OF);
  const raws: Measured[] = [];
  const timeRaw = async (label: string) => {
    const db = openSqlite(file);
    try {
      const { m, result } = await measureRun(label, () => rawPass(db, rawSql));
      const out: Measured = {
        ...strip(m),
        customersPerSecond: Math.round(customers / m.exactSeconds),
        rows: result.rows,
      };
      raws.push(out);
      log(
        `  ${label}: ${m.seconds} s (cpu ${m.cpuSeconds} s), ${result.candidates.size.toLocaleString('en')} candidates, ` +
          `${result.insufficient.toLocaleString('en')} lacking data, load ${m.loadAverage}`,
      );
      return result;
    } finally {
      db.close();
    }
  };
  await timeRaw('raw pass (warm-up)');
  const raw = await timeRaw('raw pass');
  log(`  raw plan: ${raw.plan.join(' | ')}`);

  const sqlite = instrumentSqlite();
  const database = connect(`sqlite:${file}`);
  const deps: AppDeps = { db: database.db, dialect: 'sqlite', clock: () => new Date() };
  const runs: Measured[] = [];
  const lists: Measured[] = [];
  let profileSummary: ProfileSummary | undefined;
  let first: ReturnType<typeof storedCandidates> | undefined;
  let second: ReturnType<typeof storedCandidates> | undefined;
  let listResult: { total: number; items: number; byRule: Record<string, number> } | undefined;
  const timeRun = async (label: string, withProfile: boolean) => {
    sqlite.take();
    const stop = withProfile ? await startProfile() : null;
    const { m, result } = await measureRun(label, () =>
      runScreening(deps, { asOf: AS_OF, scope: 'bank', viewer: null, collect: 'none' }),
    );
    if (stop) {
      const out = path.join(
        DATA_DIR,
        `exit-${customers}-${started.toISOString().replace(/[:.]/g, '')}.cpuprofile`,
      );
      profileSummary = await stop(out);
      log(`  profile: ${path.relative(ROOT_DIR, out)}`);
    }
    const { results: _, ...outcome } = result;
    const sqlTotals = sqlite.take();
    const out: Measured = {
      ...strip(m),
      customersPerSecond: Math.round(result.screened / m.exactSeconds),
      outcome,
      sql: sqlTotals,
      sqlSeconds: Number(sqlTotals.reduce((s, q) => s + q.seconds, 0).toFixed(2)),
    };
    runs.push(out);
    log(
      `  ${label}: ${m.seconds} s (cpu ${m.cpuSeconds} s, sqlite ${out.sqlSeconds} s), ${JSON.stringify(outcome)}, ` +
        `peak RSS ${m.peakRssMb} MB, load ${m.loadAverage}`,
    );
    return result;
  };
  let firstOutcome: ScreeningOutcome | undefined;
  let secondOutcome: ScreeningOutcome | undefined;
  const timeList = async (label: string, on: AppDeps) => {
    sqlite.take();
    const { m, result } = await measureRun(label, () =>
      listCandidates(on, RISK_OFFICER, { page: 1, pageSize: 20 }),
    );
    const sqlTotals = sqlite.take();
    lists.push({
      ...strip(m),
      rows: result.total,
      sql: sqlTotals,
      sqlSeconds: Number(sqlTotals.reduce((s, q) => s + q.seconds, 0).toFixed(2)),
    });
    listResult = { total: result.total, items: result.items.length, byRule: result.byRule };
    log(
      `  ${label}: ${m.seconds} s (cpu ${m.cpuSeconds} s), total ${result.total}, ${result.items.length} items`,
    );
  };
  try {
    firstOutcome = await timeRun('first run (every candidate new)', profile);
    first = storedCandidates(file);
    runs[0]!.rows = first.results.find((r) => r[0] === firstOutcome!.id)?.[1];
    secondOutcome = await timeRun('second run (nothing changed)', false);
    second = storedCandidates(file);
    runs[1]!.rows = second.results.find((r) => r[0] === secondOutcome!.id)?.[1];
    // The server's connections were opened before the queue filled: their planner has no statistics
    // of exit_candidates (SQLite loads them when a connection opens).
    for (let i = 1; i <= 2; i++)
      await timeList(`list, risk officer, connections of before the run (#${i})`, deps);
    // What the import does after a commit: PRAGMA optimize (on the writer).
    await sql`PRAGMA optimize`.execute(deps.db);
    for (let i = 1; i <= 2; i++) await timeList(`list, risk officer, after PRAGMA optimize (#${i})`, deps);
  } finally {
    await database.close();
  }
  // A new connection (a restarted server) loads the statistics.
  {
    const fresh = connect(`sqlite:${file}`);
    try {
      const on: AppDeps = { db: fresh.db, dialect: 'sqlite', clock: () => new Date() };
      for (let i = 1; i <= 2; i++) await timeList(`list, risk officer, new connections (#${i})`, on);
    } finally {
      sqlite.restore();
      await fresh.close();
    }
  }
  for (let i = 1; i <= 2; i++) {
    const db = openSqlite(file);
    const label = `list, raw SQL (#${i})`;
    const { m, result } = await measureRun(label, () => rawCandidateList(db));
    lists.push({ ...strip(m), rows: result.total });
    if (result.total !== listResult?.total) {
      throw new Error(`candidates list: raw total ${result.total}, API ${listResult?.total}`);
    }
    log(`  ${label}: ${m.seconds} s (cpu ${m.cpuSeconds} s), total ${result.total}`);
    db.close();
  }
  await timeRaw('raw pass (after the runs)');

  // ---- the checks
  const check = compare(first!.rules, raw.candidates);
  const rawResultRows = raw.rows;
  const firstId = firstOutcome!.id;
  const firstResults = first!.results.find((r) => r[0] === firstId);
  const checks = {
    candidatesRun: firstOutcome!.candidates,
    candidatesStored: first!.rules.size,
    candidatesRaw: raw.candidates.size,
    insufficientRun: firstOutcome!.insufficient,
    insufficientRaw: raw.insufficient,
    resultRowsRun: firstResults?.[1] ?? 0,
    resultRowsRaw: rawResultRows,
    sameCandidatesAndRules: check.same,
    ...check,
    secondRunNewCandidates: secondOutcome!.newCandidates,
    queueUnchangedBySecondRun:
      first!.digest === second!.digest && JSON.stringify(first!.status) === JSON.stringify(second!.status),
    status: second!.status,
    byRuleRaw: countByRule(raw.candidates.values()),
    byRuleList: Object.fromEntries(Object.entries(listResult?.byRule ?? {}).sort()),
  };
  const problems: string[] = [];
  if (checks.candidatesRun !== checks.candidatesRaw || checks.candidatesStored !== checks.candidatesRaw)
    problems.push(
      `candidates: run ${checks.candidatesRun}, stored ${checks.candidatesStored}, raw ${checks.candidatesRaw}`,
    );
  if (!check.same) problems.push(`candidates differ: ${JSON.stringify(check)}`);
  if (checks.insufficientRun !== checks.insufficientRaw)
    problems.push(`lacking data: run ${checks.insufficientRun}, raw ${checks.insufficientRaw}`);
  if (checks.resultRowsRun !== checks.resultRowsRaw)
    problems.push(`result rows: run ${checks.resultRowsRun}, raw ${checks.resultRowsRaw}`);
  if (!checks.queueUnchangedBySecondRun || checks.secondRunNewCandidates !== 0)
    problems.push('the second run changed the queue');
  if (JSON.stringify(checks.byRuleRaw) !== JSON.stringify(checks.byRuleList))
    problems.push('counts by rule: list and raw differ');
  log(problems.length === 0 ? 'checks: run and raw agree' : `CHECKS FAILED:\n  ${problems.join('\n  ')}`);

  const measuredRaw = raws[1]!;
  const report = {
    at: started.toISOString(),
    customers,
    asOf: AS_OF,
    machine: machine(),
    loadAverageAtStart,
    loadAverageAtEnd: loadAverages(),
    data: info satisfies ExitLoadInfo,
    settings,
    raw: { plan: raw.plan, sql: rawSql },
    measurements: [...raws, ...runs],
    lists,
    firstOverRaw: Number((runs[0]!.seconds / measuredRaw.seconds).toFixed(2)),
    firstOverRawCpu: Number((runs[0]!.cpuSeconds / measuredRaw.cpuSeconds).toFixed(2)),
    secondOverRaw: Number((runs[1]!.seconds / measuredRaw.seconds).toFixed(2)),
    secondOverRawCpu: Number((runs[1]!.cpuSeconds / measuredRaw.cpuSeconds).toFixed(2)),
    checks,
    problems,
    profile: profileSummary,
    fileMb: Math.round(fs.statSync(file).size / 2 ** 20),
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const out = path.join(RESULTS_DIR, `${report.at.replace(/[:.]/g, '').slice(0, 17)}-exit-${customers}.json`);
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `\n${customers.toLocaleString('en')} customers, ${info.corporates.toLocaleString('en')} corporates, ` +
      `${info.statements.toLocaleString('en')} statements; ${raw.candidates.size.toLocaleString('en')} candidates\n`,
  );
  console.log(table([...raws, ...runs], measuredRaw));
  console.log(`\n${listTable(lists)}`);
  console.log(
    `\nfirst ÷ raw = ${report.firstOverRaw} (wall), ${report.firstOverRawCpu} (CPU); ` +
      `second ÷ raw = ${report.secondOverRaw} (wall), ${report.secondOverRawCpu} (CPU)`,
  );
  if (profileSummary) console.log(JSON.stringify(profileSummary, null, 2));
  log(`results in ${path.relative(ROOT_DIR, out)}`);
  if (problems.length > 0) process.exitCode = 1;
}

await main();
