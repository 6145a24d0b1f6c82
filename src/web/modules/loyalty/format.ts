import type { GlobalToken } from 'antd';
import type { TFunction } from 'i18next';
import type { LoyaltyMeasure } from '../../../shared/codes';
import { CHURN_CAUSES, LOYALTY_MEASURES } from '../../../shared/codes';
import { formatYuan } from '../../app/format';
import { codeLabel } from '../../i18n';
import type { SettingLine } from '../value-analytics/value-settings';
import type { ChurnRecord, LoyaltyMeasureScore, LoyaltySettingsDto } from './api';

// Loyalty and churn figures for the reader's language: the index and the scores (0…1) as points out
// of 100, each measure's score explained from its evidence, a lost customer's evidence, and the
// loyalty settings as the form holds them (shares typed as percentages) and as labelled lines.

export { percentText } from '../value-analytics/format';

/** A 0…1 index or score as points 0–100 (72); a dash when unknown. */
export function pointsText(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : String(Math.round(x * 100));
}

/** The ten buckets of the index distribution: 0–10, 10–20 … 90–100 points. */
export const BUCKETS = Array.from({ length: 10 }, (_, i) => `${i * 10}–${(i + 1) * 10}`);

// ---- the evidence of a measure

type Evidence = Record<string, unknown>;

