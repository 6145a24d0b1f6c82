import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  concessionWarning,
  type Statement,
  statementsCurrentUntil,
  statementWarning,
  worseningSigns,
} from './pitfalls';

const cost = (...fen: number[]) => fen.map((yearlyCost) => ({ yearlyCost }));

describe('pitfall 1: endless concessions', () => {
  it('does not warn at exactly the share of realized value, warns one fen above', () => {
    expect(concessionWarning(cost(30_000), 100_000, 0.3)).toBeNull();
    const w = concessionWarning(cost(30_001), 100_000, 0.3);
    expect(w).toMatchObject({ yearlyCost: 30_001, realized: 100_000, share: 0.3 });
    expect(w!.ratio).toBeCloseTo(0.30001, 12);
    expect(concessionWarning(cost(29_999), 100_000, 0.3)).toBeNull();
  });

  it('adds up every concession in force', () => {
    expect(concessionWarning(cost(10_000, 20_000), 100_000, 0.3)).toBeNull();
    expect(concessionWarning(cost(10_000, 20_000, 1), 100_000, 0.3)?.yearlyCost).toBe(30_001);
  });

  it('holds the boundary exactly with amounts near 1e12 fen', () => {
    // 35% of 173,351,890,500 is 60,673,161,675 exactly; in binary 0.35 × realized falls below it
    expect(concessionWarning(cost(60_673_161_675), 173_351_890_500, 0.35)).toBeNull();
    expect(concessionWarning(cost(60_673_161_676), 173_351_890_500, 0.35)).not.toBeNull();
    // 70% of 390,132,645,700 is 273,092,851,990 exactly; the two parts hold it between them
    expect(concessionWarning(cost(273_092_851_000, 990), 390_132_645_700, 0.7)).toBeNull();
    expect(concessionWarning(cost(273_092_851_000, 991), 390_132_645_700, 0.7)).not.toBeNull();
    expect(concessionWarning(cost(3e11), 1e12, 0.3)).toBeNull();
    expect(concessionWarning(cost(3e11 + 1), 1e12, 0.3)).not.toBeNull();
  });

  it('warns about any cost when realized value is zero or negative, with no ratio', () => {
    expect(concessionWarning(cost(1), 0, 0.3)).toEqual({
      yearlyCost: 1,
      realized: 0,
      share: 0.3,
      ratio: null,
    });
    expect(concessionWarning(cost(500), -20_000, 0.3)).toEqual({
      yearlyCost: 500,
      realized: -20_000,
      share: 0.3,
      ratio: null,
    });
  });

  it('does not warn with no cost, even with no value', () => {
    expect(concessionWarning([], 0, 0.3)).toBeNull();
    expect(concessionWarning(cost(0), -100, 0.3)).toBeNull();
    expect(concessionWarning([], 100_000, 0.3)).toBeNull();
  });

  it('warns exactly when cost × 10,000 > share in basis points × realized, or realized ≤ 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e11 }), { maxLength: 4 }),
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 10_000 }),
        (costs, realized, bp) => {
          const total = costs.reduce((s, c) => s + c, 0);
          const w = concessionWarning(cost(...costs), realized, bp / 10_000);
          const expected =
            total > 0 && (realized <= 0 || BigInt(total) * 10_000n > BigInt(bp) * BigInt(realized));
          expect(w !== null).toBe(expected);
        },
      ),
    );
  });
});

/** A healthy statement; every test changes what it needs. */
const st = (fiscalYear: number, over: Partial<Statement> = {}): Statement => ({
  fiscalYear,
  totalAssets: 10_000_000,
  totalLiabilities: 5_000_000,
  ownersEquity: 5_000_000,
  netProfit: 800_000,
  operatingCashFlow: 900_000,
  revenue: 20_000_000,
  ...over,
});

describe('pitfall 3: stale statements', () => {
  it('keeps a fiscal year current to the end of the 15th month after 31 December', () => {
    expect(statementsCurrentUntil(2024, 15)).toBe('2026-03-31');
    expect(statementsCurrentUntil(2023, 15)).toBe('2025-03-31');
    expect(statementsCurrentUntil(2024, 14)).toBe('2026-02-28');
    expect(statementsCurrentUntil(2022, 14)).toBe('2024-02-29');
    expect(statementsCurrentUntil(2024, 12)).toBe('2025-12-31');
  });

  it('FY2024 is current on 2026-03-31 and stale on 2026-04-01', () => {
    expect(statementWarning([st(2024)], '2026-03-31', 15)).toBeNull();
    expect(statementWarning([st(2024)], '2026-04-01', 15)).toEqual({
      problem: 'stale',
      latestYear: 2024,
      currentUntil: '2026-03-31',
    });
  });

  it('warns of missing statements', () => {
    expect(statementWarning([], '2026-01-01', 15)).toEqual({ problem: 'missing', latestYear: null });
  });

  it('judges the latest fiscal year, in whatever order the statements come', () => {
    expect(statementWarning([st(2022), st(2024), st(2023)], '2026-03-31', 15)).toBeNull();
    expect(statementWarning([st(2024), st(2023)], '2026-04-01', 15)?.latestYear).toBe(2024);
  });

  it('reports stale before worsening', () => {
    expect(statementWarning([st(2024, { ownersEquity: -1 })], '2026-04-01', 15)?.problem).toBe('stale');
  });
});

