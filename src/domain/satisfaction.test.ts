import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectationMet,
  type IpaPoint,
  importancePerformance,
  isScore,
  itemSatisfaction,
  SCORE_MAX,
  SCORE_MIN,
  summarizeScores,
  weightedSatisfaction,
} from './satisfaction';

describe('satisfaction: one answer (perceived ÷ expected)', () => {
  it('accepts integer scores 1…7 only', () => {
    expect([SCORE_MIN, SCORE_MAX]).toEqual([1, 7]);
    for (const s of [1, 2, 3, 4, 5, 6, 7]) expect(isScore(s)).toBe(true);
    for (const s of [0, 8, 3.5, -1, Number.NaN, Number.POSITIVE_INFINITY, '5', null, undefined]) {
      expect(isScore(s)).toBe(false);
    }
  });

  it('is exactly 1 when perception equals expectation, and that meets the expectation', () => {
    for (const s of [1, 4, 7]) {
      const r = itemSatisfaction({ expected: s, perceived: s });
      expect(r).toEqual({ satisfaction: 1, gap: 0 });
      expect(expectationMet(r.satisfaction)).toBe(true);
    }
  });

  it('is 6 ÷ 5 = 1.2 above expectation, 5 ÷ 6 below it', () => {
    const above = itemSatisfaction({ expected: 5, perceived: 6 });
    expect(above).toEqual({ satisfaction: 1.2, gap: 1 });
    expect(expectationMet(above.satisfaction)).toBe(true);
    const below = itemSatisfaction({ expected: 6, perceived: 5 });
    expect(below.satisfaction).toBeCloseTo(0.833_333_333_333, 12);
    expect(below.gap).toBe(-1);
    expect(expectationMet(below.satisfaction)).toBe(false);
  });

  it('spans 1/7 … 7 at the ends of the scale', () => {
    expect(itemSatisfaction({ expected: 7, perceived: 1 })).toEqual({ satisfaction: 1 / 7, gap: -6 });
    expect(itemSatisfaction({ expected: 1, perceived: 7 })).toEqual({ satisfaction: 7, gap: 6 });
  });

  it('refuses scores 0, 8 and 3.5 on either side with a RangeError', () => {
    for (const bad of [0, 8, 3.5]) {
      expect(() => itemSatisfaction({ expected: bad, perceived: 4 })).toThrow(RangeError);
      expect(() => itemSatisfaction({ expected: 4, perceived: bad })).toThrow(RangeError);
    }
  });

  it('meets the expectation at 1 and above, not just under it', () => {
    expect(expectationMet(1)).toBe(true);
    expect(expectationMet(0.9999)).toBe(false);
    expect(expectationMet(1.0001)).toBe(true);
  });
});

describe('satisfaction: many answers (Σ perceived ÷ Σ expected)', () => {
  it('is null without answers', () => {
    expect(summarizeScores([])).toBeNull();
  });

  it('is the ratio of the sums, not the mean of the ratios', () => {
    // ratios 4/2 = 2 and 3/6 = 0.5 average 1.25 (above expectation);
    // the sums 7 ÷ 8 = 0.875 (below it): the one who expected more weighs more
    const r = summarizeScores([
      { expected: 2, perceived: 4 },
      { expected: 6, perceived: 3 },
    ]);
    expect(r).toEqual({ n: 2, expected: 4, perceived: 3.5, satisfaction: 0.875, gap: -0.5 });
    expect(expectationMet(r!.satisfaction)).toBe(false);
  });

  it('is exactly 1 when the sums are equal, though the ratios average more', () => {
    // 4/3 and 4/5 average 1.0666…; Σ 8 ÷ Σ 8 = 1
    const r = summarizeScores([
      { expected: 3, perceived: 4 },
      { expected: 5, perceived: 4 },
    ]);
    expect(r).toEqual({ n: 2, expected: 4, perceived: 4, satisfaction: 1, gap: 0 });
    expect(expectationMet(r!.satisfaction)).toBe(true);
  });

  it('sums many answers', () => {
    // expected 5,5,5,6,7 = 28; perceived 6,6,4,6,7 = 29
    const r = summarizeScores([
      { expected: 5, perceived: 6 },
      { expected: 5, perceived: 6 },
      { expected: 5, perceived: 4 },
      { expected: 6, perceived: 6 },
      { expected: 7, perceived: 7 },
    ]);
    expect(r!.n).toBe(5);
    expect(r!.expected).toBeCloseTo(5.6, 12);
    expect(r!.perceived).toBeCloseTo(5.8, 12);
    expect(r!.satisfaction).toBeCloseTo(29 / 28, 12);
    expect(r!.gap).toBeCloseTo(0.2, 12);
  });

  it('refuses a set holding one bad score', () => {
    const good = { expected: 4, perceived: 4 };
    for (const bad of [0, 8, 3.5]) {
      expect(() => summarizeScores([good, { expected: bad, perceived: 4 }])).toThrow(RangeError);
      expect(() => summarizeScores([good, { expected: 4, perceived: bad }])).toThrow(RangeError);
    }
  });

  it('lies between the smallest and the largest single ratio, and is 1 exactly when the sums match', () => {
    const score = fc.integer({ min: 1, max: 7 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ expected: score, perceived: score }), { minLength: 1, maxLength: 60 }),
        (answers) => {
          const r = summarizeScores(answers)!;
          const ratios = answers.map((a) => a.perceived / a.expected);
          expect(r.n).toBe(answers.length);
          expect(r.satisfaction).toBeGreaterThanOrEqual(Math.min(...ratios) - 1e-12);
          expect(r.satisfaction).toBeLessThanOrEqual(Math.max(...ratios) + 1e-12);
          const sumE = answers.reduce((a, x) => a + x.expected, 0);
          const sumP = answers.reduce((a, x) => a + x.perceived, 0);
          expect(r.satisfaction === 1).toBe(sumE === sumP);
          expect(expectationMet(r.satisfaction)).toBe(sumP >= sumE);
        },
      ),
    );
  });
});

