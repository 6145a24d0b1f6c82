import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import {
  type IpaQuadrant,
  type ItemScore,
  importancePerformance,
  summarizeScores,
  weightedSatisfaction,
} from '../../../domain/satisfaction';
import { SURVEY_STEPS, type SurveyResponseSource, type SurveyStep } from '../../../shared/codes';
import { bankDate } from '../../../shared/schemas/common';
import {
  type SurveyDefinition,
  type SurveyResults,
  type surveyActionCreateSchema,
  type surveyAnswersSchema,
  type surveyCampaignAdvanceSchema,
  type surveyCampaignCreateSchema,
  type surveyCampaignListQuery,
  surveyDefinitionSchema,
  type surveyLinkCreateSchema,
  type surveyResponseCreateSchema,
  type surveyTemplateCreateSchema,
  type surveyTemplatePatchSchema,
} from '../../../shared/schemas/survey';
import type { Task } from '../../../shared/schemas/task';
import type { Db } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { type AuditContext, auditContext, changedFields, writeAudit } from '../../http/audit';
import { AppError, type FieldError, invalidField, notFound, staleVersion } from '../../http/errors';
import { markDirty } from '../customer-value/customer-value.repository';
import { requireVisibleCustomer } from '../customers/customers.service';
import { CONTENT_TYPES } from '../exports/table-file';
import { getTask, insertTask, requireAssignee } from '../tasks/tasks.service';
import { surveyReportWorkbook } from './survey-report';
import {
  type PublicSurvey,
  parseDefinition,
  presentCampaign,
  presentPublicSurvey,
  presentTarget,
  presentTemplate,
  type SurveyTarget,
  templateAuditView,
} from './surveys.presenter';
import * as repo from './surveys.repository';

// Satisfaction surveys 满意度调查 (DOMAIN §5, issue #8 parts 1–2): templates of weighted items in
// weighted dimensions; campaigns that draw a sample of a segment and go plan → fieldwork → analysis →
// report → follow-up, one step at a time; responses entered by the RM or by the customer through a
// one-time link; results (perceived ÷ expected) per item, dimension, customer and segment, with the
// importance–performance chart; follow-up actions become tasks (#5).

export type TemplateCreate = z.output<typeof surveyTemplateCreateSchema>;
export type TemplatePatch = z.output<typeof surveyTemplatePatchSchema>;
export type CampaignCreate = z.output<typeof surveyCampaignCreateSchema>;
export type CampaignAdvance = z.output<typeof surveyCampaignAdvanceSchema>;
export type CampaignListQuery = z.output<typeof surveyCampaignListQuery>;
export type ResponseCreate = z.output<typeof surveyResponseCreateSchema>;
export type AnswersInput = z.output<typeof surveyAnswersSchema>;
export type LinkCreate = z.output<typeof surveyLinkCreateSchema>;
export type ActionCreate = z.output<typeof surveyActionCreateSchema>;

const DAY_MS = 86_400_000;
/** tasks.notes is varchar(2000). */
const TASK_NOTES_MAX = 2000;

/** A campaign in the wrong step for what was asked, or a response that already exists. */
const stateConflict = (code: string, message: string) => new AppError(code, 409, message);
const alreadyResponded = () =>
  stateConflict('already_responded', 'This customer has already answered this survey');

// ---------------------------------------------------------------------------------------------------
// Templates

export async function listTemplates(deps: AppDeps) {
  return { items: (await repo.listTemplates(deps.db)).map(presentTemplate) };
}

export async function getTemplate(deps: AppDeps, id: number) {
  const row = await repo.findTemplate(deps.db, id);
  if (!row) throw notFound('Survey template');
  return presentTemplate(row);
}

export async function createTemplate(
  deps: AppDeps,
  viewer: Viewer,
  input: TemplateCreate,
  ip: string | null,
) {
  const ctx = auditContext(deps, viewer, ip);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertTemplate(trx, {
      name: input.name,
      description: input.description ?? null,
      definition_json: JSON.stringify(input.definition),
      version: 1,
      created_by: viewer.id,
      created_at: ctx.at,
      updated_at: ctx.at,
    });
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'survey_template',
      entityId: id,
      after: templateAuditView({ ...input, description: input.description ?? null }),
    });
    return id;
  });
  return getTemplate(deps, id);
}

