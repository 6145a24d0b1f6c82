// Tier by relationship with the bank 按关系划分 (DOMAIN §2): potential 潜在客户, ordinary 普通客户,
// high-end 高端客户. The text gives no rule; ours (configurable): no open account → potential; realized
// value at or above the high-end threshold of the customer's kind, or (individuals) financial assets at
// or above the high-end assets threshold → high-end; otherwise ordinary. It is a suggestion: the RM
// sets the customer's tier, and the page shows the suggestion and why beside it. Pure, no I/O.

import type { CustomerKind, CustomerTier } from '../shared/codes';

export interface RelationshipTierSettings {
  /** fen of realized value per kind */
  highEndRealized: Record<CustomerKind, number>;
  /** fen of an individual's financial assets */
  highEndFinancialAssets: number;
}

export interface RelationshipTierInput {
  kind: CustomerKind;
  openAccounts: number;
  /** fen */
  realized: number;
  /** fen */
  financialAssets: number | null;
}

export type RelationshipTierReason =
  | 'no_open_account'
  | 'realized_value'
  | 'financial_assets'
  | 'below_thresholds';

export interface RelationshipTierSuggestion {
  tier: CustomerTier;
  reason: RelationshipTierReason;
  /** The figure and threshold compared, fen (none for no_open_account). */
  amount?: number;
  threshold?: number;
}

export function suggestRelationshipTier(
  input: RelationshipTierInput,
  settings: RelationshipTierSettings,
): RelationshipTierSuggestion {
  if (input.openAccounts === 0) return { tier: 'potential', reason: 'no_open_account' };
  const realizedThreshold = settings.highEndRealized[input.kind];
  if (input.realized >= realizedThreshold)
    return {
      tier: 'high_end',
      reason: 'realized_value',
      amount: input.realized,
      threshold: realizedThreshold,
    };
  if (
    input.kind === 'individual' &&
    input.financialAssets !== null &&
    input.financialAssets >= settings.highEndFinancialAssets
  )
    return {
      tier: 'high_end',
      reason: 'financial_assets',
      amount: input.financialAssets,
      threshold: settings.highEndFinancialAssets,
    };
  return {
    tier: 'ordinary',
    reason: 'below_thresholds',
    amount: input.realized,
    threshold: realizedThreshold,
  };
}
