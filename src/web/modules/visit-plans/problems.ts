import type { TFunction } from 'i18next';
import { translateProblem } from '../customers/components/validation';

// The server's words for what is wrong with a plan or its summary, in the reader's language.
const PLAN_MESSAGES: Record<string, string> = {
  'a visit is planned ahead: it must start in the future': 'future',
  'is not a contact person of this customer': 'contact',
  'the summary is written after the visit has taken place': 'afterVisit',
  'must not be in the past': 'past',
  'must be you or an active colleague of your team': 'assignee',
};

export function planProblem(t: TFunction, message: string): string {
  if (/^objective \d+ has no outcome$/.test(message)) return t('plans:problems.outcome');
  const key = PLAN_MESSAGES[message];
  return key ? t(`plans:problems.${key}`) : translateProblem(t, message);
}
