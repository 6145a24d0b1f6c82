import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { LifecycleEvidence } from '../../../domain/lifecycle';
import { type CustomerKind, type LifecycleStage, needMask } from '../../../shared/codes';
import { yuanToFen } from '../../../shared/money';
import {
  type CustomerCreate,
  type CustomerDetail,
  type CustomerListQuery,
  type CustomerPatch,
  idNumberProblem,
  type lifecycleOverrideSchema,
  type REVEALABLE_FIELDS,
} from '../../../shared/schemas/customer';
import type { CustomerUpdate, Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import {
  canAssignCustomers,
  canEditCustomers,
  canReadCustomerAudit,
  canRevealIdentifiers,
  type Viewer,
} from '../../http/access';
import { type AuditContext, auditContext, changedFields, writeAudit } from '../../http/audit';
import { conflict, forbidden, invalidField, notFound, staleVersion } from '../../http/errors';
import { moneyEvidence } from '../customer-value/customer-value.presenter';
import { markDirty } from '../customer-value/customer-value.repository';
import { auditView, presentDetail, presentSummary } from './customers.presenter';
import * as repo from './customers.repository';

const fen = (yuan: number | null | undefined) => (yuan == null ? yuan : yuanToFen(yuan));

export async function listCustomers(deps: AppDeps, viewer: Viewer, query: CustomerListQuery) {
  const { rows, total } = await repo.listCustomers(deps.db, viewer, query);
  return { items: rows.map(presentSummary), total, page: query.page, pageSize: query.pageSize };
}

/** The customer, or 404 both when it does not exist and when the viewer may not see it (DOMAIN §1). */
export async function requireVisibleCustomer(db: Db, viewer: Viewer, id: number) {
  const row = await repo.findVisibleCustomer(db, viewer, id);
  if (!row) throw notFound('Customer');
  return row;
}

/** 404 for a customer the viewer may not see (DOMAIN §1), then 403 for a role that only reads. */
export async function requireEditableCustomer(db: Db, viewer: Viewer, id: number) {
  const row = await requireVisibleCustomer(db, viewer, id);
  if (!canEditCustomers(viewer)) throw forbidden('Risk officers read relationship data but do not change it');
  return row;
}

function permissionsOf(viewer: Viewer): CustomerDetail['permissions'] {
  return {
    edit: canEditCustomers(viewer),
    assign: canAssignCustomers(viewer),
    reveal: canRevealIdentifiers(viewer),
    readAudit: canReadCustomerAudit(viewer),
  };
}

export async function getCustomer(deps: AppDeps, viewer: Viewer, id: number): Promise<CustomerDetail> {
  const row = await requireVisibleCustomer(deps.db, viewer, id);
  const [shares, prospect] = await Promise.all([
    repo.listShares(deps.db, id),
    repo.convertedFrom(deps.db, id),
  ]);
  return presentDetail(row, {
    convertedFrom: prospect ?? null,
    sharedWith: shares.map((s) => ({ id: s.id, displayName: s.display_name })),
    permissions: permissionsOf(viewer),
  });
}

/** Who may own customers, and whom this viewer may give them to. */
export async function checkAssignable(db: Db, viewer: Viewer, ownerId: number, field: string) {
  const owner = await repo.findActiveUser(db, ownerId);
  if (!owner || (owner.role !== 'rm' && owner.role !== 'team_lead')) {
    throw invalidField(field, 'must be an active relationship manager or team lead');
  }
  if (viewer.role === 'team_lead' && owner.team_id !== viewer.teamId) {
    throw invalidField(field, 'must be a member of your team');
  }
  if (viewer.role === 'rm' && owner.id !== viewer.id) {
    throw invalidField(field, 'a relationship manager adds customers to their own portfolio');
  }
}

async function checkIdNumberFree(db: Db, idNumber: string, exceptId?: number) {
  const other = await repo.findCustomerIdByIdNumber(db, idNumber);
  if (other && other.id !== exceptId) {
    throw conflict('Another customer already has this ID number', [
      { path: 'idNumber', message: 'already belongs to another customer' },
    ]);
  }
}

async function newCustomerCode(db: Db, now: Date): Promise<string> {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  for (;;) {
    const code = `C${day}${String(randomInt(1_000_000)).padStart(6, '0')}`;
    if (!(await repo.findCustomerIdByCode(db, code))) return code;
  }
}

/**
 * Writes a new customer with its name index, first lifecycle entry and audit entry, inside the
 * caller's transaction (a customer created by hand, or a prospect converted).
 */
export async function insertNewCustomer(
  trx: Db,
  ctx: AuditContext,
  input: CustomerCreate,
  ownerId: number | null,
  start: { stage: LifecycleStage; reason: string },
): Promise<number> {
  await checkIdNumberFree(trx, input.idNumber);
  if (input.code && (await repo.findCustomerIdByCode(trx, input.code))) {
    throw conflict('This customer code is taken', [{ path: 'code', message: 'is taken' }]);
  }
  const code = input.code ?? (await newCustomerCode(trx, new Date(ctx.at)));
  const id = await repo.insertCustomer(trx, {
    code,
    kind: input.kind,
    name: input.name,
    id_number: input.idNumber,
    industry: input.industry ?? null,
    size: input.size ?? null,
    region_code: input.regionCode ?? null,
    region_name: input.regionName ?? null,
    tier: input.tier,
    need_mask: needMask(input.needTags),
    credit_grade: input.creditGrade ?? null,
    loan_class: input.loanClass ?? null,
    foreign_trade: input.foreignTrade ? 1 : 0,
    owner_id: ownerId,
    phone: input.phone ?? null,
    email: input.email ?? null,
    annual_revenue: fen(input.annualRevenue) ?? null,
    financial_assets: fen(input.financialAssets) ?? null,
    established_on: input.establishedOn ?? null,
    lifecycle_stage: start.stage,
    lifecycle_manual: 0,
    value_tier: null,
    version: 1,
    created_at: ctx.at,
    updated_at: ctx.at,
  });
  await repo.insertLifecycleHistory(trx, {
    customerId: id,
    stage: start.stage,
    previousStage: null,
    manual: false,
    reason: start.reason,
    by: ctx.actor?.id ?? null,
    at: ctx.at,
  });
  await markDirty(trx, [id], ctx.at);
  const created = await repo.findCustomerById(trx, id);
  await writeAudit(trx, ctx, {
    action: 'create',
    entity: 'customer',
    entityId: id,
    customerId: id,
    after: auditView(created!),
  });
  return id;
}

export async function createCustomer(
  deps: AppDeps,
  viewer: Viewer,
  input: CustomerCreate,
  ip: string | null,
): Promise<CustomerDetail> {
  const ownerId = input.ownerId === undefined ? (viewer.role === 'rm' ? viewer.id : null) : input.ownerId;
  if (ownerId !== null) await checkAssignable(deps.db, viewer, ownerId, 'ownerId');
  else if (viewer.role === 'rm')
    throw invalidField('ownerId', 'a relationship manager adds customers to their own portfolio');
  const ctx = auditContext(deps, viewer, ip);
  const id = await deps.db
    .transaction()
    .execute((trx) =>
      insertNewCustomer(trx, ctx, input, ownerId, { stage: 'potential', reason: 'created: no product yet' }),
    );
  return getCustomer(deps, viewer, id);
}

export async function updateCustomer(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  patch: CustomerPatch,
  ip: string | null,
): Promise<CustomerDetail> {
  const current = await requireEditableCustomer(deps.db, viewer, id);
  const { version, ...changes } = patch;
  if (version !== current.version) throw staleVersion();
  if (changes.idNumber !== undefined) {
    const problem = idNumberProblem(current.kind as CustomerKind, changes.idNumber);
    if (problem) throw invalidField('idNumber', problem);
  }
  const before = auditView(current);
  const diff = changedFields(before, changes);
  if (!diff.changed) return getCustomer(deps, viewer, id);
  const ctx = auditContext(deps, viewer, ip);
  const set: CustomerUpdate = {
    name: changes.name,
    id_number: changes.idNumber,
    industry: changes.industry,
    size: changes.size,
    region_code: changes.regionCode,
    region_name: changes.regionName,
    tier: changes.tier,
    need_mask: changes.needTags ? needMask(changes.needTags) : undefined,
    credit_grade: changes.creditGrade,
    loan_class: changes.loanClass,
    foreign_trade: changes.foreignTrade === undefined ? undefined : changes.foreignTrade ? 1 : 0,
    phone: changes.phone,
    email: changes.email,
    annual_revenue: fen(changes.annualRevenue),
    financial_assets: fen(changes.financialAssets),
    established_on: changes.establishedOn,
    updated_at: ctx.at,
  };
  await deps.db.transaction().execute(async (trx) => {
    if (changes.idNumber !== undefined) await checkIdNumberFree(trx, changes.idNumber, id);
    if (!(await repo.updateCustomer(trx, id, version, set))) throw staleVersion();
    await markDirty(trx, [id], ctx.at);
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'customer',
      entityId: id,
      customerId: id,
      ...diff,
    });
  });
  return getCustomer(deps, viewer, id);
}

