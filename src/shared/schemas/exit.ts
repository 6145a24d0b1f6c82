import { z } from 'zod';
import { DEFAULT_EXIT_CRITERIA } from '../../domain/exit-criteria';
import {
  CUSTOMER_KINDS,
  EXIT_BUSINESS_LINES,
  EXIT_CANDIDATE_STATUSES,
  EXIT_CONTENTS,
  EXIT_MEANS,
  EXIT_PLAN_STATUSES,
  EXIT_REASONS,
  EXIT_RULES,
  EXIT_SCOPES,
  EXIT_STEP_KINDS,
  EXIT_WILLINGNESS,
  PORTFOLIO_SCOPES,
  RISK_FLAG_CODES,
} from '../codes';
import { isIndustryCode } from '../industries';
import {
  customerRef,
  isoDate,
  optionalText,
  pageQuery,
  pastDate,
  personRef,
  positiveId,
  requiredText,
  version,
} from './common';

// Relationship exit (issue #9, DOMAIN §6 and §7.2): risk flags, the exit criteria, screening runs and
// their candidates, exit plans with their workflow, the watch list and the exit report.

const exitRule = z.enum(EXIT_RULES.codes);

// ---- Risk flags (§6.1 EX1 assessments, EX4 adverse records, EX5 nominations) ----

export const riskFlagCreateSchema = z
  .strictObject({
    code: z.enum(RISK_FLAG_CODES),
    recordedOn: pastDate.optional().describe('default today'),
    note: optionalText(1000),
  })
  .refine((f) => f.code !== 'EX5.OTHER' || (f.note ?? '') !== '', {
    path: ['note'],
    message: 'must give the reason of the nomination',
  });

export const riskFlagClearSchema = z.strictObject({
  version,
  clearedOn: pastDate.optional().describe('default today; not before the day it was recorded'),
  note: optionalText(1000),
});

export const riskFlagSchema = z.object({
  id: z.number(),
  customerId: z.number(),
  code: z.enum(RISK_FLAG_CODES),
  recordedOn: z.string(),
  note: z.string().nullable(),
  recordedBy: personRef.nullable(),
  clearedOn: z.string().nullable(),
  clearedBy: personRef.nullable(),
  clearNote: z.string().nullable(),
  active: z.boolean().describe('recorded by today and not cleared by today'),
  version: z.number(),
});
export type RiskFlagDto = z.infer<typeof riskFlagSchema>;

// ---- Exit criteria settings (§7.2) ----

const industryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isIndustryCode, 'must be a GB/T 4754-2017 section letter or division such as C31');
const benchmarkRate = z.strictObject({
  from: isoDate,
  rate: z.number().min(0, 'must not be negative').max(1, 'is a fraction: 0.0435 is 4.35%'),
});

export const exitCriteriaSettingsSchema = z.object({
  restrictedIndustries: z.array(z.string()),
  currentRatioBelow: z.number(),
  debtRatioAbove: z.number(),
  consecutiveYears: z.number(),
  benchmarkRates: z.array(z.object({ from: z.string(), rate: z.number() })),
  teamLeadReview: z.boolean().describe('a team lead approves an exit plan before the risk officer'),
});
export type ExitCriteriaSettingsDto = z.infer<typeof exitCriteriaSettingsSchema>;
export const DEFAULT_EXIT_SETTINGS: ExitCriteriaSettingsDto = {
  ...DEFAULT_EXIT_CRITERIA,
  restrictedIndustries: [...DEFAULT_EXIT_CRITERIA.restrictedIndustries],
  benchmarkRates: DEFAULT_EXIT_CRITERIA.benchmarkRates.map((r) => ({ ...r })),
  teamLeadReview: false,
};

/**
 * PUT body: the §7.2 fields at the top level. Fields left out keep the value in force; `version` (the
 * one read) makes a stale save a 409; `reason` says why (kept with the version).
 */
