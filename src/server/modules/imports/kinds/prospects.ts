import type { Insertable } from 'kysely';
import { z } from 'zod';
import { makeUscc } from '../../../../domain/identity-numbers';
import { normalizeForSearch } from '../../../../domain/name-search';
import {
  COOPERATION_LEVELS,
  CREDIT_GRADES,
  CUSTOMER_KINDS,
  ENTERPRISE_SIZES,
  PROSPECT_SOURCES,
  REFERRAL_SOURCES,
} from '../../../../shared/codes';
import { yuanToFen } from '../../../../shared/money';
import { customerCreateSchema, idNumberProblem } from '../../../../shared/schemas/customer';
import { prospectCreateSchema, prospectPatchSchema } from '../../../../shared/schemas/prospect';
import type { Db, ProspectRow, ProspectTable } from '../../../db/database';
import { changedFields, writeAudit } from '../../../http/audit';
import { conflict } from '../../../http/errors';
import { loadProfile, type ScoredFields, scored } from '../../prospects/ideal-customer-profile';
import { prospectAuditView } from '../../prospects/prospects.presenter';
import * as prospects from '../../prospects/prospects.repository';
import { closesReferralCycle, type ReferralNode } from '../../prospects/referrals';
import { type BatchIssue, defineKind, type ImportColumn, type RowIssue } from '../kind';
import { staffDirectory } from './lookups';

// Prospects 潜在客户 (DOMAIN §4) from the bank's lists: leads bought or collected, referrals written
// down elsewhere. Natural key: the bank's own prospect code `code` (the API's own codes, P…, are
// accepted too). A new code adds a prospect at `sourced`, with its stage history and its fit under
// the current ideal-customer profile; a known code updates its facts and its fit, never its stage
// (the pipeline's entry rules are kept by the pipeline). A converted or merged prospect is history:
// a row that would change one is refused. The ID number, when given, is checked for the kind and may
// belong to no customer and no other prospect. Every prospect has an owner, an RM or team lead, as
// one created in the UI does. The referrer is at most one of: a customer's code, a prospect's code
// (stored, or an earlier row of the file), a key person's name; a referral source needs one, and a
// referrer whose chain of introducers leads back to the prospect is refused (no referral cycles).

const create = prospectCreateSchema.shape;
const patch = prospectPatchSchema.shape;
const code = customerCreateSchema.shape.code.unwrap();

const fields = z.object({
  code,
  kind: create.kind,
  name: create.name,
  idNumber: patch.idNumber,
  industry: patch.industry,
  size: patch.size,
  regionName: patch.regionName,
  regionCode: patch.regionCode,
  annualRevenue: patch.annualRevenue,
  financialAssets: patch.financialAssets,
  establishedOn: patch.establishedOn,
  creditGrade: patch.creditGrade,
  cooperation: patch.cooperation,
  contactName: patch.contactName,
  contactTitle: patch.contactTitle,
  phone: patch.phone,
  email: patch.email,
  source: create.source,
  sourceNote: patch.sourceNote,
  referrerCustomerCode: code.nullable().optional(),
  referrerProspectCode: code.nullable().optional(),
  referrerName: z.string().trim().max(100).nullable().optional(),
  owner: z.string().trim().min(1).max(64),
  notes: patch.notes,
});
export type ProspectImportRow = z.output<typeof fields>;
const f = fields.shape;

