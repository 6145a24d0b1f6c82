import type { z } from 'zod';
import type { RiskFlagCode } from '../../../shared/codes';
import { bankDate } from '../../../shared/schemas/common';
import type { RiskFlagDto, riskFlagClearSchema, riskFlagCreateSchema } from '../../../shared/schemas/exit';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { auditContext, writeAudit } from '../../http/audit';
import { conflict, forbidden, invalidField, notFound, staleVersion } from '../../http/errors';
import { requireVisibleCustomer } from '../customers/customers.service';
import * as repo from './risk-flags.repository';
import { screenAfterChange } from './screening.service';

// Risk flags 风险标记 (issue #9 part 2, DOMAIN §6.1): the EX1 assessments (poor prospects, backward
// technology, poor operations, poor reputation), the EX4 adverse records and the EX5 nominations that
// people record on a customer: with the day, a note and who; cleared later with the day and who. A
// cleared flag no longer triggers. RMs, team leads and risk officers record them; each change
// screens the customer again, so the candidates queue follows at once.

export type RiskFlagCreate = z.output<typeof riskFlagCreateSchema>;
export type RiskFlagClear = z.output<typeof riskFlagClearSchema>;

const person = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

function presentFlag(row: repo.RiskFlagRow, today: string): RiskFlagDto {
  return {
    id: row.id,
    customerId: row.customer_id,
    code: row.code as RiskFlagCode,
    recordedOn: row.recorded_on,
    note: row.note,
    recordedBy: person(row.recorded_by, row.recorded_by_name),
    clearedOn: row.cleared_on,
    clearedBy: person(row.cleared_by, row.cleared_by_name),
    clearNote: row.clear_note,
    active: row.recorded_on <= today && (row.cleared_on === null || row.cleared_on > today),
    version: row.version,
  };
}

/** Admins keep users and rules; the relationship's risk data is for the people who serve and watch it. */
function requireFlagWriter(viewer: Viewer) {
  if (viewer.role === 'admin')
    throw forbidden('Risk flags are recorded by RMs, team leads and risk officers');
}

export async function listFlags(deps: AppDeps, viewer: Viewer, customerId: number) {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  const today = bankDate(deps.clock());
  return { items: (await repo.listFlags(deps.db, customerId)).map((r) => presentFlag(r, today)) };
}

export async function recordFlag(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  input: RiskFlagCreate,
  ip: string | null,
): Promise<RiskFlagDto> {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  requireFlagWriter(viewer);
  const ctx = auditContext(deps, viewer, ip);
  const today = bankDate(deps.clock());
  const recordedOn = input.recordedOn ?? today;
  const id = await deps.db.transaction().execute(async (trx) => {
    if (await repo.findFlagByDay(trx, customerId, input.code, recordedOn)) {
      throw conflict('This flag was already recorded on that day', [
        { path: 'code', message: `is already recorded on ${recordedOn}` },
      ]);
    }
    const id = await repo.insertFlag(trx, {
      customer_id: customerId,
      code: input.code,
      recorded_on: recordedOn,
      note: input.note ?? null,
      recorded_by: viewer.id,
      cleared_on: null,
      cleared_by: null,
      clear_note: null,
      version: 1,
      created_at: ctx.at,
      updated_at: ctx.at,
    });
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'risk_flag',
      entityId: id,
      customerId,
      after: { code: input.code, recordedOn, note: input.note ?? null },
    });
    return id;
  });
  await screenAfterChange(deps, customerId);
  return presentFlag((await repo.findFlag(deps.db, customerId, id))!, today);
}

export async function clearFlag(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  flagId: number,
  input: RiskFlagClear,
  ip: string | null,
): Promise<RiskFlagDto> {
  await requireVisibleCustomer(deps.db, viewer, customerId);
  requireFlagWriter(viewer);
  const ctx = auditContext(deps, viewer, ip);
  const today = bankDate(deps.clock());
  const clearedOn = input.clearedOn ?? today;
  await deps.db.transaction().execute(async (trx) => {
    const flag = await repo.findFlag(trx, customerId, flagId);
    if (!flag) throw notFound('Risk flag');
    if (flag.version !== input.version) throw staleVersion();
    if (flag.cleared_on !== null) throw conflict('This flag is already cleared');
    if (clearedOn < flag.recorded_on) {
      throw invalidField(
        'clearedOn',
        `must not be before the day the flag was recorded (${flag.recorded_on})`,
      );
    }
    const ok = await repo.updateFlag(trx, flagId, input.version, {
      cleared_on: clearedOn,
      cleared_by: viewer.id,
      clear_note: input.note ?? null,
      updated_at: ctx.at,
    });
    if (!ok) throw staleVersion();
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'risk_flag',
      entityId: flagId,
      customerId,
      before: { clearedOn: null },
      after: { clearedOn, note: input.note ?? null },
    });
  });
  await screenAfterChange(deps, customerId);
  return presentFlag((await repo.findFlag(deps.db, customerId, flagId))!, today);
}
