import type { TFunction } from 'i18next';
import { SURVEY_STEPS, type SurveyStep } from '../../../shared/codes';
import { ApiError } from '../../app/api';

// Figures of the survey results for the reader's language, and the survey API's errors in words.

/** Satisfaction (perceived ÷ expected) as a percentage: 100% means the expectation was met. */
export function satisfactionText(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v)
    ? '—'
    : new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(v);
}

/** A gap (perceived − expected) with its sign: +0.50, −1.25. */
export function gapText(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v).toFixed(2);
  return v > 0.004 ? `+${abs}` : v < -0.004 ? `−${abs}` : abs;
}

/** A mean score on the 1–7 scale. */
export const meanText = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2);

/** A share such as the response rate. */
export const shareText = satisfactionText;

/** The step after this one, or null after the last. */
export function nextStep(step: SurveyStep): SurveyStep | null {
  const i = SURVEY_STEPS.codes.indexOf(step);
  return SURVEY_STEPS.codes[i + 1] ?? null;
}

export const stepIndex = (step: SurveyStep) => SURVEY_STEPS.codes.indexOf(step);

/** The codes the survey API answers with, each with words of the `surveys` namespace. */
const KNOWN_CODES = [
  'stale_version',
  'step_skipped',
  'campaign_not_open',
  'campaign_not_in_fieldwork',
  'campaign_not_in_follow_up',
  'campaign_closed',
  'already_responded',
  'not_target',
  'not_found',
  'forbidden',
  'link_used',
  'link_expired',
] as const;

/** An error of the survey API in the reader's language (the server's words for unknown ones). */
export function surveyErrorText(t: TFunction, e: unknown): string {
  if (e instanceof ApiError) {
    if ((KNOWN_CODES as readonly string[]).includes(e.code)) return t(`surveys:error.${e.code}`);
    if (e.status === 404) return t('surveys:error.not_found');
    if (e.status === 403) return t('surveys:error.forbidden');
    if (e.fields.length > 0)
      return e.fields.map((f) => `${f.path.replace(/^body\.?/, '')}: ${f.message}`).join('；');
    return t('surveys:error.generic', { message: e.message });
  }
  return t('surveys:error.generic', { message: e instanceof Error ? e.message : String(e) });
}
