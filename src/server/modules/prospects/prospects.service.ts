import { randomInt } from 'node:crypto';
import type { Updateable } from 'kysely';
import { normalizeForSearch } from '../../../domain/name-search';
import { checkMove, type ProspectStatus, type StageFacts } from '../../../domain/pipeline';
import {
  type CustomerKind,
  PROSPECT_STATUSES,
  type ProspectStatusCode,
  REFERRAL_SOURCES,
} from '../../../shared/codes';
import { fenToYuan, yuanToFen } from '../../../shared/money';
import { idNumberProblem } from '../../../shared/schemas/customer';
import type {
  AssessmentInput,
  BoardQuery,
  ConvertInput,
  MergeInput,
  MoveVerdictDto,
  ProspectCreate,
  ProspectDetail,
  ProspectListQuery,
  ProspectMove,
  ProspectPatch,
  TacticInput,
} from '../../../shared/schemas/prospect';
import type { Db, ProspectTable } from '../../db/database';
import type { AppDeps } from '../../deps';
import { canWorkProspects, type Viewer } from '../../http/access';
import { type AuditContext, auditContext, changedFields, writeAudit } from '../../http/audit';
import { AppError, forbidden, invalidField, notFound, staleVersion } from '../../http/errors';
import { checkAssignable, insertNewCustomer } from '../customers/customers.service';
import { duplicateIdNumber, findDuplicates } from './duplicates';
import { loadProfile, scored } from './ideal-customer-profile';
import { presentFit, presentIdentity, presentSummary, prospectAuditView } from './prospects.presenter';
import type { ProspectWithOwner } from './prospects.repository';
import * as repo from './prospects.repository';
import {
  assertNoCycle,
  type ReferralNode,
  type ReferrerColumns,
  referrerColumns,
  referrerOf,
} from './referrals';

// Developing new customers (DOMAIN §4): prospects, their fit with the ideal-customer profile, the
// pipeline's entry rules (src/domain/pipeline.ts), the conversion into a customer that keeps the
// whole approach, and duplicates with their merge.

const fen = (yuan: number | null | undefined) => (yuan == null ? yuan : yuanToFen(yuan));
const yuan = (f: number | null) => (f === null ? null : fenToYuan(f));

// ---------------------------------------------------------------------------------------------------
// Access

/** The prospect, or 404 both when it does not exist and when the viewer may not see it. */
export async function requireVisibleProspect(db: Db, viewer: Viewer, id: number) {
  const row = await repo.findVisibleProspect(db, viewer, id);
  if (!row) throw notFound('Prospect');
  return row;
}

/** A prospect the viewer may work on: visible (else 404), and the viewer develops customers (else 403). */
export async function requireWorkableProspect(db: Db, viewer: Viewer, id: number) {
  const row = await requireVisibleProspect(db, viewer, id);
  if (!canWorkProspects(viewer))
    throw forbidden('Prospects are worked by relationship managers and their team leads');
  return row;
}

/** …and still open: a converted or merged prospect is history. */
export async function requireOpenProspect(db: Db, viewer: Viewer, id: number) {
  const row = await requireWorkableProspect(db, viewer, id);
  if (row.merged_into_id !== null)
    throw new AppError('prospect_closed', 409, 'This prospect was merged into another record as a duplicate');
  if (row.customer_id !== null)
    throw new AppError('prospect_closed', 409, 'This prospect is already a customer; work on the customer');
  return row;
}

// ---------------------------------------------------------------------------------------------------
// Reading

export async function listProspects(deps: AppDeps, viewer: Viewer, query: ProspectListQuery) {
  const { rows, total } = await repo.listProspects(deps.db, viewer, query);
  return { items: rows.map(presentSummary), total, page: query.page, pageSize: query.pageSize };
}

