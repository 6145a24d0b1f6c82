import type { z } from 'zod';
import { bankDate } from '../../../shared/schemas/common';
import { type financialStatementPutSchema, statementFields } from '../../../shared/schemas/value';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { auditContext, changedFields, writeAudit } from '../../http/audit';
import { badRequest, invalidField, staleVersion } from '../../http/errors';
import { requireEditableCustomer, requireVisibleCustomer } from '../customers/customers.service';
import { screenAfterChange } from '../exit/screening.service';
import {
  type FinancialStatement,
  presentStatement,
  statementColumns,
  statementFigures,
} from './financial-statements.presenter';
import * as repo from './financial-statements.repository';

// Annual financial statements 财务报表 of corporate customers (DOMAIN §5 pitfall 3, §6.1 EX3): one record
// a customer and fiscal year, written whole (PUT) with its version, or by the `financial-statements`
// import. Individuals keep no statements. A change screens the customer against the exit criteria again.

export type FinancialStatementPut = z.output<typeof financialStatementPutSchema>;

/** Statements are a corporate customer's; asking them of an individual is a request error naming `kind`. */
export function requireCorporate(customer: { kind: string }) {
  if (customer.kind !== 'corporate') {
    throw badRequest('kind: financial statements are kept for corporate customers only', [
      { path: 'kind', message: 'must be corporate: this customer is an individual' },
    ]);
  }
}

export async function listStatements(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
): Promise<FinancialStatement[]> {
  requireCorporate(await requireVisibleCustomer(deps.db, viewer, customerId));
  return (await repo.listStatements(deps.db, customerId)).map(presentStatement);
}

/**
 * Writes the customer's statements of one fiscal year whole: a figure left out is not reported (null).
 * Version 0 creates the year; otherwise it must be the version read.
 */
export async function putStatement(
  deps: AppDeps,
  viewer: Viewer,
  customerId: number,
  fiscalYear: number,
  input: FinancialStatementPut,
  ip: string | null,
): Promise<{ statement: FinancialStatement; created: boolean }> {
  requireCorporate(await requireEditableCustomer(deps.db, viewer, customerId));
  const thisYear = Number(bankDate(deps.clock()).slice(0, 4));
  if (fiscalYear > thisYear) throw invalidField('params.year', `must not be after ${thisYear}`);
  const { version, ...given } = input;
  const figures = Object.fromEntries(statementFields.map((f) => [f, given[f] ?? null])) as Record<
    (typeof statementFields)[number],
    number | null
  >;
  const ctx = auditContext(deps, viewer, ip);
  const written = await deps.db.transaction().execute(async (trx) => {
    const current = await repo.findStatement(trx, customerId, fiscalYear);
    if (!current) {
      if (version !== 0) throw staleVersion();
      await repo.insertStatement(trx, {
        customer_id: customerId,
        fiscal_year: fiscalYear,
        ...statementColumns(figures),
        version: 1,
        created_at: ctx.at,
        updated_at: ctx.at,
      });
      const row = (await repo.findStatement(trx, customerId, fiscalYear))!;
      await writeAudit(trx, ctx, {
        action: 'create',
        entity: 'financial_statement',
        entityId: row.id,
        customerId,
        after: { fiscalYear, ...statementFigures(row) },
      });
      return { statement: presentStatement(row), created: true };
    }
    if (version !== current.version) throw staleVersion();
    const diff = changedFields(statementFigures(current), figures);
    if (!diff.changed) return { statement: presentStatement(current), created: false };
    const ok = await repo.updateStatement(trx, customerId, fiscalYear, version, {
      ...statementColumns(figures),
      updated_at: ctx.at,
    });
    if (!ok) throw staleVersion();
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'financial_statement',
      entityId: current.id,
      customerId,
      before: { fiscalYear, ...diff.before },
      after: { fiscalYear, ...diff.after },
    });
    const row = (await repo.findStatement(trx, customerId, fiscalYear))!;
    return { statement: presentStatement(row), created: false };
  });
  // The statements are what EX3 reads: the customer's place in the exit queue follows at once.
  await screenAfterChange(deps, customerId);
  return written;
}
