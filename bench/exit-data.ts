import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { type BenchmarkRate, DEFAULT_BENCHMARK_RATES } from '../src/domain/exit-criteria';
import type { DB } from '../src/server/db/database';
import { createRandom, type Random } from '../src/server/db/demo/random';
import { INDUSTRY_WORDS } from '../src/server/db/demo/vocabulary';
import { EXIT_SETTINGS } from '../src/server/modules/exit/exit-settings';
import { insertSettings } from '../src/server/modules/settings/settings.repository';
import type { RiskFlagCode } from '../src/shared/codes';
import type { ExitCriteriaSettingsDto } from '../src/shared/schemas/exit';
import { DATA_DIR, elapsed, log, parseArgs, ROOT_DIR, sqliteFileFor } from './common';
import { loadSqlite } from './load';

// The data of the exit-screening benchmark (issue #9, DOMAIN §6.1): the customers of bench/load.ts with
// what the exit criteria read. Built into bench/.data/exit-<N>.sqlite from a copy of
// customers-<N>.sqlite and reused while that file's fingerprint and this generator's code (comments
// aside) are unchanged (`--fresh` rebuilds). Deterministic.
//
// - Kind: bench/dataset.ts makes ~60% of customers corporate; the goal speaks of 300,000 corporates in
//   1,000,000, so a deterministic half of them (each kept with probability 0.3 ÷ the base share) become
//   individuals here: kind, industry, size, foreign trade, founding date and revenue as an individual
//   has them (the name stays a company's name; the screening does not read it). With a base share
//   under 30%, individuals would be made corporate (an industry drawn from the vocabulary) instead.
// - Annual statements 2021–2025 for every corporate (~1.5M rows at 1M customers), integer fen: total
//   assets log-normal (median 30M yuan, σ 1.6), growing ~6% a year with noise; a debt ratio, a current
//   ratio, an ROE and an operating cash flow margin per customer, with yearly noise. 90% are healthy
//   (a tenth of them with one weak year for ROE or cash flow, never three in a row), 6% have one
//   weakness, 4% are distressed with two to four: current ratio < 0.5, debt ratio > 0.8 (some above 1:
//   negative equity), ROE below the benchmark rate, negative operating cash flow — each from a year
//   2021–2024 on (from 2024 is only two years: not "3 consecutive years"). Missing data: 2% lack 2025
//   (not delivered yet), 2% lack one year of 2021–2024, 1% never reported the cash-flow statement
//   (operating cash flow null), 1% are new borrowers with 2024–2025 only.
// - Credit grades as bench/dataset.ts gives them (~45% of customers borrow; ~6% of those CCC…D); loan
//   classes there are only normal or special mention, so ~1.5% of borrowers (35% of those graded
//   CCC…D) get substandard, doubtful or loss.
// - Risk flags: ~2.5% of corporates and ~0.35% of individuals (~1% of customers), one to three flags
//   each (EX1 assessments, EX4 adverse records, EX5 nominations with a reason), recorded 2022-01…
//   2026-11; 30% cleared since (a few on the screening day itself, which no longer counts).
// - Exit plans for ~6% of the customers with a bad loan class or a flag: draft, submitted, approved,
//   executing (under way) or rejected.
// - A saved exit-criteria version (settings_versions, key `exit-criteria`, through the settings
//   repository): restricted industries B (mining: coal, ores), C30 (cement, glass, new materials) and
//   C31 (steel), the default thresholds and benchmark rates.

export const AS_OF = '2026-11-29';
export const FIRST_YEAR = 2021;
export const LAST_YEAR = 2025;
export const CORPORATE_SHARE = 0.3;
export const RESTRICTED_INDUSTRIES = ['B', 'C30', 'C31'];
export const EXIT_BENCH_SETTINGS: ExitCriteriaSettingsDto = {
  restrictedIndustries: RESTRICTED_INDUSTRIES,
  currentRatioBelow: 0.5,
  debtRatioAbove: 0.8,
  consecutiveYears: 3,
  benchmarkRates: DEFAULT_BENCHMARK_RATES.map((r: BenchmarkRate) => ({ ...r })),
  teamLeadReview: false,
};
const ROWS_PER_STATEMENT = 500;
const NOW = '2026-11-01T00:00:00.000Z';

