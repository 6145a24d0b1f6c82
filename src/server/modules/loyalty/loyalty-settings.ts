import { DEFAULT_LOYALTY_SETTINGS_DTO, type LoyaltySettingsDto } from '../../../shared/schemas/loyalty';
import type { Db } from '../../db/database';
import { loadSettings, type SettingsKind } from '../settings/versioned-settings';

/** The loyalty weights and the churn rule's share (versioned: loyalty programmes must not change often). */
export const LOYALTY_SETTINGS: SettingsKind<LoyaltySettingsDto> = {
  key: 'loyalty',
  entity: 'loyalty_settings',
  defaults: DEFAULT_LOYALTY_SETTINGS_DTO,
};

/** Months of complaints and survey answers the loyalty measures look back over (our rule). */
export const LOYALTY_LOOKBACK_MONTHS = 24;

export async function loadLoyaltyRules(db: Db) {
  const s = await loadSettings(db, LOYALTY_SETTINGS);
  const { balanceDropShare, ...loyalty } = s.settings;
  return { version: s.version, loyalty, churn: { balanceDropShare } };
}
