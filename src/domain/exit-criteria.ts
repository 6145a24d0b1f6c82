import { type CreditGrade, EXIT_RULES, type ExitRule, type RiskFlagCode } from '../shared/codes';
import { industryMatches } from '../shared/industries';

// The exit criteria of DOMAIN §6.1 as one pure function: given what the bank knows of a customer on
// a day (its grades, its annual statements, the risk flags people recorded) and the bank's criteria,
// which rules make it an exit candidate and on which figures. EX3 conditions are judged in three
// values (met, not met, unknown): a condition is met only on figures, not met as soon as one figure
// contradicts it, and reported as insufficient data when neither can be said.

export interface BenchmarkRate {
  /** YYYY-MM-DD: the rate applies from this day on */
  from: string;
  /** a fraction: 0.0435 is 4.35% */
  rate: number;
}

export interface ExitCriteria {
  /** GB/T 4754 codes: a section letter matches all its divisions, a division only itself */
  restrictedIndustries: readonly string[];
  currentRatioBelow: number;
  debtRatioAbove: number;
  consecutiveYears: number;
  benchmarkRates: readonly BenchmarkRate[];
}

/** PBOC one-year loan benchmark from 2015-10-24, then the one-year LPR at each of its changes. */
export const DEFAULT_BENCHMARK_RATES: readonly BenchmarkRate[] = [
  { from: '2015-10-24', rate: 0.0435 },
  { from: '2019-08-20', rate: 0.0425 },
  { from: '2019-09-20', rate: 0.042 },
  { from: '2019-11-20', rate: 0.0415 },
  { from: '2020-02-20', rate: 0.0405 },
  { from: '2020-04-20', rate: 0.0385 },
  { from: '2021-12-20', rate: 0.038 },
  { from: '2022-01-20', rate: 0.037 },
  { from: '2022-08-22', rate: 0.0365 },
  { from: '2023-06-20', rate: 0.0355 },
  { from: '2023-08-21', rate: 0.0345 },
  { from: '2024-07-22', rate: 0.0335 },
  { from: '2024-10-21', rate: 0.031 },
  { from: '2025-05-20', rate: 0.03 },
];

export const DEFAULT_EXIT_CRITERIA: ExitCriteria = {
  restrictedIndustries: [],
  currentRatioBelow: 0.5,
  debtRatioAbove: 0.8,
  consecutiveYears: 3,
  benchmarkRates: DEFAULT_BENCHMARK_RATES,
};

/** Annual figures in fen; null when not reported. */
export interface StatementFigures {
  fiscalYear: number;
  currentAssets: number | null;
  currentLiabilities: number | null;
  totalAssets: number | null;
  totalLiabilities: number | null;
  ownersEquity: number | null;
  netProfit: number | null;
  operatingCashFlow: number | null;
}

export interface RiskFlagFact {
  id: number;
  code: RiskFlagCode;
  recordedOn: string;
  clearedOn: string | null;
  note: string | null;
}

export interface ScreeningFacts {
  kind: 'corporate' | 'individual';
  industry: string | null;
  creditGrade: CreditGrade | null;
  loanClass: string | null;
  foreignTrade: boolean;
  statements: readonly StatementFigures[];
  flags: readonly RiskFlagFact[];
}

export interface YearFigures {
  fiscalYear: number;
  /** fen */
  netProfit?: number | null;
  ownersEquity?: number | null;
  operatingCashFlow?: number | null;
  /** ROE as a fraction; null when equity ≤ 0 (counted as below) or unknown */
  roe?: number | null;
  benchmarkRate?: number | null;
}

/** What a rule fired on; the fields present depend on the rule. Amounts are fen, ratios fractions. */
export interface ExitEvidence {
  industry?: string;
  restrictedCode?: string;
  creditGrade?: string;
  loanClass?: string;
  flag?: { id: number; recordedOn: string; note: string | null };
  fiscalYear?: number;
  ratio?: number | null;
  threshold?: number;
  currentAssets?: number;
  currentLiabilities?: number;
  totalAssets?: number;
  totalLiabilities?: number;
  years?: YearFigures[];
}

export interface ExitTrigger {
  rule: ExitRule;
  evidence: ExitEvidence;
}

export interface ScreeningResult {
  candidate: boolean;
  triggers: ExitTrigger[];
  /** EX3 conditions that could be neither confirmed nor ruled out */
  insufficientData: ExitRule[];
  /** EX3 conditions that the criteria say do not apply (the debt ratio of a foreign-trade enterprise) */
  exempt: ExitRule[];
}