export interface ExitLoadInfo {
  customers: number;
  corporates: number;
  /** corporates of the base file made individuals (or, negative, individuals made corporate) */
  kindChanged: number;
  statements: number;
  corporatesWithWeakness: number;
  corporatesDistressed: number;
  corporatesMissingData: number;
  foreignTradeCorporates: number;
  badCreditGrades: number;
  badLoanClasses: number;
  flaggedCustomers: number;
  flags: number;
  flagsCleared: number;
  plans: number;
  activePlans: number;
  restrictedIndustries: string[];
  fileMb: number;
  seconds: number;
  reused: boolean;
}

export function exitFileFor(customers: number) {
  return path.join(DATA_DIR, `exit-${customers}.sqlite`);
}

function fingerprint(customers: number) {
  const meta = JSON.parse(fs.readFileSync(`${sqliteFileFor(customers)}.meta`, 'utf8')) as {
    fingerprint: string;
  };
  return createHash('sha256')
    .update(meta.fingerprint)
    .update(fs.readFileSync(path.join(ROOT_DIR, 'bench/exit-data.ts'), 'utf8').replace(/^\s*\/\/.*$/gm, ''))
    .digest('hex')
    .slice(0, 16);
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const DAY = 86_400_000;
const dayText = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const FLAGS_FROM = Date.UTC(2022, 0, 1);
const FLAGS_TO = Date.UTC(2026, 10, 28);

type Weakness = 'currentRatio' | 'debtRatio' | 'roe' | 'ocf';
const WEAKNESSES: readonly Weakness[] = ['currentRatio', 'debtRatio', 'roe', 'ocf'];

const CORPORATE_FLAGS: readonly (readonly [RiskFlagCode, number])[] = [
  ['EX4.ARREARS', 28],
  ['EX1.POOR_OPERATIONS', 14],
  ['EX1.POOR_PROSPECTS', 10],
  ['EX1.POOR_REPUTATION', 8],
  ['EX4.MAJOR_EVENT', 8],
  ['EX1.BACKWARD_TECH', 6],
  ['EX4.FALSE_STATEMENTS', 6],
  ['EX4.DEBT_EVASION', 5],
  ['EX4.MANAGEMENT_VIOLATION', 5],
  ['EX5.OTHER', 7],
];
const INDIVIDUAL_FLAGS: readonly (readonly [RiskFlagCode, number])[] = [
  ['EX4.ARREARS', 60],
  ['EX4.DEBT_EVASION', 15],
  ['EX1.POOR_REPUTATION', 10],
  ['EX5.OTHER', 15],
];
const FLAG_NOTES: Partial<Record<RiskFlagCode, readonly string[]>> = {
  'EX4.ARREARS': ['连续两期欠息', '被其他银行催收', '税务机关通报欠税'],
  'EX1.POOR_OPERATIONS': ['管理层频繁变动，经营亏损扩大', '主要客户流失，订单下降'],
  'EX1.POOR_PROSPECTS': ['所属行业产能过剩', '政策限制，市场萎缩'],
  'EX5.OTHER': ['涉诉较多，建议退出', '实际控制人失联', '担保圈风险'],
};

/** One year's figures, fen (operating cash flow null when the cash-flow statement is missing). */
interface Year {
  fiscalYear: number;
  currentAssets: number;
  currentLiabilities: number;
  totalAssets: number;
  totalLiabilities: number;
  ownersEquity: number;
  netProfit: number;
  operatingCashFlow: number | null;
  revenue: number;
}

/** Five years of a corporate's statements, and what kind of customer it is. */
function corporateYears(r: Random) {
  const x = r.next();
  const weak = new Set<Weakness>();
  if (x < 0.06) weak.add(r.pick(WEAKNESSES));
  else if (x < 0.1) for (const w of r.sample(WEAKNESSES, r.int(2, 4))) weak.add(w);
  const since = new Map<Weakness, number>();
  for (const w of weak) since.set(w, r.int(FIRST_YEAR, LAST_YEAR - 1));

  const assets0 = Math.min(5e13, Math.max(5e7, r.logNormal(Math.log(3e9), 1.6)));
  const growth = 0.06 + r.normal() * 0.08;
  const debtRatio = r.float(0.25, 0.75);
  const badDebtRatio = r.chance(0.15) ? r.float(1.0, 1.2) : r.float(0.82, 0.98);
  const currentShare = r.float(0.3, 0.7);
  const currentRatio = r.float(0.9, 2.6);
  const badCurrentRatio = r.float(0.2, 0.48);
  const roe = r.float(0.05, 0.2);
  const margin = r.float(0.02, 0.12);
  const turnover = r.float(0.5, 1.5);
  const noOcf = r.chance(0.01);
  // A healthy customer's one weak year for ROE or cash flow (never three in a row).
  const weakYear = weak.size === 0 && r.chance(0.1) ? r.int(FIRST_YEAR, LAST_YEAR) : 0;
  const weakYearOf = r.chance(0.5) ? 'roe' : 'ocf';
  const years: Year[] = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    const hit = (w: Weakness) => weak.has(w) && y >= since.get(w)!;
    const totalAssets = Math.round(assets0 * Math.exp(growth * (y - FIRST_YEAR)) * (1 + r.normal() * 0.05));
    const dr = hit('debtRatio') ? badDebtRatio : Math.min(0.78, Math.max(0.1, debtRatio + r.normal() * 0.03));
    const totalLiabilities = Math.round(totalAssets * dr);
    const ownersEquity = totalAssets - totalLiabilities;
    let currentAssets = Math.round(totalAssets * currentShare);
    let currentLiabilities: number;
    if (hit('currentRatio')) {
      const cr = badCurrentRatio + r.float(-0.02, 0.02);
      currentLiabilities = Math.round(currentAssets / cr);
      if (currentLiabilities > totalLiabilities) {
        currentLiabilities = Math.round(totalLiabilities * 0.95);
        currentAssets = Math.round(currentLiabilities * cr);
      }
    } else {
      currentLiabilities = Math.min(
        Math.round(currentAssets / Math.max(0.7, currentRatio + r.normal() * 0.1)),
        Math.round(totalLiabilities * 0.9),
      );
    }
    const revenue = Math.round(totalAssets * turnover * (1 + r.normal() * 0.08));
    let netProfit: number;
    if (ownersEquity <= 0) netProfit = -Math.round(totalAssets * r.float(0.01, 0.05));
    else if (hit('roe') || (weakYear === y && weakYearOf === 'roe'))
      netProfit = Math.round(ownersEquity * r.float(-0.08, 0.025));
    else netProfit = Math.round(ownersEquity * Math.max(0.045, roe + r.normal() * 0.02));
    let operatingCashFlow: number | null;
    if (noOcf) operatingCashFlow = null;
    else if (hit('ocf') || (weakYear === y && weakYearOf === 'ocf'))
      operatingCashFlow = -Math.round(revenue * r.float(0.01, 0.08));
    else operatingCashFlow = Math.round(revenue * Math.max(0.005, margin + r.normal() * 0.02));
    years.push({
      fiscalYear: y,
      currentAssets,
      currentLiabilities,
      totalAssets,
      totalLiabilities,
      ownersEquity,
      netProfit,
      operatingCashFlow,
      revenue,
    });
  }
  // Missing years.
  const m = r.next();
  let kept = years;
  if (m < 0.02) kept = years.filter((y) => y.fiscalYear !== LAST_YEAR);
  else if (m < 0.04) {
    const gap = r.int(FIRST_YEAR, LAST_YEAR - 1);
    kept = years.filter((y) => y.fiscalYear !== gap);
  } else if (m < 0.05) kept = years.filter((y) => y.fiscalYear >= LAST_YEAR - 1);
  return {
    years: kept,
    weak: weak.size,
    missing: kept.length < years.length || noOcf,
  };
}

