import { z } from 'zod';
import {
  CHANNELS,
  CUSTOMER_KINDS,
  LIFECYCLE_STAGES,
  SURVEY_RESPONSE_SOURCES,
  SURVEY_STEPS,
  VALUE_TIERS,
} from '../codes';
import { customerRef, isoDate, optionalText, personRef, positiveId, requiredText, version } from './common';

// Satisfaction surveys (issue #8 parts 1–2, DOMAIN §5): templates of weighted items in weighted
// dimensions, each item scored for expectation and for perception (1–7); campaigns through the five
// steps; responses entered by RMs or by the customer through a one-time link; results per item,
// dimension, customer and segment.

const SCORE_MESSAGE = 'must be an integer from 1 to 7';
export const surveyScore = z.number().int(SCORE_MESSAGE).min(1, SCORE_MESSAGE).max(7, SCORE_MESSAGE);

const key = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be 1–32 lowercase letters, digits or _, starting with a letter');
const weight = z.number().positive('must be more than 0').max(100);

/** Survey items may also measure a loyalty attitude (DOMAIN §5 loyalty measures 2 and 3). */
export const SURVEY_LOYALTY_MEASURES = ['price_sensitivity', 'competitor_attitude'] as const;

export const surveyDimensionSchema = z.strictObject({
  key,
  name: requiredText(60),
  weight,
});
export const surveyItemSchema = z.strictObject({
  key,
  dimension: key.describe('the key of the item’s dimension'),
  text: requiredText(200),
  weight,
  loyaltyMeasure: z.enum(SURVEY_LOYALTY_MEASURES).nullable().default(null),
});
export const surveyQuestionSchema = z.strictObject({
  key,
  text: requiredText(200),
});

function uniqueKeys(list: { key: string }[], path: string, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  list.forEach((x, i) => {
    if (seen.has(x.key)) ctx.addIssue({ code: 'custom', path: [path, i, 'key'], message: 'is used twice' });
    seen.add(x.key);
  });
}

export const surveyDefinitionSchema = z
  .strictObject({
    dimensions: z.array(surveyDimensionSchema).min(1, 'must have at least one dimension').max(12),
    items: z.array(surveyItemSchema).min(1, 'must have at least one item').max(60),
    questions: z.array(surveyQuestionSchema).max(10).default([]),
  })
  .superRefine((d, ctx) => {
    uniqueKeys(d.dimensions, 'dimensions', ctx);
    uniqueKeys(d.items, 'items', ctx);
    uniqueKeys(d.questions, 'questions', ctx);
    const dims = new Set(d.dimensions.map((x) => x.key));
    d.items.forEach((item, i) => {
      if (!dims.has(item.dimension))
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'dimension'],
          message: 'is not a dimension of the survey',
        });
    });
    d.dimensions.forEach((dim, i) => {
      if (!d.items.some((item) => item.dimension === dim.key))
        ctx.addIssue({ code: 'custom', path: ['dimensions', i, 'key'], message: 'has no item' });
    });
  });
export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;

export const surveyTemplateCreateSchema = z.strictObject({
  name: requiredText(120),
  description: optionalText(1000),
  definition: surveyDefinitionSchema,
});
export const surveyTemplatePatchSchema = z.strictObject({
  version,
  name: requiredText(120).optional(),
  description: optionalText(1000),
  definition: surveyDefinitionSchema.optional(),
});
export const surveyTemplateSchema = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  definition: surveyDefinitionSchema,
  /** campaigns that use (a copy of) it */
  campaigns: z.number(),
  version: z.number(),
  createdBy: personRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SurveyTemplate = z.infer<typeof surveyTemplateSchema>;

// ---- campaigns

export const surveySegmentSchema = z.strictObject({
  valueTiers: z.array(z.enum(VALUE_TIERS.codes)).max(4).default([]),
  lifecycleStages: z.array(z.enum(LIFECYCLE_STAGES.codes)).max(6).default([]),
  kinds: z.array(z.enum(CUSTOMER_KINDS.codes)).max(2).default([]),
  branchIds: z.array(positiveId).max(50).default([]),
});
export type SurveySegment = z.infer<typeof surveySegmentSchema>;

export const surveyCampaignCreateSchema = z.strictObject({
  name: requiredText(120),
  description: optionalText(1000),
  templateId: positiveId,
  segment: surveySegmentSchema,
  /** customers drawn at random from the segment (among those the creator may see) */
  sampleSize: z.number().int().min(1).max(5000),
  /** how long a one-time link stays valid */
  linkDays: z.number().int().min(1).max(90).default(14),
});

/** Moves a campaign to the next step; any other step is refused (400 step_skipped). */
export const surveyCampaignAdvanceSchema = z.strictObject({
  version,
  step: z.enum(SURVEY_STEPS.codes),
  note: optionalText(1000),
});