const BAD_CREDIT: ReadonlySet<string> = new Set(['CCC', 'CC', 'C', 'D']);
const BAD_LOANS: ReadonlySet<string> = new Set(['substandard', 'doubtful', 'loss']);
const SCALE = 1_000_000;
const RULE_ORDER = new Map<ExitRule, number>(EXIT_RULES.codes.map((r, i) => [r, i]));

/**
 * a ÷ b < t (or > t when `above`), exactly, for integer amounts a and b > 0 and a threshold with up
 * to 6 decimals: compared as a·10⁶ against round(t·10⁶)·b, in doubles while exact, else BigInt.
 */
export function ratioBeyond(a: number, b: number, threshold: number, above: boolean): boolean {
  const t = Math.round(threshold * SCALE);
  const left = a * SCALE;
  const right = t * b;
  if (Math.abs(left) <= Number.MAX_SAFE_INTEGER && Math.abs(right) <= Number.MAX_SAFE_INTEGER) {
    return above ? left > right : left < right;
  }
  const l = BigInt(a) * BigInt(SCALE);
  const r = BigInt(t) * BigInt(b);
  return above ? l > r : l < r;
}

/** The benchmark rate in force on the last day of a fiscal year, or null before the table starts. */
export function benchmarkRateFor(rates: readonly BenchmarkRate[], fiscalYear: number): number | null {
  const yearEnd = `${fiscalYear}-12-31`;
  let found: BenchmarkRate | null = null;
  for (const r of rates) if (r.from <= yearEnd && (!found || r.from > found.from)) found = r;
  return found ? found.rate : null;
}

type Verdict = 'met' | 'not_met' | 'unknown';

