import { z } from 'zod';
import type { LifecycleSettings } from '../../domain/lifecycle';
import type { MaintenanceSettings } from '../../domain/maintenance';
import type { ParetoCutoffs } from '../../domain/pareto';
import type { RelationshipTierSettings } from '../../domain/relationship-tier';
import { MODEL_TERMS, type ValueSettings } from '../../domain/value';
import {
  CHANNELS,
  CONCESSION_KINDS,
  CUSTOMER_KINDS,
  CUSTOMER_TIERS,
  LIFECYCLE_STAGES,
  MAINTENANCE_FORMS,
  NEED_TAGS,
  PORTFOLIO_SCOPES,
  SERVICE_PACKAGES,
  VALUE_TIERS,
} from '../codes';
import { INDUSTRY_SECTIONS } from '../industries';
import { yuanToFen } from '../money';
import {
  customerRef,
  isoDate,
  personRef,
  positiveId,
  settingsUpdateOf,
  settingsVersionOf,
  version,
} from './common';

// Customer value, the 80/20 analysis, lifecycle inference and differentiated maintenance (issue #7,
// DOMAIN §2.1, §3.1, §5). Settings travel in yuan and fractions; the rules in src/domain/ take fen.

export const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .describe('YYYY-MM');

const fraction = z.number().min(0).max(1);
/** At most 4 decimals: rules compare in basis points. */
const basisPoints = fraction.refine((x) => Math.abs(x * 10_000 - Math.round(x * 10_000)) < 1e-6, {
  message: 'must have at most 4 decimals',
});
const yuan = z
  .number()
  .min(0)
  .max(1e13)
  .refine((v) => yuanToFen(v) !== null, 'must have at most 2 decimals');
const coefficient = z.number().min(0).max(10);
const scale = z
  .strictObject({ floor: yuan.refine((v) => v > 0, 'must be above 0'), ceiling: yuan })
  .refine((s) => s.ceiling > s.floor, { message: 'must be above the floor', path: ['ceiling'] });

export const valueSettingsSchema = z
  .strictObject({
    wallet: z.strictObject({
      corporateDefault: coefficient.describe('wallet ÷ annual revenue of a corporate customer'),
      corporateBySection: z
        .record(z.string(), coefficient)
        .refine((r) => Object.keys(r).every((k) => INDUSTRY_SECTIONS.some((s) => s.code === k)), {
          message: 'keys must be GB/T 4754 section letters A–T',
        }),
      individual: coefficient.describe('wallet ÷ financial assets of an individual'),
    }),
    openNeedValues: z
      .strictObject(Object.fromEntries(NEED_TAGS.codes.map((t) => [t, yuan])) as Record<string, typeof yuan>)
      .describe('yuan added to the wallet for a need tag with no product meeting it'),
    weights: z.strictObject(
      Object.fromEntries(MODEL_TERMS.map((t) => [t, z.number().min(0).max(1000)])) as Record<
        (typeof MODEL_TERMS)[number],
        z.ZodNumber
      >,
    ),
    realizedScale: scale.describe('yuan of realized value scoring 0 (floor) and full (ceiling)'),
    potentialScale: scale.describe('yuan of potential value scoring 0 (floor) and full (ceiling)'),
    growthSpan: z.number().min(0.01).max(10).describe('balance change at which the growth term is full'),
    pareto: z
      .strictObject({ a: basisPoints, b: basisPoints })
      .refine((p) => p.a > 0 && p.a <= p.b, { message: 'must satisfy 0 < a ≤ b ≤ 1', path: ['b'] }),
    lifecycle: z.strictObject({
      developmentMonths: z.number().int().min(1).max(60),
      growthThreshold: basisPoints,
      declineThreshold: basisPoints,
    }),
    relationshipTier: z.strictObject({
      highEndRealized: z.strictObject({ corporate: yuan, individual: yuan }),
      highEndFinancialAssets: yuan,
    }),
    concessionShare: basisPoints.describe('concessions costing more than this share of realized value warn'),
    statementMaxAgeMonths: z.number().int().min(1).max(60),
  })
  .refine((s) => MODEL_TERMS.some((t) => s.weights[t] > 0), {
    message: 'at least one weight must be above 0',
    path: ['weights'],
  });
