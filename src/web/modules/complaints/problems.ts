import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api';

// The server's words about a case (shared schema and complaints service) that the UI knows, by key
// of the `complaints` namespace; anything else goes on in the server's words, or through the
// customer forms' own list (validation.ts).

const SERVER_MESSAGES: Record<string, string> = {
  'a relationship manager may assign a case only to themself': 'problem.assignSelf',
  'must be someone who sees the customer': 'problem.assigneeCannotSee',
  'must be an active relationship manager or team lead': 'problem.assigneeInvalid',
  'must be a member of your team': 'problem.assigneeTeam',
  'must not be in the future': 'form.future',
  'is required to resolve a case: say how it was resolved': 'drawer.resolutionRequired',
  'praise has no fix to rate': 'problem.praiseNoFix',
  'can be recorded only once the case is resolved': 'problem.notResolved',
  'must be an integer from 1 to 7': 'problem.score',
  'Only a team lead or an administrator reopens a resolved case': 'problem.reopen',
};

/** The same failure with the problems this module knows in the reader's language. */
export function translated(t: TFunction, e: unknown): unknown {
  if (!(e instanceof ApiError)) return e;
  const say = (message: string) => {
    const key = SERVER_MESSAGES[message];
    return key ? t(`complaints:${key}`) : message;
  };
  let message = say(e.message);
  if (e.fields.length === 0 && e.status === 404) message = t('complaints:problem.notFound');
  if (e.fields.length === 0 && e.status === 403 && message === e.message)
    message = t('complaints:problem.forbidden');
  return new ApiError(
    e.status,
    e.code,
    message,
    e.fields.map((f) => ({ ...f, message: say(f.message) })),
    e.details,
  );
}