/** Campaigns keep their own copy of the definition: editing a template never changes them. */
export async function updateTemplate(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  patch: TemplatePatch,
  ip: string | null,
) {
  const current = await repo.findTemplate(deps.db, id);
  if (!current) throw notFound('Survey template');
  const { version, ...changes } = patch;
  if (version !== current.version) throw staleVersion();
  const diff = changedFields(
    templateAuditView({ ...current, definition: parseDefinition(current.definition_json) }),
    changes,
  );
  if (!diff.changed) return presentTemplate(current);
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateTemplate(trx, id, version, {
      name: changes.name,
      description: changes.description,
      definition_json: changes.definition === undefined ? undefined : JSON.stringify(changes.definition),
      updated_at: ctx.at,
    });
    if (!ok) throw staleVersion();
    await writeAudit(trx, ctx, {
      action: 'update',
      entity: 'survey_template',
      entityId: id,
      before: diff.before,
      after: diff.after,
    });
  });
  return getTemplate(deps, id);
}

// ---------------------------------------------------------------------------------------------------
// Campaigns

async function requireCampaign(deps: AppDeps, viewer: Viewer, id: number) {
  const row = await repo.findVisibleCampaign(deps.db, viewer, id);
  if (!row) throw notFound('Survey campaign');
  return row;
}

export async function listCampaigns(deps: AppDeps, viewer: Viewer, query: CampaignListQuery) {
  const { rows, total } = await repo.listCampaigns(deps.db, viewer, query);
  const ids = rows.map((r) => r.id);
  const [steps, counts] = await Promise.all([
    repo.listSteps(deps.db, ids),
    repo.countsOf(deps.db, viewer, ids),
  ]);
  return { items: rows.map((r) => presentCampaign(r, steps, counts.get(r.id))), total };
}

/**
 * Anyone who may see one of its targets, and every team lead, risk officer and admin. Counts are of
 * the targets and responses the viewer may see.
 */
export async function getCampaign(deps: AppDeps, viewer: Viewer, id: number) {
  const row = await requireCampaign(deps, viewer, id);
  const [steps, counts] = await Promise.all([
    repo.listSteps(deps.db, [id]),
    repo.countsOf(deps.db, viewer, [id]),
  ]);
  return presentCampaign(row, steps, counts.get(id));
}

/** Creates the campaign in step `plan` with its copy of the template and draws its sample at once. */
export async function createCampaign(
  deps: AppDeps,
  viewer: Viewer,
  input: CampaignCreate,
  ip: string | null,
) {
  const template = await repo.findTemplate(deps.db, input.templateId);
  if (!template) throw invalidField('templateId', 'is not a survey template');
  const parsed = surveyDefinitionSchema.safeParse(JSON.parse(template.definition_json));
  if (!parsed.success)
    throw invalidField('templateId', 'has a definition that is not valid; edit the template');
  const known = await repo.existingBranchIds(deps.db, input.segment.branchIds);
  const unknown = input.segment.branchIds.findIndex((b) => !known.has(b));
  if (unknown >= 0) throw invalidField(`segment.branchIds.${unknown}`, 'is not a branch');

  const ctx = auditContext(deps, viewer, ip);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertCampaign(trx, {
      name: input.name,
      description: input.description ?? null,
      template_id: template.id,
      template_json: JSON.stringify(parsed.data),
      step: 'plan',
      segment_json: JSON.stringify(input.segment),
      sample_size: input.sampleSize,
      link_days: input.linkDays,
      version: 1,
      created_by: viewer.id,
      created_at: ctx.at,
      updated_at: ctx.at,
    });
    await repo.insertStep(trx, {
      campaign_id: id,
      step: 'plan',
      note: null,
      changed_by: viewer.id,
      changed_at: ctx.at,
    });
    const drawn = await repo.drawSample(trx, viewer, id, input.segment, input.sampleSize);
    // A campaign nobody can answer is a mistake in the segment: refuse it, and write nothing.
    if (drawn === 0) throw invalidField('segment', 'no customer you may see matches this segment');
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'survey_campaign',
      entityId: id,
      after: {
        name: input.name,
        description: input.description ?? null,
        templateId: template.id,
        templateVersion: template.version,
        segment: input.segment,
        sampleSize: input.sampleSize,
        linkDays: input.linkDays,
        targets: drawn,
      },
    });
    return id;
  });
  return getCampaign(deps, viewer, id);
}

