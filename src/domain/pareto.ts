// The 80/20 rule 二八定律: DOMAIN §3.1 (Pareto tiers) and §7.2 (the analysis). Pure, no I/O.
//
// Customers are ranked by realized value, highest first (ties by id, so the ranking is stable). The
// shares are of the positive total: tier A is the smallest set of top customers whose cumulative value
// reaches the A cut-off (80%) of it, B the next ones up to the B cut-off (95%), C the rest with a
// positive value, D the customers with zero or negative value. The customer whose value crosses a
// cut-off belongs to the tier it completes; reaching it exactly ends the tier.
// The curve (Lorenz/Pareto) plots the cumulative share of customers against the cumulative share of
// the positive total, customers with no positive value adding nothing, so it never falls. The top-20%
// share reads the curve at 20% of the customers, interpolating inside a customer's step.

export type ParetoTier = 'A' | 'B' | 'C' | 'D';
export const PARETO_TIERS: readonly ParetoTier[] = ['A', 'B', 'C', 'D'];

export interface ParetoCutoffs {
  /** 0 < a ≤ b ≤ 1 */
  a: number;
  b: number;
}

export const DEFAULT_CUTOFFS: ParetoCutoffs = { a: 0.8, b: 0.95 };

export interface CurvePoint {
  /** cumulative share of customers, 0…1 */
  customers: number;
  /** cumulative share of the positive total, 0…1 */
  value: number;
}

export interface ParetoResult {
  customers: number;
  /** Σ realized value, negative values included, fen */
  total: number;
  /** Σ of the positive values, the base of every share, fen */
  positiveTotal: number;
  top20Share: number;
  tierCounts: Record<ParetoTier, number>;
  /** Σ realized value of each tier, fen */
  tierValues: Record<ParetoTier, number>;
  curve: CurvePoint[];
}

/**
 * The smallest whole number of fen that is at least `share` of `total` fen, exactly: the share is read in
 * basis points (cut-offs have at most 4 decimals) and the product taken in integers, so a cumulative
 * value of exactly 80% reaches the 80% cut-off whatever the binary fractions.
 */
