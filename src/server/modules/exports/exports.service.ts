import {
  type CodeLabel,
  CUSTOMER_KINDS,
  CUSTOMER_TIERS,
  LIFECYCLE_STAGES,
  LOAN_CLASSES,
  NEED_TAGS,
  VALUE_TIERS,
} from '../../../shared/codes';
import { bankDate } from '../../../shared/schemas/common';
import type { CustomerSummary } from '../../../shared/schemas/customer';
import type { CustomerExportQuery, FileLang } from '../../../shared/schemas/import';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { auditContext, writeAudit } from '../../http/audit';
import { presentSummary } from '../customers/customers.presenter';
import * as repo from './exports.repository';
import { type CellValue, CONTENT_TYPES, tableStream } from './table-file';

// Any list a user can see exports to Excel (issue #4 part 6): the same scope, filters and masking as
// the list (DOMAIN §1, §9), streamed in batches however many rows match, and audited.

const BATCH = 1000;

type Label = (lang: FileLang) => (code: string | null) => string | null;
const labelled =
  (labels: Record<string, CodeLabel>): Label =>
  (lang) =>
  (code) =>
    code === null ? null : (labels[code]?.[lang === 'en' ? 'en' : 'zh'] ?? code);

/** The columns of a customer export, headed as the import templates are where they share a column. */
const COLUMNS: { zh: string; en: string; value: (c: CustomerSummary, lang: FileLang) => CellValue }[] = [
  { zh: '客户号', en: 'code', value: (c) => c.code },
  { zh: '客户名称', en: 'name', value: (c) => c.name },
  { zh: '客户类型', en: 'kind', value: (c, l) => labelled(CUSTOMER_KINDS.labels)(l)(c.kind) },
  { zh: '客户层级', en: 'tier', value: (c, l) => labelled(CUSTOMER_TIERS.labels)(l)(c.tier) },
  {
    zh: '生命周期阶段',
    en: 'lifecycle_stage',
    value: (c, l) => labelled(LIFECYCLE_STAGES.labels)(l)(c.lifecycleStage),
  },
  { zh: '价值等级', en: 'value_tier', value: (c, l) => labelled(VALUE_TIERS.labels)(l)(c.valueTier) },
  { zh: '既成价值', en: 'realized_value', value: (c) => c.realizedValue },
  { zh: '潜在价值', en: 'potential_value', value: (c) => c.potentialValue },
  { zh: '模型价值', en: 'model_value', value: (c) => c.modelValue },
  { zh: '行业', en: 'industry', value: (c) => c.industry },
  { zh: '地区', en: 'region', value: (c) => c.regionName },
  { zh: '信用等级', en: 'credit_grade', value: (c) => c.creditGrade },
  { zh: '五级分类', en: 'loan_class', value: (c, l) => labelled(LOAN_CLASSES.labels)(l)(c.loanClass) },
  {
    zh: '需求标签',
    en: 'need_tags',
    value: (c, l) => c.needTags.map((t) => labelled(NEED_TAGS.labels)(l)(t)).join(';'),
  },
  { zh: '客户经理', en: 'owner', value: (c) => c.ownerName },
  { zh: '证件号码', en: 'id_number', value: (c) => c.idNumber },
  { zh: '电话', en: 'phone', value: (c) => c.phone },
  { zh: '更新时间', en: 'updated_at', value: (c) => c.updatedAt },
];

const FILTERS = [
  'q',
  'kind',
  'tier',
  'lifecycleStage',
  'valueTier',
  'industry',
  'ownerId',
  'needTag',
  'creditGrade',
  'loanClass',
] as const;

export async function exportCustomers(
  deps: AppDeps,
  viewer: Viewer,
  query: CustomerExportQuery,
  ip: string | null,
) {
  const ctx = auditContext(deps, viewer, ip);
  const filters = Object.fromEntries(FILTERS.flatMap((f) => (query[f] === undefined ? [] : [[f, query[f]]])));
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, ctx, {
      action: 'export',
      entity: 'customer',
      after: { format: query.format, lang: query.lang, filters, sort: query.sort, order: query.order },
    }),
  );
  const lang = query.lang;
  async function* batches() {
    let after: repo.Cursor | null = null;
    for (;;) {
      const rows = await repo.customersBatch(deps.db, viewer, query, after, BATCH);
      if (rows.length === 0) return;
      yield rows.map((row) => {
        const customer = presentSummary(row);
        return COLUMNS.map((c) => c.value(customer, lang));
      });
      if (rows.length < BATCH) return;
      const last = rows[rows.length - 1]!;
      after = { value: last.sort_value, id: last.id };
    }
  }
  const day = bankDate(deps.clock()).replaceAll('-', '');
  return {
    contentType: CONTENT_TYPES[query.format],
    fileName: `${lang === 'en' ? 'customers' : '客户'}-${day}.${query.format}`,
    stream: tableStream(
      query.format,
      lang === 'en' ? 'customers' : '客户',
      COLUMNS.map((c) => (lang === 'en' ? c.en : c.zh)),
      batches(),
    ),
  };
}