/** The step after `step`, or null after the last one. */
export function nextStep(step: SurveyStep): SurveyStep | null {
  return SURVEY_STEPS.codes[SURVEY_STEPS.codes.indexOf(step) + 1] ?? null;
}

/** One step forward only (DOMAIN §5): plan → fieldwork → analysis → report → follow_up. */
export async function advanceCampaign(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: CampaignAdvance,
  ip: string | null,
) {
  const current = await requireCampaign(deps, viewer, id);
  if (input.version !== current.version) throw staleVersion();
  const from = current.step as SurveyStep;
  const next = nextStep(from);
  if (input.step !== next) {
    const message =
      next === null
        ? `the campaign is at its last step (${from}) and cannot move on`
        : `the campaign is at ${from}: the next step is ${next}, one step at a time`;
    throw new AppError('step_skipped', 400, `body.step: ${message}`, [{ path: 'body.step', message }]);
  }
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.updateCampaignStep(trx, id, input.version, next, ctx.at))) throw staleVersion();
    await repo.insertStep(trx, {
      campaign_id: id,
      step: next,
      note: input.note ?? null,
      changed_by: viewer.id,
      changed_at: ctx.at,
    });
    await writeAudit(trx, ctx, {
      action: 'advance',
      entity: 'survey_campaign',
      entityId: id,
      before: { step: from },
      after: { step: next, note: input.note ?? null },
    });
  });
  return getCampaign(deps, viewer, id);
}

export async function listTargets(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  query: { page: number; pageSize: number },
) {
  await requireCampaign(deps, viewer, id);
  const { rows, total } = await repo.listTargets(deps.db, viewer, id, query.page, query.pageSize);
  return { items: rows.map(presentTarget), total };
}

async function requireTarget(db: Db, viewer: Viewer, campaignId: number, customerId: number) {
  const target = await repo.findVisibleTarget(db, viewer, campaignId, customerId);
  // Not a target, or a customer the viewer may not see: the same answer (DOMAIN §1).
  if (!target) throw notFound('Customer');
  return target;
}

// ---------------------------------------------------------------------------------------------------
// Responses

/**
 * Every item of the definition answered exactly once, each open question at most once. Scores 1–7 are
 * checked by the schema already. All problems are named at once.
 */
export function checkAnswers(definition: SurveyDefinition, input: AnswersInput) {
  const fields: FieldError[] = [];
  const items = new Set(definition.items.map((i) => i.key));
  const answered = new Set<string>();
  input.answers.forEach((a, i) => {
    if (!items.has(a.item))
      fields.push({ path: `body.answers.${i}.item`, message: 'is not an item of this survey' });
    else if (answered.has(a.item))
      fields.push({ path: `body.answers.${i}.item`, message: 'is answered twice' });
    answered.add(a.item);
  });
  const missing = definition.items.filter((i) => !answered.has(i.key)).map((i) => i.key);
  if (missing.length > 0)
    fields.push({ path: 'body.answers', message: `must answer every item; missing: ${missing.join(', ')}` });
  const questions = new Set(definition.questions.map((q) => q.key));
  const said = new Set<string>();
  input.texts.forEach((t, i) => {
    if (!questions.has(t.question))
      fields.push({ path: `body.texts.${i}.question`, message: 'is not a question of this survey' });
    else if (said.has(t.question))
      fields.push({ path: `body.texts.${i}.question`, message: 'is answered twice' });
    said.add(t.question);
  });
  if (fields.length > 0)
    throw new AppError(
      'validation_failed',
      400,
      fields.map((f) => `${f.path}: ${f.message}`).join('; '),
      fields,
    );
}