export async function board(deps: AppDeps, viewer: Viewer, query: BoardQuery) {
  const { counts, columns } = await repo.board(deps.db, viewer, query, PROSPECT_STATUSES.codes);
  return {
    columns: PROSPECT_STATUSES.codes.map((status, i) => ({
      status,
      total: Number(counts.find((c) => c.status === status)?.n ?? 0),
      items: columns[i]!.map(presentSummary),
    })),
  };
}

function stageFacts(
  row: ProspectWithOwner,
  counts: { interactions: number; visitPlans: number },
): StageFacts {
  return {
    fitScore: row.fit_score,
    restricted: row.fit_restricted === 1,
    assessment:
      row.assessed_at === null
        ? null
        : {
            needs: row.assessment_needs ?? '',
            wallet: yuan(row.assessment_wallet),
            risks: row.assessment_risks ?? '',
            decision: row.assessment_decision as 'pursue' | 'drop' | null,
          },
    hasVisitPlan: counts.visitPlans > 0,
    hasContact: counts.interactions > 0,
    established: row.customer_id !== null,
  };
}

/** Whether the prospect may move to a status now (the conversion stands for `established`). */
function verdict(row: ProspectWithOwner, facts: StageFacts, to: ProspectStatusCode): MoveVerdictDto {
  const closed = (zh: string, en: string): MoveVerdictDto => ({
    ok: false,
    code: 'not_allowed',
    stage: null,
    reason: { zh, en },
  });
  if (row.merged_into_id !== null)
    return closed('重复记录已合并', 'merged into another record as a duplicate');
  if (row.customer_id !== null && to !== 'established' && to !== 'product_followup')
    return closed(
      '已转为客户，不再回到开发阶段',
      'already a customer: it does not go back into the pipeline',
    );
  if (to === 'established' && row.customer_id === null && row.status !== 'disqualified') {
    // Reached by converting: every stage passed needs its data, and the conversion supplies the last.
    const v = checkMove(row.status as ProspectStatus, to, { ...facts, established: true });
    return v.ok ? { ok: true, code: null, stage: null, reason: null } : dto(v);
  }
  return dto(checkMove(row.status as ProspectStatus, to, facts));
}

function dto(v: ReturnType<typeof checkMove>): MoveVerdictDto {
  if (v.ok) return { ok: true, code: null, stage: null, reason: null };
  return { ok: false, code: v.code, stage: v.code === 'missing_data' ? v.stage : null, reason: v.reason };
}

export async function getProspect(deps: AppDeps, viewer: Viewer, id: number): Promise<ProspectDetail> {
  return detail(deps.db, viewer, await requireVisibleProspect(deps.db, viewer, id));
}

