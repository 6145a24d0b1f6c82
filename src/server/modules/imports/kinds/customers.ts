import { z } from 'zod';
import { makeUscc } from '../../../../domain/identity-numbers';
import {
  CREDIT_GRADES,
  CUSTOMER_KINDS,
  CUSTOMER_TIERS,
  ENTERPRISE_SIZES,
  LOAN_CLASSES,
  NEED_TAGS,
  needMask,
} from '../../../../shared/codes';
import { yuanToFen } from '../../../../shared/money';
import {
  customerCreateSchema,
  customerPatchSchema,
  idNumberProblem,
} from '../../../../shared/schemas/customer';
import { bulkInsert } from '../../../db/bulk-insert';
import type { CustomerRow, CustomerUpdate, Db, NewCustomerRow } from '../../../db/database';
import { changedFields, writeAudit } from '../../../http/audit';
import { conflict } from '../../../http/errors';
import { markDirty } from '../../customer-value/customer-value.repository';
import { auditView } from '../../customers/customers.presenter';
import type { CustomerWithOwner } from '../../customers/customers.repository';
import * as customers from '../../customers/customers.repository';
import { type BatchIssue, defineKind, type ImportColumn } from '../kind';
import { staffDirectory } from './lookups';

// Customers (DOMAIN §7.3). Natural key: `code`. A new code inserts a customer, a known one updates the
// fields whose columns the file has. Each field is validated by the API's own schema; the ID number by
// its kind, with its real check character; the owner is a username that must be an active relationship
// manager or team lead; an ID number may belong to one customer only.

const create = customerCreateSchema.shape;
const patch = customerPatchSchema.shape;

const fields = z.object({
  code: create.code.unwrap(),
  kind: create.kind,
  name: patch.name.unwrap(),
  idNumber: create.idNumber,
  industry: patch.industry,
  size: patch.size,
  regionName: patch.regionName,
  regionCode: patch.regionCode,
  tier: patch.tier,
  needTags: patch.needTags,
  creditGrade: patch.creditGrade,
  loanClass: patch.loanClass,
  foreignTrade: patch.foreignTrade,
  owner: z.string().trim().max(64).nullable().optional(),
  phone: patch.phone,
  email: patch.email,
  annualRevenue: patch.annualRevenue,
  financialAssets: patch.financialAssets,
  establishedOn: patch.establishedOn,
});
export type CustomerImportRow = z.output<typeof fields>;
const f = fields.shape;

const EXAMPLE_USCC = makeUscc(1);

