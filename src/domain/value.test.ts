import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_GRADES, type CreditGrade, NEED_TAGS, type NeedTag, PRODUCTS } from '../shared/codes';
import { addMonths } from './months';
import {
  coefficientFor,
  creditFactor,
  growthFactor,
  type HeldAccount,
  logFactor,
  MODEL_TERMS,
  type ModelInput,
  type MonthlyFigure,
  modelScore,
  modelValue,
  openNeeds,
  type PotentialInput,
  potentialValue,
  realizedValue,
  type ValueSettings,
} from './value';

// Money in fen. Scales: 100 yuan (10,000 fen) scores 0, 1,000,000 yuan (100,000,000 fen) scores 1.
const settings = (over: Partial<ValueSettings> = {}): ValueSettings => ({
  wallet: { corporateDefault: 0.005, corporateBySection: { C: 0.006, K: 0.01 }, individual: 0.01 },
  openNeedValues: { deposit: 200_000, loan: 2_000_000, rmb: 100_000, fx: 500_000 },
  weights: { realized: 40, potential: 25, loyalty: 15, growth: 10, credit: 10 },
  realizedScale: { floor: 10_000, ceiling: 100_000_000 },
  potentialScale: { floor: 10_000, ceiling: 100_000_000 },
  growthSpan: 0.5,
  ...over,
});

const account = (product: string, currency = 'CNY'): HeldAccount => ({ product, currency });

const corporate = (over: Partial<PotentialInput> = {}): PotentialInput => ({
  kind: 'corporate',
  industry: 'C31',
  annualRevenue: 10_000_000_000,
  financialAssets: null,
  needTags: [],
  openAccounts: [],
  realized: 0,
  ...over,
});

describe('realized value 既成价值', () => {
  const fig = (month: string, nic: number, fee: number): MonthlyFigure => ({
    month,
    netInterestContribution: nic,
    feeIncome: fee,
  });

  it('sums contribution and fees over the 12 months ending with the month, both ends included', () => {
    const to = '2025-02';
    const from = addMonths(to, -11);
    expect(from).toBe('2024-03');
    const figures = [
      fig('2024-02', 1_000_000, 0), // 13th month back: outside
      fig('2024-03', 100, 20), // first month of the window
      fig('2024-09', 300, 0),
      fig('2024-09', 50, 5), // a second account in the same month
      fig('2025-02', -40, 7), // last month, negative contribution
      fig('2025-03', 1_000_000, 0), // after the month asked
    ];
    expect(realizedValue(figures, from, to)).toBe(120 + 300 + 55 - 33);
    expect(realizedValue([], from, to)).toBe(0);
  });
});

describe('open needs', () => {
  it('a deposit need is met by a demand or time deposit only', () => {
    expect(openNeeds(['deposit'], [account('demand_deposit')])).toEqual([]);
    expect(openNeeds(['deposit'], [account('time_deposit')])).toEqual([]);
    expect(openNeeds(['deposit'], [account('wealth_management'), account('working_capital_loan')])).toEqual([
      'deposit',
    ]);
  });

  it('a loan need is met by any of the three loans', () => {
    for (const p of ['working_capital_loan', 'fixed_asset_loan', 'mortgage'])
      expect(openNeeds(['loan'], [account(p)]), p).toEqual([]);
    expect(openNeeds(['loan'], [account('demand_deposit'), account('fx_settlement', 'USD')])).toEqual([
      'loan',
    ]);
  });

  it('fx is met by FX settlement or by an account in a currency other than CNY', () => {
    expect(openNeeds(['fx'], [account('fx_settlement', 'CNY')])).toEqual([]);
    expect(openNeeds(['fx'], [account('demand_deposit', 'USD')])).toEqual([]);
    expect(openNeeds(['fx'], [account('time_deposit', 'EUR')])).toEqual([]);
    expect(openNeeds(['fx'], [account('demand_deposit', 'CNY'), account('mortgage', 'CNY')])).toEqual(['fx']);
  });

  it('rmb is met by any account in CNY, and not by a foreign-currency one', () => {
    expect(openNeeds(['rmb'], [account('mortgage', 'CNY')])).toEqual([]);
    expect(openNeeds(['rmb'], [account('payroll_agency', 'CNY')])).toEqual([]);
    expect(openNeeds(['rmb'], [account('demand_deposit', 'USD'), account('fx_settlement', 'HKD')])).toEqual([
      'rmb',
    ]);
  });

  it('keeps the tags in the order given and reports every unmet one when nothing is held', () => {
    expect(openNeeds(['fx', 'deposit', 'loan', 'rmb'], [])).toEqual(['fx', 'deposit', 'loan', 'rmb']);
    expect(openNeeds(['fx', 'deposit', 'loan', 'rmb'], [account('demand_deposit', 'USD')])).toEqual([
      'loan',
      'rmb',
    ]);
    expect(openNeeds([], [])).toEqual([]);
  });
});

