import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_GRADES,
  EX3_RULES,
  EXIT_RULES,
  type ExitRule,
  LOAN_CLASSES,
  RISK_FLAG_CODES,
  type RiskFlagCode,
} from '../shared/codes';
import {
  benchmarkRateFor,
  DEFAULT_BENCHMARK_RATES,
  DEFAULT_EXIT_CRITERIA,
  type ExitCriteria,
  flagActive,
  type RiskFlagFact,
  ratioBeyond,
  type ScreeningFacts,
  type ScreeningResult,
  type StatementFigures,
  screenCustomer,
} from './exit-criteria';

type Ex3Rule = (typeof EX3_RULES)[number];
type Verdict = 'met' | 'not_met' | 'unknown' | 'exempt';

const AS_OF = '2025-06-30';

/** A sound year: current ratio 2, debt ratio 0.5, ROE 20%, cash flowing in. Tests change what they need. */
const sound = (fiscalYear: number, over: Partial<StatementFigures> = {}): StatementFigures => ({
  fiscalYear,
  currentAssets: 20_000_000,
  currentLiabilities: 10_000_000,
  totalAssets: 100_000_000,
  totalLiabilities: 50_000_000,
  ownersEquity: 50_000_000,
  netProfit: 10_000_000,
  operatingCashFlow: 5_000_000,
  ...over,
});

/** A year with nothing reported. */
const blank = (fiscalYear: number): StatementFigures => ({
  fiscalYear,
  currentAssets: null,
  currentLiabilities: null,
  totalAssets: null,
  totalLiabilities: null,
  ownersEquity: null,
  netProfit: null,
  operatingCashFlow: null,
});

const corporate = (over: Partial<ScreeningFacts> = {}): ScreeningFacts => ({
  kind: 'corporate',
  industry: null,
  creditGrade: null,
  loanClass: null,
  foreignTrade: false,
  statements: [],
  flags: [],
  ...over,
});

const screen = (facts: Partial<ScreeningFacts>, criteria: Partial<ExitCriteria> = {}, asOf = AS_OF) =>
  screenCustomer(corporate(facts), { ...DEFAULT_EXIT_CRITERIA, ...criteria }, asOf);

const rules = (r: ScreeningResult) => r.triggers.map((t) => t.rule);
const trigger = (r: ScreeningResult, rule: ExitRule) => r.triggers.find((t) => t.rule === rule);

/** Figures that make each EX3 condition met on their own. */
const LOW_CURRENT = { currentAssets: 1_000_000, currentLiabilities: 10_000_000 }; // 0.10
const HIGH_DEBT = { totalAssets: 100_000_000, totalLiabilities: 90_000_000 }; // 0.90
const LOSS = { netProfit: -1 }; // ROE below any benchmark
const OUTFLOW = { operatingCashFlow: -1 };

/**
 * Two EX3 conditions other than the one a test looks at are made met in every year (the current
 * and debt ratios through the latest year, ROE and cash flow through every year), so EX3 fires and
 * the condition under test shows as a trigger exactly when it is met.
 */
const COMPANIONS: Record<Ex3Rule, { rules: Ex3Rule[]; figures: Partial<StatementFigures> }> = {
  'EX3.CURRENT_RATIO': { rules: ['EX3.ROE', 'EX3.NEGATIVE_OCF'], figures: { ...LOSS, ...OUTFLOW } },
  'EX3.DEBT_RATIO': { rules: ['EX3.ROE', 'EX3.NEGATIVE_OCF'], figures: { ...LOSS, ...OUTFLOW } },
  'EX3.ROE': { rules: ['EX3.CURRENT_RATIO', 'EX3.DEBT_RATIO'], figures: { ...LOW_CURRENT, ...HIGH_DEBT } },
  'EX3.NEGATIVE_OCF': {
    rules: ['EX3.CURRENT_RATIO', 'EX3.DEBT_RATIO'],
    figures: { ...LOW_CURRENT, ...HIGH_DEBT },
  },
};

/** The years given (fiscal year → what differs from a sound year), with the companions of `rule`. */
const yearsFor = (rule: Ex3Rule, years: Record<number, Partial<StatementFigures>>) =>
  Object.entries(years).map(([y, over]) => sound(Number(y), { ...COMPANIONS[rule].figures, ...over }));

/** Screens the given years and says what became of `rule`, checking the companions did trigger. */
function judge(
  rule: Ex3Rule,
  years: Record<number, Partial<StatementFigures>>,
  criteria: Partial<ExitCriteria> = {},
  foreignTrade = false,
) {
  const result = screen({ statements: yearsFor(rule, years), foreignTrade }, criteria);
  expect(rules(result)).toEqual(expect.arrayContaining(COMPANIONS[rule].rules));
  const verdict: Verdict = result.exempt.includes(rule)
    ? 'exempt'
    : result.insufficientData.includes(rule)
      ? 'unknown'
      : trigger(result, rule)
        ? 'met'
        : 'not_met';
  return { verdict, evidence: trigger(result, rule)?.evidence, result };
}

/** The latest statement (2024) differs; 2023 and 2022 are sound. */
const latest = (over: Partial<StatementFigures>) => ({ 2024: over, 2023: {}, 2022: {} });