export const customerColumns: readonly ImportColumn[] = [
  {
    field: 'code',
    name: 'code',
    zh: '客户号',
    aliases: ['客户编号', 'customer_code'],
    required: true,
    type: 'code',
    schema: f.code,
    example: 'C0001',
  },
  {
    field: 'kind',
    name: 'kind',
    zh: '客户类型',
    required: true,
    type: 'enum',
    labels: CUSTOMER_KINDS.labels,
    schema: f.kind,
    example: { 'zh-CN': '对公客户', en: 'corporate' },
  },
  {
    field: 'name',
    name: 'name',
    zh: '客户名称',
    aliases: ['客户名'],
    required: true,
    type: 'text',
    schema: f.name,
    example: '上海示例贸易有限公司',
  },
  {
    field: 'idNumber',
    name: 'id_number',
    zh: '证件号码',
    aliases: ['证件号', '统一社会信用代码', '身份证号'],
    required: true,
    type: 'code',
    schema: f.idNumber,
    example: EXAMPLE_USCC,
  },
  { field: 'industry', name: 'industry', zh: '行业', type: 'code', schema: f.industry, example: 'F51' },
  {
    field: 'size',
    name: 'size',
    zh: '企业规模',
    type: 'enum',
    labels: ENTERPRISE_SIZES.labels,
    schema: f.size,
    example: { 'zh-CN': '中型', en: 'medium' },
  },
  {
    field: 'regionName',
    name: 'region',
    zh: '地区',
    type: 'text',
    schema: f.regionName,
    example: '上海市浦东新区',
  },
  {
    field: 'regionCode',
    name: 'region_code',
    zh: '地区代码',
    type: 'code',
    schema: f.regionCode,
    example: '310115',
  },
  {
    field: 'tier',
    name: 'tier',
    zh: '客户层级',
    type: 'enum',
    labels: CUSTOMER_TIERS.labels,
    schema: f.tier,
    emptyAs: 'potential',
    example: { 'zh-CN': '普通客户', en: 'ordinary' },
  },
  {
    field: 'needTags',
    name: 'need_tags',
    zh: '需求标签',
    type: 'list',
    labels: NEED_TAGS.labels,
    schema: f.needTags,
    example: { 'zh-CN': '存款类;人民币业务', en: 'deposit;rmb' },
  },
  {
    field: 'creditGrade',
    name: 'credit_grade',
    zh: '信用等级',
    type: 'enum',
    labels: CREDIT_GRADES.labels,
    schema: f.creditGrade,
    example: 'AA',
  },
  {
    field: 'loanClass',
    name: 'loan_class',
    zh: '五级分类',
    type: 'enum',
    labels: LOAN_CLASSES.labels,
    schema: f.loanClass,
    example: { 'zh-CN': '正常', en: 'normal' },
  },
  {
    field: 'foreignTrade',
    name: 'foreign_trade',
    zh: '外贸企业',
    type: 'boolean',
    schema: f.foreignTrade,
    emptyAs: false,
    example: { 'zh-CN': '否', en: 'false' },
  },
  { field: 'owner', name: 'owner', zh: '客户经理', type: 'text', schema: f.owner, example: 'rm1' },
  { field: 'phone', name: 'phone', zh: '电话', type: 'code', schema: f.phone, example: '13812345678' },
  {
    field: 'email',
    name: 'email',
    zh: '邮箱',
    type: 'text',
    schema: f.email,
    example: 'finance@example.com',
  },
  {
    field: 'annualRevenue',
    name: 'annual_revenue',
    zh: '年营业收入',
    type: 'amount',
    schema: f.annualRevenue,
    example: '12,500,000.00',
  },
  {
    field: 'financialAssets',
    name: 'financial_assets',
    zh: '金融资产',
    type: 'amount',
    schema: f.financialAssets,
    example: '3,000,000.00',
  },
  {
    field: 'establishedOn',
    name: 'established_on',
    zh: '成立日期',
    type: 'date',
    schema: f.establishedOn,
    example: '2015-06-18',
  },
];

const fen = (yuan: number | null | undefined) => (yuan == null ? yuan : yuanToFen(yuan));

/** The stored columns a row sets: only those whose columns the file has. */
function columnsOf(v: CustomerImportRow, ownerId: number | null | undefined): CustomerUpdate {
  const set: CustomerUpdate = { name: v.name, id_number: v.idNumber };
  if (v.industry !== undefined) set.industry = v.industry;
  if (v.size !== undefined) set.size = v.size;
  if (v.regionName !== undefined) set.region_name = v.regionName;
  if (v.regionCode !== undefined) set.region_code = v.regionCode;
  if (v.tier !== undefined) set.tier = v.tier;
  if (v.needTags !== undefined) set.need_mask = needMask(v.needTags);
  if (v.creditGrade !== undefined) set.credit_grade = v.creditGrade;
  if (v.loanClass !== undefined) set.loan_class = v.loanClass;
  if (v.foreignTrade !== undefined) set.foreign_trade = v.foreignTrade ? 1 : 0;
  if (ownerId !== undefined) set.owner_id = ownerId;
  if (v.phone !== undefined) set.phone = v.phone;
  if (v.email !== undefined) set.email = v.email;
  if (v.annualRevenue !== undefined) set.annual_revenue = fen(v.annualRevenue);
  if (v.financialAssets !== undefined) set.financial_assets = fen(v.financialAssets);
  if (v.establishedOn !== undefined) set.established_on = v.establishedOn;
  return set;
}

const asAudited = (row: CustomerRow) => auditView({ ...row, owner_name: null } as CustomerWithOwner);