export async function assignCustomer(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: { ownerId: number | null; version: number },
  ip: string | null,
) {
  const current = await requireVisibleCustomer(deps.db, viewer, id);
  if (!canAssignCustomers(viewer)) throw forbidden('Only team leads and administrators reassign customers');
  if (input.version !== current.version) throw staleVersion();
  if (input.ownerId !== null) await checkAssignable(deps.db, viewer, input.ownerId, 'ownerId');
  if (input.ownerId === current.owner_id) return getCustomer(deps, viewer, id);
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    if (
      !(await repo.updateCustomer(trx, id, input.version, { owner_id: input.ownerId, updated_at: ctx.at }))
    ) {
      throw staleVersion();
    }
    await writeAudit(trx, ctx, {
      action: 'assign',
      entity: 'customer',
      entityId: id,
      customerId: id,
      before: { ownerId: current.owner_id },
      after: { ownerId: input.ownerId },
    });
  });
  return getCustomer(deps, viewer, id);
}

export async function shareCustomer(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  userId: number,
  ip: string | null,
) {
  const current = await requireVisibleCustomer(deps.db, viewer, id);
  if (!canAssignCustomers(viewer)) throw forbidden('Only team leads and administrators share customers');
  await checkAssignable(deps.db, viewer, userId, 'userId');
  if (userId === current.owner_id) throw invalidField('userId', 'already owns this customer');
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertShare(trx, id, userId, viewer.id, ctx.at);
    await writeAudit(trx, ctx, {
      action: 'share',
      entity: 'customer',
      entityId: id,
      customerId: id,
      after: { userId },
    });
  });
  return getCustomer(deps, viewer, id);
}

