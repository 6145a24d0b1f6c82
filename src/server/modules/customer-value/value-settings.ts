import {
  DEFAULT_MAINTENANCE_SETTINGS,
  DEFAULT_VALUE_SETTINGS,
  type MaintenanceSettingsDto,
  type ValueSettingsDto,
  valueRules,
} from '../../../shared/schemas/value';
import type { Db } from '../../db/database';
import { loadSettings, type SettingsKind } from '../settings/versioned-settings';

export const VALUE_SETTINGS: SettingsKind<ValueSettingsDto> = {
  key: 'customer-value',
  entity: 'value_settings',
  defaults: DEFAULT_VALUE_SETTINGS,
};

export const MAINTENANCE_SETTINGS: SettingsKind<MaintenanceSettingsDto> = {
  key: 'maintenance-policies',
  entity: 'maintenance_policies',
  defaults: DEFAULT_MAINTENANCE_SETTINGS,
};

/** The value settings in force, as the domain rules take them (fen), with their version. */
export async function loadValueRules(db: Db) {
  const s = await loadSettings(db, VALUE_SETTINGS);
  return { version: s.version, rules: valueRules(s.settings) };
}
