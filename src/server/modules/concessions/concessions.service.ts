import type { z } from 'zod';
import { yuanToFen } from '../../../shared/money';
import { bankDate } from '../../../shared/schemas/common';
import type { concessionCreateSchema, concessionPatchSchema } from '../../../shared/schemas/value';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { auditContext, changedFields, writeAudit } from '../../http/audit';
import { invalidField, notFound, staleVersion } from '../../http/errors';
import { requireEditableCustomer, requireVisibleCustomer } from '../customers/customers.service';
import { type Concession, concessionAuditView, presentConcession } from './concessions.presenter';
import * as repo from './concessions.repository';

// Concessions 优惠 (DOMAIN §5, pitfall 1): fee waivers and rate discounts granted to a customer, each
// with its yearly cost, who approved it and why. The pitfall warnings compare the cost of those in
// force with the customer's realized value (pitfalls module). A concession is ended, never deleted:
// its end date keeps the history of what the bank gave.

export type ConcessionCreate = z.output<typeof concessionCreateSchema>;
export type ConcessionPatch = z.output<typeof concessionPatchSchema>;

const bankToday = (deps: AppDeps) => bankDate(deps.clock());

/** An end before the start is refused, naming the field the caller sent (the end, when both). */
function checkPeriod(startsOn: string, endsOn: string | null, field: 'endsOn' | 'startsOn') {
  if (endsOn !== null && endsOn < startsOn) {
    throw invalidField(
      field,
      field === 'endsOn'
        ? `must not be before the start (${startsOn})`
        : `must not be after the end (${endsOn})`,
    );
  }
}

export async function listConcessions(deps: AppDeps, viewer: Viewer, customerId: number) {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  const today = bankToday(deps);
  return (await repo.listConcessions(deps.db, customerId)).map((r) => presentConcession(r, today));
}

export async function createConcession(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  input: ConcessionCreate,
  ip: string | null,
): Promise<Concession> {
  await requireEditableCustomer(deps.db, viewer, customerId);
  checkPeriod(input.startsOn, input.endsOn ?? null, 'endsOn');
  const ctx = auditContext(deps, viewer, ip);
  const created = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertConcession(trx, {
      customer_id: customerId,
      kind: input.kind,
      description: input.description,
      yearly_cost: yuanToFen(input.yearlyCost)!,
      approver: input.approver,
      reason: input.reason,
      starts_on: input.startsOn,
      ends_on: input.endsOn ?? null,
      created_by: viewer.id,
      version: 1,
      created_at: ctx.at,
      updated_at: ctx.at,
    });
    const row = (await repo.findConcession(trx, id))!;
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'concession',
      entityId: id,
      customerId,
      after: concessionAuditView(row),
    });
    return row;
  });
  return presentConcession(created, bankToday(deps));
}

export async function updateConcession(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  patch: ConcessionPatch,
  ip: string | null,
): Promise<Concession> {
  const current = await repo.findConcession(deps.db, id);
  if (!current) throw notFound('Concession');
  // A concession of a customer the viewer may not see is answered as missing (DOMAIN §1).
  await requireEditableCustomer(deps.db, viewer, current.customer_id);
  const { version, ...changes } = patch;
  if (version !== current.version) throw staleVersion();
  checkPeriod(
    changes.startsOn ?? current.starts_on,
    changes.endsOn === undefined ? current.ends_on : changes.endsOn,
    changes.endsOn === undefined ? 'startsOn' : 'endsOn',
  );
  const diff = changedFields(concessionAuditView(current), changes);
  if (!diff.changed) return presentConcession(current, bankToday(deps));
  const ctx = auditContext(deps, viewer, ip);
  const updated = await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateConcession(trx, id, version, {
      description: changes.description,
      yearly_cost: changes.yearlyCost === undefined ? undefined : yuanToFen(changes.yearlyCost)!,
      approver: changes.approver,
      reason: changes.reason,
      starts_on: changes.startsOn,
      ends_on: changes.endsOn,
      updated_at: ctx.at,
    });
    if (!ok) throw staleVersion();
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'concession',
      entityId: id,
      customerId: current.customer_id,
      before: diff.before,
      after: diff.after,
    });
    return (await repo.findConcession(trx, id))!;
  });
  return presentConcession(updated, bankToday(deps));
}