describe('wallet coefficient', () => {
  const wallet = settings().wallet;

  it('takes the coefficient of a corporate customer’s industry section, for a section or a division', () => {
    expect(coefficientFor('corporate', 'C', wallet)).toBe(0.006);
    expect(coefficientFor('corporate', 'C31', wallet)).toBe(0.006);
    expect(coefficientFor('corporate', 'K70', wallet)).toBe(0.01);
  });

  it('falls back to the default for an unlisted section, an invalid code or no industry', () => {
    expect(coefficientFor('corporate', 'A', wallet)).toBe(0.005);
    expect(coefficientFor('corporate', 'A01', wallet)).toBe(0.005);
    expect(coefficientFor('corporate', 'C01', wallet)).toBe(0.005); // 01 is a division of A, not C
    expect(coefficientFor('corporate', 'Z', wallet)).toBe(0.005);
    expect(coefficientFor('corporate', null, wallet)).toBe(0.005);
  });

  it('uses the individual coefficient for an individual, whatever the industry', () => {
    expect(coefficientFor('individual', 'K', wallet)).toBe(0.01);
    expect(coefficientFor('individual', null, { ...wallet, individual: 0.02 })).toBe(0.02);
  });

  it('takes a section coefficient of 0 as given, not as missing', () => {
    expect(coefficientFor('corporate', 'C', { ...wallet, corporateBySection: { C: 0 } })).toBe(0);
  });
});

describe('potential value 潜在价值', () => {
  it('is the wallet estimate plus unmet needs, less realized value', () => {
    const p = potentialValue(
      corporate({
        needTags: ['deposit', 'fx', 'loan'],
        openAccounts: [account('demand_deposit'), account('working_capital_loan')],
        realized: 10_000_000,
      }),
      settings(),
    );
    // 100,000,000 yuan revenue × 0.006 (section C) = 60,000,000 fen; fx unmet: 500,000 fen
    expect(p.base).toEqual({
      source: 'annual_revenue',
      amount: 10_000_000_000,
      coefficient: 0.006,
      estimate: 60_000_000,
    });
    expect(p.openNeeds).toEqual([{ tag: 'fx', amount: 500_000 }]);
    expect(p.wallet).toBe(60_500_000);
    expect(p.realized).toBe(10_000_000);
    expect(p.value).toBe(50_500_000);
  });

  it('is an individual’s financial assets × the individual coefficient', () => {
    const p = potentialValue(
      {
        kind: 'individual',
        industry: null,
        annualRevenue: 999_999_999,
        financialAssets: 300_000_000,
        needTags: ['rmb'],
        openAccounts: [],
        realized: 1_000_000,
      },
      settings(),
    );
    expect(p.base.source).toBe('financial_assets');
    expect(p.base.amount).toBe(300_000_000);
    expect(p.base.estimate).toBe(3_000_000);
    expect(p.wallet).toBe(3_100_000);
    expect(p.value).toBe(2_100_000);
  });

  it('counts an unknown revenue as 0 and reports it as unknown', () => {
    const p = potentialValue(corporate({ annualRevenue: null, needTags: ['loan'] }), settings());
    expect(p.base.amount).toBeNull();
    expect(p.base.estimate).toBe(0);
    expect(p.wallet).toBe(2_000_000);
    expect(p.value).toBe(2_000_000);
  });

  it('is 0, never negative, when realized value exceeds the wallet; exactly equal is 0 too', () => {
    const over = potentialValue(corporate({ realized: 60_000_001 }), settings());
    expect(over.wallet).toBe(60_000_000);
    expect(over.value).toBe(0);
    expect(potentialValue(corporate({ realized: 60_000_000 }), settings()).value).toBe(0);
    expect(potentialValue(corporate({ realized: 59_999_999 }), settings()).value).toBe(1);
  });

  it('is never negative and never below wallet − realized', () => {
    const tags = fc.subarray([...NEED_TAGS.codes] as NeedTag[]);
    const held = fc.array(
      fc.record({ product: fc.constantFrom(...PRODUCTS.codes), currency: fc.constantFrom('CNY', 'USD') }),
      { maxLength: 4 },
    );
    const money = fc.option(fc.integer({ min: 0, max: 1e14 }), { nil: null });
    fc.assert(
      fc.property(
        fc.constantFrom('corporate' as const, 'individual' as const),
        fc.constantFrom(null, 'A', 'C', 'C31', 'K70', 'Z'),
        money,
        money,
        tags,
        held,
        fc.integer({ min: -1e12, max: 1e14 }),
        (kind, industry, annualRevenue, financialAssets, needTags, openAccounts, realized) => {
          const p = potentialValue(
            { kind, industry, annualRevenue, financialAssets, needTags, openAccounts, realized },
            settings(),
          );
          expect(p.value).toBeGreaterThanOrEqual(0);
          expect(p.value).toBeGreaterThanOrEqual(p.wallet - realized);
          expect(p.value === 0 || p.value === p.wallet - realized).toBe(true);
          expect(p.wallet).toBeGreaterThanOrEqual(p.base.estimate);
        },
      ),
    );
  });
});

