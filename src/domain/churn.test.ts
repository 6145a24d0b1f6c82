import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChurnInput, type ChurnSettings, churnRate, DEFAULT_CHURN_SETTINGS, detectChurn } from './churn';

/** A customer with 2 products open and flat balances. */
const KEPT: ChurnInput = { accountsHeld: 2, accountsOpen: 2, recentBalance: 300_000, beforeBalance: 300_000 };
const detect = (input: Partial<ChurnInput>, settings: ChurnSettings = DEFAULT_CHURN_SETTINGS) =>
  detectChurn({ ...KEPT, ...input }, settings);
const balances = (before: number, recent: number) => detect({ beforeBalance: before, recentBalance: recent });

describe('churn: whether a customer is lost', () => {
  it('does not count a customer with products open and steady balances', () => {
    expect(detect({})).toBeNull();
    // balances grew
    expect(balances(300_000, 900_000)).toBeNull();
  });

  it('tries a completed exit first, even with products open or everything closed', () => {
    expect(detect({ exitCompleted: true })).toEqual({ cause: 'exit', accountsHeld: 2, accountsOpen: 2 });
    expect(detect({ exitCompleted: true, accountsOpen: 0, recentBalance: 0 })).toEqual({
      cause: 'exit',
      accountsHeld: 2,
      accountsOpen: 0,
    });
    expect(detect({ exitCompleted: false })).toBeNull();
  });

  it('counts a customer whose every product is closed, before looking at balances', () => {
    expect(detect({ accountsOpen: 0 })).toEqual({ cause: 'all_closed', accountsHeld: 2, accountsOpen: 0 });
    // the balances fell too: still all_closed, no balance evidence
    expect(detect({ accountsHeld: 1, accountsOpen: 0, recentBalance: 0 })).toEqual({
      cause: 'all_closed',
      accountsHeld: 1,
      accountsOpen: 0,
    });
    // one product of three still open: not all closed
    expect(detect({ accountsHeld: 3, accountsOpen: 1 })).toBeNull();
  });

  it('does not count a customer that never held a product', () => {
    expect(detect({ accountsHeld: 0, accountsOpen: 0, beforeBalance: 0, recentBalance: 0 })).toBeNull();
    expect(detect({ accountsHeld: 0, accountsOpen: 0, beforeBalance: 500_000, recentBalance: 0 })).toBeNull();
  });

  it('counts a fall of exactly 80% as lost, with its evidence', () => {
    expect(balances(300_000, 60_000)).toEqual({
      cause: 'balance_drop',
      accountsHeld: 2,
      accountsOpen: 2,
      recentBalance: 60_000,
      beforeBalance: 300_000,
      drop: 0.8,
      balanceDropShare: 0.8,
    });
    expect(balances(300_000, 0)).toMatchObject({ cause: 'balance_drop', drop: 1 });
  });

  it('compares exactly where floating point would err', () => {
    // recent is exactly 20% of before; before × (1 − 0.8) in binary is 60,000,000,000,000.98 < recent
    expect(balances(300_000_000_000_005, 60_000_000_000_001)?.cause).toBe('balance_drop');
    // one fen more is a fall of 79.99999999999997%: kept
    expect(balances(300_000_000_000_005, 60_000_000_000_002)).toBeNull();
    // near the largest safe integer: 9,007,199,254,740,990 ÷ 5 = 1,801,439,850,948,198
    expect(balances(9_007_199_254_740_990, 1_801_439_850_948_198)?.cause).toBe('balance_drop');
    expect(balances(9_007_199_254_740_990, 1_801_439_850_948_199)).toBeNull();
  });

  it('keeps a customer whose balance fell by 79.99%, loses one at 80.01%', () => {
    expect(balances(1_000_000, 200_100)).toBeNull();
    expect(balances(1_000_000, 199_900)?.cause).toBe('balance_drop');
  });

  it('does not count a fall in balance when there was nothing before', () => {
    expect(balances(0, 0)).toBeNull();
    expect(balances(0, 50_000)).toBeNull();
    expect(balances(-10_000, -90_000)).toBeNull();
  });

  it('follows a configured share', () => {
    const half = { balanceDropShare: 0.5 };
    expect(detect({ beforeBalance: 1_000, recentBalance: 500 }, half)).toMatchObject({
      cause: 'balance_drop',
      drop: 0.5,
      balanceDropShare: 0.5,
    });
    expect(detect({ beforeBalance: 1_000, recentBalance: 501 }, half)).toBeNull();
    // 0.7 is 0.69999999999999996 in binary; 30% left is exactly a fall of 70%, one fen more is not
    const seventy = { balanceDropShare: 0.7 };
    expect(
      detect({ beforeBalance: 100_000_000_000_010, recentBalance: 30_000_000_000_003 }, seventy)?.cause,
    ).toBe('balance_drop');
    expect(
      detect({ beforeBalance: 100_000_000_000_010, recentBalance: 30_000_000_000_004 }, seventy),
    ).toBeNull();
  });

  it('loses at exactly a fifth left and keeps at one fen more, for any balance', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: BigInt(Number.MAX_SAFE_INTEGER) / 5n }), (k) => {
        const fifth = Number(k);
        const before = 5 * fifth;
        expect(balances(before, fifth)?.cause).toBe('balance_drop');
        expect(balances(before, fifth + 1)).toBeNull();
        expect(balances(before, fifth - 1)?.cause).toBe('balance_drop');
      }),
    );
  });
});

describe('churn rate', () => {
  it('is customers lost ÷ customers at the start', () => {
    expect(churnRate(3, 120)).toBe(0.025);
    expect(churnRate(0, 120)).toBe(0);
    expect(churnRate(120, 120)).toBe(1);
    expect(churnRate(1, 3)).toBeCloseTo(0.333_333_333_333, 12);
  });

  it('is null with no customers at the start', () => {
    expect(churnRate(0, 0)).toBeNull();
    expect(churnRate(5, 0)).toBeNull();
  });
});