describe('satisfaction: weighted over items and dimensions', () => {
  it('is the weighted mean of the parts', () => {
    // (1 × 1.2 + 3 × 0.8) ÷ 4 = 0.9; gaps (1 × 2 + 3 × −2) ÷ 4 = −1
    const r = weightedSatisfaction([
      { weight: 1, satisfaction: 1.2, gap: 2 },
      { weight: 3, satisfaction: 0.8, gap: -2 },
    ]);
    expect(r!.satisfaction).toBeCloseTo(0.9, 12);
    expect(r!.gap).toBe(-1);
  });

  it('scales the weights up over the parts with answers', () => {
    // the part without answers (weight 4) drops out: (3 × 1.2 + 1 × 0.8) ÷ 4 = 1.1, gap (3 − 2) ÷ 4
    const r = weightedSatisfaction([
      { weight: 3, satisfaction: 1.2, gap: 1 },
      { weight: 1, satisfaction: 0.8, gap: -2 },
      { weight: 4, satisfaction: null, gap: null },
    ]);
    expect(r!.satisfaction).toBeCloseTo(1.1, 12);
    expect(r!.gap).toBe(0.25);
    // weights 0.3/0.1/0.6 give the same as 3/1/6: only the shares count
    const s = weightedSatisfaction([
      { weight: 0.3, satisfaction: 1.2, gap: 1 },
      { weight: 0.1, satisfaction: 0.8, gap: -2 },
      { weight: 0.6, satisfaction: null },
    ]);
    expect(s!.satisfaction).toBeCloseTo(1.1, 12);
    expect(s!.gap).toBeCloseTo(0.25, 12);
    // a single part with answers is the whole result, whatever its weight
    const one = weightedSatisfaction([
      { weight: 0.05, satisfaction: 0.7, gap: -1.5 },
      { weight: 0.95, satisfaction: null },
    ]);
    expect(one!.satisfaction).toBeCloseTo(0.7, 12);
    expect(one!.gap).toBeCloseTo(-1.5, 12);
    // parts all exactly as expected stay exactly 1, whatever the weights
    expect(
      weightedSatisfaction([
        { weight: 0.15, satisfaction: 1, gap: 0 },
        { weight: 0.35, satisfaction: 1, gap: 0 },
        { weight: 0.2, satisfaction: null },
        { weight: 0.3, satisfaction: 1, gap: 0 },
      ]),
    ).toEqual({ satisfaction: 1, gap: 0 });
  });

  it('drops parts weighted 0 or less', () => {
    expect(
      weightedSatisfaction([
        { weight: 2, satisfaction: 1.5, gap: 1 },
        { weight: 0, satisfaction: 0.2, gap: -5 },
        { weight: -1, satisfaction: 0.4, gap: -4 },
      ]),
    ).toEqual({ satisfaction: 1.5, gap: 1 });
  });

  it('is null when no part has answers', () => {
    expect(weightedSatisfaction([])).toBeNull();
    expect(
      weightedSatisfaction([
        { weight: 1, satisfaction: null },
        { weight: 2, satisfaction: null, gap: null },
      ]),
    ).toBeNull();
    expect(weightedSatisfaction([{ weight: 0, satisfaction: 1 }])).toBeNull();
  });

  it('rolls items up into dimensions and dimensions into the overall figure', () => {
    // dimension A: items 1.2 (w 1) and 0.9 (w 1) → 1.05; dimension B: items 0.8 (w 2), none (w 1) → 0.8
    const a = weightedSatisfaction([
      { weight: 1, satisfaction: 1.2, gap: 1 },
      { weight: 1, satisfaction: 0.9, gap: -1 },
    ])!;
    const b = weightedSatisfaction([
      { weight: 2, satisfaction: 0.8, gap: -1 },
      { weight: 1, satisfaction: null },
    ])!;
    expect(a.satisfaction).toBeCloseTo(1.05, 12);
    expect(b).toEqual({ satisfaction: 0.8, gap: -1 });
    // overall: A weighs 0.6, B 0.4, C (no answers) 0.5 → (0.6 × 1.05 + 0.4 × 0.8) ÷ 1.0 = 0.95
    const all = weightedSatisfaction([
      { weight: 0.6, ...a },
      { weight: 0.4, ...b },
      { weight: 0.5, satisfaction: null },
    ])!;
    expect(all.satisfaction).toBeCloseTo(0.95, 12);
    expect(all.gap).toBeCloseTo(-0.4, 12);
  });
});

