import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { SurveyStep } from '../../../shared/codes';
import type { SurveySegment } from '../../../shared/schemas/survey';
import type {
  DB,
  Db,
  SurveyAnswerTable,
  SurveyCampaignTable,
  SurveyLinkTable,
  SurveyResponseTable,
  SurveyTemplateTable,
  SurveyTextTable,
} from '../../db/database';
import { pageOf } from '../../db/paging';
import { customerVisibleTo, type Viewer } from '../../http/access';

// All Kysely code of satisfaction surveys (DOMAIN §5). Campaigns are bank-wide records; what a viewer
// sees of their targets, responses and answers is narrowed to the customers they may see
// (customerVisibleTo), so every count and result here is "of the customers the viewer may see".

// ---- templates

const templates = (db: Db) =>
  db
    .selectFrom('survey_templates')
    .leftJoin('users as creator', 'creator.id', 'survey_templates.created_by')
    .selectAll('survey_templates')
    .select((eb) => [
      'creator.display_name as created_by_name',
      eb
        .selectFrom('survey_campaigns')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('survey_campaigns.template_id', '=', 'survey_templates.id')
        .as('campaigns'),
    ]);

export type TemplateRow = NonNullable<Awaited<ReturnType<typeof findTemplate>>>;

export function listTemplates(db: Db) {
  return templates(db).orderBy('survey_templates.name').orderBy('survey_templates.id').execute();
}

export function findTemplate(db: Db, id: number) {
  return templates(db).where('survey_templates.id', '=', id).executeTakeFirst();
}

