import { z } from 'zod';
import { type CodeLabel, EXIT_RULES, RISK_FLAG_CODES, type RiskFlagCode } from '../../../../shared/codes';
import { optionalText, pastDate } from '../../../../shared/schemas/common';
import { customerCreateSchema } from '../../../../shared/schemas/customer';
import { bulkInsert } from '../../../db/bulk-insert';
import type { Db, RiskFlagTable } from '../../../db/database';
import { writeAudit } from '../../../http/audit';
import { conflict } from '../../../http/errors';
import * as flags from '../../exit/risk-flags.repository';
import { screenCustomers } from '../../exit/screening.service';
import { type BatchIssue, defineKind, type ImportColumn } from '../kind';
import { customerIdsByCode } from './lookups';

// Risk flags 风险标记 from the bank's other systems (DOMAIN §6.1, §7.3): the EX1 assessments, the EX4
// adverse records and the EX5 nominations, as the risk-flags API records them. Natural key: customer
// code + code + recorded_on. The customer must already be stored (any kind). A row with a `cleared_on`
// clears the stored flag (or corrects the day it was cleared); an empty `cleared_on` leaves a cleared
// flag cleared: an import does not undo a clearance (record the flag again on a new day instead). A
// nomination (EX5.OTHER) needs its reason in `note`. The importer is kept as the one who recorded or
// cleared. After the commit the customers whose flags changed are screened again, so the candidates
// queue follows at once, as it does after a flag recorded in the UI.

const FLAG_LABELS = Object.fromEntries(RISK_FLAG_CODES.map((c) => [c, EXIT_RULES.labels[c]])) as Record<
  RiskFlagCode,
  CodeLabel
>;

const fields = z.object({
  customerCode: customerCreateSchema.shape.code.unwrap(),
  code: z.enum(RISK_FLAG_CODES, {
    error: `must be an EX1 assessment, an EX4 record or EX5.OTHER: one of ${RISK_FLAG_CODES.join(', ')}`,
  }),
  recordedOn: pastDate,
  note: optionalText(1000),
  clearedOn: pastDate.nullable(),
});
export type RiskFlagImportRow = z.output<typeof fields>;
const f = fields.shape;

export const riskFlagColumns: readonly ImportColumn[] = [
  {
    field: 'customerCode',
    name: 'customer_code',
    zh: '客户号',
    aliases: ['客户编号'],
    required: true,
    type: 'code',
    schema: f.customerCode,
    example: 'C0001',
  },
  {
    field: 'code',
    name: 'code',
    zh: '标记代码',
    aliases: ['风险代码', '风险标记', '标记类型'],
    required: true,
    type: 'enum',
    labels: FLAG_LABELS,
    schema: f.code,
    example: { 'zh-CN': EXIT_RULES.labels['EX4.ARREARS'].zh, en: 'EX4.ARREARS' },
  },
  {
    field: 'recordedOn',
    name: 'recorded_on',
    zh: '登记日期',
    aliases: ['记录日期', '标记日期'],
    required: true,
    type: 'date',
    schema: f.recordedOn,
    example: '2025-11-20',
  },
  {
    field: 'note',
    name: 'note',
    zh: '说明',
    aliases: ['备注', '情况说明'],
    type: 'text',
    schema: f.note,
    example: {
      'zh-CN': '连续两个季度欠息，已发催收函',
      en: 'Interest in arrears for two quarters; collection letter sent',
    },
  },
  {
    field: 'clearedOn',
    name: 'cleared_on',
    zh: '解除日期',
    aliases: ['清除日期', '撤销日期'],
    type: 'date',
    schema: f.clearedOn,
    example: '',
  },
];

const NOMINATION: RiskFlagCode = 'EX5.OTHER';
const NEEDS_NOTE = 'must give the reason of the nomination (EX5.OTHER)';

type Stored = Awaited<ReturnType<typeof findFlags>>[number];
const keyOf = (customerId: number, code: string, recordedOn: string) => `${customerId} ${code} ${recordedOn}`;