describe('ratioBeyond: a ÷ b against a threshold, exactly', () => {
  it('is strict on both sides', () => {
    expect(ratioBeyond(50, 100, 0.5, false)).toBe(false);
    expect(ratioBeyond(49, 100, 0.5, false)).toBe(true);
    expect(ratioBeyond(80, 100, 0.8, true)).toBe(false);
    expect(ratioBeyond(81, 100, 0.8, true)).toBe(true);
    expect(ratioBeyond(-1, 100, 0.0435, false)).toBe(true);
    expect(ratioBeyond(0, 100, 0, false)).toBe(false);
  });

  it('compares exactly with amounts near 9e15 fen, where doubles lose precision', () => {
    expect(ratioBeyond(4_500_000_000_000_000, 9_000_000_000_000_000, 0.5, false)).toBe(false);
    expect(ratioBeyond(4_499_999_999_999_999, 9_000_000_000_000_000, 0.5, false)).toBe(true);
    expect(ratioBeyond(7_200_000_000_000_000, 9_000_000_000_000_000, 0.8, true)).toBe(false);
    // 7,200,000,000,000,001 ÷ 9,000,000,000,000,001 = 0.8 + 1/(5 × 9e15): in binary the quotient
    // rounds to the double 0.8, so a naive comparison says "not above"
    expect(7_200_000_000_000_001 / 9_000_000_000_000_001 > 0.8).toBe(false);
    expect(ratioBeyond(7_200_000_000_000_001, 9_000_000_000_000_001, 0.8, true)).toBe(true);
    expect(ratioBeyond(7_199_999_999_999_999, 9_000_000_000_000_000, 0.8, true)).toBe(false);
    expect(ratioBeyond(9_000_000_000_000_000, 1, 0.8, true)).toBe(true);
    expect(ratioBeyond(-9_000_000_000_000_000, 1, 0.0435, false)).toBe(true);
  });

  it('agrees with a BigInt comparison for any integer amounts and 6-decimal thresholds', () => {
    const amount = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    );
    const divisor = fc.oneof(
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    );
    fc.assert(
      fc.property(amount, divisor, fc.integer({ min: 0, max: 2_000_000 }), fc.boolean(), (a, b, t, above) => {
        const left = BigInt(a) * 1_000_000n;
        const right = BigInt(t) * BigInt(b);
        expect(ratioBeyond(a, b, t / 1_000_000, above)).toBe(above ? left > right : left < right);
      }),
    );
  });

  it('holds equality exactly at any scale: a = t·b is never beyond', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (k, t) => {
          // b = k·10⁶ and a = k·t, so a ÷ b = t ÷ 10⁶ exactly
          const a = k * t;
          const b = k * 1_000_000;
          fc.pre(Number.isSafeInteger(a) && Number.isSafeInteger(b));
          expect(ratioBeyond(a, b, t / 1_000_000, false)).toBe(false);
          expect(ratioBeyond(a, b, t / 1_000_000, true)).toBe(false);
        },
      ),
    );
  });
});

describe('benchmarkRateFor: the rate in force on 31 December', () => {
  it('reads the default table', () => {
    expect(benchmarkRateFor(DEFAULT_BENCHMARK_RATES, 2015)).toBe(0.0435);
    expect(benchmarkRateFor(DEFAULT_BENCHMARK_RATES, 2019)).toBe(0.0415);
    expect(benchmarkRateFor(DEFAULT_BENCHMARK_RATES, 2022)).toBe(0.0365);
    expect(benchmarkRateFor(DEFAULT_BENCHMARK_RATES, 2023)).toBe(0.0345);
    expect(benchmarkRateFor(DEFAULT_BENCHMARK_RATES, 2024)).toBe(0.031);
    expect(benchmarkRateFor(DEFAULT_BENCHMARK_RATES, 2025)).toBe(0.03);
    expect(benchmarkRateFor(DEFAULT_BENCHMARK_RATES, 2030)).toBe(0.03);
  });

  it('applies a rate starting on YYYY-12-31 to that year, not one starting the next 1 January', () => {
    const rates = [
      { from: '2020-01-01', rate: 0.05 },
      { from: '2020-12-31', rate: 0.04 },
      { from: '2021-01-01', rate: 0.03 },
    ];
    expect(benchmarkRateFor(rates, 2020)).toBe(0.04);
    expect(benchmarkRateFor(rates, 2021)).toBe(0.03);
    // in any order
    expect(benchmarkRateFor([...rates].reverse(), 2020)).toBe(0.04);
    expect(benchmarkRateFor([rates[2]!, rates[0]!, rates[1]!], 2021)).toBe(0.03);
  });

  it('has no rate for a year before the table begins', () => {
    expect(benchmarkRateFor(DEFAULT_BENCHMARK_RATES, 2014)).toBeNull();
    expect(benchmarkRateFor([{ from: '2020-12-31', rate: 0.04 }], 2019)).toBeNull();
    expect(benchmarkRateFor([], 2024)).toBeNull();
  });
});

describe('EX3.CURRENT_RATIO: current assets ÷ current liabilities below 0.50 in the latest year', () => {
  const rule = 'EX3.CURRENT_RATIO';

  it('is not met at exactly 0.50, met one fen below, with its evidence', () => {
    expect(judge(rule, latest({ currentAssets: 50_000_000, currentLiabilities: 100_000_000 })).verdict).toBe(
      'not_met',
    );
    const below = judge(rule, latest({ currentAssets: 49_999_999, currentLiabilities: 100_000_000 }));
    expect(below.verdict).toBe('met');
    expect(below.evidence).toEqual({
      fiscalYear: 2024,
      currentAssets: 49_999_999,
      currentLiabilities: 100_000_000,
      ratio: 0.49999999,
      threshold: 0.5,
    });
  });

  it('compares exactly where the quotient in binary would round onto the threshold', () => {
    // 1,500,000,000,000,002 ÷ 5,000,000,000,000,007 is just below 0.3; as a double it is not
    const [a, l] = [1_500_000_000_000_002, 5_000_000_000_000_007];
    expect(a / l < 0.3).toBe(false);
    expect(
      judge(rule, latest({ currentAssets: a, currentLiabilities: l }), { currentRatioBelow: 0.3 }).verdict,
    ).toBe('met');
    expect(
      judge(
        rule,
        latest({ currentAssets: 1_500_000_000_000_000, currentLiabilities: 5_000_000_000_000_000 }),
        {
          currentRatioBelow: 0.3,
        },
      ).verdict,
    ).toBe('not_met');
  });

  it('is not met with no current liabilities, even with no current assets', () => {
    const none = judge(rule, latest({ currentAssets: 0, currentLiabilities: 0 }));
    expect(none.verdict).toBe('not_met');
    expect(none.result.insufficientData).not.toContain(rule);
    expect(judge(rule, latest({ currentAssets: 5, currentLiabilities: 0 })).verdict).toBe('not_met');
  });

  it('is met with no current assets against some liabilities', () => {
    expect(judge(rule, latest({ currentAssets: 0, currentLiabilities: 1 })).verdict).toBe('met');
  });

  it('judges the latest year only: older low ratios do not count, a missing latest figure is unknown', () => {
    expect(judge(rule, { 2024: {}, 2023: LOW_CURRENT, 2022: LOW_CURRENT }).verdict).toBe('not_met');
    expect(judge(rule, { 2024: LOW_CURRENT, 2023: {}, 2022: {} }).verdict).toBe('met');
    expect(judge(rule, { 2024: { currentAssets: null }, 2023: LOW_CURRENT, 2022: {} }).verdict).toBe(
      'unknown',
    );
    expect(judge(rule, { 2024: { currentLiabilities: null }, 2023: {}, 2022: {} }).verdict).toBe('unknown');
  });

  it('uses a configured threshold', () => {
    const ratio = latest({ currentAssets: 70_000_000, currentLiabilities: 100_000_000 });
    expect(judge(rule, ratio, { currentRatioBelow: 0.7 }).verdict).toBe('not_met');
    expect(judge(rule, ratio, { currentRatioBelow: 0.700001 }).verdict).toBe('met');
  });
});

