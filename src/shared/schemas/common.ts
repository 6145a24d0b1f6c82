import { z } from 'zod';
import { yuanToFen } from '../money';

export const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a real calendar date');

const bankDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
/** The day of a moment in the bank's time zone (DOMAIN §8), as YYYY-MM-DD. */
export const bankDate = (moment: Date) => bankDay.format(moment);
/** The first moment of a bank day (Asia/Shanghai is UTC+8 all year), `plusDays` later, as an ISO instant. */
export const bankDayStart = (day: string, plusDays = 0) =>
  new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString();
/** Today in the bank's time zone; worked out once a minute, as validation asks for it on every row. */
let today = { minute: -1, day: '' };
export const bankToday = () => {
  const minute = Math.floor(Date.now() / 60_000);
  if (minute !== today.minute) today = { minute, day: bankDate(new Date()) };
  return today.day;
};

export const pastDate = isoDate.refine((s) => s <= bankToday(), 'must not be in the future');

/** Yuan with at most 2 decimals, not negative. Arrives as a number or a numeric string. */
export const yuanAmount = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a number')])
  .transform((v) => Number(v))
  .refine((v) => v >= 0, 'must not be negative')
  .refine((v) => v <= 1e13, 'is too large')
  .refine((v) => yuanToFen(v) !== null, 'must have at most 2 decimals');

export const version = z.number().int().positive();

export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9\- ]{4,18}[0-9]$/, 'must be a phone number of digits, optionally with +, - or spaces')
  .transform((s) => s.replace(/[\s-]/g, ''))
  .refine((s) => s.length <= 20, 'must have at most 20 digits');

export const email = z.string().trim().max(254).pipe(z.email('must be an e-mail address'));

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** A moment with its offset, as ISO 8601 (`2026-12-01T09:30:00+08:00` or `…Z`), answered in UTC. */
export const instant = z
  .string()
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
    'must be a date and time with its offset, such as 2026-12-01T09:30:00+08:00',
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real moment')
  .transform((s) => new Date(s).toISOString());

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

export const requiredText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const positiveId = z.coerce.number().int().positive().max(2_147_483_647);

/** A person's reference in an answer. */
export const personRef = z.object({ id: z.number(), name: z.string() });
/** A customer's reference in an answer. */
export const customerRef = z.object({ id: z.number(), code: z.string(), name: z.string() });

/**
 * Contact records and visit plans belong to a customer or to a prospect (DOMAIN §4): the input names
 * exactly one of `customerId` and `prospectId`.
 */
export function exactlyOneSubject(
  input: { customerId?: number | undefined; prospectId?: number | undefined },
  ctx: z.RefinementCtx,
) {
  if ((input.customerId === undefined) === (input.prospectId === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [input.customerId === undefined ? 'customerId' : 'prospectId'],
      message: 'name either the customer or the prospect, not both or neither',
    });
  }
}

// ---- versioned settings (issue #7 on): what an administrator saves with a reason, and a version

/** A saved version of some settings; version 0 is the built-in default. */
export const settingsVersionOf = <T extends z.ZodType>(settings: T) =>
  z.object({
    version: z.number().describe('0: the built-in default, never saved'),
    settings,
    reason: z.string().nullable(),
    createdAt: z.string().nullable(),
    createdBy: personRef.nullable(),
  });

/** Saving settings: the whole settings, why, and the version read (a stale one answers 409). */
export const settingsUpdateOf = <T extends z.ZodType>(settings: T) =>
  z.strictObject({
    settings,
    reason: z.string().trim().min(4, 'must say why the settings change, in at least 4 characters').max(500),
    version: z.number().int().min(0).describe('the settings version read (0 when none was saved yet)'),
  });
