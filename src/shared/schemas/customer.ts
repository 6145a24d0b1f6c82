import { z } from 'zod';
import { normalizeIdNumber, validateResidentId, validateUscc } from '../../domain/identity-numbers';
import {
  CREDIT_GRADES,
  CUSTOMER_KINDS,
  CUSTOMER_TIERS,
  type CustomerKind,
  ENTERPRISE_SIZES,
  LIFECYCLE_STAGES,
  LOAN_CLASSES,
  NEED_TAGS,
  VALUE_TIERS,
} from '../codes';
import { isIndustryCode } from '../industries';
import { email, pageQuery, pastDate, phone, version, yuanAmount } from './common';

const ID_REASONS: Record<string, string> = {
  length: 'must be 18 characters',
  format: 'has characters that are not allowed in this position',
  region: 'does not start with a real region code',
  birth_date: 'does not contain a real birth date',
  check_character: 'check character does not match (typing error?)',
};

/** The reason an identifier is wrong for this kind of customer, or null when it is valid (DOMAIN §2). */
export function idNumberProblem(kind: CustomerKind, value: string): string | null {
  const check = kind === 'corporate' ? validateUscc(value) : validateResidentId(value);
  if (check.valid) return null;
  const what = kind === 'corporate' ? 'unified social credit code' : 'resident ID number';
  return `${what} ${ID_REASONS[check.reason] ?? 'is invalid'}`;
}

const idNumber = z.string().max(40).transform(normalizeIdNumber);
const industry = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isIndustryCode, 'must be a GB/T 4754-2017 section letter or division such as C31');
const name = z.string().trim().min(1, 'must not be empty').max(200);
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1–32 letters, digits, - or _');
const needTags = z
  .array(z.enum(NEED_TAGS.codes))
  .max(NEED_TAGS.codes.length)
  .refine((tags) => new Set(tags).size === tags.length, 'must not repeat a tag');

const editable = {
  name,
  idNumber,
  industry: industry.nullable(),
  size: z.enum(ENTERPRISE_SIZES.codes).nullable(),
  regionCode: z.string().trim().max(12).nullable(),
  regionName: z.string().trim().max(100).nullable(),
  tier: z.enum(CUSTOMER_TIERS.codes),
  needTags,
  creditGrade: z.enum(CREDIT_GRADES.codes).nullable(),
  loanClass: z.enum(LOAN_CLASSES.codes).nullable(),
  foreignTrade: z.boolean(),
  phone: phone.nullable(),
  email: email.nullable(),
  annualRevenue: yuanAmount.nullable(),
  financialAssets: yuanAmount.nullable(),
  establishedOn: pastDate.nullable(),
};

export const customerCreateSchema = z
  .strictObject({
    code: code.optional(),
    kind: z.enum(CUSTOMER_KINDS.codes),
    name,
    idNumber,
    industry: editable.industry.optional(),
    size: editable.size.optional(),
    regionCode: editable.regionCode.optional(),
    regionName: editable.regionName.optional(),
    tier: editable.tier.default('potential'),
    needTags: needTags.default([]),
    creditGrade: editable.creditGrade.optional(),
    loanClass: editable.loanClass.optional(),
    foreignTrade: z.boolean().default(false),
    ownerId: z.number().int().positive().nullable().optional(),
    phone: editable.phone.optional(),
    email: editable.email.optional(),
    annualRevenue: editable.annualRevenue.optional(),
    financialAssets: editable.financialAssets.optional(),
    establishedOn: editable.establishedOn.optional(),
  })
  .superRefine((c, ctx) => {
    const problem = idNumberProblem(c.kind, c.idNumber);
    if (problem) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: problem });
  });
export type CustomerCreate = z.output<typeof customerCreateSchema>;

/** A PATCH names only what changes, and the `version` it read (DOMAIN §7.2). The kind never changes. */
export const customerPatchSchema = z.strictObject({
  version,
  ...Object.fromEntries(Object.entries(editable).map(([k, s]) => [k, s.optional()])),
} as { version: typeof version } & { [K in keyof typeof editable]: z.ZodOptional<(typeof editable)[K]> });
export type CustomerPatch = z.output<typeof customerPatchSchema>;