describe('EX3.DEBT_RATIO: total liabilities ÷ total assets above 0.80 in the latest year', () => {
  const rule = 'EX3.DEBT_RATIO';

  it('is not met at exactly 0.80, met one fen above, with its evidence', () => {
    expect(judge(rule, latest({ totalAssets: 100_000_000, totalLiabilities: 80_000_000 })).verdict).toBe(
      'not_met',
    );
    const above = judge(rule, latest({ totalAssets: 100_000_000, totalLiabilities: 80_000_001 }));
    expect(above.verdict).toBe('met');
    expect(above.evidence).toEqual({
      fiscalYear: 2024,
      totalAssets: 100_000_000,
      totalLiabilities: 80_000_001,
      ratio: 0.80000001,
      threshold: 0.8,
    });
  });

  it('compares exactly where the quotient in binary would round onto 0.8', () => {
    const [l, a] = [7_200_000_000_000_001, 9_000_000_000_000_001];
    expect(l / a > 0.8).toBe(false);
    expect(judge(rule, latest({ totalAssets: a, totalLiabilities: l })).verdict).toBe('met');
    expect(
      judge(rule, latest({ totalAssets: 9_000_000_000_000_000, totalLiabilities: 7_200_000_000_000_000 }))
        .verdict,
    ).toBe('not_met');
  });

  it('exempts a foreign-trade enterprise: never met nor insufficient, whatever its figures', () => {
    for (const over of [HIGH_DEBT, { totalAssets: null }, { totalAssets: 0, totalLiabilities: 1 }, {}]) {
      const { verdict, result } = judge(rule, latest(over), {}, true);
      expect(verdict).toBe('exempt');
      expect(result.exempt).toEqual([rule]);
      expect(rules(result)).not.toContain(rule);
      expect(result.insufficientData).not.toContain(rule);
    }
    // and no exemption otherwise
    expect(judge(rule, latest(HIGH_DEBT)).result.exempt).toEqual([]);
  });

  it('is met with liabilities and no assets, with no ratio; unknown with neither', () => {
    const noAssets = judge(rule, latest({ totalAssets: 0, totalLiabilities: 1 }));
    expect(noAssets.verdict).toBe('met');
    expect(noAssets.evidence).toMatchObject({ totalAssets: 0, totalLiabilities: 1, ratio: null });
    expect(judge(rule, latest({ totalAssets: 0, totalLiabilities: 0 })).verdict).toBe('unknown');
  });

  it('is unknown when a latest figure is missing, even if an older year is known', () => {
    expect(judge(rule, { 2024: { totalLiabilities: null }, 2023: HIGH_DEBT, 2022: {} }).verdict).toBe(
      'unknown',
    );
    expect(judge(rule, { 2024: { totalAssets: null }, 2023: {}, 2022: {} }).verdict).toBe('unknown');
    expect(judge(rule, { 2024: {}, 2023: HIGH_DEBT, 2022: HIGH_DEBT }).verdict).toBe('not_met');
  });
});