async function detail(db: Db, viewer: Viewer, row: ProspectWithOwner): Promise<ProspectDetail> {
  const [counts, history, tactics, referrer, customer] = await Promise.all([
    repo.factsOf(db, row.id),
    repo.listHistory(db, row.id),
    repo.listTactics(db, viewer, row.id),
    referrerOf(db, viewer, row),
    row.customer_id !== null && (await repo.isCustomerVisible(db, viewer, row.customer_id))
      ? repo.findCustomerRef(db, row.customer_id)
      : undefined,
  ]);
  const facts = stageFacts(row, counts);
  const workable = canWorkProspects(viewer);
  return {
    ...presentSummary(row),
    ...presentIdentity(row),
    size: row.size as ProspectDetail['size'],
    regionCode: row.region_code,
    annualRevenue: yuan(row.annual_revenue),
    financialAssets: yuan(row.financial_assets),
    establishedOn: row.established_on,
    creditGrade: row.credit_grade as ProspectDetail['creditGrade'],
    cooperation: row.cooperation as ProspectDetail['cooperation'],
    contactName: row.contact_name,
    contactTitle: row.contact_title,
    sourceNote: row.source_note,
    referrer,
    notes: row.notes,
    disqualifyReason: row.disqualify_reason as ProspectDetail['disqualifyReason'],
    fit: presentFit(row),
    assessment:
      row.assessed_at === null
        ? null
        : {
            needs: row.assessment_needs ?? '',
            wallet: yuan(row.assessment_wallet),
            risks: row.assessment_risks ?? '',
            decision: row.assessment_decision as 'pursue' | 'drop' | null,
            assessedAt: row.assessed_at,
            assessedBy:
              row.assessed_by === null
                ? null
                : { id: row.assessed_by, name: await userName(db, row.assessed_by) },
          },
    history: history.map((h) => ({
      from: h.from_status as ProspectStatusCode | null,
      to: h.to_status as ProspectStatusCode,
      reason: h.reason as ProspectDetail['disqualifyReason'],
      note: h.note,
      at: h.changed_at,
      by: h.changed_by === null ? null : { id: h.changed_by, name: h.changed_by_name ?? '' },
    })),
    tactics: tactics.map((t) => ({
      id: t.id,
      kind: t.kind as ProspectDetail['tactics'][number]['kind'],
      note: t.note,
      colleagues: JSON.parse(t.colleagues_json) as { name: string; department: string }[],
      relatedCustomer:
        t.related_customer_id !== null && t.related_code !== null
          ? { id: t.related_customer_id, code: t.related_code, name: t.related_name ?? '' }
          : null,
      relation: t.relation as ProspectDetail['tactics'][number]['relation'],
      createdAt: t.created_at,
      createdBy: t.created_by === null ? null : { id: t.created_by, name: t.created_by_name ?? '' },
    })),
    counts,
    customer: customer ?? null,
    mergedInto: await mergedInto(db, viewer, row),
    moves: Object.fromEntries(
      PROSPECT_STATUSES.codes.map((s) => [s, verdict(row, facts, s)]),
    ) as ProspectDetail['moves'],
    permissions: {
      edit: workable && row.customer_id === null && row.merged_into_id === null,
      convert: workable && verdict(row, facts, 'established').ok,
    },
    createdAt: row.created_at,
  };
}

/** Where a merged duplicate went, named when the viewer may see it. */
async function mergedInto(
  db: Db,
  viewer: Viewer,
  row: ProspectWithOwner,
): Promise<ProspectDetail['mergedInto']> {
  if (row.merged_into_kind === null || row.merged_into_id === null) return null;
  const kind = row.merged_into_kind as 'prospect' | 'customer';
  const id = row.merged_into_id;
  const visible =
    kind === 'customer'
      ? await repo.isCustomerVisible(db, viewer, id)
      : await repo.isProspectVisible(db, viewer, id);
  const ref = !visible
    ? undefined
    : kind === 'customer'
      ? await repo.findCustomerRef(db, id)
      : await repo.findProspectRef(db, id);
  return { kind, id, name: ref?.name ?? null };
}

async function userName(db: Db, id: number) {
  const row = await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
  return row?.display_name ?? '';
}

// ---------------------------------------------------------------------------------------------------
// Writing

export async function listDuplicates(deps: AppDeps, viewer: Viewer, id: number) {
  const row = await requireVisibleProspect(deps.db, viewer, id);
  const items = await findDuplicates(
    deps.db,
    viewer,
    { name: row.name, idNumber: row.id_number, regionCode: row.region_code },
    row.id,
  );
  return { items };
}

async function newProspectCode(db: Db, at: string): Promise<string> {
  const day = at.slice(0, 10).replaceAll('-', '');
  for (;;) {
    const code = `P${day}${String(randomInt(1_000_000)).padStart(6, '0')}`;
    if (!(await repo.findProspectIdByCode(db, code))) return code;
  }
}

