import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CUTOFFS,
  PARETO_TIERS,
  type ParetoCutoffs,
  type ParetoTier,
  paretoOfRanked,
  paretoTiers,
  rankByValue,
  shareOf,
  tierByFloors,
  tierFloors,
} from './pareto';

/** Tiers of `values`, ids 1…n in the order given. */
const tiersOf = (values: number[], cutoffs: ParetoCutoffs = DEFAULT_CUTOFFS) =>
  paretoTiers(
    values.map((_, i) => i + 1),
    values,
    cutoffs,
  );

describe('Pareto tiers (80/20)', () => {
  it('ends tier A exactly at 80% and tier B exactly at 95% of the total', () => {
    // 57 + 23 = 80 exactly (as shares 0.57 + 0.23 = 0.7999…9 in binary); 80 + 15 = 95 exactly
    expect(tiersOf([57, 23, 15, 5]).tiers).toEqual(['A', 'A', 'B', 'C']);
    // 57 + 29 = 86 passes 80; 86 + 9 = 95 exactly (0.57 + 0.29 + 0.09 = 0.9499…8 in binary)
    expect(tiersOf([57, 29, 9, 5]).tiers).toEqual(['A', 'A', 'B', 'C']);
    // 70 + 10 = 80 exactly (0.7 + 0.1 = 0.7999…9 in binary)
    expect(tiersOf([70, 10, 10, 5, 5]).tiers).toEqual(['A', 'A', 'B', 'B', 'C']);
  });

  it('one fen short of a cut-off keeps the tier open', () => {
    // 79 of 100: A takes the next customer too; 94 of 100: B takes the next one too
    expect(tiersOf([79, 15, 5, 1]).tiers).toEqual(['A', 'A', 'B', 'C']);
    expect(tiersOf([60, 20, 14, 5, 1]).tiers).toEqual(['A', 'A', 'B', 'B', 'C']);
  });

  it('holds the exact boundaries with amounts of 1e12 fen', () => {
    const big = [57, 23, 15, 5].map((x) => x * 10_000_000_000);
    expect(big.reduce((s, v) => s + v, 0)).toBe(1e12);
    const r = tiersOf(big);
    expect(r.tiers).toEqual(['A', 'A', 'B', 'C']);
    expect(r.result.tierValues).toEqual({ A: 8e11, B: 1.5e11, C: 5e10, D: 0 });
    expect(tiersOf([57, 29, 9, 5].map((x) => x * 10_000_000_000)).tiers).toEqual(['A', 'A', 'B', 'C']);
    // 55% of 742,296,530,900 is 408,263,091,995 exactly; in binary 0.55 × total is above it
    const cut = { a: 0.55, b: 0.95 };
    expect(tiersOf([408_263_091_995, 334_033_438_905], cut).tiers).toEqual(['A', 'B']);
    expect(tiersOf([408_263_091_994, 334_033_438_906], cut).tiers).toEqual(['A', 'A']);
  });

  it('puts the customer who crosses a cut-off in the tier it completes', () => {
    // 50 < 80, 90 ≥ 80 → both A; 100 ≥ 95 → B
    expect(tiersOf([50, 40, 10]).tiers).toEqual(['A', 'A', 'B']);
    // one customer above 95% alone: A; the next ones are past both cut-offs: C
    expect(tiersOf([96, 3, 1]).tiers).toEqual(['A', 'C', 'C']);
    // 80% not a whole number of fen: 80% of 11 is 8.8, so 8 is short of it
    expect(tiersOf([8, 3]).tiers).toEqual(['A', 'A']);
    expect(tiersOf([8, 2]).tiers).toEqual(['A', 'B']);
  });

  it('ranks by value, highest first, ties by id, whatever the input order', () => {
    expect(tiersOf([15, 57, 5, 23]).tiers).toEqual(['B', 'A', 'C', 'A']);
    // ids 1, 3, 2: the two 20s tie; id 2 (third in the input) ranks first and completes A
    const ties = paretoTiers([1, 3, 2], [60, 20, 20]);
    expect(Array.from(rankByValue([1, 3, 2], [60, 20, 20]))).toEqual([0, 2, 1]);
    expect(ties.tiers).toEqual(['A', 'B', 'A']);
  });

  it('gives D to zero and negative values, which add nothing to the base of the shares', () => {
    const r = tiersOf([0, 80, -50, 20]);
    expect(r.tiers).toEqual(['D', 'A', 'D', 'B']);
    expect(r.result.total).toBe(50);
    expect(r.result.positiveTotal).toBe(100);
    expect(r.result.tierCounts).toEqual({ A: 1, B: 1, C: 0, D: 2 });
    expect(r.result.tierValues).toEqual({ A: 80, B: 20, C: 0, D: -50 });
  });

  it('gives every customer D when no value is positive, with a flat curve', () => {
    const r = tiersOf([0, -1, -5]);
    expect(r.tiers).toEqual(['D', 'D', 'D']);
    expect(r.result.positiveTotal).toBe(0);
    expect(r.result.top20Share).toBe(0);
    expect(r.result.curve.every((p) => p.value === 0)).toBe(true);
  });

  it('handles no customers', () => {
    const r = tiersOf([]);
    expect(r.tiers).toEqual([]);
    expect(r.result).toMatchObject({ customers: 0, total: 0, positiveTotal: 0, top20Share: 0 });
    expect(r.result.tierCounts).toEqual({ A: 0, B: 0, C: 0, D: 0 });
  });

  it('honours configured cut-offs; a cut-off of 1 leaves no C', () => {
    expect(tiersOf([50, 30, 15, 5], { a: 0.5, b: 0.8 }).tiers).toEqual(['A', 'B', 'C', 'C']);
    expect(tiersOf([50, 30, 15, 5], { a: 0.8, b: 1 }).tiers).toEqual(['A', 'A', 'B', 'B']);
    expect(tiersOf([50, 30, 15, 5], { a: 0.8, b: 0.8 }).tiers).toEqual(['A', 'A', 'C', 'C']);
  });

  it('reads the top-20% share on the curve, interpolating inside a customer', () => {
    // 10 customers: the top 2 hold 60 + 20 of 100
    expect(tiersOf([60, 20, 5, 5, 2, 2, 2, 2, 1, 1]).result.top20Share).toBeCloseTo(0.8, 12);
    // 5 customers: 20% is exactly the first
    expect(tiersOf([40, 30, 20, 5, 5]).result.top20Share).toBeCloseTo(0.4, 12);
    // 3 customers: 20% is 0.6 of the first (50 of 100) → 30%
    expect(tiersOf([50, 30, 20]).result.top20Share).toBeCloseTo(0.3, 12);
    // 1 customer: 20% of them holds 20% of the value
    expect(tiersOf([100]).result.top20Share).toBe(0.2);
  });

  it('plots the curve at each customer when there are few, at curvePoints steps when many', () => {
    const r = paretoTiers([1, 2, 3, 4], [50, 30, 20, 0]);
    expect(r.result.curve).toEqual([
      { customers: 0, value: 0 },
      { customers: 0.25, value: 0.5 },
      { customers: 0.5, value: 0.8 },
      { customers: 0.75, value: 1 },
      { customers: 1, value: 1 },
    ]);
    const many = paretoTiers(
      Array.from({ length: 1000 }, (_, i) => i),
      Array.from({ length: 1000 }, (_, i) => 1000 - i),
      DEFAULT_CUTOFFS,
      10,
    );
    expect(many.result.curve).toHaveLength(11);
    expect(many.result.curve[10]).toEqual({ customers: 1, value: 1 });
  });

  it('takes the ranking when the caller already holds it', () => {
    const ids = [5, 4, 3, 2, 1];
    const values = [1, 2, 3, 4, 90];
    const ranked = rankByValue(ids, values);
    expect(Array.from(ranked)).toEqual([4, 3, 2, 1, 0]);
    expect(paretoTiers(ids, values, DEFAULT_CUTOFFS, 100, ranked).tiers).toEqual(
      paretoTiers(ids, values).tiers,
    );
    expect(paretoTiers(ids, values).tiers).toEqual(['C', 'C', 'B', 'B', 'A']);
  });
});

