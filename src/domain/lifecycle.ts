// Customer lifecycle 客户生命周期: DOMAIN §2.1. The stage of a customer in a month, inferred from its
// accounts and monthly figures, with the evidence (the numbers compared). Pure, no I/O.
//
// The rules are tried in order, the first that holds wins:
// 1. termination: the customer had accounts and every one is closed at the end of the month, or a whole
//    exit was completed;
// 2. potential: no account was opened by the end of the month;
// 3. development: the first account was opened fewer than `developmentMonths` (6) months before the
//    month (opened in M−5…M; opened in M−6 is no longer development);
// 4. growth / maturity / decline: the total of the last 3 months (M−2…M) against the 3 before
//    (M−5…M−3) of the average balance, or of the contribution (net interest contribution + fee
//    income) when every open account is a loan. Growth when it rose by the growth threshold (10%) or
//    more; decline when it fell by the decline threshold (10%) or more, or fewer accounts are open than
//    at the end of M−3; maturity otherwise. Totals compare as sums (same 3 months on both sides), in
//    exact integer arithmetic, so exactly +10% is growth and exactly −10% decline. A rise from nothing
//    is growth; nothing on both sides is no change.

import type { LifecycleStage } from '../shared/codes';
import { LOAN_PRODUCTS, type Product } from '../shared/codes';
import { addMonths, dateMonthIndex, monthEnd, monthIndex } from './months';

export interface LifecycleSettings {
  developmentMonths: number;
  /** A fraction: 0.1 = +10% */
  growthThreshold: number;
  /** A fraction: 0.1 = −10% */
  declineThreshold: number;
}

export const DEFAULT_LIFECYCLE_SETTINGS: LifecycleSettings = {
  developmentMonths: 6,
  growthThreshold: 0.1,
  declineThreshold: 0.1,
};

export interface LifecycleAccount {
  product: Product | string;
  openedOn: string;
  closedOn: string | null;
}

/** Sums over 3 months, fen. */
export interface LifecycleTotals {
  recentBalance: number;
  beforeBalance: number;
  recentContribution: number;
  beforeContribution: number;
}

export interface LifecycleInput {
  /** The month inferred, YYYY-MM. */
  month: string;
  accounts: readonly LifecycleAccount[];
  totals: LifecycleTotals;
  exitCompleted?: boolean;
}

export type LifecycleRule = 'exit' | 'all_closed' | 'no_product' | 'first_product' | 'trend';

export interface LifecycleEvidence {
  rule: LifecycleRule;
  month: string;
  accountsHeld: number;
  accountsOpen: number;
  /** development: the month the first account was opened and the months since */
  firstOpened?: string;
  monthsSinceFirst?: number;
  /** trend: what was compared */
  measure?: 'balance' | 'contribution';
  recent?: number;
  before?: number;
  /**
   * (recent − before) ÷ |before| to a millionth (shown, not compared: the rule compares the sums
   * exactly); null when before is 0
   */
  change?: number | null;
  openBefore?: number;
  /** The thresholds the rule applied (development: developmentMonths; trend: growth and decline). */
  developmentMonths?: number;
  growthThreshold?: number;
  declineThreshold?: number;
}

export interface LifecycleInference {
  stage: LifecycleStage;
  evidence: LifecycleEvidence;
}

const LOANS: ReadonlySet<string> = new Set(LOAN_PRODUCTS);

/** Accounts open at the end of `month`. */
export function openAt(accounts: readonly LifecycleAccount[], month: string): number {
  const end = monthEnd(month);
  let n = 0;
  for (const a of accounts) if (a.openedOn <= end && (a.closedOn === null || a.closedOn > end)) n++;
  return n;
}

/** The change of `recent` against `before` as a fraction, null when there was nothing before. */
export const changeOf = (recent: number, before: number) =>
  before === 0 ? null : (recent - before) / Math.abs(before);

// A millionth is 0.0001%; the shorter number also costs a history row of a million less to write.
const toMillionth = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);

/**
 * recent − before ≥ threshold × |before|, exactly (the threshold read in basis points): in doubles
 * while both products are below 2^53, where they are exact, in big integers beyond.
 */
function reached(diff: number, before: number, threshold: number) {
  const d = Math.round(diff);
  const b = Math.round(Math.abs(before));
  const bp = Math.round(threshold * 10_000);
  const left = d * 10_000;
  const right = bp * b;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return left >= right;
  return BigInt(d) * 10_000n >= BigInt(bp) * BigInt(b);
}

/** The evidence of a rule that looks only at the accounts counted. */
const counted = (rule: LifecycleRule, month: string, held: number, open: number): LifecycleEvidence => ({
  rule,
  month,
  accountsHeld: held,
  accountsOpen: open,
});

export function inferLifecycle(input: LifecycleInput, settings: LifecycleSettings): LifecycleInference {
  const { month } = input;
  const end = monthEnd(month);
  // One pass over the accounts (a million customers twice a run): those held at the end of the
  // month, those of them still open, the first opening, and whether every open one is a loan.
  let held = 0;
  let open = 0;
  let first: string | null = null;
  let loanOnly = true;
  for (const a of input.accounts) {
    if (a.openedOn > end) continue;
    held++;
    if (first === null || a.openedOn < first) first = a.openedOn;
    if (a.closedOn === null || a.closedOn > end) {
      open++;
      if (!LOANS.has(a.product)) loanOnly = false;
    }
  }
  if (input.exitCompleted) return { stage: 'termination', evidence: counted('exit', month, held, open) };
  if (held > 0 && open === 0)
    return { stage: 'termination', evidence: counted('all_closed', month, held, open) };
  if (first === null) return { stage: 'potential', evidence: counted('no_product', month, held, open) };
  const since = monthIndex(month) - dateMonthIndex(first);
  if (since < settings.developmentMonths)
    return {
      stage: 'development',
      evidence: {
        rule: 'first_product',
        month,
        accountsHeld: held,
        accountsOpen: open,
        firstOpened: first,
        monthsSinceFirst: since,
        developmentMonths: settings.developmentMonths,
      },
    };
  const measure = loanOnly ? 'contribution' : 'balance';
  const t = input.totals;
  const recent = loanOnly ? t.recentContribution : t.recentBalance;
  const before = loanOnly ? t.beforeContribution : t.beforeBalance;
  const diff = recent - before;
  const openBefore = openAt(input.accounts, addMonths(month, -3));
  const evidence: LifecycleEvidence = {
    rule: 'trend',
    month,
    accountsHeld: held,
    accountsOpen: open,
    firstOpened: first,
    monthsSinceFirst: since,
    measure,
    recent,
    before,
    change: toMillionth(changeOf(recent, before)),
    openBefore,
    growthThreshold: settings.growthThreshold,
    declineThreshold: settings.declineThreshold,
  };
  if (diff > 0 && reached(diff, before, settings.growthThreshold)) return { stage: 'growth', evidence };
  if ((diff < 0 && reached(-diff, before, settings.declineThreshold)) || open < openBefore)
    return { stage: 'decline', evidence };
  return { stage: 'maturity', evidence };
}