const answerRows = (input: AnswersInput) => ({
  answers: input.answers.map((a) => ({ item_key: a.item, expected: a.expected, perceived: a.perceived })),
  texts: input.texts.map((t) => ({ question_key: t.question, text: t.text })),
});

/** Writes the response, its answers and texts and the audit entry in the caller's transaction. */
async function recordResponse(
  trx: Db,
  ctx: AuditContext,
  response: {
    campaignId: number;
    customerId: number;
    source: SurveyResponseSource;
    channel: string | null;
    enteredBy: number | null;
    linkId: number | null;
  },
  input: AnswersInput,
) {
  const { answers, texts } = answerRows(input);
  let id: number;
  try {
    id = await repo.insertResponse(
      trx,
      {
        campaign_id: response.campaignId,
        customer_id: response.customerId,
        source: response.source,
        channel: response.channel,
        entered_by: response.enteredBy,
        link_id: response.linkId,
        submitted_at: ctx.at,
      },
      answers,
      texts,
    );
  } catch (err) {
    // Two answers for one customer at once (the RM and the link): the unique key keeps one.
    if (repo.isUniqueViolation(err)) throw alreadyResponded();
    throw err;
  }
  await writeAudit(trx, ctx, {
    action: 'create',
    entity: 'survey_response',
    entityId: id,
    customerId: response.customerId,
    after: {
      campaignId: response.campaignId,
      source: response.source,
      channel: response.channel,
      linkId: response.linkId,
      answers: input.answers,
      texts: input.texts,
    },
  });
  // Answers to the loyalty items score the customer's loyalty at the next value run (issue #8).
  await markDirty(trx, [response.customerId], ctx.at);
  return id;
}

/** An RM (or lead, admin) enters a customer's answers, during fieldwork only. */
export async function enterResponse(
  deps: AppDeps,
  viewer: Viewer,
  campaignId: number,
  input: ResponseCreate,
  ip: string | null,
): Promise<SurveyTarget> {
  const campaign = await requireCampaign(deps, viewer, campaignId);
  const target = await requireTarget(deps.db, viewer, campaignId, input.customerId);
  if (campaign.step !== 'fieldwork')
    throw stateConflict(
      'campaign_not_in_fieldwork',
      `Responses are entered during fieldwork; the campaign is at ${campaign.step}`,
    );
  checkAnswers(parseDefinition(campaign.template_json), input);
  if (target.response_id !== null) throw alreadyResponded();
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute((trx) =>
    recordResponse(
      trx,
      ctx,
      {
        campaignId,
        customerId: input.customerId,
        source: 'rm',
        channel: input.channel,
        enteredBy: viewer.id,
        linkId: null,
      },
      input,
    ),
  );
  return presentTarget(await requireTarget(deps.db, viewer, campaignId, input.customerId));
}

// ---------------------------------------------------------------------------------------------------
// One-time links

const TOKEN_BYTES = 24;
/** 24 random bytes in base64url: 32 characters. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{32}$/;
const sha256Hex = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A link the customer opens on their phone, valid linkDays days, during plan or fieldwork. Only the
 * token's hash is kept; the token is answered once. A new link for the same customer ends the earlier
 * unused ones (they answer link_expired), so at most one link of a customer works at a time.
 */