describe('tier floors (the value run’s guess from a sample)', () => {
  it('are the lowest value of A and of B, and give each value its tier at the boundaries', () => {
    const floors = tierFloors([5, 57, -3, 15, 23, 0]);
    expect(floors).toEqual({ a: 23, b: 15 });
    expect([1e12, 23, 22, 15, 14, 1, 0, -1].map((v) => tierByFloors(v, floors))).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D',
    ]);
  });

  it('start B where A ends when the sample has no B, and take every positive value as C when none is positive', () => {
    const onlyA = tierFloors([100]);
    expect(onlyA).toEqual({ a: 100, b: 100 });
    expect([100, 99].map((v) => tierByFloors(v, onlyA))).toEqual(['A', 'C']);
    const none = tierFloors([0, -5]);
    expect([1e12, 1, 0].map((v) => tierByFloors(v, none))).toEqual(['C', 'C', 'D']);
    expect([1, 0].map((v) => tierByFloors(v, tierFloors([])))).toEqual(['C', 'D']);
  });
});

describe('shareOf', () => {
  it('is the smallest whole fen at least the share of the total, exactly', () => {
    expect(shareOf(0.8, 100)).toBe(80);
    expect(shareOf(0.8, 11)).toBe(9);
    expect(shareOf(0.95, 20)).toBe(19);
    expect(shareOf(0.95, 21)).toBe(20);
    expect(shareOf(0.8, 1e12)).toBe(8e11);
    expect(shareOf(0.55, 742_296_530_900)).toBe(408_263_091_995);
    expect(shareOf(0.8, 0)).toBe(0);
    expect(shareOf(1, 12_345)).toBe(12_345);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

const ORDER: Record<ParetoTier, number> = { A: 0, B: 1, C: 2, D: 3 };

const value = fc.oneof(
  fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
  fc.integer({ min: -3, max: 100 }),
  fc.constantFrom(0, 10_000, 1e12),
);

/** values with distinct ids in any order */
const population = fc.array(value, { maxLength: 150 }).chain((values) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), {
      minLength: values.length,
      maxLength: values.length,
    })
    .map((ids) => ({ ids, values })),
);

const cutoffs = fc
  .tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }))
  .map(([x, y]) => ({ a: Math.min(x, y) / 10_000, b: Math.max(x, y) / 10_000 }));