export async function unshareCustomer(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  userId: number,
  ip: string | null,
) {
  await requireVisibleCustomer(deps.db, viewer, id);
  if (!canAssignCustomers(viewer)) throw forbidden('Only team leads and administrators share customers');
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteShare(trx, id, userId))) throw notFound('Share');
    await writeAudit(trx, ctx, {
      action: 'unshare',
      entity: 'customer',
      entityId: id,
      customerId: id,
      before: { userId },
    });
  });
  return getCustomer(deps, viewer, id);
}

export async function revealIdentifier(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: { field: (typeof REVEALABLE_FIELDS)[number]; reason: string },
  ip: string | null,
) {
  const current = await requireVisibleCustomer(deps.db, viewer, id);
  if (!canRevealIdentifiers(viewer)) throw forbidden('Your role may not see full identifiers');
  const value = { idNumber: current.id_number, phone: current.phone, email: current.email }[input.field];
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    await writeAudit(trx, ctx, {
      action: 'reveal',
      entity: 'customer',
      entityId: id,
      customerId: id,
      after: { field: input.field },
      reason: input.reason,
    });
  });
  return { field: input.field, value };
}

export async function overrideLifecycle(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: z.output<typeof lifecycleOverrideSchema>,
  ip: string | null,
) {
  const current = await requireEditableCustomer(deps.db, viewer, id);
  if (input.version !== current.version) throw staleVersion();
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateCustomer(trx, id, input.version, {
      lifecycle_stage: input.stage,
      lifecycle_manual: 1,
      updated_at: ctx.at,
    });
    if (!ok) throw staleVersion();
    await repo.insertLifecycleHistory(trx, {
      customerId: id,
      stage: input.stage,
      previousStage: current.lifecycle_stage,
      manual: true,
      reason: input.note,
      by: viewer.id,
      at: ctx.at,
    });
    await writeAudit(trx, ctx, {
      action: 'lifecycle_override',
      entity: 'customer',
      entityId: id,
      customerId: id,
      before: { lifecycleStage: current.lifecycle_stage },
      after: { lifecycleStage: input.stage },
      reason: input.note,
    });
  });
  return getCustomer(deps, viewer, id);
}

export async function lifecycleHistory(deps: AppDeps, viewer: Viewer, id: number) {
  await requireVisibleCustomer(deps.db, viewer, id);
  const rows = await repo.listLifecycleHistory(deps.db, id);
  return rows.map((r) => ({
    id: r.id,
    stage: r.stage as LifecycleStage,
    previousStage: r.previous_stage as LifecycleStage | null,
    manual: r.manual === 1,
    reason: r.reason,
    changedAt: r.changed_at,
    changedBy: r.changed_by_name ?? null,
    asOf: r.as_of,
    evidence: r.evidence_json ? moneyEvidence(JSON.parse(r.evidence_json) as LifecycleEvidence) : null,
  }));
}
