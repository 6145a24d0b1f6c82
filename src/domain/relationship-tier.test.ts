import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type RelationshipTierInput,
  type RelationshipTierSettings,
  suggestRelationshipTier,
} from './relationship-tier';

// fen: corporate 500,000 yuan, individual 20,000 yuan of realized value; 1,000,000 yuan of assets
const SETTINGS: RelationshipTierSettings = {
  highEndRealized: { corporate: 50_000_000, individual: 2_000_000 },
  highEndFinancialAssets: 100_000_000,
};

const suggest = (over: Partial<RelationshipTierInput>) =>
  suggestRelationshipTier(
    { kind: 'corporate', openAccounts: 1, realized: 0, financialAssets: null, ...over },
    SETTINGS,
  );

describe('relationship tier suggestion 按关系划分', () => {
  it('is potential with no open account, whatever the value', () => {
    expect(suggest({ openAccounts: 0, realized: 1e12 })).toEqual({
      tier: 'potential',
      reason: 'no_open_account',
    });
    expect(suggest({ kind: 'individual', openAccounts: 0, financialAssets: 1e12 }).tier).toBe('potential');
  });

  it('is high-end at exactly the realized-value threshold of the kind, ordinary one fen below', () => {
    expect(suggest({ realized: 50_000_000 })).toEqual({
      tier: 'high_end',
      reason: 'realized_value',
      amount: 50_000_000,
      threshold: 50_000_000,
    });
    expect(suggest({ realized: 49_999_999 })).toEqual({
      tier: 'ordinary',
      reason: 'below_thresholds',
      amount: 49_999_999,
      threshold: 50_000_000,
    });
    expect(suggest({ kind: 'individual', realized: 2_000_000 }).tier).toBe('high_end');
    expect(suggest({ kind: 'individual', realized: 1_999_999 }).tier).toBe('ordinary');
    // an individual's threshold does not make a corporate customer high-end
    expect(suggest({ kind: 'corporate', realized: 2_000_000 }).tier).toBe('ordinary');
  });

  it('makes an individual high-end at exactly the financial-assets threshold, not one fen below', () => {
    expect(suggest({ kind: 'individual', realized: 0, financialAssets: 100_000_000 })).toEqual({
      tier: 'high_end',
      reason: 'financial_assets',
      amount: 100_000_000,
      threshold: 100_000_000,
    });
    expect(suggest({ kind: 'individual', financialAssets: 99_999_999 }).tier).toBe('ordinary');
    expect(suggest({ kind: 'individual', financialAssets: null }).tier).toBe('ordinary');
  });

  it('ignores financial assets for a corporate customer', () => {
    expect(suggest({ kind: 'corporate', financialAssets: 1e12 }).tier).toBe('ordinary');
  });

  it('gives realized value as the reason when both thresholds are met', () => {
    const s = suggest({ kind: 'individual', realized: 2_000_000, financialAssets: 100_000_000 });
    expect(s.reason).toBe('realized_value');
  });

  it('is potential exactly when no account is open, and high-end never below both thresholds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('corporate' as const, 'individual' as const),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }),
        (kind, openAccounts, realized, financialAssets) => {
          const s = suggestRelationshipTier({ kind, openAccounts, realized, financialAssets }, SETTINGS);
          expect(s.tier === 'potential').toBe(openAccounts === 0);
          const aboveRealized = realized >= SETTINGS.highEndRealized[kind];
          const aboveAssets =
            kind === 'individual' &&
            financialAssets !== null &&
            financialAssets >= SETTINGS.highEndFinancialAssets;
          if (openAccounts > 0) expect(s.tier === 'high_end').toBe(aboveRealized || aboveAssets);
        },
      ),
    );
  });
});