/** sum × 10,000 ≥ share in basis points × total, in integers */
const reaches = (sum: number, share: number, total: number) =>
  BigInt(sum) * 10_000n >= BigInt(Math.round(share * 10_000)) * BigInt(total);

describe('Pareto properties', () => {
  it('tiers every customer exactly once: counts sum to n and match the tiers', () => {
    fc.assert(
      fc.property(population, cutoffs, ({ ids, values }, cut) => {
        const { tiers, result } = paretoTiers(ids, values, cut);
        expect(tiers).toHaveLength(values.length);
        for (let i = 0; i < values.length; i++) expect(PARETO_TIERS).toContain(tiers[i]);
        const counts = { A: 0, B: 0, C: 0, D: 0 };
        const sums = { A: 0, B: 0, C: 0, D: 0 };
        tiers.forEach((t, i) => {
          counts[t]++;
          sums[t] += values[i]!;
        });
        expect(result.tierCounts).toEqual(counts);
        expect(counts.A + counts.B + counts.C + counts.D).toBe(values.length);
        expect(result.tierValues).toEqual(sums);
        expect(result.customers).toBe(values.length);
      }),
    );
  });

  it('is monotone in rank, D exactly the non-positive values, A and B the smallest sets reaching their cut-offs', () => {
    fc.assert(
      fc.property(population, cutoffs, ({ ids, values }, cut) => {
        const { tiers, result } = paretoTiers(ids, values, cut);
        const ranked = Array.from(rankByValue(ids, values));
        // ranking: values never rise, equal values by id
        for (let r = 1; r < ranked.length; r++) {
          const [p, q] = [ranked[r - 1]!, ranked[r]!];
          expect(values[p]! > values[q]! || (values[p] === values[q] && ids[p]! < ids[q]!)).toBe(true);
        }
        for (let r = 1; r < ranked.length; r++)
          expect(ORDER[tiers[ranked[r - 1]!]!]).toBeLessThanOrEqual(ORDER[tiers[ranked[r]!]!]);
        for (let i = 0; i < values.length; i++) expect(tiers[i] === 'D').toBe(values[i]! <= 0);

        const positive = values.reduce((s, v) => s + Math.max(0, v), 0);
        expect(result.positiveTotal).toBe(positive);
        if (positive === 0) return;
        const inRank = ranked.map((i) => ({ v: values[i]!, t: tiers[i]! }));
        const a = inRank.filter((x) => x.t === 'A');
        const ab = inRank.filter((x) => x.t === 'A' || x.t === 'B');
        const sum = (xs: { v: number }[]) => xs.reduce((s, x) => s + x.v, 0);
        expect(a.length).toBeGreaterThan(0);
        expect(reaches(sum(a), cut.a, positive)).toBe(true);
        expect(reaches(sum(a) - a.at(-1)!.v, cut.a, positive)).toBe(false);
        expect(reaches(sum(ab), cut.b, positive)).toBe(true);
        if (ab.length > a.length) expect(reaches(sum(ab) - ab.at(-1)!.v, cut.b, positive)).toBe(false);
      }),
    );
  });

  it('draws a curve that never falls, stays within [0, 1] and ends at 1', () => {
    fc.assert(
      fc.property(population, fc.integer({ min: 1, max: 120 }), ({ ids, values }, points) => {
        const { result } = paretoTiers(ids, values, DEFAULT_CUTOFFS, points);
        const curve = result.curve;
        expect(curve[0]).toEqual({ customers: 0, value: 0 });
        for (let s = 1; s < curve.length; s++) {
          expect(curve[s]!.customers).toBeGreaterThan(curve[s - 1]!.customers);
          expect(curve[s]!.value).toBeGreaterThanOrEqual(curve[s - 1]!.value);
        }
        for (const p of curve) {
          expect(p.value).toBeGreaterThanOrEqual(0);
          expect(p.value).toBeLessThanOrEqual(1);
        }
        if (values.length > 0) {
          expect(curve).toHaveLength(Math.min(values.length, points) + 1);
          expect(curve.at(-1)!.customers).toBe(1);
          expect(curve.at(-1)!.value).toBe(result.positiveTotal > 0 ? 1 : 0);
        }
      }),
    );
  });

  it('reads a top-20% share within [0, 1], at least 20% when anything is positive', () => {
    fc.assert(
      fc.property(population, ({ ids, values }) => {
        const { result } = paretoTiers(ids, values);
        expect(result.top20Share).toBeGreaterThanOrEqual(0);
        expect(result.top20Share).toBeLessThanOrEqual(1);
        // the top 20% of a ranking hold at least 20% of the value (up to the last binary digit)
        if (result.positiveTotal > 0) expect(result.top20Share).toBeGreaterThanOrEqual(0.2 - 1e-12);
        else expect(result.top20Share).toBe(0);
      }),
    );
  });

  it('reads 20% for the top 20% when every value is the same', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 1_000_000_000_000 }),
        (n, v) => {
          const { result } = paretoTiers(
            Array.from({ length: n }, (_, i) => i),
            Array.from({ length: n }, () => v),
          );
          expect(result.top20Share).toBe(0.2);
          expect(result.top20Share).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('paretoOfRanked', () => {
  it('gives, in ranking order, the tiers and the analysis paretoTiers gives by customer', () => {
    fc.assert(
      fc.property(population, cutoffs, ({ ids, values }, cut) => {
        const ranked = rankByValue(ids, values);
        const byCustomer = paretoTiers(ids, values, cut);
        const inRank = paretoOfRanked(values, ranked, cut);
        expect(inRank.tiersInRank).toEqual(Array.from(ranked, (i) => byCustomer.tiers[i]));
        expect(inRank.result).toEqual(byCustomer.result);
      }),
    );
  });

  it('gives, from the floors of all the values, each customer its tier, but where equal values straddle a cut', () => {
    fc.assert(
      fc.property(population, cutoffs, ({ ids, values }, cut) => {
        const { tiers } = paretoTiers(ids, values, cut);
        const floors = tierFloors(values, cut);
        values.forEach((v, i) => {
          const straddles = values.some((w, j) => w === v && tiers[j] !== tiers[i]);
          if (!straddles) expect(tierByFloors(v, floors)).toBe(tiers[i]);
        });
      }),
    );
  });

  it('analyses only the customers ranked (a portfolio within the bank’s ranking)', () => {
    // the bank ranks 5 customers; a portfolio holds indexes 1, 3 and 4 in that ranking order
    const values = [100, 57, 7, 23, 20];
    const r = paretoOfRanked(values, [1, 3, 4]);
    expect(r.tiersInRank).toEqual(['A', 'A', 'B']);
    expect(r.result).toMatchObject({ customers: 3, total: 100, positiveTotal: 100 });
  });
});
