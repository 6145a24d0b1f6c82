import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import {
  type IdInvalidReason,
  normalizeIdNumber,
  validateResidentId,
  validateUscc,
} from '../../../../domain/identity-numbers';
import type { CustomerKind } from '../../../../shared/codes';
import { ApiError } from '../../../app/api';

// Inline validation from the zod schemas the server uses, with messages in the reader's language.
// The schemas' messages are English sentences meant for API clients; the known ones map to keys of
// the `customer360` namespace, anything else falls back to the server's own words.

const KNOWN_MESSAGES: Record<string, string> = {
  'must not be empty': 'required',
  'must be a date YYYY-MM-DD': 'date',
  'is not a real calendar date': 'date',
  'must not be in the future': 'future',
  'must not be negative': 'negative',
  'is too large': 'tooLarge',
  'must have at most 2 decimals': 'decimals',
  'must be a number': 'number',
  'must be a phone number of digits, optionally with +, - or spaces': 'phone',
  'must have at most 20 characters': 'phoneLength',
  'must be an e-mail address': 'email',
  'must be 1–32 letters, digits, - or _': 'code',
  'must be a GB/T 4754-2017 section letter or division such as C31': 'industry',
  'must not repeat a tag': 'repeat',
  'must say why, in at least 4 characters': 'reason',
  'must explain the override': 'note',
  'already belongs to another customer': 'idTaken',
  'is taken': 'codeTaken',
  'must be an active relationship manager or team lead': 'ownerInvalid',
  'must be a member of your team': 'ownerTeam',
  'a relationship manager adds customers to their own portfolio': 'ownerSelf',
  'unknown field': 'invalid',
};

/** The server's words for why an identifier is wrong (shared/schemas/customer.ts), by reason. */
const ID_REASONS: Record<string, IdInvalidReason> = {
  'must be 18 characters': 'length',
  'has characters that are not allowed in this position': 'format',
  'does not start with a real region code': 'region',
  'does not contain a real birth date': 'birth_date',
  'check character does not match (typing error?)': 'check_character',
};

/** A message of the API or a schema in the reader's language (the original when it is not a known one). */
export function translateProblem(t: TFunction, message: string): string {
  const key = KNOWN_MESSAGES[message];
  if (key) return t(`customer360:validation.${key}`);
  const id = /^(unified social credit code|resident ID number) (.+)$/.exec(message);
  if (id) {
    const reason = ID_REASONS[id[2]!];
    return t(`customer360:validation.${reason ? `id.${reason}` : 'idInvalid'}`);
  }
  return message;
}

/** The first problem zod finds with a value, translated; null when the value is valid. */
export function zodProblem(t: TFunction, schema: z.ZodType, value: unknown): string | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  if (!issue) return null;
  const known = KNOWN_MESSAGES[issue.message];
  if (known) return t(`customer360:validation.${known}`);
  switch (issue.code) {
    case 'invalid_type':
      return value === null || value === undefined || value === ''
        ? t('customer360:validation.required')
        : t('customer360:validation.invalid');
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1)
        return t('customer360:validation.required');
      return t('customer360:validation.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'array'
        ? t('customer360:validation.tooMany', { max: Number(issue.maximum) })
        : t('customer360:validation.tooLong', { max: Number(issue.maximum) });
    case 'invalid_value':
      return t('customer360:validation.option');
    case 'invalid_format':
      return issue.format === 'email'
        ? t('customer360:validation.email')
        : t('customer360:validation.invalid');
    default:
      return translateProblem(t, issue.message);
  }
}

/** An Ant Design rule that checks the field's value, converted to what the API takes, against a schema. */
export function zodRule(
  t: TFunction,
  schema: z.ZodType,
  toApi: (value: unknown) => unknown = (v) => v,
): Rule {
  return {
    validator: async (_rule, value) => {
      const problem = zodProblem(t, schema, toApi(value));
      if (problem) throw new Error(problem);
    },
  };
}

/** The reason an identity number is wrong for this kind of customer (the same checks as the API), or null. */
export function idNumberMessage(t: TFunction, kind: CustomerKind, raw: string): string | null {
  const value = normalizeIdNumber(raw);
  if (!value) return t('customer360:validation.required');
  const check = kind === 'corporate' ? validateUscc(value) : validateResidentId(value);
  if (check.valid) return null;
  const reason: IdInvalidReason = check.reason;
  return t(`customer360:validation.id.${reason}`);
}

export function idNumberRule(t: TFunction, kind: CustomerKind, optional: boolean): Rule {
  return {
    validator: async (_rule, value) => {
      const text = typeof value === 'string' ? value : '';
      if (optional && text.trim() === '') return;
      const problem = idNumberMessage(t, kind, text);
      if (problem) throw new Error(problem);
    },
  };
}

/**
 * Puts the API's 400/409 field problems on the form's fields (`body.name` → `name`). Answers the
 * problems that belong to no field on the form, so the caller can show them elsewhere.
 */
export function applyServerErrors(
  t: TFunction,
  form: FormInstance,
  error: unknown,
  known: readonly string[],
): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  if (error.fields.length === 0) return [translateProblem(t, error.message)];
  const rest: string[] = [];
  const byField = new Map<string, string[]>();
  for (const f of error.fields) {
    const name = f.path.replace(/^body\.?/, '').split('.')[0] ?? '';
    const text = translateProblem(t, f.message);
    if (name && known.includes(name)) byField.set(name, [...(byField.get(name) ?? []), text]);
    else rest.push(name ? `${name}: ${text}` : text);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  const first = [...byField.keys()][0];
  if (first) form.scrollToField(first, { block: 'center' });
  return rest;
}
