import i18n from 'i18next';
import type { ProspectStatusCode } from '../../../shared/codes';

// How a prospect reads at a glance: the colour of its stage and of its fit score, its days in stage,
// and a reason of the rules (zh/en) in the reader's language.

// Solid tags in the -8 shade of Ant Design's palette: white text on them passes WCAG AA contrast,
// which the light preset tags (cyan, green on their pale backgrounds) do not.
export const STAGE_COLOURS: Record<ProspectStatusCode, string> = {
  sourced: '#595959',
  screened: '#006d75',
  needs_researched: '#0958d9',
  assessed: '#1d39c4',
  targeted: '#531dab',
  action_planned: '#9e1068',
  engaged: '#ad4e00',
  established: '#237804',
  product_followup: '#135200',
  disqualified: '#a8071a',
};

/** The preset colour of a fit score: good from 70, fair from 40, poor below; grey when unscreened. */
export function fitColour(score: number | null, restricted = false): string {
  if (restricted) return 'red';
  if (score === null) return 'default';
  if (score >= 70) return 'green';
  if (score >= 40) return 'gold';
  return 'red';
}

/** The theme token of the same judgement, for bars and big numbers. */
export function fitToken(
  score: number | null,
  restricted = false,
): 'colorSuccess' | 'colorWarning' | 'colorError' | 'colorTextDisabled' {
  if (restricted) return 'colorError';
  if (score === null) return 'colorTextDisabled';
  if (score >= 70) return 'colorSuccess';
  if (score >= 40) return 'colorWarning';
  return 'colorError';
}

/** Whole days since a moment (0 on the day itself). */
export function daysSince(iso: string, now = Date.now()): number {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 0;
  return Math.max(0, Math.floor((now - then) / 86_400_000));
}

/** A reason the rules give in both languages, in the reader's. */
export function reasonText(reason: { zh: string; en: string } | null | undefined): string {
  if (!reason) return '';
  return i18n.language === 'en' ? reason.en : reason.zh;
}

export const isEnglish = () => i18n.language === 'en';

/** A record's name with its code, punctuated for the reader's language: 名称（代码） / Name (code). */
export function withCode(name: string, code: string | null | undefined): string {
  if (!code) return name;
  return i18n.language === 'en' ? `${name} (${code})` : `${name}（${code}）`;
}

/** The colon after a label, for the reader's language. */
export const colon = () => (i18n.language === 'en' ? ': ' : '：');