export const surveyCampaignSchema = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  template: z.object({ id: z.number(), name: z.string() }),
  definition: surveyDefinitionSchema.describe('the template as the campaign uses it'),
  step: z.enum(SURVEY_STEPS.codes),
  steps: z.array(
    z.object({
      step: z.enum(SURVEY_STEPS.codes),
      at: z.string(),
      by: personRef.nullable(),
      note: z.string().nullable(),
    }),
  ),
  segment: surveySegmentSchema,
  sampleSize: z.number(),
  /** customers drawn (fewer than sampleSize when the segment is smaller) */
  targets: z.number(),
  responses: z.number(),
  linkDays: z.number(),
  version: z.number(),
  createdBy: personRef.nullable(),
  createdAt: z.string(),
});
export type SurveyCampaign = z.infer<typeof surveyCampaignSchema>;

export const surveyCampaignListQuery = z.object({
  step: z.enum(SURVEY_STEPS.codes).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const surveyTargetSchema = z.object({
  customer: customerRef,
  owner: personRef.nullable(),
  responded: z.boolean(),
  source: z.enum(SURVEY_RESPONSE_SOURCES.codes).nullable(),
  /** the latest link sent, if any */
  link: z.object({ expiresAt: z.string(), usedAt: z.string().nullable() }).nullable(),
});

// ---- responses

export const surveyAnswerInput = z.strictObject({
  item: key,
  expected: surveyScore,
  perceived: surveyScore,
});
export const surveyTextInput = z.strictObject({
  question: key,
  text: requiredText(2000),
});
/** Every item answered once; open questions optional. */
export const surveyAnswersSchema = z.strictObject({
  answers: z.array(surveyAnswerInput).min(1).max(60),
  texts: z.array(surveyTextInput).max(10).default([]),
});
export const surveyResponseCreateSchema = surveyAnswersSchema.extend({
  customerId: positiveId,
  channel: z.enum(CHANNELS.codes).nullable().default(null).describe('how the RM collected it'),
});

export const surveyLinkCreateSchema = z.strictObject({ customerId: positiveId });
export const surveyLinkSchema = z.object({
  /** shown once: only its hash is kept */
  token: z.string(),
  /** the public page, relative to the app: /s/{token} */
  path: z.string(),
  expiresAt: z.string(),
});

/** What the public page shows: the survey and nothing of the bank's data. */
export const publicSurveySchema = z.object({
  title: z.string(),
  description: z.string().nullable(),
  dimensions: z.array(z.object({ key: z.string(), name: z.string() })),
  items: z.array(z.object({ key: z.string(), dimension: z.string(), text: z.string() })),
  questions: z.array(z.object({ key: z.string(), text: z.string() })),
  expiresAt: z.string(),
});

// ---- results

const summary = {
  n: z.number(),
  expected: z.number().nullable(),
  perceived: z.number().nullable(),
  satisfaction: z.number().nullable().describe('Σ perceived ÷ Σ expected'),
  gap: z.number().nullable().describe('mean perceived − mean expected'),
};
export const IPA_QUADRANTS = ['keep_up', 'concentrate_here', 'low_priority', 'possible_overkill'] as const;

export const surveyResultsSchema = z.object({
  campaignId: z.number(),
  targets: z.number(),
  responses: z.number(),
  responseRate: z.number().nullable(),
  overall: z.object({ satisfaction: z.number().nullable(), gap: z.number().nullable() }),
  dimensions: z.array(z.object({ key: z.string(), name: z.string(), weight: z.number(), ...summary })),
  items: z.array(
    z.object({
      key: z.string(),
      dimension: z.string(),
      text: z.string(),
      weight: z.number(),
      ...summary,
      quadrant: z.enum(IPA_QUADRANTS).nullable(),
    }),
  ),
  ipa: z.object({ importanceMean: z.number().nullable(), performanceMean: z.number().nullable() }),
  segments: z.object({
    valueTier: z.array(
      z.object({ key: z.string().nullable(), responses: z.number(), satisfaction: z.number().nullable() }),
    ),
    lifecycleStage: z.array(
      z.object({ key: z.string().nullable(), responses: z.number(), satisfaction: z.number().nullable() }),
    ),
    kind: z.array(
      z.object({ key: z.string().nullable(), responses: z.number(), satisfaction: z.number().nullable() }),
    ),
    branch: z.array(
      z.object({
        key: z.string().nullable(),
        name: z.string(),
        responses: z.number(),
        satisfaction: z.number().nullable(),
      }),
    ),
  }),
  customers: z.array(
    z.object({
      customer: customerRef,
      source: z.enum(SURVEY_RESPONSE_SOURCES.codes),
      submittedAt: z.string(),
      satisfaction: z.number().nullable(),
      gap: z.number().nullable(),
    }),
  ),
  texts: z.array(z.object({ question: z.string(), text: z.string(), answers: z.array(z.string()) })),
});
export type SurveyResults = z.infer<typeof surveyResultsSchema>;

/** A follow-up action of the last step: becomes a task (issue #5) for the assignee. */
export const surveyActionCreateSchema = z.strictObject({
  title: requiredText(200),
  assigneeId: positiveId,
  dueOn: isoDate,
  customerId: positiveId.optional(),
  note: optionalText(2000),
});
