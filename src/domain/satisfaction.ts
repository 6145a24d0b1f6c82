// Satisfaction 满意度: DOMAIN §5. Satisfaction is perceived performance ÷ expectation (the text's
// formula). Each survey item is scored twice on 1–7, for expectation and for perception; the item's
// satisfaction is perceived ÷ expected (1 = exactly as expected, above 1 better than expected) and its
// gap perceived − expected ranks what to improve. Pure, no I/O.
//
// (our rules) Over many answers an item's satisfaction is Σ perceived ÷ Σ expected — the ratio of the
// mean scores, so a respondent who expected more weighs more, and one answer's ratio never dominates.
// A dimension's satisfaction is the weighted mean of its items' (item weights), the overall one the
// weighted mean of the dimensions' (dimension weights); a part with no answers drops out and the
// others' weights are scaled up. The importance–performance chart puts each item at (mean expected,
// mean perceived) and splits it at the means over the items.

export const SCORE_MIN = 1;
export const SCORE_MAX = 7;

export interface ItemScore {
  expected: number;
  perceived: number;
}

/** True for an integer score 1…7. */
export function isScore(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= SCORE_MIN && x <= SCORE_MAX;
}

/** One answer: perceived ÷ expected and perceived − expected. */
export function itemSatisfaction({ expected, perceived }: ItemScore) {
  if (!isScore(expected) || !isScore(perceived)) throw new RangeError('scores must be integers 1–7');
  return { satisfaction: perceived / expected, gap: perceived - expected };
}

export interface ScoreSummary {
  /** answers */
  n: number;
  expected: number;
  perceived: number;
  /** Σ perceived ÷ Σ expected */
  satisfaction: number;
  /** mean perceived − mean expected */
  gap: number;
}

/** Many answers to one item (or any set of answers); null when there are none. */
export function summarizeScores(scores: readonly ItemScore[]): ScoreSummary | null {
  if (scores.length === 0) return null;
  let e = 0;
  let p = 0;
  for (const s of scores) {
    if (!isScore(s.expected) || !isScore(s.perceived)) throw new RangeError('scores must be integers 1–7');
    e += s.expected;
    p += s.perceived;
  }
  const n = scores.length;
  return { n, expected: e / n, perceived: p / n, satisfaction: p / e, gap: (p - e) / n };
}

export interface WeightedPart {
  weight: number;
  /** null: no answers */
  satisfaction: number | null;
  gap?: number | null;
}

/**
 * The weighted mean of the parts that have answers, weights scaled up over them; null when none has.
 * Satisfaction and gap are weighed alike.
 */
export function weightedSatisfaction(parts: readonly WeightedPart[]) {
  let w = 0;
  let s = 0;
  let g = 0;
  for (const part of parts) {
    if (part.satisfaction === null || !(part.weight > 0)) continue;
    w += part.weight;
    s += part.weight * part.satisfaction;
    g += part.weight * (part.gap ?? 0);
  }
  if (w === 0) return null;
  return { satisfaction: s / w, gap: g / w };
}

/** Where perception meets expectation: 1 (exactly as expected) counts as met. */
export function expectationMet(satisfaction: number) {
  return satisfaction >= 1;
}

export type IpaQuadrant = 'keep_up' | 'concentrate_here' | 'low_priority' | 'possible_overkill';

export interface IpaPoint {
  key: string;
  /** importance: the mean expectation */
  expected: number;
  /** performance: the mean perception */
  perceived: number;
}

/**
 * The importance–performance analysis: each item's quadrant against the means over the items (an item
 * exactly on a mean counts as high). Concentrate here: important and under-performing; keep up:
 * important and performing; possible overkill: performing beyond its importance; low priority.
 */
export function importancePerformance(points: readonly IpaPoint[]) {
  if (points.length === 0)
    return { importanceMean: null, performanceMean: null, quadrants: {} as Record<string, IpaQuadrant> };
  const importanceMean = points.reduce((a, p) => a + p.expected, 0) / points.length;
  const performanceMean = points.reduce((a, p) => a + p.perceived, 0) / points.length;
  const quadrants: Record<string, IpaQuadrant> = {};
  // The means carry rounding error (six items at 5.1 average to 5.1000000000000005): within it an
  // item is on the mean, and so high.
  const ON_MEAN = 1e-9;
  for (const p of points) {
    const important = p.expected >= importanceMean - ON_MEAN;
    const performing = p.perceived >= performanceMean - ON_MEAN;
    quadrants[p.key] = important
      ? performing
        ? 'keep_up'
        : 'concentrate_here'
      : performing
        ? 'possible_overkill'
        : 'low_priority';
  }
  return { importanceMean, performanceMean, quadrants };
}
