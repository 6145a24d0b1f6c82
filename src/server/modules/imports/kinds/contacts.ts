import { z } from 'zod';
import { CONTACT_ROLES } from '../../../../shared/codes';
import { contactPatchSchema } from '../../../../shared/schemas/contact';
import { customerCreateSchema } from '../../../../shared/schemas/customer';
import { bulkInsert } from '../../../db/bulk-insert';
import type { ContactRow, Db } from '../../../db/database';
import { changedFields, writeAudit } from '../../../http/audit';
import { conflict } from '../../../http/errors';
import { contactAuditView } from '../../contacts/contacts.presenter';
import * as contacts from '../../contacts/contacts.repository';
import { type BatchIssue, defineKind, type ImportColumn } from '../kind';
import { customerIdsByCode } from './lookups';

// Contact persons of customers (DOMAIN §2). Contacts have no number of their own, so the natural key is
// the customer's code with the contact's name and role: a row whose customer already has a contact of
// that name and role updates it (the oldest, should the API have made two), any other row adds one.
// The customer must already exist: import customers first.

const patch = contactPatchSchema.shape;
const fields = z.object({
  customerCode: customerCreateSchema.shape.code.unwrap(),
  name: patch.name.unwrap(),
  role: patch.role.unwrap(),
  title: patch.title,
  phone: patch.phone,
  email: patch.email,
  birthday: patch.birthday,
  preferences: patch.preferences,
  notes: patch.notes,
});
export type ContactImportRow = z.output<typeof fields>;
const f = fields.shape;

export const contactColumns: readonly ImportColumn[] = [
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
    field: 'name',
    name: 'name',
    zh: '姓名',
    aliases: ['联系人', '联系人姓名'],
    required: true,
    type: 'text',
    schema: f.name,
    example: '王芳',
  },
  {
    field: 'role',
    name: 'role',
    zh: '角色',
    aliases: ['联系人角色', '联系人类型'],
    required: true,
    type: 'enum',
    labels: CONTACT_ROLES.labels,
    schema: f.role,
    example: { 'zh-CN': '财务负责人', en: 'finance_head' },
  },
  {
    field: 'title',
    name: 'title',
    zh: '职务',
    aliases: ['职位'],
    type: 'text',
    schema: f.title,
    example: '财务总监',
  },
  { field: 'phone', name: 'phone', zh: '电话', type: 'code', schema: f.phone, example: '13912345678' },
  {
    field: 'email',
    name: 'email',
    zh: '邮箱',
    type: 'text',
    schema: f.email,
    example: 'wangfang@example.com',
  },
  {
    field: 'birthday',
    name: 'birthday',
    zh: '生日',
    aliases: ['出生日期'],
    type: 'date',
    schema: f.birthday,
    example: '1980-05-20',
  },
  {
    field: 'preferences',
    name: 'preferences',
    zh: '偏好',
    aliases: ['喜好'],
    type: 'text',
    schema: f.preferences,
    example: '喜欢喝茶',
  },
  { field: 'notes', name: 'notes', zh: '备注', type: 'text', schema: f.notes, example: '' },
];

const keyOf = (customerId: number, name: string, role: string) => `${customerId}\u0000${name}\u0000${role}`;

export const contactsKind = defineKind<ContactImportRow>({
  code: 'contacts',
  columns: contactColumns,
  key: ['customerCode', 'name', 'role'],
  start(ctx) {
    return {
      async plan(db, rows) {
        const customerIds = await customerIdsByCode(db, [...new Set(rows.map((r) => r.value.customerCode))]);
        const stored = new Map<string, ContactRow>();
        const existing = await findContacts(db, [...customerIds.values()]);
        for (const c of existing) {
          const key = keyOf(c.customer_id, c.name, c.role);
          if (!stored.has(key)) stored.set(key, c);
        }
        const issues: BatchIssue[] = [];
        const inserts: Omit<ContactRow, 'id'>[] = [];
        const updates: { row: ContactRow; set: Partial<ContactRow>; before: object; after: object }[] = [];
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
          const set: Partial<ContactRow> = {};
          if (v.title !== undefined) set.title = v.title;
          if (v.phone !== undefined) set.phone = v.phone;
          if (v.email !== undefined) set.email = v.email;
          if (v.birthday !== undefined) set.birthday = v.birthday;
          if (v.preferences !== undefined) set.preferences = v.preferences;
          if (v.notes !== undefined) set.notes = v.notes;
          const before = stored.get(keyOf(customerId, v.name, v.role));
          if (!before) {
            inserts.push({
              customer_id: customerId,
              name: v.name,
              role: v.role,
              title: null,
              phone: null,
              email: null,
              birthday: null,
              preferences: null,
              notes: null,
              ...set,
              version: 1,
              created_at: ctx.audit.at,
              updated_at: ctx.audit.at,
            });
            continue;
          }
          const diff = changedFields(contactAuditView(before), contactAuditView({ ...before, ...set }));
          if (!diff.changed) {
            unchanged += 1;
            continue;
          }
          updates.push({ row: before, set, before: diff.before, after: diff.after });
        }
        return {
          issues,
          inserted: inserts.length,
          updated: updates.length,
          unchanged,
          async write(trx) {
            await bulkInsert(trx, 'contacts', inserts);
            for (const u of updates) {
              const ok = await contacts.updateContact(trx, u.row.customer_id, u.row.id, u.row.version, {
                ...u.set,
                updated_at: ctx.audit.at,
              });
              if (!ok)
                throw conflict('A contact in the file was changed by someone else meanwhile; import again');
              await writeAudit(trx, ctx.audit, {
                action: 'update',
                entity: 'contact',
                entityId: u.row.id,
                customerId: u.row.customer_id,
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
  if (customerIds.length === 0) return Promise.resolve([] as ContactRow[]);
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .orderBy('id')
    .execute();
}
