import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from '../../app/api';

// Form helpers of the administration pages: the shared zod schemas as antd rules, and the
// server's field errors (`body.username`) placed on the form fields they name.

/** An antd rule that accepts what the shared schema accepts; empty values are left to `required`. */
export function schemaRule(schema: z.ZodType, message: string): Rule {
  return {
    validator: async (_rule, value) => {
      if (value === undefined || value === null || value === '') return;
      if (!schema.safeParse(value).success) throw new Error(message);
    },
  };
}

/** `body.username` → `username`; `username` stays as it is. */
export function fieldOfPath(path: string): string {
  return path.replace(/^body\./, '').split('.')[0] ?? path;
}

// The server's messages for its own checks, in the reader's language; others are shown as sent.
const KNOWN_MESSAGES: [RegExp, string][] = [
  [/^is taken$/, 'serverErrors.taken'],
  [/^no such team$/, 'serverErrors.noSuchTeam'],
  [/^no such branch$/, 'serverErrors.noSuchBranch'],
  [/must belong to a team$/, 'validation.teamRequired'],
  [/cannot disable or demote yourself/, 'serverErrors.self'],
];

export function serverMessage(t: TFunction, message: string): string {
  const known = KNOWN_MESSAGES.find(([pattern]) => pattern.test(message));
  return known ? t(`admin:${known[1]}`) : message;
}

/**
 * Puts the server's field errors on the fields of `form` they name. Answers the text to show
 * elsewhere when the error names no field of this form, or null when every problem is on a field.
 */
export function showServerErrors(
  form: FormInstance,
  error: unknown,
  fieldNames: readonly string[],
  t: TFunction,
): string | null {
  if (!(error instanceof ApiError)) return t('common:error.network');
  const onFields = error.fields.filter((f) => fieldNames.includes(fieldOfPath(f.path)));
  if (onFields.length > 0) {
    const byField = new Map<string, string[]>();
    for (const f of onFields) {
      const name = fieldOfPath(f.path);
      byField.set(name, [...(byField.get(name) ?? []), serverMessage(t, f.message)]);
    }
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
    if (onFields.length === error.fields.length) return null;
  }
  return errorText(t, error);
}

/** A one-line explanation of a failed request that is not about a form field. */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('common:error.network');
  if (error.status === 403) return t('admin:common.forbidden');
  if (error.status === 404) return t('admin:common.notFound');
  const detail = error.fields.length
    ? error.fields.map((f) => `${fieldOfPath(f.path)}: ${serverMessage(t, f.message)}`).join('; ')
    : error.message;
  return t('common:error.generic', { message: detail });
}