export const customersKind = defineKind<CustomerImportRow>({
  code: 'customers',
  columns: customerColumns,
  key: ['code'],
  unique: ['idNumber'],
  check(row) {
    const problem = idNumberProblem(row.kind, row.idNumber);
    return problem ? [{ field: 'idNumber', message: problem }] : [];
  },
  start(ctx) {
    const owners = staffDirectory();
    return {
      async plan(db, rows) {
        const codes = rows.map((r) => r.value.code);
        const stored = new Map((await findByCodes(db, codes)).map((c) => [c.code, c]));
        const holders = new Map(
          (
            await findByIdNumbers(
              db,
              rows.map((r) => r.value.idNumber),
            )
          ).map((c) => [c.id_number, c.code]),
        );
        await owners.load(
          db,
          rows.map((r) => r.value.owner),
        );

        const issues: BatchIssue[] = [];
        const inserts: Omit<NewCustomerRow, 'search_name'>[] = [];
        const updates: { id: number; version: number; set: CustomerUpdate; before: object; after: object }[] =
          [];
        let unchanged = 0;
        for (const { row, value: v } of rows) {
          const before = stored.get(v.code);
          const problems: BatchIssue[] = [];
          const holder = holders.get(v.idNumber);
          if (holder !== undefined && holder !== v.code) {
            problems.push({ row, field: 'idNumber', message: `already belongs to customer ${holder}` });
          }
          const owner = v.owner ? owners.get(v.owner) : undefined;
          if (owner?.problem) problems.push({ row, field: 'owner', message: owner.problem });
          if (before && before.kind !== v.kind) {
            problems.push({
              row,
              field: 'kind',
              message: `customer ${v.code} is ${before.kind}; a customer’s kind does not change`,
            });
          }
          if (problems.length > 0) {
            issues.push(...problems);
            continue;
          }
          const set = columnsOf(v, v.owner === undefined ? undefined : (owner?.id ?? null));
          if (!before) {
            inserts.push({
              code: v.code,
              kind: v.kind,
              name: v.name,
              id_number: v.idNumber,
              industry: null,
              size: null,
              region_code: null,
              region_name: null,
              tier: 'potential',
              need_mask: 0,
              credit_grade: null,
              loan_class: null,
              foreign_trade: 0,
              owner_id: null,
              phone: null,
              email: null,
              annual_revenue: null,
              financial_assets: null,
              established_on: null,
              ...(set as object),
              lifecycle_stage: 'potential',
              lifecycle_manual: 0,
              value_tier: null,
              version: 1,
              created_at: ctx.audit.at,
              updated_at: ctx.audit.at,
            } as Omit<NewCustomerRow, 'search_name'>);
            continue;
          }
          const changed: CustomerUpdate = {};
          for (const [column, value] of Object.entries(set)) {
            if ((before as Record<string, unknown>)[column] !== value) {
              (changed as Record<string, unknown>)[column] = value;
            }
          }
          if (Object.keys(changed).length === 0) {
            unchanged += 1;
            continue;
          }
          const diff = changedFields(asAudited(before), asAudited({ ...before, ...changed } as CustomerRow));
          updates.push({ id: before.id, version: before.version, set: changed, ...diff });
        }
        return {
          issues,
          inserted: inserts.length,
          updated: updates.length,
          unchanged,
          async write(trx) {
            await markDirty(
              trx,
              updates.map((u) => u.id),
              ctx.audit.at,
            );
            if (inserts.length > 0) {
              const ids = await customers.insertCustomers(trx, inserts);
              await markDirty(trx, [...ids.values()], ctx.audit.at);
              await bulkInsert(
                trx,
                'lifecycle_history',
                [...ids.values()].map((id) => ({
                  customer_id: id,
                  stage: 'potential',
                  previous_stage: null,
                  manual: 0,
                  reason: 'imported: no product yet',
                  changed_by: ctx.viewer.id,
                  changed_at: ctx.audit.at,
                })),
              );
            }
            for (const u of updates) {
              const ok = await customers.updateCustomer(trx, u.id, u.version, {
                ...u.set,
                updated_at: ctx.audit.at,
              });
              if (!ok)
                throw conflict('A customer in the file was changed by someone else meanwhile; import again');
              await writeAudit(trx, ctx.audit, {
                action: 'update',
                entity: 'customer',
                entityId: u.id,
                customerId: u.id,
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

function findByCodes(db: Db, codes: string[]) {
  return db.selectFrom('customers').selectAll().where('code', 'in', codes).execute();
}

function findByIdNumbers(db: Db, idNumbers: string[]) {
  return db
    .selectFrom('customers')
    .select(['code', 'id_number'])
    .where('id_number', 'in', idNumbers)
    .execute();
}