/** Three-valued "in each year": not met once a known year fails, unknown if any year is missing. */
function eachYear<T>(years: readonly (T | null)[], judge: (y: T) => Verdict): Verdict {
  let unknown = false;
  for (const y of years) {
    const v = y === null ? 'unknown' : judge(y);
    if (v === 'not_met') return 'not_met';
    if (v === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'met';
}

interface Ex3Outcome {
  verdict: Verdict;
  evidence: ExitEvidence;
}

function currentRatio(latest: StatementFigures | null, criteria: ExitCriteria): Ex3Outcome {
  const threshold = criteria.currentRatioBelow;
  if (!latest || latest.currentAssets === null || latest.currentLiabilities === null) {
    return { verdict: 'unknown', evidence: { fiscalYear: latest?.fiscalYear, threshold } };
  }
  const { currentAssets: a, currentLiabilities: l } = latest;
  const evidence: ExitEvidence = {
    fiscalYear: latest.fiscalYear,
    currentAssets: a,
    currentLiabilities: l,
    ratio: l > 0 ? a / l : null,
    threshold,
  };
  // No current liabilities: the ratio is unbounded, never below a threshold.
  if (l <= 0) return { verdict: 'not_met', evidence };
  return { verdict: ratioBeyond(a, l, threshold, false) ? 'met' : 'not_met', evidence };
}

function debtRatio(latest: StatementFigures | null, criteria: ExitCriteria): Ex3Outcome {
  const threshold = criteria.debtRatioAbove;
  if (!latest || latest.totalAssets === null || latest.totalLiabilities === null) {
    return { verdict: 'unknown', evidence: { fiscalYear: latest?.fiscalYear, threshold } };
  }
  const { totalAssets: a, totalLiabilities: l } = latest;
  const evidence: ExitEvidence = {
    fiscalYear: latest.fiscalYear,
    totalLiabilities: l,
    totalAssets: a,
    ratio: a > 0 ? l / a : null,
    threshold,
  };
  // No assets: any liability is more than any share of them; no assets and no debts says nothing.
  if (a <= 0) return { verdict: l > 0 ? 'met' : 'unknown', evidence };
  return { verdict: ratioBeyond(l, a, threshold, true) ? 'met' : 'not_met', evidence };
}

function roeBelowBenchmark(window: readonly (StatementFigures | null)[], criteria: ExitCriteria): Ex3Outcome {
  const years: YearFigures[] = [];
  const verdict = eachYear(window, (s) => {
    const rate = benchmarkRateFor(criteria.benchmarkRates, s.fiscalYear);
    const equity = s.ownersEquity;
    const profit = s.netProfit;
    years.push({
      fiscalYear: s.fiscalYear,
      netProfit: profit,
      ownersEquity: equity,
      roe: equity !== null && equity > 0 && profit !== null ? profit / equity : null,
      benchmarkRate: rate,
    });
    if (equity !== null && equity <= 0) return 'met';
    if (equity === null || profit === null || rate === null) return 'unknown';
    return ratioBeyond(profit, equity, rate, false) ? 'met' : 'not_met';
  });
  return { verdict, evidence: { years } };
}

function negativeCashFlow(window: readonly (StatementFigures | null)[]): Ex3Outcome {
  const years: YearFigures[] = [];
  const verdict = eachYear(window, (s) => {
    years.push({ fiscalYear: s.fiscalYear, operatingCashFlow: s.operatingCashFlow });
    if (s.operatingCashFlow === null) return 'unknown';
    return s.operatingCashFlow < 0 ? 'met' : 'not_met';
  });
  return { verdict, evidence: { years } };
}

/** The flag is in force on `asOf`: recorded by then and not cleared by then. */
export const flagActive = (flag: RiskFlagFact, asOf: string) =>
  flag.recordedOn <= asOf && (flag.clearedOn === null || flag.clearedOn > asOf);

/** Screens one customer on `asOf` (YYYY-MM-DD) against the criteria, with every trigger's evidence. */
export function screenCustomer(facts: ScreeningFacts, criteria: ExitCriteria, asOf: string): ScreeningResult {
  const triggers: ExitTrigger[] = [];
  const insufficientData: ExitRule[] = [];
  const exempt: ExitRule[] = [];

  // EX1: any one.
  if (facts.industry) {
    const restricted = criteria.restrictedIndustries.find((code) => industryMatches(code, facts.industry!));
    if (restricted !== undefined) {
      triggers.push({
        rule: 'EX1.RESTRICTED_INDUSTRY',
        evidence: { industry: facts.industry, restrictedCode: restricted },
      });
    }
  }
  if (facts.creditGrade !== null && BAD_CREDIT.has(facts.creditGrade)) {
    triggers.push({ rule: 'EX1.CREDIT_BELOW_B', evidence: { creditGrade: facts.creditGrade } });
  }
  // EX2.
  if (facts.loanClass !== null && BAD_LOANS.has(facts.loanClass)) {
    triggers.push({ rule: 'EX2.LOAN_CLASS', evidence: { loanClass: facts.loanClass } });
  }

  // EX3: two or more of four, from the statements of fiscal years up to asOf's year.
  if (facts.kind === 'corporate') {
    const asOfYear = Number(asOf.slice(0, 4));
    const byYear = new Map<number, StatementFigures>();
    for (const s of facts.statements) if (s.fiscalYear <= asOfYear) byYear.set(s.fiscalYear, s);
    const latestYear = byYear.size > 0 ? Math.max(...byYear.keys()) : null;
    const latest = latestYear === null ? null : byYear.get(latestYear)!;
    const window: (StatementFigures | null)[] = [];
    for (let i = 0; i < Math.max(1, criteria.consecutiveYears); i++) {
      window.push(latestYear === null ? null : (byYear.get(latestYear - i) ?? null));
    }
    const outcomes: [ExitRule, Ex3Outcome | null][] = [
      ['EX3.CURRENT_RATIO', currentRatio(latest, criteria)],
      ['EX3.DEBT_RATIO', facts.foreignTrade ? null : debtRatio(latest, criteria)],
      ['EX3.ROE', roeBelowBenchmark(window, criteria)],
      ['EX3.NEGATIVE_OCF', negativeCashFlow(window)],
    ];
    const met: ExitTrigger[] = [];
    for (const [rule, outcome] of outcomes) {
      if (outcome === null) exempt.push(rule);
      else if (outcome.verdict === 'met') met.push({ rule, evidence: outcome.evidence });
      else if (outcome.verdict === 'unknown') insufficientData.push(rule);
    }
    if (met.length >= 2) triggers.push(...met);
  }

  // EX1 assessments, EX4 adverse records and EX5 nominations: the flags in force, one trigger per
  // rule (the earliest flag in force is its evidence).
  const flags = facts.flags
    .filter((f) => flagActive(f, asOf))
    .sort((a, b) => (a.recordedOn < b.recordedOn ? -1 : a.recordedOn > b.recordedOn ? 1 : a.id - b.id));
  const seen = new Set<ExitRule>();
  for (const f of flags) {
    if (seen.has(f.code)) continue;
    seen.add(f.code);
    triggers.push({ rule: f.code, evidence: { flag: { id: f.id, recordedOn: f.recordedOn, note: f.note } } });
  }
  triggers.sort((a, b) => RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)!);
  return { candidate: triggers.length > 0, triggers, insufficientData, exempt };
}