describe('model value factors', () => {
  const scale = { floor: 10_000, ceiling: 100_000_000 };

  it('scores money 0 at or below the floor and 1 at or above the ceiling', () => {
    expect(logFactor(10_000, scale)).toBe(0);
    expect(logFactor(9_999, scale)).toBe(0);
    expect(logFactor(0, scale)).toBe(0);
    expect(logFactor(-5_000_000, scale)).toBe(0);
    expect(logFactor(10_001, scale)).toBeGreaterThan(0);
    expect(logFactor(100_000_000, scale)).toBe(1);
    expect(logFactor(100_000_001, scale)).toBe(1);
    expect(logFactor(1e15, scale)).toBe(1);
    expect(logFactor(99_999_999, scale)).toBeLessThan(1);
  });

  it('is logarithmic between floor and ceiling', () => {
    // the scale spans four powers of ten: each power is a quarter
    expect(logFactor(100_000, scale)).toBeCloseTo(0.25, 12);
    expect(logFactor(1_000_000, scale)).toBeCloseTo(0.5, 12);
    expect(logFactor(10_000_000, scale)).toBeCloseTo(0.75, 12);
  });

  it('scores credit grades from AAA 1 to D 0, evenly', () => {
    expect(creditFactor('AAA')).toBe(1);
    expect(creditFactor('D')).toBe(0);
    expect(creditFactor('BBB')).toBeCloseTo(6 / 9, 12);
    expect(creditFactor('B')).toBeCloseTo(4 / 9, 12);
    expect(creditFactor(null)).toBeNull();
    expect(creditFactor('XYZ' as CreditGrade)).toBeNull();
    const factors = CREDIT_GRADES.codes.map((g) => creditFactor(g)!);
    for (let i = 1; i < factors.length; i++) expect(factors[i - 1]! - factors[i]!).toBeCloseTo(1 / 9, 12);
  });

  it('maps growth −span…+span onto 0…1, clamped', () => {
    expect(growthFactor(0, 0.5)).toBe(0.5);
    expect(growthFactor(0.5, 0.5)).toBe(1);
    expect(growthFactor(-0.5, 0.5)).toBe(0);
    expect(growthFactor(0.25, 0.5)).toBe(0.75);
    expect(growthFactor(3, 0.5)).toBe(1);
    expect(growthFactor(-1, 0.5)).toBe(0);
    expect(growthFactor(0.1, 0.2)).toBe(0.75);
    expect(growthFactor(null, 0.5)).toBeNull();
  });
});

