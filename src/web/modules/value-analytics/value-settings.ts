import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { MODEL_TERMS } from '../../../domain/value';
import {
  CHANNELS,
  CUSTOMER_KINDS,
  MAINTENANCE_FORMS,
  NEED_TAGS,
  SERVICE_PACKAGES,
  VALUE_TIERS,
} from '../../../shared/codes';
import { INDUSTRY_SECTIONS } from '../../../shared/industries';
import { formatYuan } from '../../app/format';
import { codeLabel } from '../../i18n';
import type { MaintenanceSettingsDto, ValueSettingsDto } from './api';
import { TIERS } from './tiers';

// The settings of the value model and the maintenance policies as the forms hold them, and back:
// shares are typed as percentages (80 for 0.8), the per-industry wallet coefficients as rows. Also
// each setting as a labelled line, for the version history and its differences.

/** The shares of the value settings, typed as percentages. */
const PERCENT_PATHS = [
  ['pareto', 'a'],
  ['pareto', 'b'],
  ['lifecycle', 'growthThreshold'],
  ['lifecycle', 'declineThreshold'],
  ['concessionShare'],
  ['growthSpan'],
] as const;

export interface SectionRow {
  section?: string;
  coefficient?: number | null;
}

export type ValueFormValues = Omit<ValueSettingsDto, 'wallet'> & {
  wallet: Omit<ValueSettingsDto['wallet'], 'corporateBySection'>;
  sections: SectionRow[];
  reason?: string;
};

const toPercent = (v: number) => Math.round(v * 1_000_000) / 10_000;
const fromPercent = (v: number) => Math.round(Number(v) * 10_000) / 1_000_000;

function mapPath(obj: Record<string, unknown>, path: readonly string[], f: (v: number) => number) {
  let o = obj;
  for (const key of path.slice(0, -1)) o = o[key] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (typeof o[last] === 'number') o[last] = f(o[last] as number);
}

export function valueToForm(s: ValueSettingsDto): ValueFormValues {
  const copy = structuredClone(s) as unknown as Record<string, unknown>;
  for (const p of PERCENT_PATHS) mapPath(copy, p, toPercent);
  const { corporateBySection, ...wallet } = s.wallet;
  return {
    ...(copy as unknown as ValueSettingsDto),
    wallet,
    sections: Object.entries(corporateBySection)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([section, coefficient]) => ({ section, coefficient })),
  };
}

export function valueFromForm(v: ValueFormValues): ValueSettingsDto {
  const { sections, reason: _reason, ...rest } = structuredClone(v);
  const copy = rest as unknown as Record<string, unknown>;
  for (const p of PERCENT_PATHS) mapPath(copy, p, fromPercent);
  const s = copy as unknown as Omit<ValueSettingsDto, 'wallet'> & { wallet: ValueFormValues['wallet'] };
  return {
    ...s,
    wallet: {
      corporateDefault: s.wallet.corporateDefault,
      individual: s.wallet.individual,
      corporateBySection: Object.fromEntries(
        (sections ?? [])
          .filter((r) => r.section && r.coefficient !== null && r.coefficient !== undefined)
          .map((r) => [r.section!, Number(r.coefficient)]),
      ),
    },
  };
}

/** A problem's path (`body.settings.weights.realized`, or a zod issue's) → the form field it names. */
export function valueFieldOf(path: readonly (string | number)[] | string): (string | number)[] {
  const parts = (typeof path === 'string' ? path.split('.') : [...path]).map(String);
  while (parts[0] === 'body' || parts[0] === 'settings') parts.shift();
  if (parts[0] === 'wallet' && parts[1] === 'corporateBySection') return ['sections'];
  return parts;
}

export type MaintenanceFormValues = MaintenanceSettingsDto & { reason?: string };

/** One policy for every tier and kind, in the tiers' order (a missing one as the first of its tier). */
export function maintenanceToForm(s: MaintenanceSettingsDto): MaintenanceFormValues {
  const policies = TIERS.flatMap((tier) =>
    CUSTOMER_KINDS.codes.map(
      (kind) =>
        s.policies.find((p) => p.valueTier === tier && p.kind === kind) ?? {
          valueTier: tier,
          kind,
          maxDays: 90,
          forms: [],
          servicePackage: 'standard' as const,
        },
    ),
  );
  return { ...structuredClone(s), policies };
}

export function maintenanceFromForm(v: MaintenanceFormValues): MaintenanceSettingsDto {
  return {
    policies: v.policies.map((p) => ({
      valueTier: p.valueTier,
      kind: p.kind,
      maxDays: Number(p.maxDays),
      forms: p.forms ?? [],
      servicePackage: p.servicePackage,
    })),
    channels: v.channels ?? [],
    dueSoonDays: Number(v.dueSoonDays),
  };
}

/** `body.settings.policies.3.maxDays` → the field of row 3. */
export function maintenanceFieldOf(path: readonly (string | number)[] | string): (string | number)[] {
  const parts = (typeof path === 'string' ? path.split('.') : [...path]).map(String);
  while (parts[0] === 'body' || parts[0] === 'settings') parts.shift();
  if (parts[0] === 'policies' && parts.length >= 3) return ['policies', Number(parts[1]), parts[2]!];
  return parts.slice(0, 1);
}

// ---- the problems of a save, in the reader's language

const KNOWN: Record<string, string> = {
  'must be above the floor': 'aboveFloor',
  'must be above 0': 'aboveZero',
  'must satisfy 0 < a ≤ b ≤ 1': 'cutoffs',
  'at least one weight must be above 0': 'oneWeight',
  'must have at most 4 decimals': 'decimals4',
  'must have at most 2 decimals': 'decimals2',
  'keys must be GB/T 4754 section letters A–T': 'sections',
  'must count at least one channel': 'channels',
  'must say why the settings change, in at least 4 characters': 'reason',
};

