import type { z } from 'zod';
import type { ExitCriteria } from '../../../domain/exit-criteria';
import {
  DEFAULT_EXIT_SETTINGS,
  type ExitCriteriaDto,
  type ExitCriteriaSettingsDto,
  type exitCriteriaPutSchema,
} from '../../../shared/schemas/exit';
import type { Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import {
  listSettingsVersions,
  loadSettings,
  type SettingsKind,
  type SettingsVersion,
  saveSettings,
} from '../settings/versioned-settings';

// The exit criteria of DOMAIN §7.2 (restricted industries, thresholds, consecutive years, benchmark
// rates by date) and whether a team lead reviews an exit plan first: versioned, changed by admins.

export const EXIT_SETTINGS: SettingsKind<ExitCriteriaSettingsDto> = {
  key: 'exit-criteria',
  entity: 'exit_criteria',
  defaults: DEFAULT_EXIT_SETTINGS,
};

export type ExitCriteriaPut = z.output<typeof exitCriteriaPutSchema>;

/** The settings a version stored, with fields added since then at their defaults. */
const complete = (v: SettingsVersion<ExitCriteriaSettingsDto>): ExitCriteriaDto => ({
  ...DEFAULT_EXIT_SETTINGS,
  ...v.settings,
  version: v.version,
  reason: v.reason || null,
  createdAt: v.createdAt,
  createdBy: v.createdBy,
});

export async function loadExitCriteria(db: Db): Promise<ExitCriteriaDto> {
  return complete(await loadSettings(db, EXIT_SETTINGS));
}

export const criteriaOf = (s: ExitCriteriaDto): ExitCriteria => ({
  restrictedIndustries: s.restrictedIndustries,
  currentRatioBelow: s.currentRatioBelow,
  debtRatioAbove: s.debtRatioAbove,
  consecutiveYears: s.consecutiveYears,
  benchmarkRates: s.benchmarkRates,
});

export async function exitCriteriaVersions(deps: AppDeps) {
  const { items } = await listSettingsVersions(deps.db, EXIT_SETTINGS);
  return { items: items.map(complete) };
}

/** Saves the fields given over those in force; a `version` other than the one in force answers 409. */
export async function saveExitCriteria(
  deps: AppDeps,
  viewer: Viewer,
  input: ExitCriteriaPut,
  ip: string | null,
) {
  const current = await loadExitCriteria(deps.db);
  const { reason, version, ...given } = input;
  const settings: ExitCriteriaSettingsDto = {
    restrictedIndustries: given.restrictedIndustries ?? current.restrictedIndustries,
    currentRatioBelow: given.currentRatioBelow ?? current.currentRatioBelow,
    debtRatioAbove: given.debtRatioAbove ?? current.debtRatioAbove,
    consecutiveYears: given.consecutiveYears ?? current.consecutiveYears,
    benchmarkRates: [...(given.benchmarkRates ?? current.benchmarkRates)].sort((a, b) =>
      a.from.localeCompare(b.from),
    ),
    teamLeadReview: given.teamLeadReview ?? current.teamLeadReview,
  };
  const saved = await saveSettings(
    deps,
    viewer,
    EXIT_SETTINGS,
    // The §7.2 contract does not ask for a reason: none given is kept as an empty one.
    { settings, reason: reason ?? '', version: version ?? current.version },
    ip,
  );
  return complete(saved);
}
