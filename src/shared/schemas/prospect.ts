import { z } from 'zod';
import { FIT_CRITERIA } from '../../domain/ideal-customer';
import { normalizeIdNumber } from '../../domain/identity-numbers';
import { PIPELINE_STAGES } from '../../domain/pipeline';
import {
  ASSESSMENT_DECISIONS,
  COOPERATION_LEVELS,
  CREDIT_GRADES,
  CUSTOMER_KINDS,
  CUSTOMER_TIERS,
  DISQUALIFY_REASONS,
  ENTERPRISE_SIZES,
  EXPANSION_RELATIONS,
  PROSPECT_SOURCES,
  PROSPECT_STATUSES,
  REFERRAL_SOURCES,
  TACTIC_KINDS,
} from '../codes';
import { isIndustryCode } from '../industries';
import {
  customerRef,
  email,
  optionalText,
  pageQuery,
  pastDate,
  personRef,
  phone,
  positiveId,
  requiredText,
  version,
  yuanAmount,
} from './common';
import { idNumberProblem } from './customer';

// Prospects 潜在客户 and the pipeline of developing a new customer (DOMAIN §4): where each came from
// and who introduced it, its fit with the ideal-customer profile, the assessment, the tactics, the
// stage history, the conversion into a customer and the merge of duplicates.

const industry = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isIndustryCode, 'must be a GB/T 4754-2017 section letter or division such as C31');

export const REFERRER_KINDS = ['customer', 'contact', 'prospect', 'person'] as const;
export type ReferrerKind = (typeof REFERRER_KINDS)[number];

/** Who introduced the prospect: one of ours (a customer, a contact person, a prospect) or a named key person. */
export const referrerInputSchema = z
  .strictObject({
    kind: z.enum(REFERRER_KINDS),
    id: positiveId.optional().describe('for customer, contact and prospect'),
    name: z.string().trim().max(100).optional().describe('for a key person who is not in the bank’s books'),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'person' && !r.name)
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'must name the person' });
    if (r.kind !== 'person' && r.id === undefined)
      ctx.addIssue({ code: 'custom', path: ['id'], message: `must identify the ${r.kind}` });
  });
export type ReferrerInput = z.output<typeof referrerInputSchema>;

const editable = {
  name: requiredText(200),
  idNumber: z.string().max(40).transform(normalizeIdNumber).nullable(),
  industry: industry.nullable(),
  size: z.enum(ENTERPRISE_SIZES.codes).nullable(),
  regionCode: z.string().trim().max(12).nullable(),
  regionName: z.string().trim().max(100).nullable(),
  annualRevenue: yuanAmount.nullable(),
  financialAssets: yuanAmount.nullable(),
  establishedOn: pastDate.nullable(),
  creditGrade: z.enum(CREDIT_GRADES.codes).nullable(),
  cooperation: z.enum(COOPERATION_LEVELS.codes).nullable(),
  contactName: optionalText(100),
  contactTitle: optionalText(100),
  phone: phone.nullable(),
  email: email.nullable(),
  source: z.enum(PROSPECT_SOURCES.codes),
  sourceNote: optionalText(500),
  referrer: referrerInputSchema.nullable(),
  notes: optionalText(2000),
};

const optionalEditable = Object.fromEntries(Object.entries(editable).map(([k, s]) => [k, s.optional()])) as {
  [K in keyof typeof editable]: z.ZodOptional<(typeof editable)[K]>;
};

export const prospectCreateSchema = z
  .strictObject({
    kind: z.enum(CUSTOMER_KINDS.codes),
    ...optionalEditable,
    name: editable.name,
    source: editable.source,
    ownerId: positiveId.optional().describe('defaults to the RM creating it'),
    acknowledgeDuplicates: z
      .boolean()
      .default(false)
      .describe('create even though prospects or customers with a very similar name exist in the region'),
  })
  .superRefine((p, ctx) => {
    if (p.idNumber) {
      const problem = idNumberProblem(p.kind, p.idNumber);
      if (problem) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: problem });
    }
    if (REFERRAL_SOURCES.includes(p.source) && !p.referrer)
      ctx.addIssue({ code: 'custom', path: ['referrer'], message: 'a referral needs the referrer' });
  });