describe('EX3.ROE: net profit ÷ equity below the benchmark in each of the latest consecutive years', () => {
  const rule = 'EX3.ROE';
  const equity = 100_000_000;
  // benchmarks: 2024 3.10%, 2023 3.45%, 2022 3.65%, 2021 3.80%
  const justBelow = {
    2024: { ownersEquity: equity, netProfit: 3_099_999 },
    2023: { ownersEquity: equity, netProfit: 3_449_999 },
    2022: { ownersEquity: equity, netProfit: 3_649_999 },
  };

  it('is met when below in each of the 3 years, with every year as evidence', () => {
    const { verdict, evidence } = judge(rule, justBelow);
    expect(verdict).toBe('met');
    expect(evidence).toEqual({
      years: [
        {
          fiscalYear: 2024,
          netProfit: 3_099_999,
          ownersEquity: equity,
          roe: 0.03099999,
          benchmarkRate: 0.031,
        },
        {
          fiscalYear: 2023,
          netProfit: 3_449_999,
          ownersEquity: equity,
          roe: 0.03449999,
          benchmarkRate: 0.0345,
        },
        {
          fiscalYear: 2022,
          netProfit: 3_649_999,
          ownersEquity: equity,
          roe: 0.03649999,
          benchmarkRate: 0.0365,
        },
      ],
    });
  });

  it('is not met when exactly at the benchmark in any one year', () => {
    expect(judge(rule, { ...justBelow, 2024: { ownersEquity: equity, netProfit: 3_100_000 } }).verdict).toBe(
      'not_met',
    );
    expect(judge(rule, { ...justBelow, 2023: { ownersEquity: equity, netProfit: 3_450_000 } }).verdict).toBe(
      'not_met',
    );
    expect(judge(rule, { ...justBelow, 2022: { ownersEquity: equity, netProfit: 3_650_000 } }).verdict).toBe(
      'not_met',
    );
  });

  it('counts equity at or below zero as below, whatever the profit', () => {
    for (const over of [
      { ownersEquity: 0, netProfit: 5_000_000 },
      { ownersEquity: -1, netProfit: 5_000_000 },
      { ownersEquity: 0, netProfit: null },
      { ownersEquity: -10_000_000, netProfit: -3_000_000 },
    ]) {
      const { verdict, evidence } = judge(rule, { ...justBelow, 2023: over });
      expect(verdict).toBe('met');
      expect(evidence?.years?.[1]).toMatchObject({ fiscalYear: 2023, roe: null });
    }
    // a loss on positive equity is below too
    expect(judge(rule, { ...justBelow, 2024: { ownersEquity: 1, netProfit: -1 } }).verdict).toBe('met');
  });

  it('is insufficient when one year lacks its figures and the others are below', () => {
    expect(judge(rule, { ...justBelow, 2023: { netProfit: null } }).verdict).toBe('unknown');
    expect(judge(rule, { ...justBelow, 2022: { ownersEquity: null } }).verdict).toBe('unknown');
    expect(judge(rule, { ...justBelow, 2024: { ownersEquity: null, netProfit: null } }).verdict).toBe(
      'unknown',
    );
  });

  it('is not met, not insufficient, when a known year is at or above the benchmark', () => {
    for (const missing of [2024, 2023, 2022]) {
      for (const failing of [2024, 2023, 2022].filter((y) => y !== missing)) {
        const years = { ...justBelow, [missing]: { netProfit: null }, [failing]: { netProfit: 10_000_000 } };
        const { verdict, result } = judge(rule, years);
        expect(verdict).toBe('not_met');
        expect(result.insufficientData).not.toContain(rule);
      }
    }
  });

  it('needs consecutive years: with 2023 missing, it is insufficient', () => {
    const gap = {
      2024: justBelow[2024],
      2022: justBelow[2022],
      2021: { ownersEquity: equity, netProfit: 1 },
    };
    expect(judge(rule, gap).verdict).toBe('unknown');
    // unless a known year rules it out
    expect(judge(rule, { ...gap, 2022: { ownersEquity: equity, netProfit: 3_650_000 } }).verdict).toBe(
      'not_met',
    );
    // only the latest consecutive years count: 2021 does not stand in for 2023
    expect(judge(rule, { ...gap, 2021: { ownersEquity: equity, netProfit: 9_999_999 } }).verdict).toBe(
      'unknown',
    );
  });

  it('compares exactly where profit ÷ equity in binary would round onto the rate', () => {
    // 173,556,536,836,480 ÷ 5,598,597,962,467,097 is just below 3.10%; as a double it is 0.031
    const [profit, ownersEquity] = [173_556_536_836_480, 5_598_597_962_467_097];
    expect(profit / ownersEquity < 0.031).toBe(false);
    expect(judge(rule, { ...justBelow, 2024: { ownersEquity, netProfit: profit } }).verdict).toBe('met');
    expect(judge(rule, { ...justBelow, 2024: { ownersEquity, netProfit: profit + 1 } }).verdict).toBe(
      'not_met',
    );
  });

  it('uses the rate in force on 31 December of each fiscal year', () => {
    const benchmarkRates = [
      { from: '2000-01-01', rate: 0.05 },
      { from: '2024-12-31', rate: 0.02 },
      { from: '2025-01-01', rate: 0.1 },
    ];
    const roe = (netProfit2024: number) => ({
      ...justBelow,
      2024: { ownersEquity: equity, netProfit: netProfit2024 },
    });
    // 3% in 2024: below 5% and 10%, but the rate of 2024 is the 2% of 31 December
    expect(judge(rule, roe(3_000_000), { benchmarkRates }).verdict).toBe('not_met');
    expect(judge(rule, roe(2_000_000), { benchmarkRates }).verdict).toBe('not_met');
    const met = judge(rule, roe(1_999_999), { benchmarkRates });
    expect(met.verdict).toBe('met');
    expect(met.evidence?.years?.map((y) => y.benchmarkRate)).toEqual([0.02, 0.05, 0.05]);
  });

  it('is insufficient for a year before the rate table begins, unless equity ≤ 0 or another year fails', () => {
    const early = {
      2016: { ownersEquity: equity, netProfit: 1 },
      2015: { ownersEquity: equity, netProfit: 1 },
      2014: { ownersEquity: equity, netProfit: 1 },
    };
    const unknown = judge(rule, early);
    expect(unknown.verdict).toBe('unknown');
    expect(judge(rule, { ...early, 2014: { ownersEquity: 0 } }).verdict).toBe('met');
    expect(judge(rule, { ...early, 2016: { ownersEquity: equity, netProfit: 4_350_000 } }).verdict).toBe(
      'not_met',
    );
  });

  it('follows the configured number of consecutive years', () => {
    const years = { ...justBelow, 2022: { ownersEquity: equity, netProfit: 9_000_000 } };
    expect(judge(rule, years).verdict).toBe('not_met');
    const two = judge(rule, years, { consecutiveYears: 2 });
    expect(two.verdict).toBe('met');
    expect(two.evidence?.years?.map((y) => y.fiscalYear)).toEqual([2024, 2023]);
    expect(
      judge(rule, { 2024: justBelow[2024], 2022: justBelow[2022] }, { consecutiveYears: 2 }).verdict,
    ).toBe('unknown');
    expect(judge(rule, { ...years, 2021: justBelow[2022] }, { consecutiveYears: 4 }).verdict).toBe('not_met');
    expect(judge(rule, { 2024: justBelow[2024], 2023: {} }, { consecutiveYears: 1 }).verdict).toBe('met');
  });
});