export type ValueSettingsDto = z.output<typeof valueSettingsSchema>;

export const DEFAULT_VALUE_SETTINGS: ValueSettingsDto = {
  wallet: {
    corporateDefault: 0.005,
    corporateBySection: { C: 0.006, E: 0.008, F: 0.004, G: 0.006, K: 0.01 },
    individual: 0.01,
  },
  openNeedValues: { deposit: 2000, loan: 20000, rmb: 1000, fx: 5000 },
  weights: { realized: 40, potential: 25, loyalty: 15, growth: 10, credit: 10 },
  realizedScale: { floor: 100, ceiling: 1_000_000 },
  potentialScale: { floor: 100, ceiling: 1_000_000 },
  growthSpan: 0.5,
  pareto: { a: 0.8, b: 0.95 },
  lifecycle: { developmentMonths: 6, growthThreshold: 0.1, declineThreshold: 0.1 },
  relationshipTier: {
    highEndRealized: { corporate: 500_000, individual: 20_000 },
    highEndFinancialAssets: 1_000_000,
  },
  concessionShare: 0.3,
  statementMaxAgeMonths: 15,
};

const fen = (y: number) => Math.round(y * 100);

/** The settings as the rules of src/domain/ take them (money in fen). */
export function valueRules(s: ValueSettingsDto): {
  value: ValueSettings;
  pareto: ParetoCutoffs;
  lifecycle: LifecycleSettings;
  relationshipTier: RelationshipTierSettings;
  concessionShare: number;
  statementMaxAgeMonths: number;
} {
  return {
    value: {
      wallet: s.wallet,
      openNeedValues: {
        deposit: fen(s.openNeedValues.deposit!),
        loan: fen(s.openNeedValues.loan!),
        rmb: fen(s.openNeedValues.rmb!),
        fx: fen(s.openNeedValues.fx!),
      },
      weights: s.weights,
      realizedScale: { floor: fen(s.realizedScale.floor), ceiling: fen(s.realizedScale.ceiling) },
      potentialScale: { floor: fen(s.potentialScale.floor), ceiling: fen(s.potentialScale.ceiling) },
      growthSpan: s.growthSpan,
    },
    pareto: s.pareto,
    lifecycle: s.lifecycle,
    relationshipTier: {
      highEndRealized: {
        corporate: fen(s.relationshipTier.highEndRealized.corporate),
        individual: fen(s.relationshipTier.highEndRealized.individual),
      },
      highEndFinancialAssets: fen(s.relationshipTier.highEndFinancialAssets),
    },
    concessionShare: s.concessionShare,
    statementMaxAgeMonths: s.statementMaxAgeMonths,
  };
}

const valueTier = z.enum(VALUE_TIERS.codes);
const kind = z.enum(CUSTOMER_KINDS.codes);

export const maintenanceSettingsSchema = z
  .strictObject({
    policies: z
      .array(
        z.strictObject({
          valueTier,
          kind,
          maxDays: z.number().int().min(1).max(3660),
          forms: z.array(z.enum(MAINTENANCE_FORMS.codes)).max(MAINTENANCE_FORMS.codes.length),
          servicePackage: z.enum(SERVICE_PACKAGES.codes),
        }),
      )
      .describe('one policy for every value tier and customer kind'),
    channels: z
      .array(z.enum(CHANNELS.codes))
      .min(1, 'must count at least one channel')
      .describe('contacts through these channels qualify'),
    dueSoonDays: z.number().int().min(0).max(365),
  })
  .superRefine((s, ctx) => {
    for (const t of VALUE_TIERS.codes)
      for (const k of CUSTOMER_KINDS.codes) {
        const n = s.policies.filter((p) => p.valueTier === t && p.kind === k).length;
        if (n !== 1)
          ctx.addIssue({
            code: 'custom',
            path: ['policies'],
            message: `must have exactly one policy for tier ${t} and kind ${k} (has ${n})`,
          });
      }
  });
export type MaintenanceSettingsDto = z.output<typeof maintenanceSettingsSchema> & MaintenanceSettings;

