import { bankDayStart } from '../../../shared/schemas/common';
import type {
  Interaction,
  InteractionCreate,
  InteractionListQuery,
  InteractionPatch,
} from '../../../shared/schemas/interaction';
import type { Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import { canEditCustomers, type Viewer } from '../../http/access';
import { type AuditContext, auditContext, changedFields, writeAudit } from '../../http/audit';
import { forbidden, invalidField, notFound, staleVersion } from '../../http/errors';
import { requireEditableCustomer } from '../customers/customers.service';
import { requireOpenProspect } from '../prospects/prospects.service';
import { interactionAuditView, presentInteraction } from './interactions.presenter';
import * as repo from './interactions.repository';

// Contact records (DOMAIN §3, §5). Whoever may change a customer may record a contact with it; the
// record names the contact person only when that person is the customer's.

/** A contact may be recorded up to this long ahead of the server's clock (clocks differ a little). */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export async function listInteractions(deps: AppDeps, viewer: Viewer, query: InteractionListQuery) {
  const { rows, total } = await repo.listInteractions(deps.db, viewer, {
    ...query,
    ...(query.from ? { fromAt: bankDayStart(query.from) } : {}),
    ...(query.to ? { toAt: bankDayStart(query.to, 1) } : {}),
  });
  return { items: rows.map(presentInteraction), total };
}

export async function getInteraction(deps: AppDeps, viewer: Viewer, id: number): Promise<Interaction> {
  const row = await repo.findVisibleInteraction(deps.db, viewer, id);
  if (!row) throw notFound('Contact record');
  return presentInteraction(row);
}

function checkNotFuture(deps: AppDeps, occurredAt: string | undefined) {
  if (occurredAt && Date.parse(occurredAt) > deps.clock().getTime() + FUTURE_TOLERANCE_MS) {
    throw invalidField('occurredAt', 'a contact record says what happened: it must not be in the future');
  }
}

async function checkContact(db: Db, customerId: number | null, contactId: number | null | undefined) {
  if (contactId == null) return;
  if (customerId === null) throw invalidField('contactId', 'a prospect has no contact persons on record yet');
  if (!(await repo.contactOfCustomer(db, customerId, contactId))) {
    throw invalidField('contactId', 'is not a contact person of this customer');
  }
}

/** The customer or prospect a new record hangs on: 404 when not visible, 403/409 when not workable. */
export async function requireEditableSubject(
  db: Db,
  viewer: Viewer,
  input: { customerId?: number | undefined; prospectId?: number | undefined },
) {
  if (input.customerId !== undefined) await requireEditableCustomer(db, viewer, input.customerId);
  else await requireOpenProspect(db, viewer, input.prospectId!);
}

/** Records a contact inside a transaction the caller opened (a visit's summary, an e-mail sent). */
export async function recordInteraction(
  trx: Db,
  ctx: AuditContext,
  recordedBy: number,
  input: InteractionCreate & { planId?: number | null },
) {
  const row = {
    ref: null,
    customer_id: input.customerId ?? null,
    prospect_id: input.prospectId ?? null,
    contact_id: input.contactId ?? null,
    channel: input.channel,
    direction: input.direction,
    occurred_at: input.occurredAt,
    place: input.place ?? null,
    purpose: input.purpose ?? null,
    maintenance_form: input.maintenanceForm ?? null,
    summary: input.summary,
    outcome: input.outcome ?? null,
    next_step: input.nextStep ?? null,
    plan_id: input.planId ?? null,
    recorded_by: recordedBy,
    version: 1,
    created_at: ctx.at,
    updated_at: ctx.at,
  };
  const id = await repo.insertInteraction(trx, row);
  await writeAudit(trx, ctx, {
    action: 'create',
    entity: 'interaction',
    entityId: id,
    customerId: input.customerId ?? null,
    after: { ...interactionAuditView(row), prospectId: row.prospect_id },
  });
  return id;
}

export async function createInteraction(
  deps: AppDeps,
  viewer: Viewer,
  input: InteractionCreate,
  ip: string | null,
): Promise<Interaction> {
  await requireEditableSubject(deps.db, viewer, input);
  checkNotFuture(deps, input.occurredAt);
  await checkContact(deps.db, input.customerId ?? null, input.contactId);
  const ctx = auditContext(deps, viewer, ip);
  const id = await deps.db.transaction().execute((trx) => recordInteraction(trx, ctx, viewer.id, input));
  return getInteraction(deps, viewer, id);
}

async function requireEditable(deps: AppDeps, viewer: Viewer, id: number) {
  const row = await repo.findVisibleInteraction(deps.db, viewer, id);
  if (!row) throw notFound('Contact record');
  if (!canEditCustomers(viewer)) throw forbidden('Risk officers read relationship data but do not change it');
  return row;
}

export async function updateInteraction(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  patch: InteractionPatch,
  ip: string | null,
): Promise<Interaction> {
  const current = await requireEditable(deps, viewer, id);
  const { version, ...changes } = patch;
  if (version !== current.version) throw staleVersion();
  checkNotFuture(deps, changes.occurredAt);
  await checkContact(deps.db, current.customer_id, changes.contactId);
  const set = {
    contact_id: changes.contactId,
    channel: changes.channel,
    direction: changes.direction,
    occurred_at: changes.occurredAt,
    place: changes.place,
    purpose: changes.purpose,
    maintenance_form: changes.maintenanceForm,
    summary: changes.summary,
    outcome: changes.outcome,
    next_step: changes.nextStep,
  };
  const before = interactionAuditView(current);
  const diff = changedFields(before, interactionAuditView({ ...current, ...definedOnly(set) }));
  if (!diff.changed) return presentInteraction(current);
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updateInteraction(trx, id, version, { ...set, updated_at: ctx.at })))
      throw staleVersion();
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'interaction',
      entityId: id,
      customerId: current.customer_id,
      before: diff.before,
      after: diff.after,
    });
  });
  return getInteraction(deps, viewer, id);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
