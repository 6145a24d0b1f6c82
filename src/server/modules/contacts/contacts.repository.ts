import type { Insertable, Updateable } from 'kysely';
import type { ContactTable, Db } from '../../db/database';

// Every query names the customer as well as the contact, so a contact id of another customer is
// simply not found.

export function listContacts(db: Db, customerId: number) {
  return db.selectFrom('contacts').selectAll().where('customer_id', '=', customerId).orderBy('id').execute();
}

export function findContact(db: Db, customerId: number, contactId: number) {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('id', '=', contactId)
    .executeTakeFirst();
}

export async function insertContact(db: Db, row: Insertable<ContactTable>) {
  const { id } = await db.insertInto('contacts').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates when the version still matches; answers whether it did. */
export async function updateContact(
  db: Db,
  customerId: number,
  contactId: number,
  expectedVersion: number,
  set: Omit<Updateable<ContactTable>, 'id' | 'customer_id' | 'version'>,
) {
  const result = await db
    .updateTable('contacts')
    .set({ ...set, version: expectedVersion + 1 })
    .where('customer_id', '=', customerId)
    .where('id', '=', contactId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteContact(db: Db, customerId: number, contactId: number) {
  const result = await db
    .deleteFrom('contacts')
    .where('customer_id', '=', customerId)
    .where('id', '=', contactId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