export async function loadExitSqlite(
  customers: number,
  options: { fresh?: boolean } = {},
): Promise<{ file: string; info: ExitLoadInfo }> {
  const { file: baseFile } = await loadSqlite(customers);
  const file = exitFileFor(customers);
  const metaFile = `${file}.meta`;
  const print = fingerprint(customers);
  if (!options.fresh && fs.existsSync(file) && fs.existsSync(metaFile)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as { fingerprint: string; info: ExitLoadInfo };
    if (meta.fingerprint === print) {
      log(`exit: reusing ${path.relative(ROOT_DIR, file)}`);
      return { file, info: { ...meta.info, reused: true } };
    }
  }
  const started = performance.now();
  const building = `${file}.building`;
  for (const f of [file, `${file}-wal`, `${file}-shm`, metaFile, building]) fs.rmSync(f, { force: true });
  fs.copyFileSync(baseFile, building);
  log(`exit: copied ${path.basename(baseFile)} (${elapsed(started)})`);
  const db = new SqliteDatabase(building);
  // No journal while building (a failed build is rebuilt); defensive mode refuses journal_mode = OFF.
  db.unsafeMode(true);
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -1048576');

  const base = db
    .prepare('select id, kind, credit_grade, loan_class, owner_id from customers order by id')
    .raw()
    .all() as [number, string, string | null, string | null, number | null][];
  const baseCorporates = base.filter((c) => c[1] === 'corporate').length;
  const baseShare = baseCorporates / Math.max(1, base.length);

  // ---- kinds: 30% corporate
  const rk = createRandom(2026, 'exit-kinds');
  const toIndividual = db.prepare(
    `update customers set kind = 'individual', industry = null, size = null, foreign_trade = 0,
       established_on = null, annual_revenue = null, financial_assets = ? where id = ?`,
  );
  const toCorporate = db.prepare(
    `update customers set kind = 'corporate', industry = ?, size = ?, foreign_trade = ?, financial_assets = null,
       annual_revenue = ? where id = ?`,
  );
  const corporate = new Uint8Array(base.length + 1);
  let kindChanged = 0;
  db.exec('begin');
  for (const [id, kind] of base) {
    if (baseShare > CORPORATE_SHARE) {
      if (kind !== 'corporate') continue;
      if (rk.chance(CORPORATE_SHARE / baseShare)) corporate[id] = 1;
      else {
        toIndividual.run(Math.round(rk.logNormal(Math.log(3_000_000), 1.5)), id);
        kindChanged++;
      }
    } else if (kind === 'corporate') corporate[id] = 1;
    else if (rk.chance((CORPORATE_SHARE - baseShare) / (1 - baseShare))) {
      const word = rk.weighted(INDUSTRY_WORDS.map((w) => [w, w.weight] as const));
      toCorporate.run(
        word.industry,
        rk.pick(['large', 'medium', 'small', 'micro']),
        rk.chance(word.foreignTradeShare) ? 1 : 0,
        Math.floor(rk.next() * 5e12),
        id,
      );
      corporate[id] = 1;
      kindChanged--;
    }
  }
  db.exec('commit');
  log(`exit: kinds set, ${Math.abs(kindChanged).toLocaleString('en')} changed (${elapsed(started)})`);

  // ---- loan classes: a few % of borrowers substandard, doubtful or loss
  const rl = createRandom(2026, 'exit-loans');
  const setLoan = db.prepare('update customers set loan_class = ? where id = ?');
  const BAD_GRADES = new Set(['CCC', 'CC', 'C', 'D']);
  let badCreditGrades = 0;
  let badLoanClasses = 0;
  const badLoan = new Uint8Array(base.length + 1);
  db.exec('begin');
  for (const [id, , grade, loanClass] of base) {
    if (grade !== null && BAD_GRADES.has(grade)) badCreditGrades++;
    if (loanClass === null) continue;
    if (!rl.chance(grade !== null && BAD_GRADES.has(grade) ? 0.35 : 0.015)) continue;
    setLoan.run(
      rl.weighted([
        ['substandard', 55],
        ['doubtful', 30],
        ['loss', 15],
      ] as const),
      id,
    );
    badLoan[id] = 1;
    badLoanClasses++;
  }
  db.exec('commit');

  // ---- statements
  const COLUMNS = [
    'customer_id',
    'fiscal_year',
    'current_assets',
    'current_liabilities',
    'total_assets',
    'total_liabilities',
    'owners_equity',
    'net_profit',
    'operating_cash_flow',
    'revenue',
    'version',
    'created_at',
    'updated_at',
  ];
  const row = `(${COLUMNS.map(() => '?').join(',')})`;
  const insertMany = db.prepare(
    `insert into financial_statements (${COLUMNS.join(',')}) values ${Array(ROWS_PER_STATEMENT).fill(row).join(',')}`,
  );
  const insertOne = db.prepare(`insert into financial_statements (${COLUMNS.join(',')}) values ${row}`);
  const params: (number | string | null)[] = new Array(ROWS_PER_STATEMENT * COLUMNS.length);
  let pending = 0;
  let statements = 0;
  let weakened = 0;
  let distressed = 0;
  let missingData = 0;
  const rs = createRandom(2026, 'exit-statements');
  db.exec('begin');
  for (const [id] of base) {
    if (!corporate[id]) continue;
    const { years, weak, missing } = corporateYears(rs);
    if (weak === 1) weakened++;
    if (weak > 1) distressed++;
    if (missing) missingData++;
    for (const y of years) {
      const o = pending * COLUMNS.length;
      params[o] = id;
      params[o + 1] = y.fiscalYear;
      params[o + 2] = y.currentAssets;
      params[o + 3] = y.currentLiabilities;
      params[o + 4] = y.totalAssets;
      params[o + 5] = y.totalLiabilities;
      params[o + 6] = y.ownersEquity;
      params[o + 7] = y.netProfit;
      params[o + 8] = y.operatingCashFlow;
      params[o + 9] = y.revenue;
      params[o + 10] = 1;
      params[o + 11] = `${y.fiscalYear + 1}-04-30T02:00:00.000Z`;
      params[o + 12] = `${y.fiscalYear + 1}-04-30T02:00:00.000Z`;
      statements++;
      if (++pending === ROWS_PER_STATEMENT) {
        insertMany.run(params);
        pending = 0;
      }
    }
  }
  for (let i = 0; i < pending; i++) insertOne.run(params.slice(i * COLUMNS.length, (i + 1) * COLUMNS.length));
  db.exec('commit');
  log(`exit: ${statements.toLocaleString('en')} statements (${elapsed(started)})`);

  // ---- risk flags
  const rf = createRandom(2026, 'exit-flags');
  const insFlag = db.prepare(
    `insert into risk_flags (customer_id, code, recorded_on, note, recorded_by, cleared_on, cleared_by, clear_note,
       version, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let flaggedCustomers = 0;
  let flags = 0;
  let flagsCleared = 0;
  const flagged = new Uint8Array(base.length + 1);
  db.exec('begin');
  for (const [id, , , , owner] of base) {
    if (!rf.chance(corporate[id] ? 0.025 : 0.0035)) continue;
    flaggedCustomers++;
    flagged[id] = 1;
    const n = rf.weighted([
      [1, 70],
      [2, 22],
      [3, 8],
    ] as const);
    const seen = new Set<string>();
    for (let k = 0; k < n; k++) {
      const code = rf.weighted(corporate[id] ? CORPORATE_FLAGS : INDIVIDUAL_FLAGS);
      const at = FLAGS_FROM + Math.floor(rf.next() * ((FLAGS_TO - FLAGS_FROM) / DAY)) * DAY;
      const recordedOn = dayText(at);
      if (seen.has(`${code} ${recordedOn}`)) continue;
      seen.add(`${code} ${recordedOn}`);
      const notes = FLAG_NOTES[code];
      const note = code === 'EX5.OTHER' || (notes && rf.chance(0.6)) ? rf.pick(notes ?? ['其他']) : null;
      let clearedOn: string | null = null;
      if (rf.chance(0.3)) {
        clearedOn = rf.chance(0.03)
          ? AS_OF
          : dayText(at + Math.floor(rf.next() * ((FLAGS_TO - at) / DAY + 1)) * DAY);
        flagsCleared++;
      }
      const by = owner ?? 1;
      insFlag.run(
        id,
        code,
        recordedOn,
        note,
        by,
        clearedOn,
        clearedOn === null ? null : by,
        clearedOn === null ? null : '风险已化解',
        1,
        `${recordedOn}T02:00:00.000Z`,
        `${clearedOn ?? recordedOn}T02:00:00.000Z`,
      );
      flags++;
    }
  }
  db.exec('commit');

  // ---- exit plans for a few of the customers at risk
  const rp = createRandom(2026, 'exit-plans');
  const insPlan = db.prepare(
    `insert into exit_plans (customer_id, status, content, willingness, scope, business_lines, object, means,
       reasons, reason_note, triggers_json, target_date, review_stage, asset_balance, liability_balance,
       completed_on, created_by, version, created_at, updated_at)
     values (?, ?, 'customer', 'active', 'whole', 'asset,liability', ?, 'collection', 'risk_reduction', null,
       '[]', ?, ?, null, null, null, ?, 1, ?, ?)`,
  );
  let plans = 0;
  let activePlans = 0;
  db.exec('begin');
  for (const [id, , , , owner] of base) {
    if (!(badLoan[id] || flagged[id]) || !rp.chance(0.06)) continue;
    const status = rp.weighted([
      ['draft', 30],
      ['submitted', 20],
      ['approved', 10],
      ['executing', 25],
      ['rejected', 15],
    ] as const);
    const month = rp.int(1, 10);
    insPlan.run(
      id,
      status,
      corporate[id] ? 'corporate' : 'individual',
      `2027-${pad2(month + 2)}-28`,
      status === 'submitted' ? 'risk' : null,
      owner ?? 1,
      `2026-${pad2(month)}-15T02:00:00.000Z`,
      `2026-${pad2(month)}-20T02:00:00.000Z`,
    );
    plans++;
    if (status !== 'rejected') activePlans++;
  }
  db.exec('commit');

  // ---- the exit criteria in force, saved as an administrator would (one version)
  const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: db }) });
  await insertSettings(kysely, {
    key: EXIT_SETTINGS.key,
    version: 1,
    settings_json: JSON.stringify(EXIT_BENCH_SETTINGS),
    reason: '限制类行业：采矿业（B）、非金属矿物制品（C30）、黑色金属冶炼（C31）',
    created_by: 1,
    created_at: NOW,
  });
  const foreignTradeCorporates = (
    db
      .prepare("select count(*) as n from customers where kind = 'corporate' and foreign_trade = 1")
      .get() as {
      n: number;
    }
  ).n;
  const corporates = (
    db.prepare("select count(*) as n from customers where kind = 'corporate'").get() as { n: number }
  ).n;
  log(`exit: flags, plans and settings written (${elapsed(started)}); analyze`);
  db.exec('analyze customers; analyze financial_statements; analyze risk_flags; analyze exit_plans');
  db.pragma('locking_mode = NORMAL');
  db.pragma('journal_mode = WAL');
  db.unsafeMode(false);
  await kysely.destroy(); // closes db
  fs.renameSync(building, file);
  const info: ExitLoadInfo = {
    customers,
    corporates,
    kindChanged,
    statements,
    corporatesWithWeakness: weakened,
    corporatesDistressed: distressed,
    corporatesMissingData: missingData,
    foreignTradeCorporates,
    badCreditGrades,
    badLoanClasses,
    flaggedCustomers,
    flags,
    flagsCleared,
    plans,
    activePlans,
    restrictedIndustries: RESTRICTED_INDUSTRIES,
    fileMb: Math.round(fs.statSync(file).size / 2 ** 20),
    seconds: Math.round((performance.now() - started) / 100) / 10,
    reused: false,
  };
  fs.writeFileSync(metaFile, JSON.stringify({ fingerprint: print, info }, null, 2));
  log(`exit: built in ${elapsed(started)}: ${JSON.stringify(info)}`);
  return { file, info };
}

// ------------------------------------------------------------------------------------------------
// CLI: tsx bench/exit-data.ts [--customers N] [--fresh]

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs();
  await loadExitSqlite(Number(args.get('customers') ?? 1_000_000), { fresh: args.has('fresh') });
}
