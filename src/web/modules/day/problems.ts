import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api';

// The server's problems with a task, in the reader's language: on the form field they name when
// there is one, otherwise as one sentence. Messages the page does not know are shown as sent.

const KNOWN_MESSAGES: [RegExp, string][] = [
  [/^must not be empty$/, 'validation.required'],
  [/^must be a date YYYY-MM-DD$/, 'validation.date'],
  [/^is not a real calendar date$/, 'validation.date'],
  [/^must not be in the past$/, 'validation.past'],
  [/colleague of your team/, 'validation.owner'],
  [/at most (\d+) characters|<=\s*(\d+)/, 'validation.tooLong'],
];

export function problemText(t: TFunction, message: string): string {
  for (const [pattern, key] of KNOWN_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return t(`day:${key}`, { max: match[1] ?? match[2] ?? '' });
  }
  return message;
}

/** True when the server refused a write because someone changed the record since it was read. */
export const isStale = (e: unknown) => e instanceof ApiError && e.status === 409;

/** What went wrong, as one sentence for a message. */
export function errorText(t: TFunction, e: unknown): string {
  if (isStale(e)) return t('day:tasks.stale');
  if (e instanceof ApiError) {
    if (e.status === 404) return t('day:tasks.gone');
    if (e.status === 403) return t('day:tasks.forbidden');
    if (e.fields.length > 0) return e.fields.map((f) => problemText(t, f.message)).join('；');
    return problemText(t, e.message);
  }
  return t('common:error.network');
}

/**
 * Puts the server's field problems (`body.dueOn`) on the fields of the form; answers the text to
 * show as a message when something is left over, or null when every problem sits on a field.
 */
export function showTaskErrors(
  t: TFunction,
  form: FormInstance,
  e: unknown,
  fields: readonly string[],
): string | null {
  if (!(e instanceof ApiError) || e.fields.length === 0) return errorText(t, e);
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const f of e.fields) {
    const name = f.path.replace(/^body\.?/, '').split('.')[0] ?? '';
    const text = problemText(t, f.message);
    if (fields.includes(name)) byField.set(name, [...(byField.get(name) ?? []), text]);
    else rest.push(text);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest.length > 0 ? rest.join('；') : null;
}