export async function createProspect(
  deps: AppDeps,
  viewer: Viewer,
  input: ProspectCreate,
  ip: string | null,
): Promise<ProspectDetail> {
  if (!canWorkProspects(viewer))
    throw forbidden('Prospects are worked by relationship managers and their team leads');
  const ownerId = input.ownerId ?? viewer.id;
  await checkAssignable(deps.db, viewer, ownerId, 'ownerId');
  const duplicates = await findDuplicates(
    deps.db,
    viewer,
    { name: input.name, idNumber: input.idNumber ?? null, regionCode: input.regionCode ?? null },
    null,
  );
  if (duplicates.some((d) => d.match === 'id_number')) throw duplicateIdNumber(duplicates);
  if (duplicates.length > 0 && !input.acknowledgeDuplicates) {
    throw new AppError(
      'possible_duplicate',
      409,
      'Prospects or customers with a very similar name exist in this region; send acknowledgeDuplicates: true to create it anyway',
      [{ path: 'body.name', message: 'is very similar to a customer or prospect of the same region' }],
      undefined,
      { duplicates },
    );
  }
  const referrer = await referrerColumns(deps.db, viewer, input.referrer, null);
  const ctx = auditContext(deps, viewer, ip);
  const profile = await loadProfile(deps.db);
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = {
      code: await newProspectCode(trx, ctx.at),
      kind: input.kind,
      name: input.name,
      search_name: normalizeForSearch(input.name),
      id_number: input.idNumber ?? null,
      industry: input.industry ?? null,
      size: input.size ?? null,
      region_code: input.regionCode ?? null,
      region_name: input.regionName ?? null,
      annual_revenue: fen(input.annualRevenue) ?? null,
      financial_assets: fen(input.financialAssets) ?? null,
      established_on: input.establishedOn ?? null,
      credit_grade: input.creditGrade ?? null,
      cooperation: input.cooperation ?? null,
      contact_name: input.contactName ?? null,
      contact_title: input.contactTitle ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      source: input.source,
      source_note: input.sourceNote ?? null,
      ...referrer,
      notes: input.notes ?? null,
      owner_id: ownerId,
      status: 'sourced',
      stage_entered_at: ctx.at,
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
      created_by: viewer.id,
      version: 1,
      created_at: ctx.at,
      updated_at: ctx.at,
    };
    const fit = scored(row, profile);
    const id = await repo.insertProspect(trx, { ...row, ...fit });
    await repo.insertHistory(trx, {
      prospect_id: id,
      from_status: null,
      to_status: 'sourced',
      changed_by: viewer.id,
      changed_at: ctx.at,
    });
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'prospect',
      entityId: id,
      after: prospectAuditView(row),
    });
    return id;
  });
  return getProspect(deps, viewer, id);
}

/** Writes a change under the version read, with its audit entry, and answers the prospect as it is now. */
async function writeChange(
  deps: AppDeps,
  viewer: Viewer,
  ctx: AuditContext,
  current: ProspectWithOwner,
  version: number,
  set: Omit<Updateable<ProspectTable>, 'id' | 'version'>,
  audit: { action: string; reason?: string | null },
  more?: (trx: Db) => Promise<void>,
) {
  if (version !== current.version) throw staleVersion();
  const before = prospectAuditView(current);
  const diff = changedFields(before, prospectAuditView({ ...current, ...set } as ProspectWithOwner));
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updateProspect(trx, current.id, version, { ...set, updated_at: ctx.at })))
      throw staleVersion();
    await more?.(trx);
    await writeAudit(trx, ctx, {
      action: audit.action,
      entity: 'prospect',
      entityId: current.id,
      before: diff.before,
      after: diff.after,
      reason: audit.reason ?? null,
    });
  });
  return getProspect(deps, viewer, current.id);
}

