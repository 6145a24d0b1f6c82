import { type Insertable, sql } from 'kysely';
import { escapeLike } from '../../../domain/name-search';
import type { InteractionListQuery } from '../../../shared/schemas/interaction';
import type { Db, InteractionTable } from '../../db/database';
import { pageOf } from '../../db/paging';
import { updateVersioned } from '../../db/versioned';
import { subjectVisibleTo, type Viewer } from '../../http/access';

// Contact records, always read through their customer or prospect so the viewer's scope applies
// (ARCHITECTURE rule 4): a record of one the viewer may not see is simply not found.

function withNames(db: Db) {
  return db
    .selectFrom('interactions')
    .leftJoin('customers', 'customers.id', 'interactions.customer_id')
    .leftJoin('prospects', 'prospects.id', 'interactions.prospect_id')
    .innerJoin('users as recorder', 'recorder.id', 'interactions.recorded_by')
    .leftJoin('contacts', 'contacts.id', 'interactions.contact_id')
    .selectAll('interactions')
    .select([
      'customers.code as customer_code',
      'customers.name as customer_name',
      'prospects.code as prospect_code',
      'prospects.name as prospect_name',
      'recorder.display_name as recorded_by_name',
      'contacts.name as contact_name',
    ]);
}

export type InteractionWithNames = Awaited<ReturnType<typeof findVisibleInteraction>> & object;

export function findVisibleInteraction(db: Db, viewer: Viewer, id: number) {
  return withNames(db).where('interactions.id', '=', id).where(subjectVisibleTo(viewer)).executeTakeFirst();
}

export async function listInteractions(
  db: Db,
  viewer: Viewer,
  query: InteractionListQuery & { fromAt?: string; toAt?: string },
) {
  let q = withNames(db).where(subjectVisibleTo(viewer));
  if (query.customerId !== undefined) q = q.where('interactions.customer_id', '=', query.customerId);
  if (query.prospectId !== undefined) q = q.where('interactions.prospect_id', '=', query.prospectId);
  if (query.channel) q = q.where('interactions.channel', '=', query.channel);
  if (query.maintenanceForm) q = q.where('interactions.maintenance_form', '=', query.maintenanceForm);
  if (query.recordedBy !== undefined) q = q.where('interactions.recorded_by', '=', query.recordedBy);
  if (query.fromAt) q = q.where('interactions.occurred_at', '>=', query.fromAt);
  if (query.toAt) q = q.where('interactions.occurred_at', '<', query.toAt);
  if (query.q) {
    const contains = sql<string>`${`%${escapeLike(query.q)}%`} escape '\\'`;
    q = q.where((eb) =>
      eb.or([
        eb('interactions.summary', 'like', contains),
        eb('interactions.purpose', 'like', contains),
        eb('interactions.outcome', 'like', contains),
      ]),
    );
  }
  return pageOf(
    q,
    (x) => x.orderBy('interactions.occurred_at', 'desc').orderBy('interactions.id', 'desc'),
    query.page,
    query.pageSize,
  );
}

export async function insertInteraction(db: Db, row: Insertable<InteractionTable>) {
  const { id } = await db.insertInto('interactions').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export const updateInteraction = (
  db: Db,
  id: number,
  expectedVersion: number,
  set: Parameters<typeof updateVersioned<'interactions'>>[4],
) => updateVersioned(db, 'interactions', id, expectedVersion, set);

/** Whether the contact person belongs to the customer. */
export async function contactOfCustomer(db: Db, customerId: number, contactId: number) {
  const row = await db
    .selectFrom('contacts')
    .select('id')
    .where('id', '=', contactId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row !== undefined;
}
