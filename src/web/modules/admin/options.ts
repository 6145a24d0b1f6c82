import type { TFunction } from 'i18next';
import { ROLES } from '../../../shared/codes';
import { LOCALES } from '../../../shared/schemas/user';
import { codeLabel } from '../../i18n';
import type { Team } from './api';

// Select options shared by the administration pages.

export const roleOptions = () =>
  ROLES.codes.map((code) => ({ value: code, label: codeLabel(ROLES.labels, code) }));

export const teamOptions = (teams: Team[] | undefined) =>
  (teams ?? []).map((team) => ({ value: team.id, label: `${team.name} · ${team.branchName}` }));

export const localeOptions = (t: TFunction) =>
  LOCALES.map((l) => ({ value: l, label: t(`admin:locales.${l}`) }));

/** Roles that work inside a team and so must have one (DOMAIN §1: branch > team > RM). */
export const needsTeam = (role: string | undefined) => role === 'rm' || role === 'team_lead';