export async function insertTemplate(db: Db, row: Insertable<SurveyTemplateTable>) {
  const { id } = await db
    .insertInto('survey_templates')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Updates when the version still matches; answers whether it did. */
export async function updateTemplate(
  db: Db,
  id: number,
  expectedVersion: number,
  set: Omit<Updateable<SurveyTemplateTable>, 'id' | 'version'>,
) {
  const result = await db
    .updateTable('survey_templates')
    .set({ ...set, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- campaigns

const campaigns = (db: Db) =>
  db
    .selectFrom('survey_campaigns')
    .innerJoin('survey_templates', 'survey_templates.id', 'survey_campaigns.template_id')
    .leftJoin('users as creator', 'creator.id', 'survey_campaigns.created_by')
    .selectAll('survey_campaigns')
    .select(['survey_templates.name as template_name', 'creator.display_name as created_by_name']);

export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

/** Whether the viewer may see at least one of the campaign's targets, as a condition on the campaign. */
function hasVisibleTarget(viewer: Viewer) {
  return (eb: ExpressionBuilder<DB, 'survey_campaigns'>) =>
    eb.exists(
      eb
        .selectFrom('survey_targets')
        .innerJoin('customers', 'customers.id', 'survey_targets.customer_id')
        .select('survey_targets.campaign_id')
        .whereRef('survey_targets.campaign_id', '=', 'survey_campaigns.id')
        .where(customerVisibleTo(viewer)),
    );
}

/** Team leads, risk officers and admins oversee every campaign; an RM sees those with a customer of theirs. */
const seesAllCampaigns = (viewer: Viewer) => viewer.role !== 'rm';

export function findCampaign(db: Db, id: number) {
  return campaigns(db).where('survey_campaigns.id', '=', id).executeTakeFirst();
}

export function findVisibleCampaign(db: Db, viewer: Viewer, id: number) {
  let q = campaigns(db).where('survey_campaigns.id', '=', id);
  if (!seesAllCampaigns(viewer)) q = q.where(hasVisibleTarget(viewer));
  return q.executeTakeFirst();
}

export function listCampaigns(
  db: Db,
  viewer: Viewer,
  query: { step?: SurveyStep | undefined; page: number; pageSize: number },
) {
  let q = campaigns(db);
  if (query.step) q = q.where('survey_campaigns.step', '=', query.step);
  if (!seesAllCampaigns(viewer)) q = q.where(hasVisibleTarget(viewer));
  return pageOf(
    q,
    (x) => x.orderBy('survey_campaigns.created_at', 'desc').orderBy('survey_campaigns.id', 'desc'),
    query.page,
    query.pageSize,
  );
}

export async function insertCampaign(db: Db, row: Insertable<SurveyCampaignTable>) {
  const { id } = await db
    .insertInto('survey_campaigns')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Moves the campaign to `step` when the version still matches; answers whether it did. */
export async function updateCampaignStep(
  db: Db,
  id: number,
  expectedVersion: number,
  step: SurveyStep,
  at: string,
) {
  const result = await db
    .updateTable('survey_campaigns')
    .set({ step, updated_at: at, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertStep(
  db: Db,
  row: {
    campaign_id: number;
    step: SurveyStep;
    note: string | null;
    changed_by: number | null;
    changed_at: string;
  },
) {
  await db.insertInto('survey_campaign_steps').values(row).execute();
}

export function listSteps(db: Db, campaignIds: number[]) {
  if (campaignIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('survey_campaign_steps')
    .leftJoin('users', 'users.id', 'survey_campaign_steps.changed_by')
    .selectAll('survey_campaign_steps')
    .select('users.display_name as changed_by_name')
    .where('survey_campaign_steps.campaign_id', 'in', campaignIds)
    .orderBy('survey_campaign_steps.id')
    .execute();
}

export type StepRow = Awaited<ReturnType<typeof listSteps>>[number];

/** The ids of the branches that exist among `ids`. */
export async function existingBranchIds(db: Db, ids: number[]) {
  if (ids.length === 0) return new Set<number>();
  const rows = await db.selectFrom('branches').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Draws the sample: up to `size` customers of the segment the viewer may see, in random order, stored
 * as the campaign's targets in one INSERT … SELECT. An empty list in the segment means "any". The
 * branch is the branch of the owner's team. Answers how many were drawn.
 */
export async function drawSample(
  db: Db,
  viewer: Viewer,
  campaignId: number,
  segment: SurveySegment,
  size: number,
) {
  let pool = db
    .selectFrom('customers')
    .select((eb) => [
      eb.cast<number>(eb.val(campaignId), 'integer').as('campaign_id'),
      'customers.id as customer_id',
    ])
    .where(customerVisibleTo(viewer));
  if (segment.valueTiers.length > 0) pool = pool.where('customers.value_tier', 'in', segment.valueTiers);
  if (segment.lifecycleStages.length > 0)
    pool = pool.where('customers.lifecycle_stage', 'in', segment.lifecycleStages);
  if (segment.kinds.length > 0) pool = pool.where('customers.kind', 'in', segment.kinds);
  if (segment.branchIds.length > 0) {
    pool = pool.where('customers.owner_id', 'in', (eb) =>
      eb
        .selectFrom('users')
        .innerJoin('teams', 'teams.id', 'users.team_id')
        .select('users.id')
        .where('teams.branch_id', 'in', segment.branchIds),
    );
  }
  await db
    .insertInto('survey_targets')
    .columns(['campaign_id', 'customer_id'])
    .expression(pool.orderBy(sql`random()`).limit(size))
    .execute();
  const { n } = await db
    .selectFrom('survey_targets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Targets and responses of each campaign among the customers the viewer may see. */
export async function countsOf(db: Db, viewer: Viewer, campaignIds: number[]) {
  const counts = new Map<number, { targets: number; responses: number }>();
  if (campaignIds.length === 0) return counts;
  const rows = await db
    .selectFrom('survey_targets')
    .innerJoin('customers', 'customers.id', 'survey_targets.customer_id')
    .leftJoin('survey_responses', (join) =>
      join
        .onRef('survey_responses.campaign_id', '=', 'survey_targets.campaign_id')
        .onRef('survey_responses.customer_id', '=', 'survey_targets.customer_id'),
    )
    .select((eb) => [
      'survey_targets.campaign_id',
      eb.fn.countAll<number>().as('targets'),
      eb.fn.count<number>('survey_responses.id').as('responses'),
    ])
    .where('survey_targets.campaign_id', 'in', campaignIds)
    .where(customerVisibleTo(viewer))
    .groupBy('survey_targets.campaign_id')
    .execute();
  for (const r of rows)
    counts.set(r.campaign_id, { targets: Number(r.targets), responses: Number(r.responses) });
  return counts;
}

// ---- targets

function targets(db: Db, viewer: Viewer, campaignId: number) {
  return db
    .selectFrom('survey_targets')
    .innerJoin('customers', 'customers.id', 'survey_targets.customer_id')
    .leftJoin('users as owner', 'owner.id', 'customers.owner_id')
    .leftJoin('survey_responses', (join) =>
      join
        .onRef('survey_responses.campaign_id', '=', 'survey_targets.campaign_id')
        .onRef('survey_responses.customer_id', '=', 'survey_targets.customer_id'),
    )
    .leftJoin('survey_links', (join) =>
      join.on((eb) =>
        eb(
          'survey_links.id',
          '=',
          eb
            .selectFrom('survey_links as latest')
            .select((x) => x.fn.max('latest.id').as('id'))
            .whereRef('latest.campaign_id', '=', 'survey_targets.campaign_id')
            .whereRef('latest.customer_id', '=', 'survey_targets.customer_id'),
        ),
      ),
    )
    .select([
      'customers.id as customer_id',
      'customers.code as customer_code',
      'customers.name as customer_name',
      'customers.owner_id',
      'owner.display_name as owner_name',
      'survey_responses.id as response_id',
      'survey_responses.source',
      'survey_links.expires_at as link_expires_at',
      'survey_links.used_at as link_used_at',
    ])
    .where('survey_targets.campaign_id', '=', campaignId)
    .where(customerVisibleTo(viewer));
}

export type TargetRow = NonNullable<Awaited<ReturnType<typeof findVisibleTarget>>>;

export function listTargets(db: Db, viewer: Viewer, campaignId: number, page: number, pageSize: number) {
  return pageOf(
    targets(db, viewer, campaignId),
    (x) => x.orderBy('customers.code').orderBy('customers.id'),
    page,
    pageSize,
  );
}

/** The target, when the customer is one of the campaign's and the viewer may see them. */
export function findVisibleTarget(db: Db, viewer: Viewer, campaignId: number, customerId: number) {
  return targets(db, viewer, campaignId).where('customers.id', '=', customerId).executeTakeFirst();
}

// ---- responses

export async function hasResponded(db: Db, campaignId: number, customerId: number) {
  const row = await db
    .selectFrom('survey_responses')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertResponse(
  db: Db,
  response: Insertable<SurveyResponseTable>,
  answers: Omit<Insertable<SurveyAnswerTable>, 'response_id'>[],
  texts: Omit<Insertable<SurveyTextTable>, 'response_id'>[],
) {
  const { id } = await db
    .insertInto('survey_responses')
    .values(response)
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('survey_answers')
    .values(answers.map((a) => ({ ...a, response_id: id })))
    .execute();
  if (texts.length > 0)
    await db
      .insertInto('survey_texts')
      .values(texts.map((t) => ({ ...t, response_id: id })))
      .execute();
  return id;
}

/** A unique constraint refused the row (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY). */
export function isUniqueViolation(err: unknown) {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

// ---- one-time links

export async function insertLink(db: Db, row: Insertable<SurveyLinkTable>) {
  const { id } = await db.insertInto('survey_links').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Ends the customer's earlier links that are still usable (a new link replaces them); answers their ids. */
export async function expireOpenLinks(db: Db, campaignId: number, customerId: number, at: string) {
  const open = await db
    .selectFrom('survey_links')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('customer_id', '=', customerId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .execute();
  if (open.length > 0)
    await db
      .updateTable('survey_links')
      .set({ expires_at: at })
      .where(
        'id',
        'in',
        open.map((l) => l.id),
      )
      .execute();
  return open.map((l) => l.id);
}

/** The link of a token hash, with what the public page needs of its campaign. */
export function findLinkByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('survey_links')
    .innerJoin('survey_campaigns', 'survey_campaigns.id', 'survey_links.campaign_id')
    .select([
      'survey_links.id',
      'survey_links.campaign_id',
      'survey_links.customer_id',
      'survey_links.expires_at',
      'survey_links.used_at',
      'survey_campaigns.name as campaign_name',
      'survey_campaigns.description as campaign_description',
      'survey_campaigns.template_json',
      'survey_campaigns.step',
    ])
    .where('survey_links.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks the link used when it is still unused and unexpired; answers whether it was. */
export async function useLink(db: Db, id: number, at: string) {
  const result = await db
    .updateTable('survey_links')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function campaignStep(db: Db, id: number) {
  const row = await db.selectFrom('survey_campaigns').select('step').where('id', '=', id).executeTakeFirst();
  return row?.step as SurveyStep | undefined;
}

// ---- results

/** The campaign's responses from customers the viewer may see, with each customer's segment. */
export function responsesForResults(db: Db, viewer: Viewer, campaignId: number) {
  return db
    .selectFrom('survey_responses')
    .innerJoin('customers', 'customers.id', 'survey_responses.customer_id')
    .leftJoin('users as owner', 'owner.id', 'customers.owner_id')
    .leftJoin('teams', 'teams.id', 'owner.team_id')
    .leftJoin('branches', 'branches.id', 'teams.branch_id')
    .select([
      'survey_responses.id',
      'survey_responses.source',
      'survey_responses.submitted_at',
      'customers.id as customer_id',
      'customers.code as customer_code',
      'customers.name as customer_name',
      'customers.value_tier',
      'customers.lifecycle_stage',
      'customers.kind',
      'branches.id as branch_id',
      'branches.name as branch_name',
    ])
    .where('survey_responses.campaign_id', '=', campaignId)
    .where(customerVisibleTo(viewer))
    .orderBy('survey_responses.submitted_at')
    .orderBy('survey_responses.id')
    .execute();
}

export type ResultResponseRow = Awaited<ReturnType<typeof responsesForResults>>[number];

export function answersForResults(db: Db, viewer: Viewer, campaignId: number) {
  return db
    .selectFrom('survey_answers')
    .innerJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
    .innerJoin('customers', 'customers.id', 'survey_responses.customer_id')
    .select([
      'survey_answers.response_id',
      'survey_answers.item_key',
      'survey_answers.expected',
      'survey_answers.perceived',
    ])
    .where('survey_responses.campaign_id', '=', campaignId)
    .where(customerVisibleTo(viewer))
    .execute();
}

export function textsForResults(db: Db, viewer: Viewer, campaignId: number) {
  return db
    .selectFrom('survey_texts')
    .innerJoin('survey_responses', 'survey_responses.id', 'survey_texts.response_id')
    .innerJoin('customers', 'customers.id', 'survey_responses.customer_id')
    .select(['survey_texts.question_key', 'survey_texts.text'])
    .where('survey_responses.campaign_id', '=', campaignId)
    .where(customerVisibleTo(viewer))
    .orderBy('survey_responses.submitted_at')
    .orderBy('survey_responses.id')
    .execute();
}