export function settingsProblem(t: TFunction, message: string): string {
  const key = KNOWN[message];
  if (key) return t(`valueAnalytics:problem.${key}`);
  if (/^must have exactly one policy/.test(message)) return t('valueAnalytics:problem.onePolicy');
  return message;
}

export function zodProblems(error: z.ZodError) {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
  }));
}

// ---- each setting as a labelled line (version history)

export interface SettingLine {
  key: string;
  label: string;
  value: string;
}

const pct = (v: number) => `${toPercent(v)}%`;

export function describeValueSettings(t: TFunction, s: ValueSettingsDto, en: boolean): SettingLine[] {
  const f = (key: string, label: string, value: string) => ({ key, label, value });
  const field = (k: string) => t(`valueAnalytics:settings.field.${k}`);
  return [
    f('wallet.corporateDefault', field('corporateDefault'), String(s.wallet.corporateDefault)),
    ...INDUSTRY_SECTIONS.filter((x) => s.wallet.corporateBySection[x.code] !== undefined).map((x) =>
      f(
        `wallet.corporateBySection.${x.code}`,
        t('valueAnalytics:settings.field.bySection', { section: `${x.code} ${en ? x.en : x.zh}` }),
        String(s.wallet.corporateBySection[x.code]),
      ),
    ),
    f('wallet.individual', field('individual'), String(s.wallet.individual)),
    ...NEED_TAGS.codes.map((tag) =>
      f(
        `openNeedValues.${tag}`,
        t('valueAnalytics:settings.field.openNeed', { tag: codeLabel(NEED_TAGS.labels, tag) }),
        formatYuan(s.openNeedValues[tag]),
      ),
    ),
    ...MODEL_TERMS.map((term) =>
      f(
        `weights.${term}`,
        t('valueAnalytics:settings.field.weight', { term: t(`valueAnalytics:settings.term.${term}`) }),
        String(s.weights[term]),
      ),
    ),
    f('realizedScale.floor', field('realizedFloor'), formatYuan(s.realizedScale.floor)),
    f('realizedScale.ceiling', field('realizedCeiling'), formatYuan(s.realizedScale.ceiling)),
    f('potentialScale.floor', field('potentialFloor'), formatYuan(s.potentialScale.floor)),
    f('potentialScale.ceiling', field('potentialCeiling'), formatYuan(s.potentialScale.ceiling)),
    f('growthSpan', field('growthSpan'), pct(s.growthSpan)),
    f('pareto.a', field('paretoA'), pct(s.pareto.a)),
    f('pareto.b', field('paretoB'), pct(s.pareto.b)),
    f('lifecycle.developmentMonths', field('developmentMonths'), String(s.lifecycle.developmentMonths)),
    f('lifecycle.growthThreshold', field('growthThreshold'), pct(s.lifecycle.growthThreshold)),
    f('lifecycle.declineThreshold', field('declineThreshold'), pct(s.lifecycle.declineThreshold)),
    f(
      'relationshipTier.highEndRealized.corporate',
      field('highEndCorporate'),
      formatYuan(s.relationshipTier.highEndRealized.corporate),
    ),
    f(
      'relationshipTier.highEndRealized.individual',
      field('highEndIndividual'),
      formatYuan(s.relationshipTier.highEndRealized.individual),
    ),
    f(
      'relationshipTier.highEndFinancialAssets',
      field('highEndAssets'),
      formatYuan(s.relationshipTier.highEndFinancialAssets),
    ),
    f('concessionShare', field('concessionShare'), pct(s.concessionShare)),
    f('statementMaxAgeMonths', field('statementMaxAgeMonths'), String(s.statementMaxAgeMonths)),
  ];
}

export function describeMaintenanceSettings(t: TFunction, s: MaintenanceSettingsDto): SettingLine[] {
  const sep = t('valueAnalytics:listSeparator');
  return [
    ...maintenanceToForm(s).policies.map((p) => ({
      key: `policy.${p.valueTier}.${p.kind}`,
      label: `${codeLabel(VALUE_TIERS.labels, p.valueTier)} · ${codeLabel(CUSTOMER_KINDS.labels, p.kind)}`,
      value: t('valueAnalytics:maintenance.policyLine', {
        days: p.maxDays,
        forms: p.forms.map((x) => codeLabel(MAINTENANCE_FORMS.labels, x)).join(sep) || '—',
        servicePackage: codeLabel(SERVICE_PACKAGES.labels, p.servicePackage),
      }),
    })),
    {
      key: 'channels',
      label: t('valueAnalytics:maintenance.channels'),
      value: s.channels.map((c) => codeLabel(CHANNELS.labels, c)).join(sep),
    },
    { key: 'dueSoonDays', label: t('valueAnalytics:maintenance.dueSoonDays'), value: String(s.dueSoonDays) },
  ];
}

/** The lines of `next` that differ from `previous` (all of them when there is no previous). */
export function changedLines(next: SettingLine[], previous: SettingLine[] | null) {
  if (!previous) return next.map((l) => ({ ...l, before: null as string | null }));
  const before = new Map(previous.map((l) => [l.key, l.value]));
  const keys = new Set(next.map((l) => l.key));
  return [
    ...next
      .filter((l) => before.get(l.key) !== l.value)
      .map((l) => ({ ...l, before: before.get(l.key) ?? null })),
    // Removed per-industry coefficients.
    ...previous.filter((l) => !keys.has(l.key)).map((l) => ({ ...l, before: l.value, value: '—' })),
  ];
}