describe('EX3.NEGATIVE_OCF: operating cash flow below zero in each of the latest consecutive years', () => {
  const rule = 'EX3.NEGATIVE_OCF';
  const out = { 2024: OUTFLOW, 2023: OUTFLOW, 2022: OUTFLOW };

  it('is met when negative in each of the 3 years, with every year as evidence', () => {
    const { verdict, evidence } = judge(rule, out);
    expect(verdict).toBe('met');
    expect(evidence).toEqual({
      years: [
        { fiscalYear: 2024, operatingCashFlow: -1 },
        { fiscalYear: 2023, operatingCashFlow: -1 },
        { fiscalYear: 2022, operatingCashFlow: -1 },
      ],
    });
  });

  it('does not count exactly zero as negative', () => {
    for (const year of [2024, 2023, 2022]) {
      expect(judge(rule, { ...out, [year]: { operatingCashFlow: 0 } }).verdict).toBe('not_met');
    }
  });

  it('is insufficient with a year unreported or missing, not met when a known year is not negative', () => {
    expect(judge(rule, { ...out, 2023: { operatingCashFlow: null } }).verdict).toBe('unknown');
    expect(judge(rule, { 2024: OUTFLOW, 2022: OUTFLOW, 2021: OUTFLOW }).verdict).toBe('unknown');
    expect(judge(rule, { 2024: OUTFLOW, 2023: OUTFLOW }).verdict).toBe('unknown');
    const ruledOut = judge(rule, { 2024: OUTFLOW, 2023: { operatingCashFlow: null }, 2022: {} });
    expect(ruledOut.verdict).toBe('not_met');
    expect(ruledOut.result.insufficientData).not.toContain(rule);
    expect(judge(rule, { 2024: OUTFLOW, 2022: { operatingCashFlow: 0 } }).verdict).toBe('not_met');
  });

  it('follows the configured number of consecutive years', () => {
    const years = { 2024: OUTFLOW, 2023: OUTFLOW, 2022: {} };
    expect(judge(rule, years).verdict).toBe('not_met');
    expect(judge(rule, years, { consecutiveYears: 2 }).verdict).toBe('met');
    expect(judge(rule, { 2024: OUTFLOW, 2022: OUTFLOW }, { consecutiveYears: 2 }).verdict).toBe('unknown');
  });
});

describe('EX3: two or more of the four', () => {
  const allFour = [2024, 2023, 2022].map((y) =>
    sound(y, { ...LOW_CURRENT, ...HIGH_DEBT, ...LOSS, ...OUTFLOW }),
  );

  it('does not make a candidate of one condition met, whether the others are not met or unknown', () => {
    const one = screen({ statements: [sound(2024, LOW_CURRENT), sound(2023), sound(2022)] });
    expect(one).toEqual({ candidate: false, triggers: [], insufficientData: [], exempt: [] });
    const withUnknowns = screen({
      statements: [
        sound(2024, { ...LOW_CURRENT, totalAssets: null, netProfit: null, operatingCashFlow: null }),
      ],
    });
    expect(withUnknowns.candidate).toBe(false);
    expect(withUnknowns.triggers).toEqual([]);
    expect(withUnknowns.insufficientData).toEqual(['EX3.DEBT_RATIO', 'EX3.ROE', 'EX3.NEGATIVE_OCF']);
    // one met, the debt ratio exempt: still one
    const exempt = screen({
      statements: [sound(2024, { ...LOW_CURRENT, ...HIGH_DEBT })],
      foreignTrade: true,
    });
    expect(exempt.candidate).toBe(false);
    expect(exempt.exempt).toEqual(['EX3.DEBT_RATIO']);
  });

  it('triggers exactly the conditions met once two are', () => {
    const two = screen({
      statements: [sound(2024, { ...LOW_CURRENT, ...HIGH_DEBT }), sound(2023), sound(2022)],
    });
    expect(two.candidate).toBe(true);
    expect(rules(two)).toEqual(['EX3.CURRENT_RATIO', 'EX3.DEBT_RATIO']);
    expect(two.insufficientData).toEqual([]);

    const three = screen({ statements: allFour.map((s) => ({ ...s, operatingCashFlow: 1 })) });
    expect(rules(three)).toEqual(['EX3.CURRENT_RATIO', 'EX3.DEBT_RATIO', 'EX3.ROE']);

    expect(rules(screen({ statements: allFour }))).toEqual([...EX3_RULES]);
    // foreign trade: three of the remaining three
    const foreign = screen({ statements: allFour, foreignTrade: true });
    expect(rules(foreign)).toEqual(['EX3.CURRENT_RATIO', 'EX3.ROE', 'EX3.NEGATIVE_OCF']);
    expect(foreign.exempt).toEqual(['EX3.DEBT_RATIO']);
  });

  it('still reports the unknown conditions when two others are met', () => {
    const r = screen({
      statements: [
        sound(2024, { ...LOW_CURRENT, ...HIGH_DEBT, ...OUTFLOW, netProfit: null }),
        sound(2023, OUTFLOW),
      ],
    });
    expect(rules(r)).toEqual(['EX3.CURRENT_RATIO', 'EX3.DEBT_RATIO']);
    // ROE: 2024 unreported, but the 20% of 2023 rules it out; cash flow: 2022 is missing
    expect(r.insufficientData).toEqual(['EX3.NEGATIVE_OCF']);
    const unreported = screen({
      statements: [sound(2024, { ...LOW_CURRENT, ...HIGH_DEBT, netProfit: null, operatingCashFlow: null })],
    });
    expect(rules(unreported)).toEqual(['EX3.CURRENT_RATIO', 'EX3.DEBT_RATIO']);
    expect(unreported.insufficientData).toEqual(['EX3.ROE', 'EX3.NEGATIVE_OCF']);
  });

  it('reports all four as insufficient for a corporate customer with no statements', () => {
    expect(screen({})).toEqual({
      candidate: false,
      triggers: [],
      insufficientData: [...EX3_RULES],
      exempt: [],
    });
    expect(screen({ foreignTrade: true })).toEqual({
      candidate: false,
      triggers: [],
      insufficientData: ['EX3.CURRENT_RATIO', 'EX3.ROE', 'EX3.NEGATIVE_OCF'],
      exempt: ['EX3.DEBT_RATIO'],
    });
  });

  it("ignores statements of fiscal years after asOf's year, and uses the one of that year", () => {
    const statements = [sound(2025, { ...LOW_CURRENT, ...HIGH_DEBT }), sound(2024), sound(2023), sound(2022)];
    expect(screen({ statements }, {}, '2024-12-31')).toEqual({
      candidate: false,
      triggers: [],
      insufficientData: [],
      exempt: [],
    });
    const r = screen({ statements }, {}, '2025-01-01');
    expect(rules(r)).toEqual(['EX3.CURRENT_RATIO', 'EX3.DEBT_RATIO']);
    expect(trigger(r, 'EX3.CURRENT_RATIO')?.evidence.fiscalYear).toBe(2025);
    // only future statements: nothing to judge on
    expect(screen({ statements: [sound(2026, LOW_CURRENT)] }, {}, '2025-12-31').insufficientData).toEqual([
      ...EX3_RULES,
    ]);
  });

  it('judges the latest year whatever the order of the statements', () => {
    const statements = [sound(2022), sound(2024, { ...LOW_CURRENT, ...HIGH_DEBT }), sound(2023)];
    expect(rules(screen({ statements }))).toEqual(['EX3.CURRENT_RATIO', 'EX3.DEBT_RATIO']);
  });

  it('does not evaluate EX3 for an individual', () => {
    const r = screenCustomer(
      corporate({ kind: 'individual', statements: allFour }),
      DEFAULT_EXIT_CRITERIA,
      AS_OF,
    );
    expect(r).toEqual({ candidate: false, triggers: [], insufficientData: [], exempt: [] });
    expect(
      screenCustomer(corporate({ kind: 'individual', foreignTrade: true }), DEFAULT_EXIT_CRITERIA, AS_OF),
    ).toEqual({ candidate: false, triggers: [], insufficientData: [], exempt: [] });
    // other groups still apply to individuals
    const graded = screenCustomer(
      corporate({ kind: 'individual', creditGrade: 'D' }),
      DEFAULT_EXIT_CRITERIA,
      AS_OF,
    );
    expect(rules(graded)).toEqual(['EX1.CREDIT_BELOW_B']);
    expect(graded.insufficientData).toEqual([]);
  });
});