export const CUSTOMER_SORTS = [
  'code',
  'name',
  'createdAt',
  'updatedAt',
  'tier',
  'lifecycleStage',
  'creditGrade',
  'realizedValue',
  'potentialValue',
  'modelValue',
] as const;

export const customerListQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
  sort: z.enum(CUSTOMER_SORTS).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  kind: z.enum(CUSTOMER_KINDS.codes).optional(),
  tier: z.enum(CUSTOMER_TIERS.codes).optional(),
  lifecycleStage: z.enum(LIFECYCLE_STAGES.codes).optional(),
  valueTier: z.enum(VALUE_TIERS.codes).optional(),
  industry: industry.optional(),
  ownerId: z.union([z.coerce.number().int().positive(), z.literal('none')]).optional(),
  needTag: z.enum(NEED_TAGS.codes).optional(),
  creditGrade: z.enum(CREDIT_GRADES.codes).optional(),
  loanClass: z.enum(LOAN_CLASSES.codes).optional(),
});
export type CustomerListQuery = z.output<typeof customerListQuerySchema>;

export const customerSummarySchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(CUSTOMER_KINDS.codes),
  tier: z.enum(CUSTOMER_TIERS.codes),
  lifecycleStage: z.enum(LIFECYCLE_STAGES.codes),
  valueTier: z.enum(VALUE_TIERS.codes).nullable(),
  industry: z.string().nullable(),
  regionName: z.string().nullable(),
  creditGrade: z.enum(CREDIT_GRADES.codes).nullable(),
  loanClass: z.enum(LOAN_CLASSES.codes).nullable(),
  needTags: z.array(z.enum(NEED_TAGS.codes)),
  ownerId: z.number().nullable(),
  ownerName: z.string().nullable(),
  idNumber: z.string().describe('masked (DOMAIN §9)'),
  phone: z.string().nullable().describe('masked (DOMAIN §9)'),
  updatedAt: z.string(),
  version: z.number(),
  realizedValue: z
    .number()
    .nullable()
    .describe('yuan, trailing 12 months (issue #7); null until the first value run'),
  potentialValue: z.number().nullable().describe('yuan'),
  modelValue: z.number().nullable().describe('0–100'),
});
export type CustomerSummary = z.output<typeof customerSummarySchema>;

export const customerDetailSchema = customerSummarySchema.extend({
  size: z.enum(ENTERPRISE_SIZES.codes).nullable(),
  regionCode: z.string().nullable(),
  foreignTrade: z.boolean(),
  email: z.string().nullable().describe('masked (DOMAIN §9)'),
  annualRevenue: z.number().nullable().describe('yuan'),
  financialAssets: z.number().nullable().describe('yuan'),
  establishedOn: z.string().nullable(),
  lifecycleManual: z.boolean(),
  createdAt: z.string(),
  sharedWith: z.array(z.object({ id: z.number(), displayName: z.string() })),
  convertedFrom: z
    .object({ id: z.number(), code: z.string() })
    .nullable()
    .describe('the prospect this customer was developed from (DOMAIN §4)'),
  permissions: z.object({
    edit: z.boolean(),
    assign: z.boolean(),
    reveal: z.boolean(),
    readAudit: z.boolean(),
  }),
});
export type CustomerDetail = z.output<typeof customerDetailSchema>;

export const REVEALABLE_FIELDS = ['idNumber', 'phone', 'email'] as const;
export const revealSchema = z.strictObject({
  field: z.enum(REVEALABLE_FIELDS),
  reason: z.string().trim().min(4, 'must say why, in at least 4 characters').max(500),
});

export const lifecycleOverrideSchema = z.strictObject({
  stage: z.enum(LIFECYCLE_STAGES.codes),
  note: z.string().trim().min(2, 'must explain the override').max(1000),
  version,
});

export const assignSchema = z.strictObject({
  ownerId: z.number().int().positive().nullable(),
  version,
});

export const shareSchema = z.strictObject({ userId: z.number().int().positive() });