export function shareOf(share: number, total: number): number {
  const bp = BigInt(Math.round(share * 10_000));
  return Number((bp * BigInt(Math.round(total)) + 9_999n) / 10_000n);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** Ranks the customers (indexes into `values`), highest value first, ties by id. */
export function rankByValue(ids: ArrayLike<number>, values: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((x, y) => values[y]! - values[x]! || ids[x]! - ids[y]!);
}

/**
 * The tier of every customer (in the order given) and the analysis. `ranked` may be passed when the
 * caller already holds `rankByValue(ids, values)`.
 */
export function paretoTiers(
  ids: ArrayLike<number>,
  values: ArrayLike<number>,
  cutoffs: ParetoCutoffs = DEFAULT_CUTOFFS,
  curvePoints = 100,
  ranked: ArrayLike<number> = rankByValue(ids, values),
): { tiers: ParetoTier[]; result: ParetoResult } {
  const { tiersInRank, result } = paretoOfRanked(values, ranked, cutoffs, curvePoints);
  const tiers: ParetoTier[] = new Array(values.length);
  for (let r = 0; r < ranked.length; r++) tiers[ranked[r]!] = tiersInRank[r]!;
  return { tiers, result };
}

/**
 * The analysis of the customers `ranked` (indexes into `values`, already highest value first): a
 * portfolio's customers taken in the order of the bank's ranking need no sorting of their own.
 */
export function paretoOfRanked(
  values: ArrayLike<number>,
  ranked: ArrayLike<number>,
  cutoffs: ParetoCutoffs = DEFAULT_CUTOFFS,
  curvePoints = 100,
): { tiersInRank: ParetoTier[]; result: ParetoResult } {
  const n = ranked.length;
  let total = 0;
  let positiveTotal = 0;
  for (let r = 0; r < n; r++) {
    const v = values[ranked[r]!]!;
    total += v;
    if (v > 0) positiveTotal += v;
  }
  const tiersInRank: ParetoTier[] = new Array(n);
  const tierCounts: Record<ParetoTier, number> = { A: 0, B: 0, C: 0, D: 0 };
  const tierValues: Record<ParetoTier, number> = { A: 0, B: 0, C: 0, D: 0 };
  // cumulative positive value after each rank, for the curve
  const cumulative = new Float64Array(n + 1);
  const aLimit = shareOf(cutoffs.a, positiveTotal);
  const bLimit = shareOf(cutoffs.b, positiveTotal);
  let sum = 0;
  let aDone = false;
  let bDone = false;
  for (let r = 0; r < n; r++) {
    const v = values[ranked[r]!]!;
    let tier: ParetoTier;
    if (v <= 0) tier = 'D';
    else if (!aDone) tier = 'A';
    else if (!bDone) tier = 'B';
    else tier = 'C';
    if (v > 0) {
      sum += v;
      if (!aDone && sum >= aLimit) aDone = true;
      if (aDone && !bDone && sum >= bLimit) bDone = true;
    }
    cumulative[r + 1] = sum;
    tiersInRank[r] = tier;
    tierCounts[tier]++;
    tierValues[tier] += v;
  }
  // The curve at a share of the customers, interpolating inside a customer's step, in integers (the
  // share in basis points), the fraction reduced before its one division: 20% of equal values reads
  // exactly 0.2.
  const at = (share: number) => {
    if (n === 0 || positiveTotal <= 0) return 0;
    const bp = BigInt(Math.round(share * 10_000));
    const t = bp * BigInt(n);
    const k = t / 10_000n;
    if (k >= BigInt(n)) return 1;
    const below = BigInt(Math.round(cumulative[Number(k)]!));
    const step = BigInt(Math.round(cumulative[Number(k) + 1]!)) - below;
    const y = below * 10_000n + step * (t - k * 10_000n);
    const d = BigInt(Math.round(positiveTotal)) * 10_000n;
    const g = gcd(y, d);
    return Number(y / g) / Number(d / g);
  };
  const curve: CurvePoint[] = [];
  const steps = n === 0 ? 0 : Math.min(n, curvePoints);
  for (let s = 0; s <= steps; s++) {
    const share = steps === 0 ? 0 : s / steps;
    curve.push({ customers: share, value: at(share) });
  }
  return {
    tiersInRank,
    result: { customers: n, total, positiveTotal, top20Share: at(0.2), tierCounts, tierValues, curve },
  };
}

/** The lowest value of tier A and of tier B among some customers' values: where a sample puts the cuts. */
export interface TierFloors {
  a: number;
  b: number;
}

/**
 * The tier floors of a sample of the customers' values: a value at or above `a` is taken as tier A,
 * at or above `b` as B, another positive one as C. A guess at the whole bank's tiers (the cut-offs
 * are shares of a total the sample only estimates), which the value run writes with the values and
 * then corrects where the ranking of every customer differs. With no positive value in the sample,
 * every positive value is taken as C.
 */
export function tierFloors(values: ArrayLike<number>, cutoffs: ParetoCutoffs = DEFAULT_CUTOFFS): TierFloors {
  const ids = new Uint32Array(values.length);
  for (let i = 0; i < ids.length; i++) ids[i] = i;
  const ranked = rankByValue(ids, values);
  const { tiersInRank } = paretoOfRanked(values, ranked, cutoffs, 0);
  const floors = { a: Number.POSITIVE_INFINITY, b: Number.POSITIVE_INFINITY };
  for (let r = 0; r < ranked.length; r++) {
    const tier = tiersInRank[r];
    if (tier === 'A') floors.a = values[ranked[r]!]!;
    else if (tier === 'B') floors.b = values[ranked[r]!]!;
  }
  // No B in the sample: B starts where A ends.
  if (floors.b > floors.a) floors.b = floors.a;
  return floors;
}

/** The tier a value takes by the floors (tierFloors). */
export function tierByFloors(value: number, floors: TierFloors): ParetoTier {
  if (value <= 0) return 'D';
  if (value >= floors.a) return 'A';
  if (value >= floors.b) return 'B';
  return 'C';
}