export const prospectColumns: readonly ImportColumn[] = [
  {
    field: 'code',
    name: 'code',
    zh: '潜在客户编号',
    aliases: ['潜在客户号', 'prospect_code'],
    required: true,
    type: 'code',
    schema: f.code,
    example: 'PC0001',
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
    aliases: ['名称', '潜在客户名称'],
    required: true,
    type: 'text',
    schema: f.name,
    example: '苏州恒达精密机械有限公司',
  },
  {
    field: 'idNumber',
    name: 'id_number',
    zh: '证件号码',
    aliases: ['证件号', '统一社会信用代码', '身份证号'],
    type: 'code',
    schema: f.idNumber,
    example: makeUscc(2),
  },
  { field: 'industry', name: 'industry', zh: '行业', type: 'code', schema: f.industry, example: 'C34' },
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
    example: '苏州市工业园区',
  },
  {
    field: 'regionCode',
    name: 'region_code',
    zh: '地区代码',
    type: 'code',
    schema: f.regionCode,
    example: '320571',
  },
  {
    field: 'annualRevenue',
    name: 'annual_revenue',
    zh: '年营业收入',
    type: 'amount',
    schema: f.annualRevenue,
    example: '30,000,000.00',
  },
  {
    field: 'financialAssets',
    name: 'financial_assets',
    zh: '金融资产',
    type: 'amount',
    schema: f.financialAssets,
    example: '',
  },
  {
    field: 'establishedOn',
    name: 'established_on',
    zh: '成立日期',
    type: 'date',
    schema: f.establishedOn,
    example: '2018-05-01',
  },
  {
    field: 'creditGrade',
    name: 'credit_grade',
    zh: '信用等级',
    type: 'enum',
    labels: CREDIT_GRADES.labels,
    schema: f.creditGrade,
    example: 'A',
  },
  {
    field: 'cooperation',
    name: 'cooperation',
    zh: '合作情况',
    aliases: ['银行合作情况'],
    type: 'enum',
    labels: COOPERATION_LEVELS.labels,
    schema: f.cooperation,
    example: { 'zh-CN': '与他行合作', en: 'other_banks' },
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
    field: 'contactTitle',
    name: 'contact_title',
    zh: '联系人职务',
    aliases: ['职务'],
    type: 'text',
    schema: f.contactTitle,
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
    field: 'source',
    name: 'source',
    zh: '来源',
    aliases: ['搜寻方式', '客户来源'],
    required: true,
    type: 'enum',
    labels: PROSPECT_SOURCES.labels,
    schema: f.source,
    example: { 'zh-CN': '关键中心人物介绍', en: 'key_person' },
  },
  {
    field: 'sourceNote',
    name: 'source_note',
    zh: '来源说明',
    type: 'text',
    schema: f.sourceNote,
    example: '园区管委会推荐',
  },
  {
    field: 'referrerCustomerCode',
    name: 'referrer_customer_code',
    zh: '介绍客户号',
    type: 'code',
    schema: f.referrerCustomerCode,
    example: '',
  },
  {
    field: 'referrerProspectCode',
    name: 'referrer_prospect_code',
    zh: '介绍潜在客户编号',
    type: 'code',
    schema: f.referrerProspectCode,
    example: '',
  },
  {
    field: 'referrerName',
    name: 'referrer_name',
    zh: '介绍人',
    type: 'text',
    schema: f.referrerName,
    example: '张主任',
  },
  {
    field: 'owner',
    name: 'owner',
    zh: '客户经理',
    required: true,
    type: 'text',
    schema: f.owner,
    example: 'rm1',
  },
  { field: 'notes', name: 'notes', zh: '备注', type: 'text', schema: f.notes, example: '' },
];

const REFERRER_FIELDS = ['referrerCustomerCode', 'referrerProspectCode', 'referrerName'] as const;

const fen = (yuan: number | null | undefined) => (yuan == null ? yuan : yuanToFen(yuan));

type Facts = Partial<Omit<ProspectRow, 'id'>>;

/** A referrer as a row names it, resolved. A prospect new in this file gets its id when written. */
type Referrer =
  | { kind: 'customer'; node: ReferralNode; name: string }
  | { kind: 'prospect'; node: ReferralNode; name: string; newCode: string | null }
  | { kind: 'person'; name: string };

function referrerColumns(r: Referrer | null): Facts {
  return {
    referrer_kind: r?.kind ?? null,
    referrer_customer_id: r?.kind === 'customer' ? r.node.id : null,
    referrer_contact_id: null,
    referrer_prospect_id: r?.kind === 'prospect' && r.newCode === null ? r.node.id : null,
    referrer_name: r?.name ?? null,
  };
}

/** The stored columns a row sets: only those whose columns the file has (the referrer's as one). */
function factsOf(v: ProspectImportRow, ownerId: number, referrer: Referrer | null | undefined): Facts {
  const set: Facts = {
    name: v.name,
    search_name: normalizeForSearch(v.name),
    source: v.source,
    owner_id: ownerId,
  };
  const optional: [keyof Facts, unknown][] = [
    ['id_number', v.idNumber],
    ['industry', v.industry],
    ['size', v.size],
    ['region_name', v.regionName],
    ['region_code', v.regionCode],
    ['annual_revenue', fen(v.annualRevenue)],
    ['financial_assets', fen(v.financialAssets)],
    ['established_on', v.establishedOn],
    ['credit_grade', v.creditGrade],
    ['cooperation', v.cooperation],
    ['contact_name', v.contactName],
    ['contact_title', v.contactTitle],
    ['phone', v.phone],
    ['email', v.email],
    ['source_note', v.sourceNote],
    ['notes', v.notes],
  ];
  for (const [column, value] of optional) {
    if (value !== undefined) (set as Record<string, unknown>)[column] = value;
  }
  return referrer === undefined ? set : { ...set, ...referrerColumns(referrer) };
}

