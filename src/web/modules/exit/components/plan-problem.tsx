import type { TFunction } from 'i18next';
import { EXIT_PLAN_STATUSES } from '../../../../shared/codes';
import { ApiError } from '../../../app/api';
import { codeLabel } from '../../../i18n';
import { translateProblem } from '../../customers/components/validation';

// The server's words about an exit plan (English sentences for API clients) in the reader's
// language: the workflow's refusals (403), the one-plan-per-customer and status conflicts (409), a
// stale version, the field problems of the form and the steps not yet done. Unknown words pass through.

const FIELD_MESSAGES: Record<string, string> = {
  'must be an active user': 'ownerInactive',
  'must not be in the past': 'past',
  'must not be in the future': 'future',
  'has an exit plan under way': 'underWay',
  'must name at least one': 'atLeastOne',
  'must not repeat a code': 'repeat',
  'must have at least one step': 'atLeastOneStep',
  'must say why the plan is rejected': 'rejectNote',
  'must not be before from': 'toBeforeFrom',
};

const FORBIDDEN: Record<string, string> = {
  "The customer's team lead reviews this plan first": 'teamLeadFirst',
  'A risk officer approves or rejects exit plans': 'riskDecides',
  'Exit plans are drafted and carried out by RMs and team leads': 'plannersOnly',
  'Risk officers read relationship data but do not change it': 'riskReadOnly',
};

const status = (s: string) => codeLabel(EXIT_PLAN_STATUSES.labels, s);

/** One message of a field or of the whole answer. */
export function planMessage(t: TFunction, message: string): string {
  const key = FIELD_MESSAGES[message];
  if (key) return t(`exitPlans:problem.${key}`);
  const notDone = /^not done: (.*)$/.exec(message);
  if (notDone)
    return t('exitPlans:problem.stepsOpen', {
      steps: notDone[1]!.split('; ').join(t('exitPlans:problem.separator')),
    });
  const underWay = /^An exit plan \(#(\d+), (\w+)\) is already under way/.exec(message);
  if (underWay) return t('exitPlans:problem.planUnderWay', { id: underWay[1], status: status(underWay[2]!) });
  const another = /^Another exit plan \(#(\d+)\) is under way/.exec(message);
  if (another) return t('exitPlans:problem.anotherPlan', { id: another[1] });
  const wrong = /^The plan is (\w+); this needs it (.+)$/.exec(message);
  if (wrong) {
    return t('exitPlans:problem.wrongStatus', {
      status: status(wrong[1]!),
      needed: wrong[2]!.split(' or ').map(status).join(t('exitPlans:problem.or')),
    });
  }
  const forbidden = FORBIDDEN[message];
  if (forbidden) return t(`exitPlans:problem.${forbidden}`);
  return translateProblem(t, message);
}

/** What went wrong with a request about a plan, in one sentence (field problems joined). */
export function planErrorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.code === 'stale_version') return t('exitPlans:problem.stale');
  if (error.status === 404) return t('exitPlans:problem.notFound');
  // A conflict's sentence names the plan in the way; field problems say more than a 400's summary.
  const fields = error.status === 409 ? [] : error.fields.map((f) => planMessage(t, f.message));
  const text = fields.length > 0 ? fields.join('；') : planMessage(t, error.message);
  if (error.status === 403) return t('exitPlans:problem.forbidden', { reason: text });
  return text;
}

/** A 409 conflict names the plan already under way: its id, to link to it. */
export function planUnderWayId(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const m = /#(\d+)/.exec(error.message);
  return m ? Number(m[1]) : null;
}