export const riskFlagsKind = defineKind<RiskFlagImportRow>({
  code: 'risk-flags',
  columns: riskFlagColumns,
  key: ['customerCode', 'code', 'recordedOn'],
  check(row) {
    const issues = [];
    if (row.clearedOn && row.clearedOn < row.recordedOn) {
      issues.push({ field: 'clearedOn', message: 'must not be before the day the flag was recorded' });
    }
    // An empty note cell; a file without the column may still name a stored nomination (the planner).
    if (row.code === NOMINATION && row.note === null) issues.push({ field: 'note', message: NEEDS_NOTE });
    return issues;
  },
  start(ctx) {
    /** The customers whose flags the run wrote, screened again once the commit is done. */
    const touched = new Set<number>();
    return {
      async plan(db, rows) {
        const customerIds = await customerIdsByCode(db, [...new Set(rows.map((r) => r.value.customerCode))]);
        const stored = new Map(
          (await findFlags(db, [...new Set(customerIds.values())])).map((s) => [
            keyOf(s.customer_id, s.code, s.recorded_on),
            s,
          ]),
        );
        const issues: BatchIssue[] = [];
        const inserts: Omit<RiskFlagTable, 'id'>[] = [];
        const updates: {
          row: Stored;
          set: Partial<Pick<RiskFlagTable, 'note' | 'cleared_on' | 'cleared_by'>>;
          before: object;
          after: object;
        }[] = [];
        let unchanged = 0;
        for (const { row, value: v } of rows) {
          const customerId = customerIds.get(v.customerCode);
          if (customerId === undefined) {
            issues.push({
              row,
              field: 'customerCode',
              message: `no customer ${v.customerCode} (import customers first)`,
            });
            continue;
          }
          const before = stored.get(keyOf(customerId, v.code, v.recordedOn));
          const note = v.note !== undefined ? v.note : (before?.note ?? null);
          if (v.code === NOMINATION && note === null) {
            issues.push({ row, field: 'note', message: NEEDS_NOTE });
            continue;
          }
          if (!before) {
            inserts.push({
              customer_id: customerId,
              code: v.code,
              recorded_on: v.recordedOn,
              note,
              recorded_by: ctx.viewer.id,
              cleared_on: v.clearedOn ?? null,
              cleared_by: v.clearedOn ? ctx.viewer.id : null,
              clear_note: null,
              version: 1,
              created_at: ctx.audit.at,
              updated_at: ctx.audit.at,
            });
            continue;
          }
          const set: (typeof updates)[number]['set'] = {};
          const was: Record<string, unknown> = {};
          const now: Record<string, unknown> = {};
          if (v.note !== undefined && v.note !== before.note) {
            set.note = v.note;
            was.note = before.note;
            now.note = v.note;
          }
          // A new day clears the flag, or corrects the day it was cleared; empty leaves it as stored.
          if (v.clearedOn && v.clearedOn !== before.cleared_on) {
            set.cleared_on = v.clearedOn;
            if (before.cleared_on === null) set.cleared_by = ctx.viewer.id;
            was.clearedOn = before.cleared_on;
            now.clearedOn = v.clearedOn;
          }
          if (Object.keys(set).length === 0) {
            unchanged += 1;
            continue;
          }
          const id = { code: v.code, recordedOn: v.recordedOn };
          updates.push({ row: before, set, before: { ...id, ...was }, after: { ...id, ...now } });
        }
        return {
          issues,
          inserted: inserts.length,
          updated: updates.length,
          unchanged,
          async write(trx) {
            await bulkInsert(trx, 'risk_flags', inserts);
            for (const u of updates) {
              const ok = await flags.updateFlag(trx, u.row.id, u.row.version, {
                ...u.set,
                updated_at: ctx.audit.at,
              });
              if (!ok) {
                throw conflict('Risk flags in the file were changed by someone else meanwhile; import again');
              }
              await writeAudit(trx, ctx.audit, {
                action: 'update',
                entity: 'risk_flag',
                entityId: u.row.id,
                customerId: u.row.customer_id,
                before: u.before,
                after: u.after,
                reason: ctx.reason,
              });
            }
            for (const i of inserts) touched.add(i.customer_id);
            for (const u of updates) touched.add(u.row.customer_id);
          },
        };
      },
      // The candidates queue follows the flags (DOMAIN §6.1): the customers the file changed are
      // screened again; a failure is logged by the framework, and the nightly run screens everyone.
      async committed() {
        await screenCustomers(ctx.deps, touched);
      },
    };
  },
});

function findFlags(db: Db, customerIds: number[]) {
  if (customerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('risk_flags')
    .select(['id', 'customer_id', 'code', 'recorded_on', 'note', 'cleared_on', 'version'])
    .where('customer_id', 'in', customerIds)
    .execute();
}