describe('pitfall 3: worsening statements', () => {
  const warn = (statements: Statement[]) => statementWarning(statements, '2025-06-30', 15);
  const sorted = (xs: string[] | undefined) => [...(xs ?? [])].sort();

  it('worsens on equity at or below zero alone', () => {
    expect(warn([st(2024, { ownersEquity: 0 })])).toEqual({
      problem: 'worsening',
      latestYear: 2024,
      signs: ['equity_not_positive'],
    });
    expect(warn([st(2024, { ownersEquity: -100 })])?.signs).toEqual(['equity_not_positive']);
    expect(warn([st(2024, { ownersEquity: 1 })])).toBeNull();
    expect(warn([st(2024, { ownersEquity: null })])).toBeNull();
  });

  it('needs two signs: one fall alone is no warning', () => {
    expect(warn([st(2024, { revenue: 19_999_999 }), st(2023)])).toBeNull();
    expect(warn([st(2024, { netProfit: 0 }), st(2023)])).toBeNull();
    expect(warn([st(2024, { totalLiabilities: 6_000_000 }), st(2023)])).toBeNull();
    expect(warn([st(2024, { operatingCashFlow: -5 }), st(2023)])).toBeNull();
  });

  it('worsens on any two of revenue, profit and cash flow lower, or the debt ratio higher', () => {
    const w = warn([st(2024, { revenue: 19_999_999, netProfit: 799_999 }), st(2023)]);
    expect(w?.problem).toBe('worsening');
    expect(sorted(w?.signs)).toEqual(['profit_down', 'revenue_down']);
    expect(
      sorted(warn([st(2024, { operatingCashFlow: 899_999, totalLiabilities: 5_000_001 }), st(2023)])?.signs),
    ).toEqual(['cash_flow_down', 'debt_ratio_up']);
    expect(
      sorted(
        warn([
          st(2024, {
            revenue: 1,
            netProfit: 1,
            operatingCashFlow: 1,
            totalAssets: 10_000_000,
            totalLiabilities: 9e6,
          }),
          st(2023),
        ])?.signs,
      ),
    ).toEqual(['cash_flow_down', 'debt_ratio_up', 'profit_down', 'revenue_down']);
  });

  it('reads the debt ratio, not the liabilities: both growing in step is no rise', () => {
    // 6,000,000 ÷ 12,000,000 = 5,000,000 ÷ 10,000,000: not higher
    const sameRatio = st(2024, { totalAssets: 12_000_000, totalLiabilities: 6_000_000, revenue: 1 });
    expect(warn([sameRatio, st(2023)])).toBeNull();
    // liabilities flat, assets shrinking: the ratio rises
    const shrinking = st(2024, { totalAssets: 9_999_999, revenue: 1 });
    expect(sorted(warn([shrinking, st(2023)])?.signs)).toEqual(['debt_ratio_up', 'revenue_down']);
  });

  it('equal figures are not lower', () => {
    expect(warn([st(2024), st(2023)])).toBeNull();
  });

  it('ignores figures not reported, and a debt ratio with no assets', () => {
    expect(warn([st(2024, { revenue: null, netProfit: 1 }), st(2023)])).toBeNull();
    expect(warn([st(2024, { revenue: 1 }), st(2023, { netProfit: null })])).toBeNull();
    expect(warn([st(2024, { revenue: 1, totalAssets: 0 }), st(2023)])).toBeNull();
    expect(
      warn([st(2024, { revenue: 1, totalLiabilities: 9e6 }), st(2023, { totalAssets: null })]),
    ).toBeNull();
  });

  it('ignores a previous year that is not the one before', () => {
    const bad = { revenue: 1, netProfit: 1, operatingCashFlow: 1 };
    expect(warn([st(2024, bad), st(2022)])).toBeNull();
    expect(warn([st(2024, bad), st(2023)])?.problem).toBe('worsening');
    // the year before is the one compared, not an older better one
    expect(warn([st(2024, bad), st(2023, bad), st(2022)])).toBeNull();
  });

  it('lists equity and the falls together', () => {
    const w = worseningSigns(st(2024, { ownersEquity: -1, revenue: 1, netProfit: 1 }), st(2023));
    expect(sorted(w)).toEqual(['equity_not_positive', 'profit_down', 'revenue_down']);
    expect(worseningSigns(st(2024, { ownersEquity: -1, revenue: 1 }), st(2023))).toEqual([
      'equity_not_positive',
    ]);
    expect(worseningSigns(st(2024, { revenue: 1, netProfit: 1 }), null)).toEqual([]);
  });
});