const EMPTY = {
  id_number: null,
  industry: null,
  size: null,
  region_code: null,
  region_name: null,
  annual_revenue: null,
  financial_assets: null,
  established_on: null,
  credit_grade: null,
  cooperation: null,
  contact_name: null,
  contact_title: null,
  phone: null,
  email: null,
  source_note: null,
  referrer_kind: null,
  referrer_customer_id: null,
  referrer_contact_id: null,
  referrer_prospect_id: null,
  referrer_name: null,
  notes: null,
  owner_id: null,
  disqualify_reason: null,
  assessment_needs: null,
  assessment_wallet: null,
  assessment_risks: null,
  assessment_decision: null,
  assessed_by: null,
  assessed_at: null,
  customer_id: null,
  converted_at: null,
  merged_into_kind: null,
  merged_into_id: null,
} satisfies Facts;

interface Insert {
  code: string;
  row: Insertable<ProspectTable>;
  /** The code of a referrer that is new in this file, whose id is known once it is written. */
  referrerCode: string | null;
}

interface Update {
  before: ProspectRow;
  set: Facts;
  referrerCode: string | null;
}

export const prospectsKind = defineKind<ProspectImportRow>({
  code: 'prospects',
  columns: prospectColumns,
  key: ['code'],
  unique: ['idNumber'],
  check(row) {
    const issues: RowIssue[] = [];
    if (row.idNumber) {
      const problem = idNumberProblem(row.kind, row.idNumber);
      if (problem) issues.push({ field: 'idNumber', message: problem });
    }
    const named = REFERRER_FIELDS.filter((field) => row[field]);
    if (named.length > 1) {
      issues.push({
        field: named[1]!,
        message: 'give one referrer only: a customer’s code, a prospect’s code or a key person’s name',
      });
    }
    if (row.referrerProspectCode && row.referrerProspectCode === row.code) {
      issues.push({ field: 'referrerProspectCode', message: 'a prospect does not introduce itself' });
    }
    return issues;
  },
  start(ctx) {
    const owners = staffDirectory();
    let profile: Awaited<ReturnType<typeof loadProfile>> | undefined;
    /** Prospects of this file so far by code: new ones under an id of their own (-row), until written. */
    const filed = new Map<string, { node: ReferralNode; name: string; isNew: boolean }>();
    /** Who introduced the prospects whose referrer this file sets, by node id. */
    const introducedBy = new Map<number, ReferralNode[]>();
    /** Ids of the prospects this file added, once written. */
    const written = new Map<string, number>();
    const idOf = (referrerCode: string) => {
      const id = written.get(referrerCode);
      if (id === undefined) throw new Error(`prospect ${referrerCode} of the file was not written first`);
      return id;
    };

    return {
      async plan(db, rows) {
        profile ??= await loadProfile(db);
        const values = rows.map((r) => r.value);
        const stored = new Map(
          (
            await findByCodes(
              db,
              values.map((v) => v.code),
            )
          ).map((p) => [p.code, p]),
        );
        const customerRefs = await customersByCode(
          db,
          values.flatMap((v) => (v.referrerCustomerCode ? [v.referrerCustomerCode] : [])),
        );
        const prospectRefs = new Map(
          (
            await findByCodes(
              db,
              values.flatMap((v) => (v.referrerProspectCode ? [v.referrerProspectCode] : [])),
            )
          ).map((p) => [p.code, p]),
        );
        const holders = await idNumberHolders(
          db,
          values.flatMap((v) => (v.idNumber ? [v.idNumber] : [])),
        );
        await owners.load(
          db,
          values.map((v) => v.owner),
        );

        const issues: BatchIssue[] = [];
        const inserts: Insert[] = [];
        const updates: Update[] = [];
        let unchanged = 0;
        for (const { row, value: v } of rows) {
          const before = stored.get(v.code);
          const self: ReferralNode = { kind: 'prospect', id: before?.id ?? -row };
          filed.set(v.code, { node: self, name: v.name, isNew: !before });
          const problems: BatchIssue[] = [];
          const problem = (field: string, message: string) => problems.push({ row, field, message });

          if (before && before.kind !== v.kind) {
            problem('kind', `prospect ${v.code} is ${before.kind}; a prospect’s kind does not change`);
          }
          const owner = owners.get(v.owner)!;
          if (owner.problem) problem('owner', owner.problem);
          if (v.idNumber) {
            const customer = holders.customers.get(v.idNumber);
            if (customer && customer.id !== before?.customer_id) {
              problem('idNumber', `already belongs to customer ${customer.code}`);
            }
            const other = holders.prospects.get(v.idNumber)?.find((code) => code !== v.code);
            if (other !== undefined) problem('idNumber', `already belongs to prospect ${other}`);
          }

          // The referrer: undefined when the file has none of its columns (the stored one stays).
          let referrer: Referrer | null | undefined;
          if (REFERRER_FIELDS.some((field) => v[field] !== undefined)) {
            referrer = null;
            if (v.referrerCustomerCode) {
              const c = customerRefs.get(v.referrerCustomerCode);
              if (c) referrer = { kind: 'customer', node: { kind: 'customer', id: c.id }, name: c.name };
              else
                problem(
                  'referrerCustomerCode',
                  `no customer ${v.referrerCustomerCode} (import customers first)`,
                );
            } else if (v.referrerProspectCode) {
              const inFile =
                v.referrerProspectCode === v.code ? undefined : filed.get(v.referrerProspectCode);
              const p = prospectRefs.get(v.referrerProspectCode);
              if (inFile) {
                referrer = {
                  kind: 'prospect',
                  node: inFile.node,
                  name: inFile.name,
                  newCode: inFile.isNew ? v.referrerProspectCode : null,
                };
              } else if (p && p.merged_into_id !== null) {
                problem(
                  'referrerProspectCode',
                  `prospect ${p.code} was merged into another record as a duplicate; name that record instead`,
                );
              } else if (p) {
                referrer = {
                  kind: 'prospect',
                  node: { kind: 'prospect', id: p.id },
                  name: p.name,
                  newCode: null,
                };
              } else {
                problem(
                  'referrerProspectCode',
                  `no prospect ${v.referrerProspectCode}: the introducer must be stored or in an earlier row of this file`,
                );
              }
            } else if (v.referrerName) {
              referrer = { kind: 'person', name: v.referrerName };
            }
          }
          const referrerKind =
            referrer === undefined ? (before?.referrer_kind ?? null) : (referrer?.kind ?? null);
          const referrerFailed = problems.some((p) =>
            (REFERRER_FIELDS as readonly string[]).includes(p.field),
          );
          if (REFERRAL_SOURCES.includes(v.source) && referrerKind === null && !referrerFailed) {
            problem(
              'source',
              'a referral needs its referrer: fill referrer_customer_code, referrer_prospect_code or referrer_name',
            );
          }
          if (problems.length === 0 && referrer && referrer.kind !== 'person') {
            const cycle = await closesReferralCycle(
              db,
              { prospectId: self.id, customerId: before?.customer_id ?? null },
              referrer.node,
              (id) => introducedBy.get(id),
            );
            if (cycle) {
              problem(
                referrer.kind === 'customer' ? 'referrerCustomerCode' : 'referrerProspectCode',
                `would make a referral cycle: ${referrer.kind} ${
                  referrer.kind === 'customer' ? v.referrerCustomerCode : v.referrerProspectCode
                } was itself introduced, directly or through others, by ${v.code}`,
              );
            }
          }
          if (problems.length > 0) {
            issues.push(...problems);
            continue;
          }

          const set = factsOf(v, owner.id!, referrer);
          const referrerCode = referrer?.kind === 'prospect' ? referrer.newCode : null;
          if (!before) {
            const facts: Insertable<ProspectTable> = {
              ...EMPTY,
              ...set,
              code: v.code,
              kind: v.kind,
              name: v.name,
              search_name: normalizeForSearch(v.name),
              source: v.source,
              status: 'sourced',
              stage_entered_at: ctx.audit.at,
              created_by: ctx.viewer.id,
              version: 1,
              created_at: ctx.audit.at,
              updated_at: ctx.audit.at,
            };
            const fit = scored(facts as ScoredFields, profile);
            inserts.push({ code: v.code, row: { ...facts, ...fit }, referrerCode });
            introducedBy.set(self.id, referrer && referrer.kind !== 'person' ? [referrer.node] : []);
            continue;
          }
          const changed: Facts = {};
          for (const [column, value] of Object.entries(set)) {
            if ((before as Record<string, unknown>)[column] !== value) {
              (changed as Record<string, unknown>)[column] = value;
            }
          }
          if (referrerCode !== null) changed.referrer_prospect_id = null; // resolved when written
          if (Object.keys(changed).length === 0 && referrerCode === null) {
            unchanged += 1;
            continue;
          }
          if (before.customer_id !== null || before.merged_into_id !== null) {
            issues.push({
              row,
              field: 'code',
              message:
                before.customer_id !== null
                  ? `prospect ${v.code} is already a customer; change the customer instead`
                  : `prospect ${v.code} was merged into another record as a duplicate; it no longer changes`,
            });
            continue;
          }
          if (referrer !== undefined) {
            introducedBy.set(self.id, referrer && referrer.kind !== 'person' ? [referrer.node] : []);
          }
          updates.push({
            before,
            set: { ...changed, ...scored({ ...before, ...changed }, profile) },
            referrerCode,
          });
        }

        return {
          issues,
          inserted: inserts.length,
          updated: updates.length,
          unchanged,
          async write(trx) {
            // Row by row, in the file's order: a prospect may be introduced by one an earlier row added.
            for (const insert of inserts) {
              const row = insert.referrerCode
                ? { ...insert.row, referrer_prospect_id: idOf(insert.referrerCode) }
                : insert.row;
              const id = await prospects.insertProspect(trx, row);
              written.set(insert.code, id);
              await prospects.insertHistory(trx, {
                prospect_id: id,
                from_status: null,
                to_status: 'sourced',
                note: ctx.reason,
                changed_by: ctx.viewer.id,
                changed_at: ctx.audit.at,
              });
            }
            for (const u of updates) {
              const set = u.referrerCode ? { ...u.set, referrer_prospect_id: idOf(u.referrerCode) } : u.set;
              if (
                !(await prospects.updateProspect(trx, u.before.id, u.before.version, {
                  ...set,
                  updated_at: ctx.audit.at,
                }))
              )
                throw conflict('A prospect in the file was changed by someone else meanwhile; import again');
              const diff = changedFields(
                prospectAuditView(u.before),
                prospectAuditView({ ...u.before, ...set } as ProspectRow),
              );
              await writeAudit(trx, ctx.audit, {
                action: 'update',
                entity: 'prospect',
                entityId: u.before.id,
                before: diff.before,
                after: diff.after,
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
  if (codes.length === 0) return Promise.resolve([] as ProspectRow[]);
  return db
    .selectFrom('prospects')
    .selectAll()
    .where('code', 'in', [...new Set(codes)])
    .execute();
}

async function customersByCode(db: Db, codes: string[]) {
  if (codes.length === 0) return new Map<string, { id: number; name: string }>();
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'code', 'name'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((c) => [c.code, c]));
}

/** The customers and the open prospects (not merged, not converted) holding these ID numbers. */
async function idNumberHolders(db: Db, idNumbers: string[]) {
  const customers = new Map<string, { id: number; code: string }>();
  const prospectCodes = new Map<string, string[]>();
  if (idNumbers.length === 0) return { customers, prospects: prospectCodes };
  const [c, p] = await Promise.all([
    db
      .selectFrom('customers')
      .select(['id', 'code', 'id_number'])
      .where('id_number', 'in', idNumbers)
      .execute(),
    db
      .selectFrom('prospects')
      .select(['code', 'id_number'])
      .where('id_number', 'in', idNumbers)
      .where('merged_into_id', 'is', null)
      .where('customer_id', 'is', null)
      .execute(),
  ]);
  for (const row of c) customers.set(row.id_number, row);
  for (const row of p)
    prospectCodes.set(row.id_number!, [...(prospectCodes.get(row.id_number!) ?? []), row.code]);
  return { customers, prospects: prospectCodes };
}