/** The first of `keys` the evidence holds as a finite number. */
function num(e: Evidence, ...keys: string[]): number | null {
  for (const k of keys) {
    const v = e[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

function bool(e: Evidence, ...keys: string[]): boolean | null {
  for (const k of keys) if (typeof e[k] === 'boolean') return e[k] as boolean;
  return null;
}

function signedPercent(x: number): string {
  const text = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(
    Math.abs(x),
  );
  return x > 0 ? `+${text}` : x < 0 ? `−${text}` : text;
}

/** One sentence saying where a measure's score comes from (DOMAIN §5, src/domain/loyalty.ts). */
export function explainMeasure(t: TFunction, m: LoyaltyMeasureScore): string {
  const e = m.evidence ?? {};
  const k = (key: string, values: Record<string, unknown> = {}) => t(`loyalty:explain.${key}`, values);
  switch (m.measure) {
    case 'repeat_purchases': {
      const count = num(e, 'purchases12m', 'purchases', 'opened12m', 'count');
      const target = num(e, 'target', 'repeatPurchaseTarget');
      if (num(e, 'productsEver') === 0) return k('repeatUnknown');
      if (count === null) return m.score === null ? k('repeatUnknown') : k('generic');
      return target === null ? k('repeatNoTarget', { count }) : k('repeat', { count, target });
    }
    case 'price_sensitivity':
    case 'competitor_attitude': {
      const nested = (
        e.assessment !== null && typeof e.assessment === 'object' ? e.assessment : {}
      ) as Evidence;
      const assessment = num(e, 'assessment', 'rm', 'rmAssessment') ?? num(nested, 'value', 'score');
      const survey = num(e, 'survey', 'surveyScore', 'surveyMean');
      const which = m.measure === 'price_sensitivity' ? 'price' : 'competitor';
      const parts: string[] = [];
      if (assessment !== null)
        parts.push(
          k('attitudeAssessment', {
            value: assessment,
            label: k(`scale.${which}.${Math.round(assessment)}`),
          }),
        );
      if (survey !== null) parts.push(k('attitudeSurvey', { value: survey.toFixed(1) }));
      if (parts.length === 0) return k('attitudeUnknown');
      // An assessment added since the last value run is read now but scored by the next run.
      const pending = m.score === null ? k('pendingRun') : '';
      return `${parts.join(t('loyalty:listSeparator'))}${t('loyalty:sentenceEnd')}${pending}`;
    }
    case 'problem_attitude': {
      const complaints = num(e, 'complaints', 'complaintCount');
      if (complaints === 0 || (complaints === null && m.score === null)) return k('problemNone');
      const stayed = bool(e, 'stayed');
      const fix = num(e, 'fixSatisfaction', 'fix');
      if (stayed === false || m.score === 0) return k('problemLost', { count: complaints ?? 1 });
      return fix === null
        ? k('problemStayed', { count: complaints ?? 1 })
        : k('problemStayedFix', { count: complaints ?? 1, fix: fix.toFixed(1) });
    }
    case 'growth': {
      const span = num(e, 'growthSpan', 'span');
      // The run keeps the score, not the balance change: the change is read back from the score
      // (score = 0.5 + change ÷ 2·span), exact but for the rounding of the stored score.
      const growth =
        num(e, 'growth', 'balanceChange', 'change') ??
        (m.score !== null && span !== null ? (m.score - 0.5) * 2 * span : null);
      if (growth === null || m.score === null) return k('growthUnknown');
      const spanText = span === null ? '' : signedPercent(span).replace('+', '');
      if (span !== null && m.score >= 1) return k('growthAbove', { span: spanText });
      if (span !== null && m.score <= 0) return k('growthBelow', { span: spanText });
      return span === null
        ? k('growthNoSpan', { change: signedPercent(growth) })
        : k('growth', { change: signedPercent(growth), span: spanText });
    }
    case 'retention': {
      const lost = bool(e, 'lost') ?? m.score === 0;
      const month = typeof e.lostMonth === 'string' ? e.lostMonth : null;
      return lost ? (month ? k('retentionLostIn', { month }) : k('retentionLost')) : k('retentionKept');
    }
  }
}

/** What a lost customer's record shows as proof: how the rule found it lost. */
export function churnEvidence(t: TFunction, r: Pick<ChurnRecord, 'cause' | 'evidence'>): string {
  const e = r.evidence ?? {};
  switch (r.cause) {
    case 'balance_drop': {
      const drop = num(e, 'drop');
      const before = num(e, 'beforeBalance');
      const recent = num(e, 'recentBalance');
      if (drop === null) return codeLabel(CHURN_CAUSES.labels, r.cause);
      const text = t('loyalty:evidence.balanceDrop', {
        drop: new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 }).format(drop),
      });
      // The sums are of three monthly averages each, in fen: per month in yuan.
      return before !== null && recent !== null
        ? `${text}${t('loyalty:evidence.balanceFigures', {
            before: formatYuan(before / 300, true),
            recent: formatYuan(recent / 300, true),
          })}`
        : text;
    }
    case 'all_closed': {
      const held = num(e, 'accountsHeld');
      return held === null
        ? t('loyalty:evidence.allClosedPlain')
        : t('loyalty:evidence.allClosed', { count: held });
    }
    case 'exit':
      return t('loyalty:evidence.exit');
  }
}

// ---- the settings as the form holds them

export type LoyaltyFormValues = LoyaltySettingsDto & { reason?: string };

const toPercent = (v: number) => Math.round(v * 1_000_000) / 10_000;
const fromPercent = (v: number) => Math.round(Number(v) * 10_000) / 1_000_000;

/** Growth span and the balance drop typed as percentages (50 for 0.5). */
export function loyaltyToForm(s: LoyaltySettingsDto): LoyaltyFormValues {
  return {
    weights: { ...s.weights },
    repeatPurchaseTarget: s.repeatPurchaseTarget,
    growthSpan: toPercent(s.growthSpan),
    balanceDropShare: toPercent(s.balanceDropShare),
  };
}

export function loyaltyFromForm(v: LoyaltyFormValues): LoyaltySettingsDto {
  return {
    weights: Object.fromEntries(
      LOYALTY_MEASURES.codes.map((m) => [m, Number(v.weights?.[m] ?? 0)]),
    ) as LoyaltySettingsDto['weights'],
    repeatPurchaseTarget: Number(v.repeatPurchaseTarget),
    growthSpan: fromPercent(v.growthSpan),
    balanceDropShare: fromPercent(v.balanceDropShare),
  };
}

/** A problem's path (`body.settings.weights.growth`, or a zod issue's) → the form field it names. */
export function loyaltyFieldOf(path: readonly (string | number)[] | string): (string | number)[] {
  const parts = (typeof path === 'string' ? path.split('.') : [...path]).map(String);
  while (parts[0] === 'body' || parts[0] === 'settings') parts.shift();
  return parts;
}

export function describeLoyaltySettings(t: TFunction, s: LoyaltySettingsDto): SettingLine[] {
  const pct = (v: number) => `${toPercent(v)}%`;
  return [
    ...LOYALTY_MEASURES.codes.map((m: LoyaltyMeasure) => ({
      key: `weights.${m}`,
      label: t('loyalty:settings.weightOf', { measure: codeLabel(LOYALTY_MEASURES.labels, m) }),
      value: String(s.weights[m]),
    })),
    {
      key: 'repeatPurchaseTarget',
      label: t('loyalty:settings.repeatPurchaseTarget'),
      value: String(s.repeatPurchaseTarget),
    },
    { key: 'growthSpan', label: t('loyalty:settings.growthSpan'), value: `±${pct(s.growthSpan)}` },
    {
      key: 'balanceDropShare',
      label: t('loyalty:settings.balanceDropShare'),
      value: pct(s.balanceDropShare),
    },
  ];
}

/**
 * The colour of a loyalty score: low red, middling amber, high green, unknown grey (the theme's
 * primary colour is red too, so it is not used for scores).
 */
export function scoreColor(token: GlobalToken, score: number | null | undefined): string {
  if (score === null || score === undefined) return token.colorTextQuaternary;
  return score < 0.3 ? token.colorError : score < 0.6 ? token.colorWarning : token.colorSuccess;
}