export type ProspectCreate = z.output<typeof prospectCreateSchema>;

export const prospectPatchSchema = z.strictObject({
  version,
  ...optionalEditable,
  ownerId: positiveId.optional().describe('hand the prospect to another RM (team leads, within their team)'),
});
export type ProspectPatch = z.output<typeof prospectPatchSchema>;

export const prospectMoveSchema = z
  .strictObject({
    version,
    to: z.enum(PROSPECT_STATUSES.codes),
    reason: z.enum(DISQUALIFY_REASONS.codes).optional().describe('required to disqualify'),
    note: optionalText(1000),
  })
  .superRefine((m, ctx) => {
    if (m.to === 'disqualified' && !m.reason)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'must say why the prospect is disqualified',
      });
    if (m.to === 'established')
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'a prospect is established by converting it into a customer (POST …/convert)',
      });
  });
export type ProspectMove = z.output<typeof prospectMoveSchema>;

/** The customer assessment 客户评估: needs, wallet (what the prospect could bring), risks, decision. */
export const assessmentInputSchema = z.strictObject({
  version,
  needs: requiredText(2000),
  wallet: yuanAmount.nullable().describe('yuan a year the relationship could bring'),
  risks: requiredText(2000),
  decision: z.enum(ASSESSMENT_DECISIONS.codes).nullable(),
});
export type AssessmentInput = z.output<typeof assessmentInputSchema>;

export const tacticInputSchema = z
  .strictObject({
    kind: z.enum(TACTIC_KINDS.codes),
    note: requiredText(2000),
    colleagues: z
      .array(z.strictObject({ name: requiredText(100), department: requiredText(100) }))
      .max(20)
      .default([])
      .describe('linked marketing: the colleagues and departments involved'),
    relatedCustomerId: positiveId.nullable().optional().describe('indirect expansion: through this customer'),
    relation: z.enum(EXPANSION_RELATIONS.codes).nullable().optional(),
  })
  .superRefine((t, ctx) => {
    if (t.kind === 'linked_marketing' && t.colleagues.length === 0)
      ctx.addIssue({ code: 'custom', path: ['colleagues'], message: 'must name the colleagues involved' });
    if (t.kind === 'indirect_expansion') {
      if (!t.relatedCustomerId)
        ctx.addIssue({
          code: 'custom',
          path: ['relatedCustomerId'],
          message: 'must name the related customer',
        });
      if (!t.relation)
        ctx.addIssue({ code: 'custom', path: ['relation'], message: 'must say how it is related' });
    }
  });
export type TacticInput = z.output<typeof tacticInputSchema>;

export const convertSchema = z.strictObject({
  version,
  tier: z.enum(CUSTOMER_TIERS.codes).default('ordinary'),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1–32 letters, digits, - or _')
    .optional(),
  idNumber: z
    .string()
    .max(40)
    .transform(normalizeIdNumber)
    .optional()
    .describe('when the prospect has none yet: a customer needs one'),
});
export type ConvertInput = z.output<typeof convertSchema>;

export const mergeSchema = z.strictObject({
  version,
  into: z.strictObject({ kind: z.enum(['prospect', 'customer']), id: positiveId }),
});
export type MergeInput = z.output<typeof mergeSchema>;

export const PROSPECT_SORTS = ['updatedAt', 'createdAt', 'name', 'fitScore', 'stageEnteredAt'] as const;

export const prospectListQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
  sort: z.enum(PROSPECT_SORTS).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  status: z
    .union([z.enum(PROSPECT_STATUSES.codes), z.literal('open')])
    .optional()
    .describe('open: every stage before established'),
  source: z.enum(PROSPECT_SOURCES.codes).optional(),
  kind: z.enum(CUSTOMER_KINDS.codes).optional(),
  ownerId: positiveId.optional(),
  minFit: z.coerce.number().min(0).max(100).optional(),
});
export type ProspectListQuery = z.output<typeof prospectListQuerySchema>;

