// Churn 客户流失: DOMAIN §5 (loyalty measure 6 and the survey method "analyse why customers left").
// Pure, no I/O.
//
// (our rules, the share configurable) A customer is lost in a month when, tried in this order:
// 1. exit: the bank completed a whole exit of the relationship (§6);
// 2. all_closed: it had products and every one is closed at the end of the month;
// 3. balance_drop: its average balance of the last 3 months (M−2…M) fell by the configured share or
//    more (default 80%) against the 3 months before (M−5…M−3) — the same sums the lifecycle rule
//    compares, in exact integer arithmetic, so exactly 80% counts as lost.
// The churn rate of a period is the customers lost in it ÷ the customers the bank had at its start.

import type { ChurnCause } from '../shared/codes';

export interface ChurnSettings {
  /** A fraction: 0.8 = the balance fell by 80% or more */
  balanceDropShare: number;
}

export const DEFAULT_CHURN_SETTINGS: ChurnSettings = { balanceDropShare: 0.8 };

export interface ChurnInput {
  accountsHeld: number;
  accountsOpen: number;
  /** Σ average balance M−2…M and M−5…M−3, fen */
  recentBalance: number;
  beforeBalance: number;
  exitCompleted?: boolean;
}

export interface ChurnEvidence {
  cause: ChurnCause;
  accountsHeld: number;
  accountsOpen: number;
  recentBalance?: number;
  beforeBalance?: number;
  /** (before − recent) ÷ before */
  drop?: number;
  balanceDropShare?: number;
}

/** Whether the customer counts as lost, and why; null when it does not. */
export function detectChurn(input: ChurnInput, settings: ChurnSettings): ChurnEvidence | null {
  const base = { accountsHeld: input.accountsHeld, accountsOpen: input.accountsOpen };
  if (input.exitCompleted) return { cause: 'exit', ...base };
  if (input.accountsHeld > 0 && input.accountsOpen === 0) return { cause: 'all_closed', ...base };
  const before = BigInt(Math.round(input.beforeBalance));
  const recent = BigInt(Math.round(input.recentBalance));
  if (before <= 0n || input.accountsOpen === 0) return null;
  const shareBp = BigInt(Math.round(settings.balanceDropShare * 10_000));
  // (before − recent) ÷ before ≥ share  ⇔  (before − recent) × 10,000 ≥ share_bp × before
  if ((before - recent) * 10_000n < shareBp * before) return null;
  return {
    cause: 'balance_drop',
    ...base,
    recentBalance: input.recentBalance,
    beforeBalance: input.beforeBalance,
    drop: (input.beforeBalance - input.recentBalance) / input.beforeBalance,
    balanceDropShare: settings.balanceDropShare,
  };
}

/** Customers lost in a period ÷ customers at its start; null when there were none at the start. */
export function churnRate(lost: number, atStart: number): number | null {
  if (atStart <= 0) return null;
  return lost / atStart;
}
