import { z } from 'zod';
import { CHANNELS, DIRECTIONS, MAINTENANCE_FORMS } from '../../../../shared/codes';
import { customerCreateSchema } from '../../../../shared/schemas/customer';
import { interactionCreateSchema } from '../../../../shared/schemas/interaction';
import { bulkInsert } from '../../../db/bulk-insert';
import type { Db, InteractionTable } from '../../../db/database';
import { changedFields, writeAudit } from '../../../http/audit';
import { conflict } from '../../../http/errors';
import { interactionAuditView } from '../../interactions/interactions.presenter';
import * as interactions from '../../interactions/interactions.repository';
import { type BatchIssue, defineKind, type ImportColumn } from '../kind';
import { customerIdsByCode, staffDirectory } from './lookups';

// Contact records from the bank's other systems (call centre, branch queueing, e-mail): DOMAIN §3, §5.
// Natural key: the bank's own reference `ref`. The customer must exist; the contact person, when
// named, must be one of the customer's; the recorder is the username of an active RM or team lead.

const create = interactionCreateSchema.shape;
const fields = z.object({
  ref: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:/-]{1,64}$/, 'must be 1–64 letters, digits or - _ . : /'),
  customerCode: customerCreateSchema.shape.code.unwrap(),
  contactName: z.string().trim().max(100).nullable().optional(),
  channel: create.channel,
  direction: create.direction,
  occurredAt: create.occurredAt,
  place: create.place,
  purpose: create.purpose,
  maintenanceForm: create.maintenanceForm,
  summary: create.summary,
  outcome: create.outcome,
  nextStep: create.nextStep,
  recordedBy: z.string().trim().min(1).max(64),
});
export type InteractionImportRow = z.output<typeof fields>;
const f = fields.shape;

export const interactionColumns: readonly ImportColumn[] = [
  {
    field: 'ref',
    name: 'ref',
    zh: '编号',
    aliases: ['记录编号'],
    required: true,
    type: 'code',
    schema: f.ref,
    example: 'CC-20260105-0001',
  },
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
    field: 'contactName',
    name: 'contact_name',
    zh: '联系人',
    type: 'text',
    schema: f.contactName,
    example: '王芳',
  },
  {
    field: 'channel',
    name: 'channel',
    zh: '渠道',
    aliases: ['接触渠道'],
    required: true,
    type: 'enum',
    labels: CHANNELS.labels,
    schema: f.channel,
    example: { 'zh-CN': '电话', en: 'phone' },
  },
  {
    field: 'direction',
    name: 'direction',
    zh: '方向',
    type: 'enum',
    labels: DIRECTIONS.labels,
    schema: f.direction,
    emptyAs: 'outbound',
    example: { 'zh-CN': '客户发起', en: 'inbound' },
  },
  {
    field: 'occurredAt',
    name: 'occurred_at',
    zh: '接触时间',
    aliases: ['时间'],
    required: true,
    type: 'datetime',
    schema: f.occurredAt,
    example: '2026-01-05 09:30',
  },
  { field: 'place', name: 'place', zh: '地点', type: 'text', schema: f.place, example: '客户办公室' },
  {
    field: 'purpose',
    name: 'purpose',
    zh: '目的',
    aliases: ['接触目的'],
    type: 'text',
    schema: f.purpose,
    example: '了解年底资金安排',
  },
  {
    field: 'maintenanceForm',
    name: 'maintenance_form',
    zh: '维护形式',
    type: 'enum',
    labels: MAINTENANCE_FORMS.labels,
    schema: f.maintenanceForm,
    example: { 'zh-CN': '功能维护', en: 'functional' },
  },
  {
    field: 'summary',
    name: 'summary',
    zh: '内容摘要',
    aliases: ['摘要', '内容'],
    required: true,
    type: 'text',
    schema: f.summary,
    example: '客户咨询定期存款利率',
  },
  { field: 'outcome', name: 'outcome', zh: '结果', type: 'text', schema: f.outcome, example: '已发送利率表' },
  {
    field: 'nextStep',
    name: 'next_step',
    zh: '下一步',
    type: 'text',
    schema: f.nextStep,
    example: '下周回访',
  },
  {
    field: 'recordedBy',
    name: 'recorded_by',
    zh: '记录人',
    aliases: ['客户经理'],
    required: true,
    type: 'text',
    schema: f.recordedBy,
    example: 'rm1',
  },
];

// Imported contact records are the customers' (prospects are imported as prospects).
type Row = Omit<InteractionTable, 'id' | 'prospect_id'> & { id?: number };

