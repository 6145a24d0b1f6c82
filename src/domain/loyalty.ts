// Loyalty 忠诚度: DOMAIN §5. The text measures loyalty by (1) repeat purchases, (2) price sensitivity,
// (3) attitude to competitors, (4) attitude when a problem occurs, (5) growth and acquisition rate and
// (6) the churn rate. Pure, no I/O.
//
// (our rules, weights configurable and versioned — loyalty programmes must not change often) Each
// measure scores a customer 0…1, or is unknown:
// 1. repeat_purchases: products bought or renewed (accounts opened) in the 12 months ending with the
//    month ÷ the target (default 2), at most 1; unknown for a customer that never held a product.
// 2. price_sensitivity and 3. competitor_attitude: the mean of what is known of the RM's assessment
//    (1–5, 5 = indifferent to price / loyal against competitors → (a − 1) ÷ 4) and the customer's
//    perceived score on the survey items marked for the measure (1–7 → (s − 1) ÷ 6).
// 4. problem_attitude: unknown without a complaint in the lookback; 0 when the customer was lost after
//    one; otherwise the mean of 1 (stayed) and the satisfaction with the fix when rated ((f − 1) ÷ 6).
// 5. growth: the balance change of the lifecycle rule mapped −span…+span onto 0…1 (the portfolio's
//    acquisition rate is a portfolio measure, shown beside it, not scored per customer).
// 6. retention: 0 when the customer is lost, 1 otherwise (the churn rate is its portfolio form).
// The index is Σ weight × score ÷ Σ weight over the known measures; unknown when none is known.

import { LOYALTY_MEASURES, type LoyaltyMeasure } from '../shared/codes';

export interface LoyaltySettings {
  weights: Record<LoyaltyMeasure, number>;
  repeatPurchaseTarget: number;
  growthSpan: number;
}

export const DEFAULT_LOYALTY_SETTINGS: LoyaltySettings = {
  weights: {
    repeat_purchases: 0.2,
    price_sensitivity: 0.15,
    competitor_attitude: 0.15,
    problem_attitude: 0.15,
    growth: 0.15,
    retention: 0.2,
  },
  repeatPurchaseTarget: 2,
  growthSpan: 0.5,
};

export interface AttitudeSources {
  /** RM assessment 1–5 (5 = the most loyal answer), null when not assessed */
  assessment: number | null;
  /** mean perceived score 1–7 on the survey items of the measure, null when none answered */
  survey: number | null;
}

export interface LoyaltyInput {
  /** accounts opened in the 12 months; null when the customer never held a product */
  purchases12m: number | null;
  priceSensitivity: AttitudeSources;
  competitorAttitude: AttitudeSources;
  /** complaints in the lookback, whether the customer stayed, the mean satisfaction with the fix (1–7) */
  problems: { complaints: number; stayed: boolean; fixSatisfaction: number | null };
  /** the lifecycle rule's balance change, null when there is nothing to compare */
  growth: number | null;
  lost: boolean;
}

export interface LoyaltyMeasureResult {
  measure: LoyaltyMeasure;
  weight: number;
  /** 0…1, null when unknown */
  score: number | null;
}

export interface LoyaltyIndex {
  /** 0…1, null when no measure is known */
  index: number | null;
  measures: LoyaltyMeasureResult[];
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** The mean of two scores: of those known, null when neither is. */
function mean2(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return (a + b) / 2;
}

export function attitudeScore({ assessment, survey }: AttitudeSources): number | null {
  return mean2(
    assessment === null ? null : clamp01((assessment - 1) / 4),
    survey === null ? null : clamp01((survey - 1) / 6),
  );
}

export function measureScores(
  input: LoyaltyInput,
  settings: LoyaltySettings,
): Record<LoyaltyMeasure, number | null> {
  const { problems } = input;
  return {
    repeat_purchases:
      input.purchases12m === null ? null : clamp01(input.purchases12m / settings.repeatPurchaseTarget),
    price_sensitivity: attitudeScore(input.priceSensitivity),
    competitor_attitude: attitudeScore(input.competitorAttitude),
    problem_attitude:
      problems.complaints === 0
        ? null
        : !problems.stayed
          ? 0
          : (mean2(
              1,
              problems.fixSatisfaction === null ? null : clamp01((problems.fixSatisfaction - 1) / 6),
            ) ?? 1),
    growth: input.growth === null ? null : clamp01(0.5 + input.growth / (2 * settings.growthSpan)),
    retention: input.lost ? 0 : 1,
  };
}

export function loyaltyIndex(input: LoyaltyInput, settings: LoyaltySettings): LoyaltyIndex {
  const scores = measureScores(input, settings);
  let w = 0;
  let s = 0;
  const measures = LOYALTY_MEASURES.codes.map((measure) => {
    const score = scores[measure];
    const weight = settings.weights[measure];
    if (score !== null && weight > 0) {
      w += weight;
      s += weight * score;
    }
    return { measure, weight, score };
  });
  return { index: w === 0 ? null : s / w, measures };
}
