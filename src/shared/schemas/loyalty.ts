import { z } from 'zod';
import { DEFAULT_CHURN_SETTINGS } from '../../domain/churn';
import { DEFAULT_LOYALTY_SETTINGS } from '../../domain/loyalty';
import {
  CHURN_CAUSES,
  CHURN_REASONS,
  CUSTOMER_KINDS,
  LOYALTY_MEASURES,
  PORTFOLIO_SCOPES,
  VALUE_TIERS,
} from '../codes';
import {
  customerRef,
  optionalText,
  personRef,
  positiveId,
  settingsUpdateOf,
  settingsVersionOf,
  version,
} from './common';

// Churn and loyalty (issue #8 parts 4–5, DOMAIN §5).

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const fraction = z.number().min(0).max(1);

// ---- settings (versioned: loyalty programmes must not change often)

export const loyaltySettingsSchema = z.strictObject({
  weights: z
    .strictObject({
      repeat_purchases: fraction,
      price_sensitivity: fraction,
      competitor_attitude: fraction,
      problem_attitude: fraction,
      growth: fraction,
      retention: fraction,
    })
    .refine((w) => Object.values(w).some((x) => x > 0), 'at least one measure must weigh more than 0'),
  repeatPurchaseTarget: z.number().int().min(1).max(20),
  growthSpan: z.number().min(0.05).max(5),
  /** churn: a balance that fell by this share or more counts as lost */
  balanceDropShare: z.number().min(0.05).max(1),
});
export type LoyaltySettingsDto = z.infer<typeof loyaltySettingsSchema>;
export const DEFAULT_LOYALTY_SETTINGS_DTO: LoyaltySettingsDto = {
  ...DEFAULT_LOYALTY_SETTINGS,
  weights: { ...DEFAULT_LOYALTY_SETTINGS.weights },
  balanceDropShare: DEFAULT_CHURN_SETTINGS.balanceDropShare,
};
export const loyaltySettingsUpdateSchema = settingsUpdateOf(loyaltySettingsSchema);
export const loyaltySettingsVersionSchema = settingsVersionOf(loyaltySettingsSchema);

// ---- per customer

const attitude = z
  .number()
  .int('must be an integer from 1 to 5')
  .min(1, 'must be an integer from 1 to 5')
  .max(5, 'must be an integer from 1 to 5');

/** The RM's assessment form: 1 = very price-sensitive / open to competitors … 5 = indifferent / loyal. */
export const loyaltyAssessmentCreateSchema = z.strictObject({
  priceSensitivity: attitude,
  competitorAttitude: attitude,
  note: optionalText(1000),
});
export const loyaltyAssessmentSchema = z.object({
  id: z.number(),
  priceSensitivity: z.number(),
  competitorAttitude: z.number(),
  note: z.string().nullable(),
  assessedBy: personRef.nullable(),
  assessedAt: z.string(),
});

export const customerLoyaltySchema = z.object({
  customerId: z.number(),
  /** 0…1 as stored by the last value run; null while unknown */
  index: z.number().nullable(),
  asOf: z.string().nullable(),
  settingsVersion: z.number(),
  measures: z.array(
    z.object({
      measure: z.enum(LOYALTY_MEASURES.codes),
      weight: z.number(),
      score: z.number().nullable(),
      /** what the score was computed from, for the page to explain it */
      evidence: z.record(z.string(), z.unknown()),
    }),
  ),
  /** the levers §5 names: broad contact and switching costs */
  levers: z.object({
    contactPersons: z.number(),
    channelsUsed12m: z.array(z.string()),
    productsHeld: z.number(),
  }),
  assessments: z.array(loyaltyAssessmentSchema),
  churn: z
    .object({
      id: z.number(),
      lostMonth: z.string(),
      cause: z.enum(CHURN_CAUSES.codes),
      reason: z.enum(CHURN_REASONS.codes).nullable(),
    })
    .nullable(),
});

// ---- churn

export const churnRecordSchema = z.object({
  id: z.number(),
  customer: customerRef,
  owner: personRef.nullable(),
  lostMonth: z.string(),
  cause: z.enum(CHURN_CAUSES.codes),
  evidence: z.record(z.string(), z.unknown()),
  reason: z.enum(CHURN_REASONS.codes).nullable(),
  note: z.string().nullable(),
  recordedBy: personRef.nullable(),
  recordedAt: z.string().nullable(),
  returnedMonth: z.string().nullable(),
  /** complaints or suggestions in the 12 months before it was lost */
  complaintsBefore: z.number(),
  version: z.number(),
});
export type ChurnRecord = z.infer<typeof churnRecordSchema>;

export const churnRecordPatchSchema = z.strictObject({
  version,
  reason: z.enum(CHURN_REASONS.codes),
  note: optionalText(1000),
});

const scopeQuery = {
  scope: z.enum(PORTFOLIO_SCOPES.codes).optional(),
  scopeId: positiveId.optional(),
};

/** Without a scope: every lost customer the viewer may see. */
export const churnListQuery = z.object({
  ...scopeQuery,
  from: month.optional(),
  to: month.optional(),
  cause: z.enum(CHURN_CAUSES.codes).optional(),
  reason: z.enum([...CHURN_REASONS.codes, 'none']).optional(),
  complainedBefore: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const churnAnalysisQuery = z.object({ from: month.optional(), to: month.optional(), ...scopeQuery });

export const churnAnalysisSchema = z.object({
  scope: z.enum(PORTFOLIO_SCOPES.codes),
  scopeId: z.number().nullable(),
  from: z.string(),
  to: z.string(),
  /** customers lost in the whole period ÷ customers at its start */
  rate: z.number().nullable(),
  atStart: z.number(),
  lost: z.number(),
  months: z.array(
    z.object({ month: z.string(), atStart: z.number(), lost: z.number(), rate: z.number().nullable() }),
  ),
  byCause: z.array(z.object({ cause: z.enum(CHURN_CAUSES.codes), count: z.number() })),
  byReason: z.array(z.object({ reason: z.enum(CHURN_REASONS.codes).nullable(), count: z.number() })),
  byValueTier: z.array(
    z.object({
      key: z.enum(VALUE_TIERS.codes).nullable(),
      atStart: z.number(),
      lost: z.number(),
      rate: z.number().nullable(),
    }),
  ),
  byKind: z.array(
    z.object({
      key: z.enum(CUSTOMER_KINDS.codes),
      atStart: z.number(),
      lost: z.number(),
      rate: z.number().nullable(),
    }),
  ),
  /** lost customers who complained in the 12 months before */
  lostAfterComplaint: z.number(),
});

export const loyaltyAnalysisQuery = z.object(scopeQuery);
export const loyaltyAnalysisSchema = z.object({
  scope: z.enum(PORTFOLIO_SCOPES.codes),
  scopeId: z.number().nullable(),
  customers: z.number(),
  measured: z.number(),
  meanIndex: z.number().nullable(),
  /** customers per tenth of the index: [0–0.1), …, [0.9–1] */
  distribution: z.array(z.number()),
  measures: z.array(
    z.object({ measure: z.enum(LOYALTY_MEASURES.codes), mean: z.number().nullable(), known: z.number() }),
  ),
  /** measure 5: prospects won ÷ prospects pursued (issue #6) in 12 months */
  acquisitionRate: z.number().nullable(),
  /** measure 6: over the last 12 months */
  churnRate12m: z.number().nullable(),
  /** measure 4: customers who complained in 24 months and are still customers ÷ those who complained */
  stayedAfterComplaint: z.number().nullable(),
});
