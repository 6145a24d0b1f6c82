import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOYALTY_MEASURES, type LoyaltyMeasure } from '../shared/codes';
import {
  attitudeScore,
  DEFAULT_LOYALTY_SETTINGS,
  type LoyaltyInput,
  type LoyaltySettings,
  loyaltyIndex,
  measureScores,
} from './loyalty';

/** Nothing known but retention (a customer kept). */
const UNKNOWN: LoyaltyInput = {
  purchases12m: null,
  priceSensitivity: { assessment: null, survey: null },
  competitorAttitude: { assessment: null, survey: null },
  problems: { complaints: 0, stayed: true, fixSatisfaction: null },
  growth: null,
  lost: false,
};
const scores = (input: Partial<LoyaltyInput>, settings: LoyaltySettings = DEFAULT_LOYALTY_SETTINGS) =>
  measureScores({ ...UNKNOWN, ...input }, settings);
const problems = (complaints: number, stayed: boolean, fixSatisfaction: number | null) =>
  scores({ problems: { complaints, stayed, fixSatisfaction } }).problem_attitude;

/** Integer weights, so the index can be checked exactly. */
const WEIGHTS: Record<LoyaltyMeasure, number> = {
  repeat_purchases: 2,
  price_sensitivity: 3,
  competitor_attitude: 1,
  problem_attitude: 4,
  growth: 5,
  retention: 2,
};
const settingsWith = (weights: Partial<Record<LoyaltyMeasure, number>>): LoyaltySettings => ({
  ...DEFAULT_LOYALTY_SETTINGS,
  weights: { ...WEIGHTS, ...weights },
});

describe('loyalty: the measures', () => {
  it('scores repeat purchases against the target, at most 1, unknown without a product', () => {
    expect(scores({ purchases12m: 0 }).repeat_purchases).toBe(0);
    expect(scores({ purchases12m: 1 }).repeat_purchases).toBe(0.5);
    expect(scores({ purchases12m: 2 }).repeat_purchases).toBe(1);
    expect(scores({ purchases12m: 7 }).repeat_purchases).toBe(1);
    expect(scores({ purchases12m: null }).repeat_purchases).toBeNull();
    const target4 = { ...DEFAULT_LOYALTY_SETTINGS, repeatPurchaseTarget: 4 };
    expect(scores({ purchases12m: 3 }, target4).repeat_purchases).toBe(0.75);
    expect(scores({ purchases12m: 4 }, target4).repeat_purchases).toBe(1);
  });

  it('maps the RM assessment 1…5 onto 0…1', () => {
    expect(attitudeScore({ assessment: 1, survey: null })).toBe(0);
    expect(attitudeScore({ assessment: 2, survey: null })).toBe(0.25);
    expect(attitudeScore({ assessment: 3, survey: null })).toBe(0.5);
    expect(attitudeScore({ assessment: 5, survey: null })).toBe(1);
  });

  it('maps the survey score 1…7 onto 0…1', () => {
    expect(attitudeScore({ assessment: null, survey: 1 })).toBe(0);
    expect(attitudeScore({ assessment: null, survey: 4 })).toBe(0.5);
    expect(attitudeScore({ assessment: null, survey: 5.5 })).toBe(0.75);
    expect(attitudeScore({ assessment: null, survey: 7 })).toBe(1);
  });

  it('takes the mean of assessment and survey when both are known, unknown when neither is', () => {
    // 1 and 0 → 0.5; 0.25 and 1 → 0.625; 0.75 and 0.75
    expect(attitudeScore({ assessment: 5, survey: 1 })).toBe(0.5);
    expect(attitudeScore({ assessment: 2, survey: 7 })).toBe(0.625);
    expect(attitudeScore({ assessment: 4, survey: 5.5 })).toBe(0.75);
    expect(attitudeScore({ assessment: null, survey: null })).toBeNull();
  });

  it('scores price sensitivity and competitor attitude each from its own sources', () => {
    const s = scores({
      priceSensitivity: { assessment: 5, survey: null },
      competitorAttitude: { assessment: null, survey: 1 },
    });
    expect(s.price_sensitivity).toBe(1);
    expect(s.competitor_attitude).toBe(0);
  });

  it('scores the attitude after a problem', () => {
    // no complaint in the lookback: unknown, whether or not the customer stayed
    expect(problems(0, true, null)).toBeNull();
    expect(problems(0, false, 7)).toBeNull();
    // lost after one: 0, whatever the fix was rated
    expect(problems(1, false, null)).toBe(0);
    expect(problems(2, false, 7)).toBe(0);
    // stayed, fix not rated: 1
    expect(problems(1, true, null)).toBe(1);
    // stayed: mean of 1 and the fix rating (f − 1) ÷ 6
    expect(problems(1, true, 7)).toBe(1);
    expect(problems(1, true, 4)).toBe(0.75);
    expect(problems(3, true, 1)).toBe(0.5);
  });

  it('maps growth −span…+span onto 0…1', () => {
    expect(scores({ growth: null }).growth).toBeNull();
    expect(scores({ growth: 0 }).growth).toBe(0.5);
    expect(scores({ growth: 0.5 }).growth).toBe(1);
    expect(scores({ growth: -0.5 }).growth).toBe(0);
    expect(scores({ growth: -0.25 }).growth).toBe(0.25);
    // beyond the span: held at the ends
    expect(scores({ growth: 3 }).growth).toBe(1);
    expect(scores({ growth: -1 }).growth).toBe(0);
    const wide = { ...DEFAULT_LOYALTY_SETTINGS, growthSpan: 1 };
    expect(scores({ growth: 0.5 }, wide).growth).toBe(0.75);
    expect(scores({ growth: -1 }, wide).growth).toBe(0);
  });

  it('scores retention 1 for a customer kept and 0 for one lost', () => {
    expect(scores({ lost: false }).retention).toBe(1);
    expect(scores({ lost: true }).retention).toBe(0);
  });
});

