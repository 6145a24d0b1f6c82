import { describe, expect, it } from 'vitest';
import { DEFAULT_BENCHMARK_RATES } from '../../../domain/exit-criteria';
import { ratioTrend, type StatementFigures, statementRatios } from './statement-ratios';

const year = (fiscalYear: number, over: Partial<StatementFigures> = {}): StatementFigures => ({
  fiscalYear,
  currentAssets: 600_000,
  currentLiabilities: 400_000,
  totalAssets: 2_000_000,
  totalLiabilities: 1_500_000,
  ownersEquity: 500_000,
  netProfit: 25_000,
  operatingCashFlow: -12_345.67,
  ...over,
});
const rates = DEFAULT_BENCHMARK_RATES;

describe('statementRatios', () => {
  it('divides the figures of the year', () => {
    const r = statementRatios(year(2024), rates);
    expect(r.currentRatio).toBeCloseTo(1.5, 12);
    expect(r.debtRatio).toBeCloseTo(0.75, 12);
    expect(r.roe).toBeCloseTo(0.05, 12);
    expect(r.operatingCashFlow).toBe(-12_345.67);
    expect(r).toMatchObject({ noCurrentLiabilities: false, noAssets: false, equityNotPositive: false });
  });

  it('takes the benchmark rate in force on 31 December of the year', () => {
    // LPR 3.35% from 2024-07-22, 3.10% from 2024-10-21: the year ends on 3.10%.
    expect(statementRatios(year(2024), rates).benchmarkRate).toBe(0.031);
    expect(statementRatios(year(2016), rates).benchmarkRate).toBe(0.0435);
    // 2015-10-24 is the first day of the table: 2015 ends inside it, 2014 before it.
    expect(statementRatios(year(2015), rates).benchmarkRate).toBe(0.0435);
    expect(statementRatios(year(2014), rates).benchmarkRate).toBeNull();
    expect(statementRatios(year(2024), []).benchmarkRate).toBeNull();
  });

  it('has no current ratio without current liabilities, and says so', () => {
    const zero = statementRatios(year(2024, { currentLiabilities: 0 }), rates);
    expect(zero.currentRatio).toBeNull();
    expect(zero.noCurrentLiabilities).toBe(true);
    const negative = statementRatios(year(2024, { currentLiabilities: -1 }), rates);
    expect(negative.currentRatio).toBeNull();
    expect(negative.noCurrentLiabilities).toBe(true);
  });

  it('gives a zero current ratio for no current assets, and a zero debt ratio for no liabilities', () => {
    expect(statementRatios(year(2024, { currentAssets: 0 }), rates).currentRatio).toBe(0);
    expect(statementRatios(year(2024, { totalLiabilities: 0 }), rates).debtRatio).toBe(0);
  });

  it('has no debt ratio without assets', () => {
    const r = statementRatios(year(2024, { totalAssets: 0 }), rates);
    expect(r.debtRatio).toBeNull();
    expect(r.noAssets).toBe(true);
  });

  it('has no ROE when equity is zero or negative, and marks it', () => {
    for (const ownersEquity of [0, -300_000]) {
      const r = statementRatios(year(2024, { ownersEquity }), rates);
      expect(r.roe).toBeNull();
      expect(r.equityNotPositive).toBe(true);
    }
    // A loss on positive equity is a negative ROE, a number.
    const loss = statementRatios(year(2024, { netProfit: -50_000 }), rates);
    expect(loss.roe).toBeCloseTo(-0.1, 12);
    expect(loss.equityNotPositive).toBe(false);
  });

  it('answers null for a ratio whose figures are missing, and no reason', () => {
    const r = statementRatios(
      {
        fiscalYear: 2024,
        currentAssets: null,
        currentLiabilities: null,
        totalAssets: null,
        totalLiabilities: null,
        ownersEquity: null,
        netProfit: null,
        operatingCashFlow: null,
      },
      rates,
    );
    expect(r).toEqual({
      fiscalYear: 2024,
      currentRatio: null,
      noCurrentLiabilities: false,
      debtRatio: null,
      noAssets: false,
      roe: null,
      equityNotPositive: false,
      benchmarkRate: 0.031,
      operatingCashFlow: null,
    });
    // One figure of two is enough to be missing.
    expect(statementRatios(year(2024, { currentAssets: null }), rates).currentRatio).toBeNull();
    expect(statementRatios(year(2024, { totalLiabilities: null }), rates).debtRatio).toBeNull();
    expect(statementRatios(year(2024, { netProfit: null }), rates).roe).toBeNull();
    // Equity ≤ 0 is known without the profit.
    expect(statementRatios(year(2024, { netProfit: null, ownersEquity: -1 }), rates).equityNotPositive).toBe(
      true,
    );
  });
});

describe('ratioTrend', () => {
  it('is empty without statements', () => {
    expect(ratioTrend([], rates)).toEqual([]);
  });

  it('covers the consecutive years ending with the latest, oldest first, with gaps', () => {
    const trend = ratioTrend([year(2024), year(2021), year(2018)], rates);
    expect(trend.map((y) => y.fiscalYear)).toEqual([2020, 2021, 2022, 2023, 2024]);
    expect(trend.map((y) => y.ratios !== null)).toEqual([false, true, false, false, true]);
    expect(trend[4]?.ratios?.currentRatio).toBeCloseTo(1.5, 12);
    // The benchmark rate of a year without statements is still known.
    expect(trend.map((y) => y.benchmarkRate)).toEqual([0.0385, 0.038, 0.0365, 0.0345, 0.031]);
  });

  it('takes as many years as asked', () => {
    expect(ratioTrend([year(2024)], rates, 3).map((y) => y.fiscalYear)).toEqual([2022, 2023, 2024]);
  });
});
