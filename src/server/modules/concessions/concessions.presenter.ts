import type { z } from 'zod';
import type { ConcessionKind } from '../../../shared/codes';
import { fenToYuan } from '../../../shared/money';
import type { concessionSchema } from '../../../shared/schemas/value';
import type { ConcessionWithCreator } from './concessions.repository';

export type Concession = z.output<typeof concessionSchema>;

/** In force on the bank day `today`: started, and not ended before it. */
export const inForce = (row: { starts_on: string; ends_on: string | null }, today: string) =>
  row.starts_on <= today && (row.ends_on === null || row.ends_on >= today);

/** The API shape: fen become yuan here, at the edge (DOMAIN §8). */
export function presentConcession(row: ConcessionWithCreator, today: string): Concession {
  return {
    id: row.id,
    customerId: row.customer_id,
    kind: row.kind as ConcessionKind,
    description: row.description,
    yearlyCost: fenToYuan(row.yearly_cost),
    approver: row.approver,
    reason: row.reason,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    active: inForce(row, today),
    createdBy:
      row.created_by === null
        ? null
        : { id: row.created_by, name: row.created_by_name ?? String(row.created_by) },
    createdAt: row.created_at,
    version: row.version,
  };
}

/** The concession as the API names its fields: the before/after of audit entries. */
export function concessionAuditView(row: ConcessionWithCreator) {
  return {
    kind: row.kind,
    description: row.description,
    yearlyCost: fenToYuan(row.yearly_cost),
    approver: row.approver,
    reason: row.reason,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
  };
}