export async function createLink(
  deps: AppDeps,
  viewer: Viewer,
  campaignId: number,
  input: LinkCreate,
  ip: string | null,
) {
  const campaign = await requireCampaign(deps, viewer, campaignId);
  const target = await requireTarget(deps.db, viewer, campaignId, input.customerId);
  if (campaign.step !== 'plan' && campaign.step !== 'fieldwork')
    throw stateConflict(
      'campaign_closed',
      `Links are sent during plan or fieldwork; the campaign is at ${campaign.step}`,
    );
  if (target.response_id !== null) throw alreadyResponded();
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const ctx = auditContext(deps, viewer, ip);
  const expiresAt = new Date(Date.parse(ctx.at) + campaign.link_days * DAY_MS).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const replaced = await repo.expireOpenLinks(trx, campaignId, input.customerId, ctx.at);
    const id = await repo.insertLink(trx, {
      campaign_id: campaignId,
      customer_id: input.customerId,
      token_hash: sha256Hex(token),
      expires_at: expiresAt,
      used_at: null,
      created_by: viewer.id,
      created_at: ctx.at,
    });
    // Never the token nor its hash: the audit log is not a way in.
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'survey_link',
      entityId: id,
      customerId: input.customerId,
      after: { campaignId, expiresAt, replaced },
    });
  });
  return { token, path: `/s/${token}`, expiresAt };
}

/**
 * The link of a token, if it may be answered now. Every answer depends on this token alone: a
 * malformed token and an unknown one both answer 404, and nothing tells whether any other exists.
 */
async function openLink(db: Db, token: string, now: string) {
  const link = TOKEN_FORMAT.test(token) ? await repo.findLinkByHash(db, sha256Hex(token)) : undefined;
  if (!link) throw notFound('Survey');
  if (link.used_at !== null) throw new AppError('link_used', 410, 'This survey link has already been used');
  if (link.expires_at <= now) throw new AppError('link_expired', 410, 'This survey link has expired');
  if (link.step === 'plan') throw stateConflict('campaign_not_open', 'This survey is not open yet');
  if (link.step !== 'fieldwork') throw stateConflict('campaign_closed', 'This survey is closed');
  if (await repo.hasResponded(db, link.campaign_id, link.customer_id)) throw alreadyResponded();
  return link;
}

export async function getPublicSurvey(deps: AppDeps, token: string): Promise<PublicSurvey> {
  return presentPublicSurvey(await openLink(deps.db, token, deps.clock().toISOString()));
}

/** The customer's answers through the link: recorded and the link used up, in one transaction. */
export async function submitPublicSurvey(
  deps: AppDeps,
  token: string,
  input: AnswersInput,
  ip: string | null,
) {
  const at = deps.clock().toISOString();
  const link = await openLink(deps.db, token, at);
  checkAnswers(parseDefinition(link.template_json), input);
  const ctx: AuditContext = { actor: null, at, ip };
  await deps.db.transaction().execute(async (trx) => {
    // The conditional update is the lock: of two submissions with one token, one wins.
    if (!(await repo.useLink(trx, link.id, at))) {
      const again = await repo.findLinkByHash(trx, sha256Hex(token));
      if (again?.used_at != null)
        throw new AppError('link_used', 410, 'This survey link has already been used');
      throw new AppError('link_expired', 410, 'This survey link has expired');
    }
    if ((await repo.campaignStep(trx, link.campaign_id)) !== 'fieldwork')
      throw stateConflict('campaign_closed', 'This survey is closed');
    await recordResponse(
      trx,
      ctx,
      {
        campaignId: link.campaign_id,
        customerId: link.customer_id,
        source: 'link',
        channel: null,
        enteredBy: null,
        linkId: link.id,
      },
      input,
    );
  });
  return { submittedAt: at };
}

// ---------------------------------------------------------------------------------------------------
// Results

interface Scored {
  n: number;
  expected: number | null;
  perceived: number | null;
  satisfaction: number | null;
  gap: number | null;
}
const NONE: Scored = { n: 0, expected: null, perceived: null, satisfaction: null, gap: null };

/** The weighted mean of the parts that have a value (for the mean scores of a dimension). */
function weightedMean(parts: { weight: number; value: number | null }[]) {
  let w = 0;
  let s = 0;
  for (const p of parts) {
    if (p.value === null) continue;
    w += p.weight;
    s += p.weight * p.value;
  }
  return w === 0 ? null : s / w;
}