describe('EX1 and EX2 from the customer record', () => {
  const sane = [sound(2024), sound(2023), sound(2022)];
  const withIndustry = (industry: string | null, restrictedIndustries: string[]) =>
    screen({ industry, statements: sane }, { restrictedIndustries });

  it('matches a restricted section to its divisions, with the evidence', () => {
    const r = withIndustry('C31', ['C']);
    expect(r.candidate).toBe(true);
    expect(r.triggers).toEqual([
      { rule: 'EX1.RESTRICTED_INDUSTRY', evidence: { industry: 'C31', restrictedCode: 'C' } },
    ]);
    expect(rules(withIndustry('C', ['C']))).toEqual(['EX1.RESTRICTED_INDUSTRY']);
    expect(rules(withIndustry('B06', ['C']))).toEqual([]);
  });

  it('matches a restricted division only to itself', () => {
    expect(trigger(withIndustry('C31', ['C31']), 'EX1.RESTRICTED_INDUSTRY')?.evidence).toEqual({
      industry: 'C31',
      restrictedCode: 'C31',
    });
    expect(withIndustry('C32', ['C31']).triggers).toEqual([]);
    expect(withIndustry('C', ['C31']).triggers).toEqual([]);
    expect(trigger(withIndustry('C32', ['B06', 'C31', 'C32']), 'EX1.RESTRICTED_INDUSTRY')?.evidence).toEqual({
      industry: 'C32',
      restrictedCode: 'C32',
    });
  });

  it('does not trigger without an industry or a restricted list', () => {
    expect(withIndustry(null, ['C']).triggers).toEqual([]);
    expect(withIndustry('C31', []).triggers).toEqual([]);
  });

  it('triggers EX1.CREDIT_BELOW_B for CCC, CC, C and D only', () => {
    for (const creditGrade of CREDIT_GRADES.codes) {
      const r = screen({ creditGrade, statements: sane });
      const below = ['CCC', 'CC', 'C', 'D'].includes(creditGrade);
      expect(r.triggers).toEqual(below ? [{ rule: 'EX1.CREDIT_BELOW_B', evidence: { creditGrade } }] : []);
    }
    expect(screen({ creditGrade: 'B', statements: sane }).candidate).toBe(false);
    expect(screen({ creditGrade: null, statements: sane }).candidate).toBe(false);
  });

  it('triggers EX2.LOAN_CLASS for substandard, doubtful and loss only', () => {
    for (const loanClass of LOAN_CLASSES.codes) {
      const r = screen({ loanClass, statements: sane });
      const bad = ['substandard', 'doubtful', 'loss'].includes(loanClass);
      expect(r.triggers).toEqual(bad ? [{ rule: 'EX2.LOAN_CLASS', evidence: { loanClass } }] : []);
    }
    expect(screen({ loanClass: 'special_mention', statements: sane }).candidate).toBe(false);
    expect(screen({ loanClass: null, statements: sane }).candidate).toBe(false);
  });
});

