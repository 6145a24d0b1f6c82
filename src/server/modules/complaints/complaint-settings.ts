import type { ComplaintDeadlines } from '../../../domain/complaints';
import { type ComplaintSettingsDto, DEFAULT_COMPLAINT_SETTINGS } from '../../../shared/schemas/complaint';
import type { Db } from '../../db/database';
import { loadSettings, type SettingsKind } from '../settings/versioned-settings';

// The days to resolve a complaint or suggestion by severity (our rule, configurable, DOMAIN §5),
// kept as numbered versions with who changed them and why. A new version applies to the cases
// received (or re-rated) after it; the deadlines of existing cases stay as they were computed.

export const COMPLAINT_SETTINGS: SettingsKind<ComplaintSettingsDto> = {
  key: 'complaint-deadlines',
  entity: 'complaint_settings',
  defaults: DEFAULT_COMPLAINT_SETTINGS,
};

/** The deadlines in force, as the domain rules take them. */
export async function loadComplaintDeadlines(db: Db): Promise<ComplaintDeadlines> {
  return (await loadSettings(db, COMPLAINT_SETTINGS)).settings.deadlineDays;
}