export const boardQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  source: z.enum(PROSPECT_SOURCES.codes).optional(),
  ownerId: positiveId.optional(),
  perStage: z.coerce.number().int().min(1).max(200).default(50),
});
export type BoardQuery = z.output<typeof boardQuerySchema>;

const reasonSchema = z.object({ zh: z.string(), en: z.string() });

export const referrerSchema = z.object({
  kind: z.enum(REFERRER_KINDS),
  id: z.number().nullable(),
  name: z.string().describe('the customer’s or prospect’s name, the contact person’s, or the key person’s'),
  code: z.string().nullable(),
  hidden: z.boolean().describe('outside the caller’s portfolio: only that it exists is told'),
});

export const prospectSummarySchema = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.enum(CUSTOMER_KINDS.codes),
  name: z.string(),
  status: z.enum(PROSPECT_STATUSES.codes),
  stageEnteredAt: z.string(),
  fitScore: z.number().nullable(),
  restricted: z.boolean().describe('its industry is restricted: the fit score is 0'),
  source: z.enum(PROSPECT_SOURCES.codes),
  referrerName: z.string().nullable(),
  industry: z.string().nullable(),
  regionName: z.string().nullable(),
  owner: personRef.nullable(),
  customerId: z.number().nullable().describe('the customer it became'),
  updatedAt: z.string(),
  version: z.number(),
});
export type ProspectSummary = z.output<typeof prospectSummarySchema>;

export const fitSchema = z.object({
  score: z.number(),
  restricted: z.boolean(),
  profileVersion: z.number(),
  terms: z.array(
    z.object({
      criterion: z.enum(FIT_CRITERIA as [string, ...string[]]),
      weight: z.number(),
      factor: z.number(),
      points: z.number(),
      known: z.boolean(),
      reason: reasonSchema,
    }),
  ),
  missing: z.array(z.string()),
});

export const moveVerdictSchema = z.object({
  ok: z.boolean(),
  code: z.enum(['missing_data', 'not_allowed']).nullable(),
  stage: z.enum(PIPELINE_STAGES).nullable().describe('the stage whose entry data is missing'),
  reason: reasonSchema.nullable(),
});
export type MoveVerdictDto = z.output<typeof moveVerdictSchema>;

export const prospectDetailSchema = prospectSummarySchema.extend({
  idNumber: z.string().nullable().describe('masked (DOMAIN §9)'),
  size: z.enum(ENTERPRISE_SIZES.codes).nullable(),
  regionCode: z.string().nullable(),
  annualRevenue: z.number().nullable().describe('yuan'),
  financialAssets: z.number().nullable().describe('yuan'),
  establishedOn: z.string().nullable(),
  creditGrade: z.enum(CREDIT_GRADES.codes).nullable(),
  cooperation: z.enum(COOPERATION_LEVELS.codes).nullable(),
  contactName: z.string().nullable(),
  contactTitle: z.string().nullable(),
  phone: z.string().nullable().describe('masked (DOMAIN §9)'),
  email: z.string().nullable().describe('masked (DOMAIN §9)'),
  sourceNote: z.string().nullable(),
  referrer: referrerSchema.nullable(),
  notes: z.string().nullable(),
  disqualifyReason: z.enum(DISQUALIFY_REASONS.codes).nullable(),
  fit: fitSchema.nullable(),
  assessment: z
    .object({
      needs: z.string(),
      wallet: z.number().nullable().describe('yuan'),
      risks: z.string(),
      decision: z.enum(ASSESSMENT_DECISIONS.codes).nullable(),
      assessedAt: z.string(),
      assessedBy: personRef.nullable(),
    })
    .nullable(),
  history: z.array(
    z.object({
      from: z.enum(PROSPECT_STATUSES.codes).nullable(),
      to: z.enum(PROSPECT_STATUSES.codes),
      reason: z.enum(DISQUALIFY_REASONS.codes).nullable(),
      note: z.string().nullable(),
      at: z.string(),
      by: personRef.nullable(),
    }),
  ),
  tactics: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(TACTIC_KINDS.codes),
      note: z.string(),
      colleagues: z.array(z.object({ name: z.string(), department: z.string() })),
      relatedCustomer: customerRef.nullable(),
      relation: z.enum(EXPANSION_RELATIONS.codes).nullable(),
      createdAt: z.string(),
      createdBy: personRef.nullable(),
    }),
  ),
  counts: z.object({ interactions: z.number(), visitPlans: z.number(), openTasks: z.number() }),
  customer: customerRef.nullable().describe('the customer it became, when visible'),
  mergedInto: z
    .object({
      kind: z.enum(['prospect', 'customer']),
      id: z.number(),
      name: z.string().nullable().describe('null when outside the caller’s portfolio'),
    })
    .nullable()
    .describe('a duplicate merged into another record'),
  moves: z
    .record(z.enum(PROSPECT_STATUSES.codes), moveVerdictSchema)
    .describe('whether the prospect may move to each status now, and why not'),
  permissions: z.object({ edit: z.boolean(), convert: z.boolean() }),
  createdAt: z.string(),
});
export type ProspectDetail = z.output<typeof prospectDetailSchema>;