describe('loyalty: the index', () => {
  it('is Σ weight × score ÷ Σ weight when every measure is known', () => {
    const input: LoyaltyInput = {
      purchases12m: 1, // 0.5
      priceSensitivity: { assessment: 3, survey: null }, // 0.5
      competitorAttitude: { assessment: 5, survey: 7 }, // 1
      problems: { complaints: 1, stayed: true, fixSatisfaction: 4 }, // 0.75
      growth: -0.25, // 0.25
      lost: false, // 1
    };
    // (2 × 0.5 + 3 × 0.5 + 1 × 1 + 4 × 0.75 + 5 × 0.25 + 2 × 1) ÷ 17 = 9.75 ÷ 17
    const r = loyaltyIndex(input, settingsWith({}));
    expect(r.index).toBeCloseTo(9.75 / 17, 12);
    expect(r.measures).toEqual([
      { measure: 'repeat_purchases', weight: 2, score: 0.5 },
      { measure: 'price_sensitivity', weight: 3, score: 0.5 },
      { measure: 'competitor_attitude', weight: 1, score: 1 },
      { measure: 'problem_attitude', weight: 4, score: 0.75 },
      { measure: 'growth', weight: 5, score: 0.25 },
      { measure: 'retention', weight: 2, score: 1 },
    ]);
  });

  it('uses the default weights', () => {
    // every score 1 except retention (lost): 1 − 0.2 = 0.8 of a total weight of 1
    const r = loyaltyIndex(
      {
        purchases12m: 2,
        priceSensitivity: { assessment: 5, survey: 7 },
        competitorAttitude: { assessment: 5, survey: null },
        problems: { complaints: 1, stayed: true, fixSatisfaction: null },
        growth: 0.5,
        lost: true,
      },
      DEFAULT_LOYALTY_SETTINGS,
    );
    expect(r.index).toBeCloseTo(0.8, 12);
    expect(r.measures.map((m) => m.weight)).toEqual([0.2, 0.15, 0.15, 0.15, 0.15, 0.2]);
  });

  it('drops unknown measures and spreads their weight over the known ones', () => {
    // known: repeat purchases 0.5 (w 2), price sensitivity 1 (w 3), retention 0 (w 2)
    // → (1 + 3 + 0) ÷ 7; the other measures' weights 1 + 4 + 5 drop out
    const r = loyaltyIndex(
      { ...UNKNOWN, purchases12m: 1, priceSensitivity: { assessment: 5, survey: null }, lost: true },
      settingsWith({}),
    );
    expect(r.index).toBeCloseTo(4 / 7, 12);
    expect(r.measures.map((m) => m.score)).toEqual([0.5, 1, null, null, null, 0]);
    // the weights reported stay as configured
    expect(r.measures.map((m) => m.weight)).toEqual([2, 3, 1, 4, 5, 2]);
  });

  it('is retention alone when nothing else is known', () => {
    expect(loyaltyIndex(UNKNOWN, DEFAULT_LOYALTY_SETTINGS).index).toBe(1);
    expect(loyaltyIndex({ ...UNKNOWN, lost: true }, DEFAULT_LOYALTY_SETTINGS).index).toBe(0);
  });

  it('leaves out a known measure weighted 0', () => {
    // growth 1 weighted 0 does not count: retention 0 alone
    expect(loyaltyIndex({ ...UNKNOWN, growth: 0.5, lost: true }, settingsWith({ growth: 0 })).index).toBe(0);
  });

  it('is null when no weighted measure is known', () => {
    expect(loyaltyIndex(UNKNOWN, settingsWith({ retention: 0 })).index).toBeNull();
    const none = Object.fromEntries(LOYALTY_MEASURES.codes.map((m) => [m, 0]));
    const full: LoyaltyInput = {
      purchases12m: 2,
      priceSensitivity: { assessment: 5, survey: 7 },
      competitorAttitude: { assessment: 5, survey: 7 },
      problems: { complaints: 1, stayed: true, fixSatisfaction: 7 },
      growth: 0,
      lost: false,
    };
    const r = loyaltyIndex(full, settingsWith(none));
    expect(r.index).toBeNull();
    expect(r.measures.every((m) => m.score !== null)).toBe(true);
  });

  it('stays within 0…1 and between the known scores, for any input and weights', () => {
    const num = fc.double({ noNaN: true, min: -1e9, max: 1e9 });
    const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
    const attitude = fc.record({ assessment: maybe(num), survey: maybe(num) });
    const input = fc.record({
      purchases12m: maybe(fc.oneof(fc.integer({ min: 0, max: 50 }), num)),
      priceSensitivity: attitude,
      competitorAttitude: attitude,
      problems: fc.record({
        complaints: fc.integer({ min: 0, max: 5 }),
        stayed: fc.boolean(),
        fixSatisfaction: maybe(num),
      }),
      growth: maybe(num),
      lost: fc.boolean(),
    });
    // weights as configured (shares such as 0.15), or 0, or negative (not counted); no subnormals
    const weight = fc.oneof(
      fc.constant(0),
      fc.constant(-0.5),
      fc.double({ noNaN: true, min: 1e-6, max: 1000 }),
    );
    const settings = fc.record({
      weights: fc.record(
        Object.fromEntries(LOYALTY_MEASURES.codes.map((m) => [m, weight])) as Record<
          LoyaltyMeasure,
          fc.Arbitrary<number>
        >,
      ),
      repeatPurchaseTarget: fc.integer({ min: 1, max: 10 }),
      growthSpan: fc.double({ noNaN: true, min: 0.01, max: 10 }),
    });
    fc.assert(
      fc.property(input, settings, (i, s) => {
        const r = loyaltyIndex(i, s);
        const counted = r.measures.filter((m) => m.score !== null && m.weight > 0).map((m) => m.score!);
        for (const m of r.measures) {
          if (m.score !== null) {
            expect(m.score).toBeGreaterThanOrEqual(0);
            expect(m.score).toBeLessThanOrEqual(1);
          }
        }
        if (counted.length === 0) {
          expect(r.index).toBeNull();
        } else {
          expect(r.index).not.toBeNull();
          expect(r.index!).toBeGreaterThanOrEqual(0);
          expect(r.index!).toBeLessThanOrEqual(1);
          expect(r.index!).toBeGreaterThanOrEqual(Math.min(...counted) - 1e-12);
          expect(r.index!).toBeLessThanOrEqual(Math.max(...counted) + 1e-12);
        }
      }),
    );
  });
});