/**
 * A set of answers scored against the definition: each item Σ perceived ÷ Σ expected, each dimension
 * the item-weighted mean of its items (mean scores likewise), overall the dimension-weighted mean
 * (DOMAIN §5, domain/satisfaction.ts). Parts without answers drop out.
 */
export function scoreAnswers(
  definition: SurveyDefinition,
  answers: readonly (ItemScore & { item: string })[],
) {
  const byItem = new Map<string, ItemScore[]>();
  for (const a of answers) byItem.set(a.item, [...(byItem.get(a.item) ?? []), a]);
  const items = definition.items.map((item) => {
    const s = summarizeScores(byItem.get(item.key) ?? []);
    return { item, scored: s ?? NONE };
  });
  const dimensions = definition.dimensions.map((dimension) => {
    const own = items.filter((i) => i.item.dimension === dimension.key);
    const w = weightedSatisfaction(
      own.map((i) => ({ weight: i.item.weight, satisfaction: i.scored.satisfaction, gap: i.scored.gap })),
    );
    const scored: Scored = {
      n: own.reduce((a, i) => a + i.scored.n, 0),
      expected: weightedMean(own.map((i) => ({ weight: i.item.weight, value: i.scored.expected }))),
      perceived: weightedMean(own.map((i) => ({ weight: i.item.weight, value: i.scored.perceived }))),
      satisfaction: w?.satisfaction ?? null,
      gap: w?.gap ?? null,
    };
    return { dimension, scored };
  });
  const overall = weightedSatisfaction(
    dimensions.map((d) => ({
      weight: d.dimension.weight,
      satisfaction: d.scored.satisfaction,
      gap: d.scored.gap,
    })),
  );
  return { items, dimensions, overall: overall ?? { satisfaction: null, gap: null } };
}

type Segment<K extends string | null> = { key: K; responses: number; satisfaction: number | null };

/** The results of the customers the viewer may see: an RM their own, a lead the team's, others all. */
export async function campaignResults(deps: AppDeps, viewer: Viewer, id: number): Promise<SurveyResults> {
  const campaign = await requireCampaign(deps, viewer, id);
  const definition = parseDefinition(campaign.template_json);
  const [responses, answerRowsRead, texts, counts] = await Promise.all([
    repo.responsesForResults(deps.db, viewer, id),
    repo.answersForResults(deps.db, viewer, id),
    repo.textsForResults(deps.db, viewer, id),
    repo.countsOf(deps.db, viewer, [id]),
  ]);
  const answersOf = new Map<number, (ItemScore & { item: string })[]>();
  for (const a of answerRowsRead) {
    const list = answersOf.get(a.response_id) ?? [];
    list.push({ item: a.item_key, expected: a.expected, perceived: a.perceived });
    answersOf.set(a.response_id, list);
  }
  const all = scoreAnswers(definition, [...answersOf.values()].flat());
  const ipa = importancePerformance(
    all.items
      .filter((i) => i.scored.n > 0)
      .map((i) => ({ key: i.item.key, expected: i.scored.expected!, perceived: i.scored.perceived! })),
  );

  /** Responses grouped by a key, each group scored over its pooled answers. */
  function segmentBy<K extends string | null>(keyOf: (r: repo.ResultResponseRow) => K): Segment<K>[] {
    const groups = new Map<K, repo.ResultResponseRow[]>();
    for (const r of responses) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
    return [...groups.entries()]
      .map(([key, rows]) => ({
        key,
        responses: rows.length,
        satisfaction: scoreAnswers(
          definition,
          rows.flatMap((r) => answersOf.get(r.id) ?? []),
        ).overall.satisfaction,
      }))
      .sort((a, b) => (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff'));
  }
  const branchNames = new Map(responses.map((r) => [r.branch_id, r.branch_name]));

  const targets = counts.get(id)?.targets ?? 0;
  return {
    campaignId: id,
    targets,
    responses: responses.length,
    responseRate: targets === 0 ? null : responses.length / targets,
    overall: all.overall,
    dimensions: all.dimensions.map((d) => ({
      key: d.dimension.key,
      name: d.dimension.name,
      weight: d.dimension.weight,
      ...d.scored,
    })),
    items: all.items.map((i) => ({
      key: i.item.key,
      dimension: i.item.dimension,
      text: i.item.text,
      weight: i.item.weight,
      ...i.scored,
      quadrant: (ipa.quadrants as Record<string, IpaQuadrant>)[i.item.key] ?? null,
    })),
    ipa: { importanceMean: ipa.importanceMean, performanceMean: ipa.performanceMean },
    segments: {
      valueTier: segmentBy((r) => r.value_tier),
      lifecycleStage: segmentBy((r) => r.lifecycle_stage),
      kind: segmentBy((r) => r.kind),
      branch: segmentBy((r) => (r.branch_id === null ? null : String(r.branch_id))).map((s) => ({
        ...s,
        name: (s.key === null ? null : branchNames.get(Number(s.key))) ?? '—',
      })),
    },
    customers: responses.map((r) => {
      const scored = scoreAnswers(definition, answersOf.get(r.id) ?? []).overall;
      return {
        customer: { id: r.customer_id, code: r.customer_code, name: r.customer_name },
        source: r.source as SurveyResponseSource,
        submittedAt: r.submitted_at,
        satisfaction: scored.satisfaction,
        gap: scored.gap,
      };
    }),
    texts: definition.questions.map((q) => ({
      question: q.key,
      text: q.text,
      answers: texts.filter((t) => t.question_key === q.key).map((t) => t.text),
    })),
  };
}

/** The results as a workbook; the download is audited, as every export is. */
export async function campaignReport(deps: AppDeps, viewer: Viewer, id: number, ip: string | null) {
  const campaign = await getCampaign(deps, viewer, id);
  const results = await campaignResults(deps, viewer, id);
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, ctx, {
      action: 'export',
      entity: 'survey_campaign',
      entityId: id,
      after: { format: 'xlsx', responses: results.responses },
    }),
  );
  const day = bankDate(deps.clock()).replaceAll('-', '');
  return {
    contentType: CONTENT_TYPES.xlsx,
    fileName: `满意度调查报告-${id}-${day}.xlsx`,
    buffer: await surveyReportWorkbook(campaign, results, ctx.at),
  };
}

