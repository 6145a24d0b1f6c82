import { maskEmail, maskPhone } from '../../../domain/masking';
import type { Contact } from '../../../shared/schemas/contact';
import type { ContactRow } from '../../db/database';

/** The API shape, with phone and e-mail masked (DOMAIN §9). */
export function presentContact(row: ContactRow): Contact {
  return {
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    role: row.role as Contact['role'],
    title: row.title,
    phone: maskPhone(row.phone),
    email: maskEmail(row.email),
    birthday: row.birthday,
    preferences: row.preferences,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The contact as the API names its fields, unmasked: the before/after of audit entries. */
export function contactAuditView(row: ContactRow) {
  return {
    name: row.name,
    role: row.role,
    title: row.title,
    phone: row.phone,
    email: row.email,
    birthday: row.birthday,
    preferences: row.preferences,
    notes: row.notes,
  };
}