describe('risk flags: EX1 assessments, EX4 records, EX5 nominations', () => {
  const flag = (over: Partial<RiskFlagFact> = {}): RiskFlagFact => ({
    id: 1,
    code: 'EX4.ARREARS',
    recordedOn: '2025-01-15',
    clearedOn: null,
    note: 'two quarters of interest unpaid',
    ...over,
  });
  const withFlags = (flags: RiskFlagFact[], asOf = AS_OF) =>
    screen({ flags, statements: [sound(2024), sound(2023), sound(2022)] }, {}, asOf);

  it('is in force from the day recorded until the day cleared', () => {
    expect(flagActive(flag({ recordedOn: AS_OF }), AS_OF)).toBe(true);
    expect(flagActive(flag({ recordedOn: '2025-07-01' }), AS_OF)).toBe(false);
    expect(flagActive(flag({ clearedOn: AS_OF }), AS_OF)).toBe(false);
    expect(flagActive(flag({ clearedOn: '2025-07-01' }), AS_OF)).toBe(true);
    expect(flagActive(flag({ clearedOn: '2025-06-29' }), AS_OF)).toBe(false);
  });

  it('triggers on a flag in force, with the flag as evidence', () => {
    expect(withFlags([flag()])).toEqual({
      candidate: true,
      triggers: [
        {
          rule: 'EX4.ARREARS',
          evidence: { flag: { id: 1, recordedOn: '2025-01-15', note: 'two quarters of interest unpaid' } },
        },
      ],
      insufficientData: [],
      exempt: [],
    });
    expect(rules(withFlags([flag({ recordedOn: AS_OF })]))).toEqual(['EX4.ARREARS']);
  });

  it('does not trigger on a flag cleared on asOf or recorded after it; does the day before clearing', () => {
    expect(withFlags([flag({ clearedOn: AS_OF })]).candidate).toBe(false);
    expect(withFlags([flag({ clearedOn: '2025-07-01' })]).candidate).toBe(true);
    expect(withFlags([flag({ recordedOn: '2025-07-01' })]).candidate).toBe(false);
    expect(withFlags([flag({ recordedOn: '2025-07-01' })], '2025-07-01').candidate).toBe(true);
    expect(withFlags([flag({ clearedOn: '2025-07-01' })], '2025-07-01').candidate).toBe(false);
  });

  it('triggers once per rule, on the earliest flag in force', () => {
    const later = flag({ id: 1, recordedOn: '2025-03-01', note: 'later' });
    const earlier = flag({ id: 2, recordedOn: '2025-02-01', note: 'earlier' });
    for (const flags of [
      [later, earlier],
      [earlier, later],
    ]) {
      const r = withFlags(flags);
      expect(r.triggers).toEqual([
        { rule: 'EX4.ARREARS', evidence: { flag: { id: 2, recordedOn: '2025-02-01', note: 'earlier' } } },
      ]);
    }
    // the earliest was cleared: the other is the evidence
    const r = withFlags([later, { ...earlier, clearedOn: '2025-04-01' }]);
    expect(r.triggers).toEqual([
      { rule: 'EX4.ARREARS', evidence: { flag: { id: 1, recordedOn: '2025-03-01', note: 'later' } } },
    ]);
    // on the same day, the lower id
    const sameDay = withFlags([flag({ id: 9, note: 'b' }), flag({ id: 3, note: 'a' })]);
    expect(sameDay.triggers).toHaveLength(1);
    expect(sameDay.triggers[0]?.evidence.flag?.id).toBe(3);
  });

  it('keeps one trigger per flag code and does not change the flags given', () => {
    const flags = [
      flag({ id: 1, code: 'EX5.OTHER', recordedOn: '2025-01-01' }),
      flag({ id: 2, code: 'EX1.POOR_PROSPECTS', recordedOn: '2025-03-01' }),
      flag({ id: 3, code: 'EX5.OTHER', recordedOn: '2024-01-01' }),
    ];
    const copy = structuredClone(flags);
    const r = withFlags(flags);
    expect(rules(r)).toEqual(['EX1.POOR_PROSPECTS', 'EX5.OTHER']);
    expect(trigger(r, 'EX5.OTHER')?.evidence.flag?.id).toBe(3);
    expect(flags).toEqual(copy);
  });
});