describe('model value 模型价值', () => {
  const full: ModelInput = { realized: 1e9, potential: 1e9, loyalty: 1, growth: 2, creditGrade: 'AAA' };
  const none: ModelInput = { realized: 0, potential: -1, loyalty: 0, growth: -2, creditGrade: 'D' };

  it('scores 100 when every term is full and 0 when every term is empty', () => {
    expect(modelValue(full, settings()).score).toBe(100);
    expect(modelValue(none, settings()).score).toBe(0);
  });

  it('weighs each known term: Σ weight × factor ÷ Σ weight × 100', () => {
    // realized 1,000,000 fen: 0.5; potential at the ceiling: 1; loyalty 0.5; growth 0: 0.5; BBB: 2/3
    const v = modelValue(
      { realized: 1_000_000, potential: 100_000_000, loyalty: 0.5, growth: 0, creditGrade: 'BBB' },
      settings(),
    );
    // 40 × 0.5 + 25 × 1 + 15 × 0.5 + 10 × 0.5 + 10 × 2/3 = 64.1666…
    expect(v.score).toBe(64.2);
    const points = Object.fromEntries(v.terms.map((t) => [t.term, t.points]));
    expect(points).toEqual({ realized: 20, potential: 25, loyalty: 7.5, growth: 5, credit: 6.7 });
    expect(v.terms.map((t) => t.term)).toEqual([...MODEL_TERMS]);
    expect(v.terms.every((t) => t.known)).toBe(true);
  });

  it('normalises weights that do not sum to 100', () => {
    const w = settings({ weights: { realized: 1, potential: 1, loyalty: 1, growth: 1, credit: 0 } });
    // (1 + 1 + 0 + 0.5) ÷ 4 × 100 = 62.5
    const v = modelValue({ ...full, loyalty: 0, growth: 0 }, w);
    expect(v.score).toBe(62.5);
    expect(v.terms.find((t) => t.term === 'credit')!.points).toBe(0);
  });

  it('spreads the weight of unknown loyalty, growth and credit over the known terms', () => {
    const v = modelValue(
      { realized: 100_000_000, potential: 10_000, loyalty: null, growth: null, creditGrade: 'AAA' },
      settings(),
    );
    // known weights 40 + 25 + 10 = 75: (40 × 1 + 25 × 0 + 10 × 1) ÷ 75 × 100 = 66.67
    expect(v.score).toBe(66.7);
    const byTerm = Object.fromEntries(v.terms.map((t) => [t.term, t]));
    expect(byTerm.realized).toMatchObject({ known: true, factor: 1, weight: 40, points: 53.3 });
    expect(byTerm.potential).toMatchObject({ known: true, factor: 0, points: 0 });
    expect(byTerm.credit).toMatchObject({ known: true, factor: 1, points: 13.3 });
    expect(byTerm.loyalty).toMatchObject({ known: false, factor: null, weight: 15, points: 0 });
    expect(byTerm.growth).toMatchObject({ known: false, factor: null, weight: 10, points: 0 });
  });

  it('with every optional term unknown, realized and potential alone make the score', () => {
    const v = modelValue(
      { realized: 100_000_000, potential: 100_000_000, loyalty: null, growth: null, creditGrade: null },
      settings(),
    );
    expect(v.score).toBe(100);
    const half = modelValue(
      { realized: 100_000_000, potential: 0, loyalty: null, growth: null, creditGrade: null },
      settings(),
    );
    expect(half.score).toBe(61.5); // 40 ÷ 65
  });

  it('sits at the log-scale boundaries: the floor adds nothing, one fen more adds something', () => {
    const only = settings({ weights: { realized: 1, potential: 0, loyalty: 0, growth: 0, credit: 0 } });
    const at = (realized: number) =>
      modelValue({ realized, potential: 0, loyalty: null, growth: null, creditGrade: null }, only).score;
    expect(at(10_000)).toBe(0);
    expect(at(1_000_000)).toBe(50);
    expect(at(100_000_000)).toBe(100);
    expect(at(100_000_001)).toBe(100);
    expect(at(99_000_000)).toBeLessThan(100);
    expect(at(11_000)).toBeGreaterThan(0);
  });

  const grade = fc.option(fc.constantFrom(...CREDIT_GRADES.codes), { nil: null });
  const input = fc.record({
    realized: fc.integer({ min: -1e13, max: 1e13 }),
    potential: fc.integer({ min: 0, max: 1e13 }),
    loyalty: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    growth: fc.option(fc.double({ min: -100, max: 100, noNaN: true }), { nil: null }),
    creditGrade: grade,
  });
  const weights = fc.record({
    realized: fc.integer({ min: 0, max: 1000 }),
    potential: fc.integer({ min: 0, max: 1000 }),
    loyalty: fc.integer({ min: 0, max: 1000 }),
    growth: fc.integer({ min: 0, max: 1000 }),
    credit: fc.integer({ min: 0, max: 1000 }),
  });
  const span = fc.double({ min: 0.01, max: 10, noNaN: true });

  it('always scores within 0…100, to one decimal, each term within it too', () => {
    fc.assert(
      fc.property(input, weights, span, (i, w, growthSpan) => {
        const v = modelValue(i, settings({ weights: w, growthSpan }));
        expect(v.score).toBeGreaterThanOrEqual(0);
        expect(v.score).toBeLessThanOrEqual(100);
        expect(Math.abs(v.score * 10 - Math.round(v.score * 10))).toBeLessThan(1e-9);
        for (const t of v.terms) {
          expect(t.points).toBeGreaterThanOrEqual(0);
          expect(t.points).toBeLessThanOrEqual(100);
          if (t.factor !== null) {
            expect(t.factor).toBeGreaterThanOrEqual(0);
            expect(t.factor).toBeLessThanOrEqual(1);
          }
        }
        // the shown points add up to the score, up to their rounding
        const sum = v.terms.reduce((s, t) => s + t.points, 0);
        expect(Math.abs(sum - v.score)).toBeLessThanOrEqual(0.3 + 1e-9);
      }),
    );
  });

  it('gives the score alone (what the value run stores) exactly as with its terms', () => {
    fc.assert(
      fc.property(input, weights, span, (i, w, growthSpan) => {
        const s = settings({ weights: w, growthSpan });
        expect(modelScore(i, s)).toBe(modelValue(i, s).score);
      }),
    );
  });

  it('never falls when realized value rises, the rest unchanged', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 1e12 }), weights, (i, more, w) => {
        const s = settings({ weights: w });
        expect(modelValue({ ...i, realized: i.realized + more }, s).score).toBeGreaterThanOrEqual(
          modelValue(i, s).score,
        );
      }),
    );
  });
});