const TIER_DAYS = { A: 30, B: 60, C: 90, D: 180 } as const;
const TIER_FORMS = {
  A: ['functional', 'psychological', 'special'],
  B: ['functional', 'psychological'],
  C: ['software', 'psychological'],
  D: ['software'],
} as const;
export const DEFAULT_MAINTENANCE_SETTINGS: MaintenanceSettingsDto = {
  policies: VALUE_TIERS.codes.flatMap((t) =>
    CUSTOMER_KINDS.codes.map((k) => ({
      valueTier: t,
      kind: k,
      maxDays: TIER_DAYS[t],
      forms: [...TIER_FORMS[t]],
      servicePackage:
        t === 'A' ? 'key_customer' : t === 'B' && k === 'corporate' ? 'sme_quality' : 'standard',
    })),
  ),
  channels: CHANNELS.codes.filter((c) => c !== 'sms'),
  dueSoonDays: 7,
};

export const valueSettingsUpdateSchema = settingsUpdateOf(valueSettingsSchema);
export const maintenanceSettingsUpdateSchema = settingsUpdateOf(maintenanceSettingsSchema);
export const valueSettingsVersionSchema = settingsVersionOf(valueSettingsSchema);
export const maintenanceSettingsVersionSchema = settingsVersionOf(maintenanceSettingsSchema);

// ---- recomputation runs

export const VALUE_RUN_KINDS = ['full', 'incremental', 'snapshot'] as const;
export const VALUE_RUN_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;
export const VALUE_RUN_PHASES = ['values', 'tiers', 'snapshots', 'done'] as const;

export const valueRunStartSchema = z.strictObject({
  asOf: month
    .optional()
    .describe(
      'the month to compute (default: the latest month with figures); an earlier month only stores its portfolio analysis',
    ),
});

