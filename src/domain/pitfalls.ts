// Pitfalls 误区 the software warns about: DOMAIN §5. Pure, no I/O.
//
// 1. Endless concessions at the bank's expense: the yearly cost of the customer's concessions in force
//    (fee waivers 费用减免 and rate discounts 利率优惠) is larger than a share (our rule, configurable,
//    default 30%) of its realized value. Exactly the share is not a warning; any cost with no positive
//    value is.
// 3. Misjudged prospects and a wrong loan policy: a customer with an open loan whose latest financial
//    statements are missing, older than `maxAgeMonths` (15) months, or worsening. A fiscal year's
//    statements are dated at its end (31 December); they are stale from the first day after that date
//    plus 15 months (FY2024 is still current on 2026-03-31 and stale on 2026-04-01). Worsening (our
//    rule): owners' equity at or below zero, or at least two of revenue, net profit and operating cash
//    flow lower than the year before, or the debt ratio (total liabilities ÷ total assets) higher.

import { addMonths, monthEnd } from './months';

export interface Concession {
  /** fen a year */
  yearlyCost: number;
}

export interface ConcessionWarning {
  /** fen */
  yearlyCost: number;
  /** fen */
  realized: number;
  /** the configured share */
  share: number;
  /** yearlyCost ÷ realized, null when realized ≤ 0 */
  ratio: number | null;
}

export function concessionWarning(
  concessions: readonly Concession[],
  realized: number,
  share: number,
): ConcessionWarning | null {
  const yearlyCost = concessions.reduce((s, c) => s + c.yearlyCost, 0);
  if (yearlyCost <= 0) return null;
  const ratio = realized > 0 ? yearlyCost / realized : null;
  // cost > share × realized, exactly: the share read in basis points.
  const over =
    realized <= 0 ||
    BigInt(Math.round(yearlyCost)) * 10_000n >
      BigInt(Math.round(share * 10_000)) * BigInt(Math.round(realized));
  return over ? { yearlyCost, realized, share, ratio } : null;
}

export interface Statement {
  fiscalYear: number;
  /** fen, null when not reported */
  totalAssets: number | null;
  totalLiabilities: number | null;
  ownersEquity: number | null;
  netProfit: number | null;
  operatingCashFlow: number | null;
  revenue: number | null;
}

export type StatementProblem = 'missing' | 'stale' | 'worsening';
export type WorseningSign =
  | 'equity_not_positive'
  | 'revenue_down'
  | 'profit_down'
  | 'cash_flow_down'
  | 'debt_ratio_up';

export interface StatementWarning {
  problem: StatementProblem;
  latestYear: number | null;
  /** stale: the last day the latest statements were current */
  currentUntil?: string;
  signs?: WorseningSign[];
}

/** The last day the statements of `fiscalYear` count as current. */
export const statementsCurrentUntil = (fiscalYear: number, maxAgeMonths: number) =>
  monthEnd(addMonths(`${fiscalYear}-12`, maxAgeMonths));

const debtRatio = (s: Statement) =>
  s.totalAssets !== null && s.totalLiabilities !== null && s.totalAssets > 0
    ? s.totalLiabilities / s.totalAssets
    : null;

export function worseningSigns(latest: Statement, previous: Statement | null): WorseningSign[] {
  const signs: WorseningSign[] = [];
  if (latest.ownersEquity !== null && latest.ownersEquity <= 0) signs.push('equity_not_positive');
  if (!previous || previous.fiscalYear !== latest.fiscalYear - 1) return signs;
  const down = (a: number | null, b: number | null) => a !== null && b !== null && a < b;
  const falls: WorseningSign[] = [];
  if (down(latest.revenue, previous.revenue)) falls.push('revenue_down');
  if (down(latest.netProfit, previous.netProfit)) falls.push('profit_down');
  if (down(latest.operatingCashFlow, previous.operatingCashFlow)) falls.push('cash_flow_down');
  const now = debtRatio(latest);
  const then = debtRatio(previous);
  if (now !== null && then !== null && now > then) falls.push('debt_ratio_up');
  if (falls.length >= 2) signs.push(...falls);
  return signs;
}

/** The warning for a customer with an open loan, or null when its statements are sound. */
export function statementWarning(
  statements: readonly Statement[],
  today: string,
  maxAgeMonths: number,
): StatementWarning | null {
  if (statements.length === 0) return { problem: 'missing', latestYear: null };
  const sorted = [...statements].sort((a, b) => b.fiscalYear - a.fiscalYear);
  const latest = sorted[0]!;
  const currentUntil = statementsCurrentUntil(latest.fiscalYear, maxAgeMonths);
  if (today > currentUntil) return { problem: 'stale', latestYear: latest.fiscalYear, currentUntil };
  const signs = worseningSigns(latest, sorted[1] ?? null);
  return signs.length > 0 ? { problem: 'worsening', latestYear: latest.fiscalYear, signs } : null;
}
