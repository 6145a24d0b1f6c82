import type { z } from 'zod';
import type {
  Contact,
  ContactCreate,
  ContactPatch,
  contactRevealSchema,
} from '../../../shared/schemas/contact';
import type { AppDeps } from '../../deps';
import { canRevealIdentifiers, type Viewer } from '../../http/access';
import { auditContext, changedFields, writeAudit } from '../../http/audit';
import { forbidden, notFound, staleVersion } from '../../http/errors';
import { requireEditableCustomer, requireVisibleCustomer } from '../customers/customers.service';
import { contactAuditView, presentContact } from './contacts.presenter';
import * as repo from './contacts.repository';

export async function listContacts(deps: AppDeps, viewer: Viewer, customerId: number): Promise<Contact[]> {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  return (await repo.listContacts(deps.db, customerId)).map(presentContact);
}

export async function createContact(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  input: ContactCreate,
  ip: string | null,
): Promise<Contact> {
  await requireEditableCustomer(deps.db, viewer, customerId);
  const ctx = auditContext(deps, viewer, ip);
  const created = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertContact(trx, {
      customer_id: customerId,
      name: input.name,
      role: input.role,
      title: input.title ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      birthday: input.birthday ?? null,
      preferences: input.preferences ?? null,
      notes: input.notes ?? null,
      version: 1,
      created_at: ctx.at,
      updated_at: ctx.at,
    });
    const row = (await repo.findContact(trx, customerId, id))!;
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'contact',
      entityId: id,
      customerId,
      after: contactAuditView(row),
    });
    return row;
  });
  return presentContact(created);
}

export async function updateContact(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  contactId: number,
  patch: ContactPatch,
  ip: string | null,
): Promise<Contact> {
  await requireEditableCustomer(deps.db, viewer, customerId);
  const current = await repo.findContact(deps.db, customerId, contactId);
  if (!current) throw notFound('Contact');
  const { version, ...changes } = patch;
  if (version !== current.version) throw staleVersion();
  const diff = changedFields(contactAuditView(current), changes);
  if (!diff.changed) return presentContact(current);
  const ctx = auditContext(deps, viewer, ip);
  const updated = await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateContact(trx, customerId, contactId, version, {
      name: changes.name,
      role: changes.role,
      title: changes.title,
      phone: changes.phone,
      email: changes.email,
      birthday: changes.birthday,
      preferences: changes.preferences,
      notes: changes.notes,
      updated_at: ctx.at,
    });
    if (!ok) throw staleVersion();
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'contact',
      entityId: contactId,
      customerId,
      before: diff.before,
      after: diff.after,
    });
    return (await repo.findContact(trx, customerId, contactId))!;
  });
  return presentContact(updated);
}

export async function deleteContact(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  contactId: number,
  ip: string | null,
): Promise<void> {
  await requireEditableCustomer(deps.db, viewer, customerId);
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    const current = await repo.findContact(trx, customerId, contactId);
    if (!current || !(await repo.deleteContact(trx, customerId, contactId))) throw notFound('Contact');
    await writeAudit(trx, ctx, {
      action: 'delete',
      entity: 'contact',
      entityId: contactId,
      customerId,
      before: contactAuditView(current),
    });
  });
}

/** The full phone or e-mail of a contact person, audited with its reason (DOMAIN §9). */
export async function revealContactField(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  contactId: number,
  input: z.output<typeof contactRevealSchema>,
  ip: string | null,
) {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  const contact = await repo.findContact(deps.db, customerId, contactId);
  if (!contact) throw notFound('Contact');
  if (!canRevealIdentifiers(viewer)) throw forbidden('Your role may not see full contact details');
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, ctx, {
      action: 'reveal',
      entity: 'contact',
      entityId: contactId,
      customerId,
      after: { field: input.field },
      reason: input.reason,
    }),
  );
  return { field: input.field, value: contact[input.field] };
}