describe('satisfaction: importance–performance quadrants', () => {
  const quadrantsOf = (points: [string, number, number][]) =>
    importancePerformance(
      points.map(([key, expected, perceived]): IpaPoint => ({ key, expected, perceived })),
    );

  it('has no means without items', () => {
    expect(importancePerformance([])).toEqual({ importanceMean: null, performanceMean: null, quadrants: {} });
  });

  it('puts each item in its quadrant against the means, one on both means high on both', () => {
    // means: expected (6 + 6 + 2 + 2 + 4) ÷ 5 = 4, perceived likewise 4
    expect(
      quadrantsOf([
        ['fees', 6, 6],
        ['waiting', 6, 2],
        ['decor', 2, 6],
        ['parking', 2, 2],
        ['staff', 4, 4],
      ]),
    ).toEqual({
      importanceMean: 4,
      performanceMean: 4,
      quadrants: {
        fees: 'keep_up',
        waiting: 'concentrate_here',
        decor: 'possible_overkill',
        parking: 'low_priority',
        staff: 'keep_up',
      },
    });
  });

  it('counts an item on one mean as high on that axis only', () => {
    // expected mean (6 + 2 + 4) ÷ 3 = 4: on it; perceived mean (6 + 2 + 1) ÷ 3 = 3: below it
    expect(
      quadrantsOf([
        ['a', 6, 6],
        ['b', 2, 2],
        ['on', 4, 1],
      ]).quadrants.on,
    ).toBe('concentrate_here');
    // expected mean (6 + 2 + 1) ÷ 3 = 3: below; perceived mean (6 + 2 + 4) ÷ 3 = 4: on it
    expect(
      quadrantsOf([
        ['a', 6, 6],
        ['b', 2, 2],
        ['on', 1, 4],
      ]).quadrants.on,
    ).toBe('possible_overkill');
  });

  it('counts an item on the mean as high even when the mean carries rounding error', () => {
    // six items at 5.1 sum to 30.6 in binary as 30.600000000000005: the mean comes out above 5.1
    const same = quadrantsOf(
      Array.from({ length: 6 }, (_, i): [string, number, number] => [`i${i}`, 5.1, 5.1]),
    );
    expect(Object.values(same.quadrants)).toEqual(Array(6).fill('keep_up'));
    // 5.5, 5.6, 5.7 average 5.6, computed as 5.6000000000000005
    const r = quadrantsOf([
      ['low', 5.5, 5.5],
      ['mid', 5.6, 5.6],
      ['high', 5.7, 5.7],
    ]);
    expect(r.quadrants).toEqual({ low: 'low_priority', mid: 'keep_up', high: 'keep_up' });
    expect(r.importanceMean).toBeCloseTo(5.6, 12);
  });

  it('puts items that all score the same in keep up (each is on both means)', () => {
    // a mean of integer answers Σ ÷ n, the same for every item
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 40 }),
        (n, e, p, items) => {
          const expected = 1 + (e % (6 * n)) / n;
          const perceived = 1 + (p % (6 * n)) / n;
          const r = importancePerformance(
            Array.from({ length: items }, (_, i) => ({ key: `k${i}`, expected, perceived })),
          );
          expect(new Set(Object.values(r.quadrants))).toEqual(new Set(['keep_up']));
        },
      ),
    );
  });
});