export const valueRunSchema = z.object({
  id: z.number(),
  kind: z.enum(VALUE_RUN_KINDS),
  asOf: z.string().nullable(),
  status: z.enum(VALUE_RUN_STATUSES),
  phase: z.enum(VALUE_RUN_PHASES),
  total: z.number().describe('customers to compute'),
  processed: z.number(),
  changed: z.number().describe('customers whose values, tier or stage changed'),
  settingsVersion: z.number(),
  startedBy: personRef.nullable().describe('null: the schedule or an import'),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type ValueRun = z.output<typeof valueRunSchema>;

// ---- portfolio analyses

export const portfolioQuerySchema = z.strictObject({
  asOf: month.optional().describe('default: the month of the latest analysis'),
  scope: z.enum(PORTFOLIO_SCOPES.codes).optional().describe('default: the widest portfolio the caller sees'),
  scopeId: positiveId.optional().describe('the branch, team or RM (user) id; not for bank'),
});
export type PortfolioQuery = z.output<typeof portfolioQuerySchema>;

const tierRecord = <T extends z.ZodType>(t: T) => z.object({ A: t, B: t, C: t, D: t });
const portfolioRef = z.object({
  scope: z.enum(PORTFOLIO_SCOPES.codes),
  id: z.number().nullable(),
  name: z.string().nullable(),
});

export const paretoAnalysisSchema = z.object({
  asOf: z.string().describe('the last month of the trailing 12 months'),
  portfolio: portfolioRef,
  customers: z.number(),
  total: z.number().describe('Σ realized value, yuan (negative values included)'),
  positiveTotal: z.number().describe('Σ positive realized values, yuan: the base of every share'),
  top20Share: z.number().describe('share of the positive total held by the top 20% of customers'),
  tierCounts: tierRecord(z.number()),
  tierValues: tierRecord(z.number()).describe('Σ realized value of each tier, yuan'),
  curve: z.array(z.object({ customers: z.number(), value: z.number() })).describe('cumulative shares, 0…1'),
  history: z
    .array(z.object({ month: z.string(), top20Share: z.number(), customers: z.number() }))
    .describe('the concentration of every analysed month of this portfolio, oldest first'),
  months: z.array(z.string()).describe('the months with an analysis, newest first'),
});
export type ParetoAnalysis = z.output<typeof paretoAnalysisSchema>;

const stage = z.enum(LIFECYCLE_STAGES.codes);
export const lifecycleAnalysisSchema = z.object({
  asOf: z.string(),
  portfolio: portfolioRef,
  distribution: z
    .array(z.object({ stage, count: z.number() }))
    .describe('the stage customers carry, manual or inferred'),
  manual: z.number().describe('customers whose stage an RM set by hand'),
  transitions: z
    .array(z.object({ from: stage, to: stage, count: z.number() }))
    .describe('inferred stage of the month before → inferred stage of asOf'),
  months: z.array(z.string()),
});
export type LifecycleAnalysis = z.output<typeof lifecycleAnalysisSchema>;

// ---- one customer's value

const money = z.number().describe('yuan');
export const customerValueSchema = z.object({
  asOf: z.string().nullable().describe('the month computed; null when the customer has no figures yet'),
  settingsVersion: z.number(),
  stored: z
    .object({
      realized: money.nullable(),
      potential: money.nullable(),
      model: z.number().nullable(),
      valueTier: valueTier.nullable(),
      asOf: z.string().nullable(),
    })
    .describe('what the last run stored on the customer (lists, tiers and policies use these)'),
  realized: z.object({ value: money, from: z.string(), to: z.string() }),
  potential: z.object({
    value: money,
    wallet: money,
    base: z.object({
      source: z.enum(['annual_revenue', 'financial_assets']),
      amount: money.nullable(),
      coefficient: z.number(),
      estimate: money,
    }),
    openNeeds: z.array(z.object({ tag: z.enum(NEED_TAGS.codes), amount: money })),
  }),
  model: z.object({
    score: z.number(),
    terms: z.array(
      z.object({
        term: z.enum(MODEL_TERMS),
        weight: z.number(),
        known: z.boolean(),
        factor: z.number().nullable(),
        points: z.number(),
      }),
    ),
  }),
  lifecycle: z.object({
    stage,
    manual: z.boolean(),
    inferred: stage.nullable(),
    evidence: z.record(z.string(), z.unknown()).nullable().describe('the rule and the numbers compared'),
  }),
  tierSuggestion: z.object({
    current: z.enum(CUSTOMER_TIERS.codes),
    suggested: z.enum(CUSTOMER_TIERS.codes),
    reason: z.string(),
    amount: money.optional(),
    threshold: money.optional(),
  }),
  trend: z
    .array(
      z.object({
        month: z.string(),
        balance: money.describe('Σ average daily balance'),
        contribution: money.describe('net interest contribution + fee income'),
        realized12: money
          .nullable()
          .describe(
            'trailing 12 months ending with this month; null when the bank has no figures that far back',
          ),
      }),
    )
    .describe('the 24 months ending with asOf'),
});
export type CustomerValue = z.output<typeof customerValueSchema>;

// ---- maintenance

export const maintenanceStatusSchema = z.object({
  policy: z
    .object({
      valueTier,
      maxDays: z.number(),
      forms: z.array(z.enum(MAINTENANCE_FORMS.codes)),
      servicePackage: z.enum(SERVICE_PACKAGES.codes),
    })
    .nullable()
    .describe('null until the customer has a value tier'),
  state: z.enum(['ok', 'due_soon', 'overdue']).nullable(),
  dueOn: z.string().nullable(),
  daysLeft: z.number().nullable(),
  lastContactOn: z.string().nullable(),
  formsUsed: z
    .array(z.enum(MAINTENANCE_FORMS.codes))
    .describe('forms of the qualifying contacts within maxDays'),
});

export const dueContactsQuerySchema = z.strictObject({
  ownerId: positiveId.optional().describe('default: the caller'),
  state: z.enum(['overdue', 'due_soon']).optional().describe('default: both'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const dueContactSchema = z.object({
  customer: customerRef,
  kind,
  valueTier,
  maxDays: z.number(),
  lastContactOn: z.string().nullable(),
  dueOn: z.string(),
  daysLeft: z.number(),
  state: z.enum(['overdue', 'due_soon']),
});
export const dueContactsSchema = z.object({
  overdue: z.number().describe('all overdue customers of the portfolio'),
  dueSoon: z.number(),
  items: z.array(dueContactSchema).describe('most overdue first'),
});

export const complianceQuerySchema = z.strictObject({
  teamId: positiveId
    .optional()
    .describe('default: the caller’s team (everyone’s teams for those who see all)'),
});
const complianceCounts = {
  customers: z.number().describe('customers with a value tier'),
  inTime: z.number(),
  overdue: z.number(),
  neverContacted: z.number(),
  rate: z.number().nullable().describe('inTime ÷ customers'),
};
export const complianceSchema = z.object({
  asOf: z.string().describe('the bank day'),
  byOwner: z.array(
    z.object({
      owner: personRef,
      team: z.object({ id: z.number(), name: z.string() }).nullable(),
      ...complianceCounts,
      byTier: tierRecord(z.object(complianceCounts)),
    }),
  ),
  total: z.object(complianceCounts),
});

// ---- concessions and pitfalls

export const concessionCreateSchema = z.strictObject({
  kind: z.enum(CONCESSION_KINDS.codes),
  description: z.string().trim().min(1, 'must not be empty').max(500),
  yearlyCost: z
    .number()
    .min(0, 'must not be negative')
    .max(1e13)
    .refine((v) => yuanToFen(v) !== null, 'must have at most 2 decimals')
    .describe('yuan a year'),
  approver: z.string().trim().min(1, 'must name who approved it').max(100),
  reason: z.string().trim().min(2, 'must say why').max(1000),
  startsOn: isoDate,
  endsOn: isoDate.nullable().optional(),
});
export const concessionPatchSchema = z.strictObject({
  version,
  description: concessionCreateSchema.shape.description.optional(),
  yearlyCost: concessionCreateSchema.shape.yearlyCost.optional(),
  approver: concessionCreateSchema.shape.approver.optional(),
  reason: concessionCreateSchema.shape.reason.optional(),
  startsOn: isoDate.optional(),
  endsOn: isoDate.nullable().optional(),
});
export const concessionSchema = z.object({
  id: z.number(),
  customerId: z.number(),
  kind: z.enum(CONCESSION_KINDS.codes),
  description: z.string(),
  yearlyCost: money,
  approver: z.string(),
  reason: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  active: z.boolean().describe('in force today'),
  createdBy: personRef.nullable(),
  createdAt: z.string(),
  version: z.number(),
});

export const PITFALL_KINDS = ['concessions', 'statements'] as const;
export const pitfallSchema = z.object({
  kind: z.enum(PITFALL_KINDS),
  /** concessions: yearlyCost, realized, share, ratio (yuan); statements: problem, latestYear, currentUntil, signs */
  evidence: z.record(z.string(), z.unknown()),
});
export const pitfallsQuerySchema = z.strictObject({
  kind: z.enum(PITFALL_KINDS).optional(),
  ownerId: positiveId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const portfolioPitfallSchema = z.object({
  customer: customerRef,
  owner: personRef.nullable(),
  pitfall: pitfallSchema,
});

export const statementFields = [
  'currentAssets',
  'currentLiabilities',
  'totalAssets',
  'totalLiabilities',
  'ownersEquity',
  'netProfit',
  'operatingCashFlow',
  'revenue',
] as const;
/** Amounts may be negative (losses, negative equity, outflows): yuan with at most 2 decimals. */
const signedYuan = z
  .number()
  .min(-1e13)
  .max(1e13)
  .refine((v) => yuanToFen(v) !== null, 'must have at most 2 decimals');
export const financialStatementInputSchema = z.strictObject(
  Object.fromEntries(statementFields.map((f) => [f, signedYuan.nullable().optional()])) as Record<
    (typeof statementFields)[number],
    z.ZodOptional<z.ZodNullable<typeof signedYuan>>
  >,
);
export const financialStatementPutSchema = financialStatementInputSchema.extend({
  version: z.number().int().min(0).describe('the version read; 0 to create the year'),
});
export const financialStatementSchema = z.object({
  customerId: z.number(),
  fiscalYear: z.number(),
  ...Object.fromEntries(statementFields.map((f) => [f, money.nullable()])),
  updatedAt: z.string(),
  version: z.number(),
}) as z.ZodObject<
  { customerId: z.ZodNumber; fiscalYear: z.ZodNumber; updatedAt: z.ZodString; version: z.ZodNumber } & Record<
    (typeof statementFields)[number],
    z.ZodNullable<z.ZodNumber>
  >
>;
export const fiscalYearParam = z.object({
  id: positiveId,
  year: z.coerce.number().int().min(1900).max(2100),
});