export async function updateProspect(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  patch: ProspectPatch,
  ip: string | null,
): Promise<ProspectDetail> {
  const current = await requireOpenProspect(deps.db, viewer, id);
  const { version, referrer, ownerId, ...c } = patch;
  if (version !== current.version) throw staleVersion();
  if (ownerId !== undefined && ownerId !== current.owner_id)
    await checkAssignable(deps.db, viewer, ownerId, 'ownerId');
  if (c.idNumber) {
    const problem = idNumberProblem(current.kind as CustomerKind, c.idNumber);
    if (problem) throw invalidField('idNumber', problem);
    const same = await findDuplicates(
      deps.db,
      viewer,
      { name: '', idNumber: c.idNumber, regionCode: null },
      id,
    );
    if (same.length > 0) throw duplicateIdNumber(same);
  }
  const source = c.source ?? current.source;
  const referrerSet: Partial<ReferrerColumns> =
    referrer === undefined
      ? {}
      : await referrerColumns(deps.db, viewer, referrer, { id, customerId: current.customer_id });
  const resultingKind = referrer === undefined ? current.referrer_kind : (referrerSet.referrer_kind ?? null);
  if (REFERRAL_SOURCES.includes(source as (typeof REFERRAL_SOURCES)[number]) && resultingKind === null)
    throw invalidField('referrer', 'a referral needs the referrer');
  const set = {
    ...(c.name !== undefined ? { name: c.name, search_name: normalizeForSearch(c.name) } : {}),
    id_number: c.idNumber,
    industry: c.industry,
    size: c.size,
    region_code: c.regionCode,
    region_name: c.regionName,
    annual_revenue: c.annualRevenue === undefined ? undefined : fen(c.annualRevenue),
    financial_assets: c.financialAssets === undefined ? undefined : fen(c.financialAssets),
    established_on: c.establishedOn,
    credit_grade: c.creditGrade,
    cooperation: c.cooperation,
    contact_name: c.contactName,
    contact_title: c.contactTitle,
    phone: c.phone,
    email: c.email,
    source: c.source,
    source_note: c.sourceNote,
    notes: c.notes,
    owner_id: ownerId,
    ...referrerSet,
  };
  const defined = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) as Partial<
    Omit<ProspectWithOwner, 'id'>
  >;
  const next = { ...current, ...defined };
  const fit = scored(next, await loadProfile(deps.db));
  return writeChange(
    deps,
    viewer,
    auditContext(deps, viewer, ip),
    current,
    version,
    { ...defined, ...fit },
    {
      action: 'update',
    },
  );
}

function stageRuleError(v: MoveVerdictDto) {
  const reason = v.reason ?? { zh: '不允许', en: 'not allowed' };
  return new AppError(
    'stage_rule',
    400,
    `body.to: ${reason.en}`,
    [{ path: 'body.to', message: reason.en }],
    undefined,
    { stage: v.stage, reason },
  );
}

export async function moveProspect(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: ProspectMove,
  ip: string | null,
): Promise<ProspectDetail> {
  const current = await requireWorkableProspect(deps.db, viewer, id);
  if (input.version !== current.version) throw staleVersion();
  const counts = await repo.factsOf(deps.db, id);
  const v = verdict(current, stageFacts(current, counts), input.to);
  if (!v.ok) throw stageRuleError(v);
  const ctx = auditContext(deps, viewer, ip);
  const reason = input.to === 'disqualified' ? (input.reason ?? null) : null;
  return writeChange(
    deps,
    viewer,
    ctx,
    current,
    input.version,
    { status: input.to, stage_entered_at: ctx.at, disqualify_reason: reason },
    { action: 'move', reason: input.note ?? null },
    (trx) =>
      repo.insertHistory(trx, {
        prospect_id: id,
        from_status: current.status,
        to_status: input.to,
        reason,
        note: input.note ?? null,
        changed_by: viewer.id,
        changed_at: ctx.at,
      }),
  );
}

export async function assessProspect(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: AssessmentInput,
  ip: string | null,
): Promise<ProspectDetail> {
  const current = await requireOpenProspect(deps.db, viewer, id);
  const ctx = auditContext(deps, viewer, ip);
  return writeChange(
    deps,
    viewer,
    ctx,
    current,
    input.version,
    {
      assessment_needs: input.needs,
      assessment_wallet: input.wallet === null ? null : fen(input.wallet),
      assessment_risks: input.risks,
      assessment_decision: input.decision,
      assessed_by: viewer.id,
      assessed_at: ctx.at,
    },
    { action: 'assess' },
  );
}