describe('the result as a whole', () => {
  it('orders triggers as EXIT_RULES, whatever the order of the facts', () => {
    const flags = [...RISK_FLAG_CODES].reverse().map(
      (code, i): RiskFlagFact => ({
        id: i + 1,
        code,
        recordedOn: `2025-0${(i % 6) + 1}-01`,
        clearedOn: null,
        note: null,
      }),
    );
    const r = screen(
      {
        industry: 'C31',
        creditGrade: 'D',
        loanClass: 'loss',
        flags,
        statements: [2022, 2024, 2023].map((y) =>
          sound(y, { ...LOW_CURRENT, ...HIGH_DEBT, ...LOSS, ...OUTFLOW }),
        ),
      },
      { restrictedIndustries: ['C'] },
    );
    expect(rules(r)).toEqual([...EXIT_RULES.codes]);
    expect(r.candidate).toBe(true);
    expect(r.insufficientData).toEqual([]);
  });

  it('mixes groups in EXIT_RULES order', () => {
    const r = screen({
      loanClass: 'doubtful',
      creditGrade: 'CC',
      flags: [
        { id: 1, code: 'EX5.OTHER', recordedOn: '2025-01-01', clearedOn: null, note: 'nominated' },
        { id: 2, code: 'EX1.POOR_REPUTATION', recordedOn: '2025-02-01', clearedOn: null, note: null },
      ],
      statements: [sound(2024, { ...LOW_CURRENT, ...HIGH_DEBT })],
    });
    expect(rules(r)).toEqual([
      'EX1.CREDIT_BELOW_B',
      'EX1.POOR_REPUTATION',
      'EX2.LOAN_CLASS',
      'EX3.CURRENT_RATIO',
      'EX3.DEBT_RATIO',
      'EX5.OTHER',
    ]);
    // the sound figures of 2024 rule ROE and cash flow out, though 2023 and 2022 are missing
    expect(r.insufficientData).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

const DATES = [
  '2023-12-31',
  '2024-06-30',
  '2024-12-31',
  '2025-01-01',
  '2025-06-29',
  '2025-06-30',
  '2025-07-01',
];
const date = fc.constantFrom(...DATES);
const figure = fc.oneof(
  fc.constant(null),
  fc.constantFrom(0, 1, -1),
  fc.integer({ min: -2_000, max: 10_000 }),
  fc.integer({ min: -1e12, max: 1e12 }),
);
const statement = fc.record({
  fiscalYear: fc.integer({ min: 2013, max: 2026 }),
  currentAssets: figure,
  currentLiabilities: figure,
  totalAssets: figure,
  totalLiabilities: figure,
  ownersEquity: figure,
  netProfit: figure,
  operatingCashFlow: figure,
});
const flags = fc
  .array(
    fc.record({
      code: fc.constantFrom(...RISK_FLAG_CODES),
      recordedOn: date,
      clearedOn: fc.option(date, { nil: null }),
      note: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
    }),
    { maxLength: 5 },
  )
  .map((fs) => fs.map((f, i): RiskFlagFact => ({ id: i + 1, ...f })));
const facts: fc.Arbitrary<ScreeningFacts> = fc.record({
  kind: fc.constantFrom('corporate' as const, 'corporate' as const, 'individual' as const),
  industry: fc.constantFrom(null, 'C', 'C31', 'C32', 'A01', 'K66'),
  creditGrade: fc.option(fc.constantFrom(...CREDIT_GRADES.codes), { nil: null }),
  loanClass: fc.option(fc.constantFrom(...LOAN_CLASSES.codes), { nil: null }),
  foreignTrade: fc.boolean(),
  statements: fc.array(statement, { maxLength: 6 }),
  flags,
});
const criteria: fc.Arbitrary<ExitCriteria> = fc.record({
  restrictedIndustries: fc.subarray(['C', 'C31', 'A01', 'K']),
  currentRatioBelow: fc.constantFrom(0.5, 0.3, 1),
  debtRatioAbove: fc.constantFrom(0.8, 0.6),
  consecutiveYears: fc.integer({ min: 1, max: 4 }),
  benchmarkRates: fc.constant(DEFAULT_BENCHMARK_RATES),
});
const asOf = date;

/** Sets `patch` on the latest `n` consecutive years screened on `asOf`, adding the years missing. */
function patchYears(
  f: ScreeningFacts,
  on: string,
  n: number,
  patch: Partial<StatementFigures>,
): ScreeningFacts {
  const asOfYear = Number(on.slice(0, 4));
  const years = f.statements.map((s) => s.fiscalYear).filter((y) => y <= asOfYear);
  const latestYear = years.length > 0 ? Math.max(...years) : asOfYear;
  const window = Array.from({ length: n }, (_, i) => latestYear - i);
  const statements = f.statements.map((s) => (window.includes(s.fiscalYear) ? { ...s, ...patch } : s));
  for (const y of window) {
    if (!statements.some((s) => s.fiscalYear === y)) statements.push({ ...blank(y), ...patch });
  }
  return { ...f, statements };
}

type Worsening = (f: ScreeningFacts, on: string, c: ExitCriteria) => ScreeningFacts;
const WORSENINGS: Record<string, Worsening> = {
  'credit grade D': (f) => ({ ...f, creditGrade: 'D' }),
  'loan class loss': (f) => ({ ...f, loanClass: 'loss' }),
  'a flag in force': (f, on) => ({
    ...f,
    flags: [
      ...f.flags,
      {
        id: 100,
        code: 'EX4.MAJOR_EVENT' satisfies RiskFlagCode,
        recordedOn: on,
        clearedOn: null,
        note: null,
      },
    ],
  }),
  'current ratio met': (f, on) => patchYears(f, on, 1, { currentAssets: 0, currentLiabilities: 1 }),
  'debt ratio met': (f, on) => patchYears(f, on, 1, { totalAssets: 10, totalLiabilities: 9 }),
  'ROE met': (f, on, c) => patchYears(f, on, Math.max(1, c.consecutiveYears), { ownersEquity: 0 }),
  'cash flow met': (f, on, c) =>
    patchYears(f, on, Math.max(1, c.consecutiveYears), { operatingCashFlow: -1 }),
};

describe('properties', () => {
  it('candidate is exactly "some trigger"; no rule is both a trigger and insufficient; triggers in order', () => {
    fc.assert(
      fc.property(facts, criteria, asOf, (f, c, on) => {
        const r = screenCustomer(f, c, on);
        expect(r.candidate).toBe(r.triggers.length > 0);
        const triggered = rules(r);
        for (const rule of r.insufficientData) expect(triggered).not.toContain(rule);
        for (const rule of r.exempt) {
          expect(triggered).not.toContain(rule);
          expect(r.insufficientData).not.toContain(rule);
        }
        expect(new Set(triggered).size).toBe(triggered.length);
        const order = triggered.map((rule) => EXIT_RULES.codes.indexOf(rule));
        expect(order).toEqual([...order].sort((a, b) => a - b));
        for (const rule of r.insufficientData) expect(EX3_RULES).toContain(rule);
        expect(r.exempt).toEqual(f.kind === 'corporate' && f.foreignTrade ? ['EX3.DEBT_RATIO'] : []);
        if (f.kind === 'individual') expect(r.insufficientData).toEqual([]);
        // EX3 triggers come two or more at a time
        const ex3 = triggered.filter((rule) => rule.startsWith('EX3.'));
        expect(ex3.length === 0 || ex3.length >= 2).toBe(true);
      }),
    );
  });

  it('adding a met condition never removes a trigger nor a candidate', () => {
    fc.assert(
      fc.property(facts, criteria, asOf, fc.constantFrom(...Object.keys(WORSENINGS)), (f, c, on, name) => {
        const before = screenCustomer(f, c, on);
        const after = screenCustomer(WORSENINGS[name]!(f, on, c), c, on);
        expect(rules(after)).toEqual(expect.arrayContaining(rules(before)));
        if (before.candidate) expect(after.candidate).toBe(true);
      }),
    );
  });

  it('each worsening makes its own rule trigger when it applies', () => {
    fc.assert(
      fc.property(facts, criteria, asOf, (f, c, on) => {
        expect(rules(screenCustomer(WORSENINGS['credit grade D']!(f, on, c), c, on))).toContain(
          'EX1.CREDIT_BELOW_B',
        );
        expect(rules(screenCustomer(WORSENINGS['loan class loss']!(f, on, c), c, on))).toContain(
          'EX2.LOAN_CLASS',
        );
        expect(rules(screenCustomer(WORSENINGS['a flag in force']!(f, on, c), c, on))).toContain(
          'EX4.MAJOR_EVENT',
        );
        if (f.kind === 'corporate') {
          const both = WORSENINGS['cash flow met']!(WORSENINGS['current ratio met']!(f, on, c), on, c);
          expect(rules(screenCustomer(both, c, on))).toEqual(
            expect.arrayContaining(['EX3.CURRENT_RATIO', 'EX3.NEGATIVE_OCF']),
          );
        }
      }),
    );
  });

  it('does not depend on the order of the flags, nor of statements of distinct years', () => {
    fc.assert(
      fc.property(facts, criteria, asOf, (f, c, on) => {
        const distinct = f.statements.filter(
          (s, i) => f.statements.findIndex((t) => t.fiscalYear === s.fiscalYear) === i,
        );
        const base = { ...f, statements: distinct };
        const reversed = { ...base, statements: [...distinct].reverse(), flags: [...f.flags].reverse() };
        expect(screenCustomer(reversed, c, on)).toEqual(screenCustomer(base, c, on));
      }),
    );
  });
});