// ---------------------------------------------------------------------------------------------------
// Follow-up actions

/** A follow-up action of the last step becomes a task (#5) for the assignee, source `survey`. */
export async function createAction(
  deps: AppDeps,
  viewer: Viewer,
  id: number,
  input: ActionCreate,
  ip: string | null,
): Promise<Task> {
  const campaign = await requireCampaign(deps, viewer, id);
  if (campaign.step !== 'follow_up')
    throw stateConflict(
      'campaign_not_in_follow_up',
      `Follow-up actions are set in the follow-up step; the campaign is at ${campaign.step}`,
    );
  await requireAssignee(deps.db, viewer, input.assigneeId, 'assigneeId');
  if (input.customerId !== undefined) await requireVisibleCustomer(deps.db, viewer, input.customerId);
  if (input.dueOn < bankDate(deps.clock())) throw invalidField('dueOn', 'must not be in the past');
  const ctx = auditContext(deps, viewer, ip);
  const taskId = await deps.db.transaction().execute(async (trx) => {
    const taskId = await insertTask(trx, ctx, viewer.id, {
      ownerId: input.assigneeId,
      title: input.title,
      // The task names its campaign, so whoever does it knows where it came from.
      notes: [`满意度调查「${campaign.name}」`, input.note]
        .filter(Boolean)
        .join('\n')
        .slice(0, TASK_NOTES_MAX),
      dueOn: input.dueOn,
      source: 'survey',
      customerId: input.customerId ?? null,
      planId: null,
    });
    await writeAudit(trx, ctx, {
      action: 'follow_up_action',
      entity: 'survey_campaign',
      entityId: id,
      customerId: input.customerId ?? null,
      after: { taskId, title: input.title, assigneeId: input.assigneeId, dueOn: input.dueOn },
    });
    return taskId;
  });
  return getTask(deps, viewer, taskId);
}