export async function addTactic(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: TacticInput,
  ip: string | null,
): Promise<ProspectDetail> {
  const current = await requireOpenProspect(deps.db, viewer, id);
  const related = input.kind === 'indirect_expansion' ? (input.relatedCustomerId ?? null) : null;
  if (related !== null && !(await repo.isCustomerVisible(deps.db, viewer, related)))
    throw invalidField('relatedCustomerId', 'is not a customer you can see');
  const ctx = auditContext(deps, viewer, ip);
  const row = {
    prospect_id: current.id,
    kind: input.kind,
    note: input.note,
    colleagues_json: JSON.stringify(input.kind === 'linked_marketing' ? input.colleagues : []),
    related_customer_id: related,
    relation: related !== null ? (input.relation ?? null) : null,
    created_by: viewer.id,
    created_at: ctx.at,
  };
  await deps.db.transaction().execute(async (trx) => {
    const tacticId = await repo.insertTactic(trx, row);
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'prospect_tactic',
      entityId: tacticId,
      after: { prospectId: row.prospect_id, kind: row.kind, note: row.note, relatedCustomerId: related },
    });
  });
  return getProspect(deps, viewer, id);
}

export async function convertProspect(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: ConvertInput,
  ip: string | null,
): Promise<{ customerId: number; prospect: ProspectDetail }> {
  const current = await requireOpenProspect(deps.db, viewer, id);
  if (input.version !== current.version) throw staleVersion();
  const idNumber = input.idNumber ?? current.id_number;
  if (!idNumber) throw invalidField('idNumber', 'a customer needs its ID number: give it to convert');
  const problem = idNumberProblem(current.kind as CustomerKind, idNumber);
  if (problem) throw invalidField('idNumber', problem);
  const same = await findDuplicates(deps.db, viewer, { name: '', idNumber, regionCode: null }, id);
  if (same.some((d) => d.kind === 'customer')) {
    throw new AppError(
      'duplicate',
      409,
      'This prospect is already a customer (same ID number): merge it into that customer instead',
      [{ path: 'body.idNumber', message: 'already belongs to a customer' }],
      undefined,
      { duplicates: same },
    );
  }
  const counts = await repo.factsOf(deps.db, id);
  const v = verdict(current, stageFacts(current, counts), 'established');
  if (!v.ok) throw stageRuleError(v);

  const ctx = auditContext(deps, viewer, ip);
  const ownerId = current.owner_id ?? viewer.id;
  const customerId = await deps.db.transaction().execute(async (trx) => {
    const customerId = await insertNewCustomer(
      trx,
      ctx,
      {
        code: input.code,
        kind: current.kind as CustomerKind,
        name: current.name,
        idNumber,
        industry: current.industry,
        size: current.size as never,
        regionCode: current.region_code,
        regionName: current.region_name,
        tier: input.tier,
        needTags: [],
        creditGrade: current.credit_grade as never,
        loanClass: null,
        foreignTrade: false,
        phone: current.phone,
        email: current.email,
        annualRevenue: yuan(current.annual_revenue),
        financialAssets: yuan(current.financial_assets),
        establishedOn: current.established_on,
      },
      ownerId,
      { stage: 'development', reason: `converted from prospect ${current.code}` },
    );
    if (current.kind === 'corporate' && current.contact_name) {
      await trx
        .insertInto('contacts')
        .values({
          customer_id: customerId,
          name: current.contact_name,
          role: 'decision_maker',
          title: current.contact_title,
          phone: null,
          email: null,
          birthday: null,
          preferences: null,
          notes: null,
          version: 1,
          created_at: ctx.at,
          updated_at: ctx.at,
        })
        .execute();
    }
    await repo.repointSubject(trx, id, { customerId });
    const introducer = await introducingCustomer(trx, current);
    if (introducer !== null) {
      await trx
        .insertInto('customer_links')
        .values({
          from_customer_id: introducer,
          to_customer_id: customerId,
          kind: 'referral',
          note: `prospect ${current.code}`,
          created_at: ctx.at,
          created_by: viewer.id,
        })
        .execute();
    }
    const set = {
      status: 'established',
      stage_entered_at: ctx.at,
      customer_id: customerId,
      converted_at: ctx.at,
      id_number: idNumber,
    };
    // Last, under the version read: a concurrent change rolls the whole conversion back.
    if (!(await repo.updateProspect(trx, id, input.version, { ...set, updated_at: ctx.at })))
      throw staleVersion();
    await repo.insertHistory(trx, {
      prospect_id: id,
      from_status: current.status,
      to_status: 'established',
      changed_by: viewer.id,
      changed_at: ctx.at,
    });
    const diff = changedFields(prospectAuditView(current), prospectAuditView({ ...current, ...set }));
    await writeAudit(trx, ctx, {
      action: 'convert',
      entity: 'prospect',
      entityId: id,
      customerId,
      before: diff.before,
      after: diff.after,
    });
    return customerId;
  });
  return { customerId, prospect: await getProspect(deps, viewer, id) };
}

