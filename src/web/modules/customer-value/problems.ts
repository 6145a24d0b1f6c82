import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api';

// The API's field problems of the value forms in the reader's language. The shared form modal
// translates the customer forms' known messages and shows any other as the server wrote it (English),
// so these forms translate their own before handing the error on.

const PATTERNS: [RegExp, string][] = [
  [/^must not be before the start \((.+)\)$/, 'problems.endBeforeStart'],
  [/^must not be after the end \((.+)\)$/, 'problems.startAfterEnd'],
  [/^must name who approved it$/, 'problems.approver'],
  [/^must say why$/, 'problems.reason'],
  [/^must be corporate/, 'problems.corporateOnly'],
];

export function localizeProblem(t: TFunction, message: string): string {
  for (const [re, key] of PATTERNS) {
    const m = re.exec(message);
    if (m) return t(`value:${key}`, { date: m[1] ?? '' });
  }
  return message;
}

/** The same error with its known field messages translated (anything else is left as it is). */
export function localizeError(t: TFunction, e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  return new ApiError(
    e.status,
    e.code,
    localizeProblem(t, e.message),
    e.fields.map((f) => ({ ...f, message: localizeProblem(t, f.message) })),
    e.details,
  );
}
