import { z } from 'zod';
import { PRODUCTS } from '../codes';

// Product holdings and their monthly figures (DOMAIN §2, §8): amounts leave the server in yuan with
// 2 decimals, converted from the integer fen they are stored and summed in.

const yuan = z.number().describe('yuan, 2 decimals');

export const monthlyFiguresSchema = z.object({
  avgBalance: yuan.describe('average daily balance, yuan'),
  netInterestContribution: yuan.describe('net interest contribution, yuan'),
  feeIncome: yuan.describe('fee (intermediary business) income, yuan'),
});
export type MonthlyFigures = z.output<typeof monthlyFiguresSchema>;

export const accountSchema = z.object({
  id: z.number(),
  accountNo: z.string().describe('masked: first 6 and last 4 shown (DOMAIN §9)'),
  product: z.enum(PRODUCTS.codes),
  currency: z.string(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  rate: z.number().nullable().describe('annual rate as a fraction: 0.0435 is 4.35%'),
  latest: monthlyFiguresSchema
    .extend({ month: z.string().describe('YYYY-MM') })
    .nullable()
    .describe("the account's latest month with figures; null when it has none"),
});
export type Account = z.output<typeof accountSchema>;

export const accountListSchema = z.object({
  items: z.array(accountSchema),
  totals: monthlyFiguresSchema.extend({
    month: z
      .string()
      .nullable()
      .describe("the customer's latest month with figures; the sums are of that month, over all accounts"),
    openAccounts: z.number(),
    closedAccounts: z.number(),
  }),
});

export const PRODUCT_GROUPS = ['deposit', 'loan', 'other'] as const;
export type ProductGroup = (typeof PRODUCT_GROUPS)[number];

export const customerMonthSchema = z.object({
  month: z.string().describe('YYYY-MM'),
  deposit: monthlyFiguresSchema,
  loan: monthlyFiguresSchema,
  other: monthlyFiguresSchema,
  total: monthlyFiguresSchema,
});
export type CustomerMonth = z.output<typeof customerMonthSchema>;

export const monthsQuerySchema = z.strictObject({
  months: z.coerce
    .number()
    .int()
    .min(1)
    .max(240)
    .default(24)
    .describe('how many of the latest months that have figures'),
});

export const accountMonthsQuerySchema = z.strictObject({
  months: z.coerce
    .number()
    .int()
    .min(1)
    .max(240)
    .optional()
    .describe('how many of the latest months that have figures; all when absent'),
});

export const accountParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  accountId: z.coerce.number().int().positive().max(2_147_483_647),
});

export const accountMonthSchema = monthlyFiguresSchema.extend({ month: z.string().describe('YYYY-MM') });