export const interactionsKind = defineKind<InteractionImportRow>({
  code: 'interactions',
  columns: interactionColumns,
  key: ['ref'],
  start(ctx) {
    const recorders = staffDirectory();
    return {
      async plan(db, rows) {
        const customerIds = await customerIdsByCode(db, [...new Set(rows.map((r) => r.value.customerCode))]);
        const contactIds = new Map(
          (await findContacts(db, [...customerIds.values()])).map((c) => [
            `${c.customer_id}\u0000${c.name}`,
            c.id,
          ]),
        );
        const stored = new Map(
          (
            await findByRefs(
              db,
              rows.map((r) => r.value.ref),
            )
          ).map((r) => [r.ref!, r]),
        );
        await recorders.load(
          db,
          rows.map((r) => r.value.recordedBy),
        );
        const issues: BatchIssue[] = [];
        const inserts: Row[] = [];
        const updates: {
          id: number;
          version: number;
          customerId: number;
          set: Partial<Row>;
          before: object;
          after: object;
        }[] = [];
        let unchanged = 0;
        for (const { row, value: v } of rows) {
          const problems: BatchIssue[] = [];
          const customerId = customerIds.get(v.customerCode);
          if (customerId === undefined) {
            problems.push({
              row,
              field: 'customerCode',
              message: `no customer ${v.customerCode} (import customers first)`,
            });
          }
          let contactId: number | null = null;
          if (customerId !== undefined && v.contactName) {
            contactId = contactIds.get(`${customerId}\u0000${v.contactName}`) ?? null;
            if (contactId === null) {
              problems.push({
                row,
                field: 'contactName',
                message: `customer ${v.customerCode} has no contact person “${v.contactName}”`,
              });
            }
          }
          const recorder = recorders.get(v.recordedBy)!;
          if (recorder.problem) problems.push({ row, field: 'recordedBy', message: recorder.problem });
          if (problems.length > 0 || customerId === undefined) {
            issues.push(...problems);
            continue;
          }
          const before = stored.get(v.ref);
          if (before && before.customer_id !== customerId) {
            issues.push({
              row,
              field: 'customerCode',
              message: `record ${v.ref} belongs to another customer; a record’s customer does not change`,
            });
            continue;
          }
          // A column the file does not have leaves the stored field as it is.
          const given = <T>(value: T | undefined, fallback: T | null) =>
            value === undefined ? fallback : value;
          const values = {
            contact_id: v.contactName === undefined ? (before?.contact_id ?? null) : contactId,
            channel: v.channel,
            direction: v.direction ?? before?.direction ?? 'outbound',
            occurred_at: v.occurredAt,
            place: given(v.place, before?.place ?? null),
            purpose: given(v.purpose, before?.purpose ?? null),
            maintenance_form: given(v.maintenanceForm, before?.maintenance_form ?? null),
            summary: v.summary,
            outcome: given(v.outcome, before?.outcome ?? null),
            next_step: given(v.nextStep, before?.next_step ?? null),
            recorded_by: recorder.id!,
          };
          if (!before) {
            inserts.push({
              ref: v.ref,
              customer_id: customerId,
              ...values,
              plan_id: null,
              version: 1,
              created_at: ctx.audit.at,
              updated_at: ctx.audit.at,
            });
            continue;
          }
          const diff = changedFields(
            { ...interactionAuditView(before), recordedBy: before.recorded_by },
            { ...interactionAuditView({ ...before, ...values }), recordedBy: values.recorded_by },
          );
          if (!diff.changed) {
            unchanged += 1;
            continue;
          }
          updates.push({
            id: before.id,
            version: before.version,
            customerId,
            set: values,
            before: diff.before,
            after: diff.after,
          });
        }
        return {
          issues,
          inserted: inserts.length,
          updated: updates.length,
          unchanged,
          async write(trx) {
            await bulkInsert(trx, 'interactions', inserts);
            for (const u of updates) {
              if (
                !(await interactions.updateInteraction(trx, u.id, u.version, {
                  ...u.set,
                  updated_at: ctx.audit.at,
                }))
              ) {
                throw conflict(
                  'A contact record in the file was changed by someone else meanwhile; import again',
                );
              }
              await writeAudit(trx, ctx.audit, {
                action: 'update',
                entity: 'interaction',
                entityId: u.id,
                customerId: u.customerId,
                before: u.before,
                after: u.after,
                reason: ctx.reason,
              });
            }
          },
        };
      },
    };
  },
});

function findContacts(db: Db, customerIds: number[]) {
  if (customerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('contacts')
    .select(['id', 'customer_id', 'name'])
    .where('customer_id', 'in', customerIds)
    .orderBy('id', 'desc')
    .execute();
}

function findByRefs(db: Db, refs: string[]) {
  return db.selectFrom('interactions').selectAll().where('ref', 'in', refs).execute();
}