export const exitCriteriaPutSchema = z.strictObject({
  restrictedIndustries: z
    .array(industryCode)
    .max(200)
    .refine((codes) => new Set(codes).size === codes.length, 'must not repeat a code')
    .optional(),
  currentRatioBelow: z.number().gt(0, 'must be more than 0').max(10).optional(),
  debtRatioAbove: z.number().gt(0, 'must be more than 0').max(10).optional(),
  consecutiveYears: z.number().int().min(1).max(10).optional(),
  benchmarkRates: z
    .array(benchmarkRate)
    .min(1, 'must list at least one rate')
    .max(200)
    .refine((rates) => new Set(rates.map((r) => r.from)).size === rates.length, 'must not repeat a date')
    .optional(),
  teamLeadReview: z.boolean().optional(),
  reason: optionalText(500),
  version: z.number().int().min(0).optional(),
});

export const exitCriteriaSchema = exitCriteriaSettingsSchema.extend({
  version: z.number().describe('0: the built-in default, never saved'),
  reason: z.string().nullable(),
  createdAt: z.string().nullable(),
  createdBy: personRef.nullable(),
});
export type ExitCriteriaDto = z.infer<typeof exitCriteriaSchema>;

// ---- Screening (§7.2) ----

const yearFigures = z.object({
  fiscalYear: z.number(),
  netProfit: z.number().nullable().optional(),
  ownersEquity: z.number().nullable().optional(),
  operatingCashFlow: z.number().nullable().optional(),
  roe: z.number().nullable().optional(),
  benchmarkRate: z.number().nullable().optional(),
});
/** What a rule fired on. Amounts in yuan, ratios as fractions; the fields present depend on the rule. */
export const exitEvidenceSchema = z.object({
  industry: z.string().optional(),
  restrictedCode: z.string().optional(),
  creditGrade: z.string().optional(),
  loanClass: z.string().optional(),
  flag: z.object({ id: z.number(), recordedOn: z.string(), note: z.string().nullable() }).optional(),
  fiscalYear: z.number().optional(),
  ratio: z.number().nullable().optional(),
  threshold: z.number().optional(),
  currentAssets: z.number().optional(),
  currentLiabilities: z.number().optional(),
  totalAssets: z.number().optional(),
  totalLiabilities: z.number().optional(),
  years: z.array(yearFigures).optional(),
});
export type ExitEvidenceDto = z.infer<typeof exitEvidenceSchema>;
export const exitTriggerSchema = z.object({ rule: exitRule, evidence: exitEvidenceSchema });
export type ExitTriggerDto = z.infer<typeof exitTriggerSchema>;

export const screeningRequestSchema = z.strictObject({
  asOf: isoDate.optional().describe('default today (bank time)'),
  customerIds: z.array(positiveId).min(1).max(10_000).optional(),
  only: z
    .enum(['all', 'candidates'])
    .default('all')
    .describe('`candidates`: answer only the customers that are candidates or lack data'),
});

export const screeningResultSchema = z.object({
  customerId: z.number(),
  code: z.string(),
  name: z.string(),
  candidate: z.boolean(),
  triggers: z.array(exitTriggerSchema),
  insufficientData: z.array(exitRule),
  exempt: z.array(exitRule),
});
export type ScreeningResultDto = z.infer<typeof screeningResultSchema>;

export const screeningSchema = z.object({
  id: z.number(),
  asOf: z.string(),
  scope: z.enum(['bank', 'portfolio', 'customers']),
  criteriaVersion: z.number(),
  startedBy: personRef.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  screened: z.number(),
  candidates: z.number(),
  newCandidates: z.number(),
  insufficient: z.number(),
});
export type ScreeningDto = z.infer<typeof screeningSchema>;

export const screeningAnswerSchema = screeningSchema.extend({
  runId: z.number().describe('= id'),
  results: z.array(screeningResultSchema),
});

// ---- The candidates queue ----

export const candidateListQuery = z.object({
  rule: exitRule.optional(),
  group: z.enum(['EX1', 'EX2', 'EX3', 'EX4', 'EX5']).optional(),
  status: z.enum(EXIT_CANDIDATE_STATUSES.codes).optional(),
  /** only those first found on or after this day */
  since: isoDate.optional(),
  q: z.string().trim().max(100).optional(),
  ownerId: positiveId.optional(),
  customerId: positiveId.optional(),
  ...pageQuery,
});