export const boardSchema = z.object({
  columns: z.array(
    z.object({
      status: z.enum(PROSPECT_STATUSES.codes),
      total: z.number(),
      items: z.array(prospectSummarySchema),
    }),
  ),
});

export const duplicateSchema = z.object({
  kind: z.enum(['prospect', 'customer']),
  id: z.number(),
  code: z.string(),
  name: z.string(),
  regionName: z.string().nullable(),
  match: z.enum(['id_number', 'similar_name']),
  similarity: z.number().describe('0..1; 1 for the same ID number'),
  hidden: z.boolean().describe('outside the caller’s portfolio: name and code withheld'),
});
export type Duplicate = z.output<typeof duplicateSchema>;

/** The ideal customer profile as an administrator edits it (src/domain/ideal-customer.ts). */
const weight = z.number().min(0).max(1000);
const factor = z.number().min(0).max(1);
export const idealCustomerProfileSchema = z.strictObject({
  weights: z.strictObject(
    Object.fromEntries(FIT_CRITERIA.map((c) => [c, weight])) as Record<
      (typeof FIT_CRITERIA)[number],
      typeof weight
    >,
  ),
  industries: z.strictObject({
    target: z.array(industry).max(200),
    restricted: z.array(industry).max(200),
  }),
  serviceArea: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\d{1,12}$/, 'must be a region code prefix of digits'),
    )
    .max(200),
  sizes: z.array(z.enum(ENTERPRISE_SIZES.codes)).max(4),
  revenue: z.strictObject({ min: z.number().min(0).max(1e13), ideal: z.number().min(0).max(1e13) }),
  yearsInBusiness: z.strictObject({ min: z.number().min(0).max(200), ideal: z.number().min(0).max(200) }),
  minCreditGrade: z.enum(CREDIT_GRADES.codes),
  cooperation: z.strictObject({ none: factor, other_banks: factor, ours: factor }),
});

export type IdealCustomerProfileDto = z.output<typeof idealCustomerProfileSchema>;

export const profileUpdateSchema = z.strictObject({
  profile: idealCustomerProfileSchema,
  reason: z.string().trim().min(4, 'must say why the profile changes, in at least 4 characters').max(500),
  version: z.number().int().min(0).describe('the profile version read (0 when none was saved yet)'),
});

export const profileVersionSchema = z.object({
  version: z.number().describe('0: the built-in default, never saved'),
  profile: idealCustomerProfileSchema,
  reason: z.string().nullable(),
  createdAt: z.string().nullable(),
  createdBy: personRef.nullable(),
});

export const profileChangeSchema = profileVersionSchema.extend({
  rescored: z.number().describe('open prospects whose fit score was recomputed'),
});
