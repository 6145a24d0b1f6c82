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
import { addMonths, monthEnd, monthIndex } from './months';

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

const isLoan = (p: string) => (LOAN_PRODUCTS as readonly string[]).includes(p);

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

/** recent − before ≥ threshold × |before|, exactly (the threshold read in basis points). */
function reached(diff: number, before: number, threshold: number) {
  const bp = BigInt(Math.round(threshold * 10_000));
  return BigInt(Math.round(diff)) * 10_000n >= bp * BigInt(Math.round(Math.abs(before)));
}

export function inferLifecycle(input: LifecycleInput, settings: LifecycleSettings): LifecycleInference {
  const { month } = input;
  const end = monthEnd(month);
  const held = input.accounts.filter((a) => a.openedOn <= end);
  const open = held.filter((a) => a.closedOn === null || a.closedOn > end);
  const base = { month, accountsHeld: held.length, accountsOpen: open.length };
  if (input.exitCompleted) return { stage: 'termination', evidence: { rule: 'exit', ...base } };
  if (held.length > 0 && open.length === 0)
    return { stage: 'termination', evidence: { rule: 'all_closed', ...base } };
  if (held.length === 0) return { stage: 'potential', evidence: { rule: 'no_product', ...base } };
  let first = held[0]!.openedOn;
  for (const a of held) if (a.openedOn < first) first = a.openedOn;
  const since = monthIndex(month) - monthIndex(first.slice(0, 7));
  if (since < settings.developmentMonths)
    return {
      stage: 'development',
      evidence: {
        rule: 'first_product',
        ...base,
        firstOpened: first,
        monthsSinceFirst: since,
        developmentMonths: settings.developmentMonths,
      },
    };
  const loanOnly = open.every((a) => isLoan(a.product));
  const measure = loanOnly ? 'contribution' : 'balance';
  const t = input.totals;
  const recent = loanOnly ? t.recentContribution : t.recentBalance;
  const before = loanOnly ? t.beforeContribution : t.beforeBalance;
  const diff = recent - before;
  const openBefore = openAt(input.accounts, addMonths(month, -3));
  const evidence: LifecycleEvidence = {
    rule: 'trend',
    ...base,
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
  if ((diff < 0 && reached(-diff, before, settings.declineThreshold)) || open.length < openBefore)
    return { stage: 'decline', evidence };
  return { stage: 'maturity', evidence };
}