export const candidateSchema = z.object({
  customer: customerRef.extend({
    kind: z.enum(CUSTOMER_KINDS.codes),
    industry: z.string().nullable(),
    creditGrade: z.string().nullable(),
    loanClass: z.string().nullable(),
    owner: personRef.nullable(),
  }),
  since: z.string().describe('the day a screening first found it a candidate (since then without a break)'),
  screeningId: z.number(),
  triggers: z.array(exitTriggerSchema),
  insufficientData: z.array(exitRule),
  exempt: z.array(exitRule),
  status: z.enum(EXIT_CANDIDATE_STATUSES.codes),
  statusNote: z.string().nullable(),
  statusBy: personRef.nullable(),
  statusAt: z.string().nullable(),
  planId: z.number().nullable().describe('the latest exit plan of the customer, if any'),
  version: z.number(),
});
export type CandidateDto = z.infer<typeof candidateSchema>;

export const candidateListSchema = z.object({
  items: z.array(candidateSchema),
  total: z.number(),
  byRule: z
    .record(z.string(), z.number())
    .describe('candidates per rule (of the status asked for, else all), before filtering by rule'),
  byGroup: z
    .record(z.string(), z.number())
    .describe('candidates with a rule of each group EX1–EX5 (each counted once), before filtering by rule'),
  lastScreening: screeningSchema.nullable(),
});

export const candidatePatchSchema = z.strictObject({
  version,
  status: z.enum(['open', 'dismissed']),
  note: optionalText(1000),
});

// ---- Exit plans (§6) ----

const codesOf = <T extends readonly [string, ...string[]]>(codes: T) =>
  z
    .array(z.enum(codes))
    .min(1, 'must name at least one')
    .refine((list) => new Set(list).size === list.length, 'must not repeat a code');

export const exitStepInput = z.strictObject({
  id: positiveId.optional().describe('an existing step (keeps its done date)'),
  kind: z.enum(EXIT_STEP_KINDS.codes),
  title: requiredText(200),
  ownerId: positiveId,
  dueOn: isoDate,
  note: optionalText(1000),
});

const planFields = {
  content: z.enum(EXIT_CONTENTS.codes),
  willingness: z.enum(EXIT_WILLINGNESS.codes),
  scope: z.enum(EXIT_SCOPES.codes),
  businessLines: codesOf(EXIT_BUSINESS_LINES.codes),
  means: z
    .array(z.enum(EXIT_MEANS.codes))
    .refine((list) => new Set(list).size === list.length, 'must not repeat a code'),
  reasons: codesOf(EXIT_REASONS.codes),
  reasonNote: optionalText(2000),
  targetDate: isoDate,
  steps: z.array(exitStepInput).min(1, 'must have at least one step').max(30),
};

export const exitPlanCreateSchema = z.strictObject({ customerId: positiveId, ...planFields });
export const exitPlanPatchSchema = z.strictObject({
  version,
  ...Object.fromEntries(Object.entries(planFields).map(([k, v]) => [k, v.optional()])),
} as { version: typeof version } & { [K in keyof typeof planFields]: z.ZodOptional<(typeof planFields)[K]> });

export const exitPlanActionSchema = z.strictObject({ version, note: optionalText(1000) });
export const exitPlanDecisionSchema = z
  .strictObject({ version, decision: z.enum(['approve', 'reject']), note: optionalText(1000) })
  .refine((d) => d.decision === 'approve' || (d.note ?? '') !== '', {
    path: ['note'],
    message: 'must say why the plan is rejected',
  });
export const exitPlanCompleteSchema = z.strictObject({
  version,
  completedOn: pastDate.optional().describe('default today'),
  note: optionalText(1000),
});
export const exitStepPatchSchema = z.strictObject({
  version: version.describe("the plan's version"),
  doneOn: pastDate.nullable(),
  note: optionalText(1000),
});

export const exitStepSchema = z.object({
  id: z.number(),
  kind: z.enum(EXIT_STEP_KINDS.codes),
  title: z.string(),
  owner: personRef,
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  note: z.string().nullable(),
});