/** The customer whose referral link the new customer gets: the referrer, its company, or what it became. */
async function introducingCustomer(db: Db, p: ProspectWithOwner): Promise<number | null> {
  if (p.referrer_kind === 'customer') return p.referrer_customer_id;
  if (p.referrer_kind === 'contact' && p.referrer_contact_id !== null)
    return (await repo.findContactRef(db, p.referrer_contact_id))?.customer_id ?? null;
  if (p.referrer_kind === 'prospect' && p.referrer_prospect_id !== null)
    return (await repo.findProspectRef(db, p.referrer_prospect_id))?.customer_id ?? null;
  return null;
}

export async function mergeProspect(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: MergeInput,
  ip: string | null,
): Promise<ProspectDetail> {
  const current = await requireOpenProspect(deps.db, viewer, id);
  if (input.version !== current.version) throw staleVersion();
  const { kind, id: targetId } = input.into;
  if (kind === 'prospect') {
    if (targetId === id) throw invalidField('into.id', 'a prospect is not merged into itself');
    const target = await repo.findVisibleProspect(deps.db, viewer, targetId);
    if (!target || target.merged_into_id !== null)
      throw invalidField('into.id', 'is not an open prospect you can see');
  } else if (!(await repo.isCustomerVisible(deps.db, viewer, targetId))) {
    throw invalidField('into.id', 'is not a customer you can see');
  }
  const ctx = auditContext(deps, viewer, ip);
  return writeChange(
    deps,
    viewer,
    ctx,
    current,
    input.version,
    {
      status: 'disqualified',
      stage_entered_at: ctx.at,
      disqualify_reason: 'duplicate',
      merged_into_kind: kind,
      merged_into_id: targetId,
    },
    { action: 'merge' },
    async (trx) => {
      await repo.repointSubject(
        trx,
        id,
        kind === 'customer' ? { customerId: targetId } : { prospectId: targetId },
      );
      await repo.repointReferrals(trx, id, input.into);
      if (kind === 'prospect') {
        await trx
          .updateTable('prospect_tactics')
          .set({ prospect_id: targetId })
          .where('prospect_id', '=', id)
          .execute();
        const target = await repo.findProspectRef(trx, targetId);
        if (target?.referrer_kind === 'prospect' || target?.referrer_kind === 'customer') {
          const up: ReferralNode =
            target.referrer_kind === 'prospect'
              ? { kind: 'prospect', id: target.referrer_prospect_id! }
              : { kind: 'customer', id: target.referrer_customer_id! };
          await assertNoCycle(trx, targetId, target.customer_id, up);
        }
      }
      await repo.insertHistory(trx, {
        prospect_id: id,
        from_status: current.status,
        to_status: 'disqualified',
        reason: 'duplicate',
        changed_by: viewer.id,
        changed_at: ctx.at,
      });
    },
  );
}