export const exitPlanEventSchema = z.object({
  action: z.string(),
  fromStatus: z.enum(EXIT_PLAN_STATUSES.codes).nullable(),
  toStatus: z.enum(EXIT_PLAN_STATUSES.codes),
  note: z.string().nullable(),
  by: personRef.nullable(),
  at: z.string(),
});

export const exitPlanSchema = z.object({
  id: z.number(),
  customer: customerRef.extend({ kind: z.enum(CUSTOMER_KINDS.codes), owner: personRef.nullable() }),
  status: z.enum(EXIT_PLAN_STATUSES.codes),
  reviewStage: z.enum(['team_lead', 'risk']).nullable(),
  content: z.enum(EXIT_CONTENTS.codes),
  willingness: z.enum(EXIT_WILLINGNESS.codes),
  scope: z.enum(EXIT_SCOPES.codes),
  businessLines: z.array(z.enum(EXIT_BUSINESS_LINES.codes)),
  object: z.enum(CUSTOMER_KINDS.codes),
  means: z.array(z.enum(EXIT_MEANS.codes)),
  reasons: z.array(z.enum(EXIT_REASONS.codes)),
  reasonNote: z.string().nullable(),
  triggers: z.array(exitTriggerSchema),
  targetDate: z.string(),
  assetBalance: z.number().nullable().describe('yuan, loans of the customer when the plan was submitted'),
  liabilityBalance: z
    .number()
    .nullable()
    .describe('yuan, deposits of the customer when the plan was submitted'),
  completedOn: z.string().nullable(),
  steps: z.array(exitStepSchema),
  history: z.array(exitPlanEventSchema),
  createdBy: personRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type ExitPlanDto = z.infer<typeof exitPlanSchema>;

export const exitPlanListQuery = z.object({
  status: z.enum(EXIT_PLAN_STATUSES.codes).optional(),
  customerId: positiveId.optional(),
  /** plans waiting for the viewer's decision */
  toDecide: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...pageQuery,
});
export const exitPlanSummarySchema = exitPlanSchema
  .omit({ steps: true, history: true, triggers: true })
  .extend({
    stepsDone: z.number(),
    stepsTotal: z.number(),
    rules: z.array(exitRule),
  });
export type ExitPlanSummaryDto = z.infer<typeof exitPlanSummarySchema>;

// ---- Watch list and report ----

export const watchListQuery = z.object({ q: z.string().trim().max(100).optional(), ...pageQuery });
export const watchItemSchema = z.object({
  customer: customerRef.extend({ kind: z.enum(CUSTOMER_KINDS.codes), owner: personRef.nullable() }),
  creditGrade: z.string().nullable(),
  loanBalance: z.number().describe('yuan, average daily loan balance of the latest month with figures'),
  candidate: z.boolean(),
  rules: z.array(exitRule),
  activeFlags: z.number(),
  planId: z.number().nullable(),
  planStatus: z.enum(EXIT_PLAN_STATUSES.codes).nullable(),
});

export const exitReportQuery = z.object({
  scope: z.enum(PORTFOLIO_SCOPES.codes).optional(),
  scopeId: positiveId.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
const reportCell = z.object({
  plans: z.number(),
  assetBalance: z.number().describe('yuan'),
  liabilityBalance: z.number().describe('yuan'),
});
export const exitReportSchema = z.object({
  scope: z.enum(PORTFOLIO_SCOPES.codes),
  scopeId: z.number().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  byStatus: z.record(z.string(), reportCell),
  /** approved, executing and completed plans only: what is leaving or has left */
  leaving: reportCell,
  completed: reportCell,
  byReason: z.array(reportCell.extend({ reason: z.enum(EXIT_REASONS.codes) })),
  byMeans: z.array(reportCell.extend({ means: z.enum(EXIT_MEANS.codes).nullable() })),
  byScope: z.array(reportCell.extend({ scope: z.enum(EXIT_SCOPES.codes) })),
  byMonth: z
    .array(reportCell.extend({ month: z.string() }))
    .describe('completed plans by month of completion'),
  candidates: z.object({ open: z.number(), planned: z.number(), dismissed: z.number() }),
});
export type ExitReportDto = z.infer<typeof exitReportSchema>;
