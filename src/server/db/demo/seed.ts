// Writes the demo bank of generate.ts into an empty database (DOMAIN §7.1: `CRM_DEMO` not 0), and
// keeps the `admin` user's password in step with `CRM_ADMIN_PASSWORD`. One transaction, multi-row
// inserts: about 3,000 customers with their accounts and two years of figures in a few seconds.

import { type Insertable, type Selectable, sql, type Transaction } from 'kysely';
import { addMonths, monthRange } from '../../../domain/months';
import { bigrams } from '../../../domain/name-search';
import { bankDate } from '../../../shared/schemas/common';
import { type AppDeps, nowIso } from '../../deps';
import { writeAudit } from '../../http/audit';
import { noteFigureMonths } from '../../modules/customer-value/customer-value.repository';
import { runValues } from '../../modules/customer-value/recompute';
import { hashPassword, verifyPassword } from '../../modules/users/passwords';
import type { Dialect } from '../connect';
import type { DB } from '../database';
import { generateContactActivity } from './contact-activity';
import { type DemoExitResult, writeExitDemo } from './exit';
import { type DemoCustomer, generateCustomers, generateOrganisation, monthText } from './generate';
import { generatePipeline } from './prospects';
import { recordChurnReasons, writeSatisfaction } from './satisfaction';

export const DEMO_SEED = 20_260_101;
export const DEMO_CUSTOMER_COUNT = 3_000;
/** Customers written per round of inserts; their accounts and figures follow in the same round. */
const CUSTOMERS_PER_ROUND = 500;
/**
 * Bound values per statement on SQLite, which allows 32,766: rows per statement are this divided by
 * the number of columns (a monthly figure has 5, a customer 26).
 */
const SQLITE_VALUES_PER_STATEMENT = 30_000;
/** Rows per statement on PostgreSQL, where a statement carries its rows as one JSON parameter. */
const POSTGRES_ROWS_PER_STATEMENT = 10_000;

export interface SeedDemoOptions {
  /** The password of every demo user (CRM_DEMO_PASSWORD). */
  password: string;
  /** How many customers; default 3,000. */
  customers?: number;
  /** The seed of the generator; the same seed gives the same bank. */
  seed?: number;
  /** The last month with figures (YYYY-MM); default the last complete month in Asia/Shanghai. */
  asOfMonth?: string;
  log?: (msg: string) => void;
}

/** The demo's last year of portfolio analyses (the concentration over time), then today's values. */
const VALUE_HISTORY_MONTHS = 11;
async function valueHistory(deps: AppDeps, asOfMonth: string) {
  // The generator's figures cover the 24 months ending asOfMonth.
  await noteFigureMonths(deps.db, monthRange(addMonths(asOfMonth, -23), asOfMonth), nowIso(deps));
  for (let k = VALUE_HISTORY_MONTHS; k >= 1; k--) {
    await runValues(deps, { kind: 'snapshot', asOf: addMonths(asOfMonth, -k) });
  }
  await runValues(deps, { kind: 'full', asOf: asOfMonth });
  await recordChurnReasons(deps);
}

export interface DemoSeedResult extends DemoExitResult {
  users: number;
  customers: number;
  contacts: number;
  links: number;
  accounts: number;
  monthlyFigures: number;
  interactions: number;
  visitPlans: number;
  tasks: number;
  surveyResponses: number;
  complaints: number;
  loyaltyAssessments: number;
  asOfMonth: string;
  ms: number;
}

/** The month before the one `now` falls in, in the bank's time zone (Asia/Shanghai, UTC+8). */
export function lastCompleteMonth(now: Date): string {
  const shanghai = new Date(now.getTime() + 8 * 3_600_000);
  return monthText(shanghai.getUTCFullYear() * 12 + shanghai.getUTCMonth() - 1);
}

/**
 * Multi-row inserts of many rows. SQLite takes a VALUES list of bound parameters, chunked under its
 * limit. PostgreSQL takes the rows as one JSON parameter expanded by json_populate_recordset into the
 * table's own row type: parsing and planning a VALUES list of tens of thousands of parameters costs
 * the server more than the rows themselves (the demo bank is written about a third faster so).
 */
class RowWriter {
  constructor(
    private readonly trx: Transaction<DB>,
    private readonly dialect: Dialect,
  ) {}

  async insert<T extends keyof DB & string>(table: T, rows: readonly Insertable<DB[T]>[]): Promise<void> {
    await this.write(table, rows, []);
  }

  async insertReturning<T extends keyof DB & string, K extends keyof Selectable<DB[T]> & string>(
    table: T,
    rows: readonly Insertable<DB[T]>[],
    returning: readonly K[],
  ): Promise<Pick<Selectable<DB[T]>, K>[]> {
    return (await this.write(table, rows, returning)) as Pick<Selectable<DB[T]>, K>[];
  }

  private async write(table: keyof DB & string, rows: readonly object[], returning: readonly string[]) {
    const out: unknown[] = [];
    if (rows.length === 0) return out;
    const columns = Object.keys(rows[0]!);
    const size =
      this.dialect === 'postgres'
        ? POSTGRES_ROWS_PER_STATEMENT
        : Math.max(1, Math.floor(SQLITE_VALUES_PER_STATEMENT / columns.length));
    for (let i = 0; i < rows.length; i += size) {
      const chunk = rows.slice(i, i + size);
      if (this.dialect === 'postgres') {
        const target = sql.table(table);
        const list = sql.join(columns.map((c) => sql.ref(c)));
        const source = sql`json_populate_recordset(null::${target}, ${JSON.stringify(chunk)}::json)`;
        const ret =
          returning.length > 0 ? sql`returning ${sql.join(returning.map((c) => sql.ref(c)))}` : sql``;
        const query = sql<
          Record<string, unknown>
        >`insert into ${target} (${list}) select ${list} from ${source} ${ret}`;
        out.push(...(await query.execute(this.trx)).rows);
      } else {
        // The table is generic here, which Kysely's types cannot follow; the public methods type it.
        const insert = this.trx.insertInto(table).values(chunk as never);
        if (returning.length > 0) out.push(...(await insert.returning(returning as never).execute()));
        else await insert.execute();
      }
    }
    return out;
  }
}

/**
 * Fills an empty database with the demo bank: the organisation and its users (all with `password`),
 * customers with contacts, links, shares, accounts, 24 months of figures and their lifecycle
 * history, and one audit entry. Answers null, writing nothing, when any user exists already.
 */
export async function seedDemoBankIfEmpty(
  deps: AppDeps,
  opts: SeedDemoOptions,
): Promise<DemoSeedResult | null> {
  if (await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst()) return null;
  const started = Date.now();
  const passwordHash = await hashPassword(opts.password);
  const now = nowIso(deps);
  const asOfMonth = opts.asOfMonth ?? lastCompleteMonth(deps.clock());
  const count = opts.customers ?? DEMO_CUSTOMER_COUNT;
  const log = opts.log ?? (() => {});

  const result = await deps.db.transaction().execute(async (trx) => {
    // Two servers starting together on one empty PostgreSQL database: the second waits here, then
    // sees the first one's users. (SQLite's BEGIN IMMEDIATE already serialises writers.)
    if (deps.dialect === 'postgres') await sql`lock table users in exclusive mode`.execute(trx);
    if (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) return null;

    const org = generateOrganisation();
    const branchIds = new Map<string, number>();
    for (const row of await trx
      .insertInto('branches')
      .values(org.branches.map((b) => ({ code: b.code, name: b.name, created_at: now })))
      .returning(['id', 'code'])
      .execute()) {
      branchIds.set(row.code, row.id);
    }
    const teamIds = new Map<string, number>();
    for (const row of await trx
      .insertInto('teams')
      .values(
        org.teams.map((t) => ({
          code: t.code,
          name: t.name,
          branch_id: branchIds.get(t.branchCode)!,
          created_at: now,
        })),
      )
      .returning(['id', 'code'])
      .execute()) {
      teamIds.set(row.code, row.id);
    }
    const users = await trx
      .insertInto('users')
      .values(
        org.users.map((u) => ({
          username: u.username,
          display_name: u.displayName,
          role: u.role,
          team_id: u.teamCode === null ? null : teamIds.get(u.teamCode)!,
          password_hash: passwordHash,
          active: 1,
          locale: 'zh-CN',
          version: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'username'])
      .execute();
    // In the organisation's order (rm1 first), whatever order the database answered in.
    const userIds = new Map(users.map((u) => [u.username, u.id]));
    const ownerIds = org.users.filter((u) => u.role === 'rm').map((u) => userIds.get(u.username)!);

    const counts = { customers: 0, contacts: 0, links: 0, accounts: 0, monthlyFigures: 0 };
    const idByCode = new Map<string, number>();
    const writer = new RowWriter(trx, deps.dialect);
    let round: DemoCustomer[] = [];
    const flush = async () => {
      const written = await writeCustomers(writer, round, idByCode, now);
      counts.customers += round.length;
      counts.contacts += written.contacts;
      counts.links += written.links;
      counts.accounts += written.accounts;
      counts.monthlyFigures += written.monthlyFigures;
      round = [];
    };
    for (const customer of generateCustomers({
      count,
      seed: opts.seed ?? DEMO_SEED,
      ownerIds,
      asOfMonth,
      now,
    })) {
      round.push(customer);
      if (round.length === CUSTOMERS_PER_ROUND) await flush();
    }
    if (round.length > 0) await flush();

    const activity = await writeContactActivity(writer, trx, opts.seed ?? DEMO_SEED, deps.clock());
    const prospects = await writeProspects(writer, trx, opts.seed ?? DEMO_SEED, deps.clock(), ownerIds);
    const satisfaction = await writeSatisfaction(trx, {
      seed: opts.seed ?? DEMO_SEED,
      now: deps.clock(),
      leadId: userIds.get('lead1')!,
      customers: await trx
        .selectFrom('customers')
        .select(['id', 'owner_id'])
        .where('owner_id', 'is not', null)
        .where('kind', '=', 'corporate')
        .orderBy('id')
        .execute()
        .then((rows) => rows.map((c) => ({ id: c.id, owner_id: c.owner_id! }))),
    });
    const summary = { users: users.length, ...counts, ...activity, prospects, ...satisfaction, asOfMonth };
    await writeAudit(trx, { actor: null, at: now }, { action: 'seed', entity: 'database', after: summary });
    return summary;
  });
  if (!result) return null;
  await valueHistory(deps, asOfMonth);
  // Relationship exit (issue #9): statements, flags, screenings and plans, through the services, on
  // the values the run just computed.
  const exitStarted = Date.now();
  const exit = await writeExitDemo(deps, opts.seed ?? DEMO_SEED);
  const ms = Date.now() - started;
  log(
    `demo bank: ${result.users} users, ${result.customers} customers, ${result.accounts} accounts, ` +
      `${result.monthlyFigures} monthly figures to ${asOfMonth}, ${exit.exitPlans} exit plans in ${ms} ms ` +
      `(exit ${Date.now() - exitStarted} ms)`,
  );
  return { ...result, ...exit, ms };
}

/** A year of contacts, and visit plans and tasks around today, for the customers that have an owner. */
async function writeContactActivity(writer: RowWriter, trx: Transaction<DB>, seed: number, now: Date) {
  const owned = await trx
    .selectFrom('customers')
    .select(['id', 'owner_id', 'kind', 'need_mask', 'annual_revenue', 'financial_assets'])
    .where('owner_id', 'is not', null)
    .orderBy('id')
    .execute();
  const contacts = new Map<number, number[]>();
  for (const c of await trx.selectFrom('contacts').select(['id', 'customer_id']).orderBy('id').execute()) {
    contacts.set(c.customer_id, [...(contacts.get(c.customer_id) ?? []), c.id]);
  }
  const { interactions, plans, tasks, stamp } = generateContactActivity({
    seed,
    now,
    customers: owned.map((c) => {
      const capacityFen = c.kind === 'corporate' ? c.annual_revenue : c.financial_assets;
      return {
        id: c.id,
        ownerId: c.owner_id!,
        kind: c.kind,
        needMask: c.need_mask,
        capacity: capacityFen === null ? null : capacityFen / 100,
        contactIds: contacts.get(c.id) ?? [],
      };
    }),
  });
  const dated = { version: 1, created_at: stamp, updated_at: stamp };
  await writer.insert(
    'interactions',
    interactions.map((i) => ({ ...i, ref: null, plan_id: null, ...dated })),
  );
  const planIds = await writer.insertReturning(
    'visit_plans',
    plans.map((p) => ({ ...p.plan, decided_by: null, decided_at: null, decision_note: null, ...dated })),
    ['id'],
  );
  const task = (
    t: { owner_id: number; title: string; due_on: string; customer_id: number },
    planId: number | null,
  ) => ({
    ...t,
    notes: null,
    status: 'open',
    source: planId === null ? 'manual' : 'memo',
    plan_id: planId,
    created_by: t.owner_id,
    due_notified_at: null,
    completed_at: null,
    ...dated,
  });
  await writer.insert(
    'visit_objectives',
    plans.map((p, i) => {
      const o = p.objective;
      const scale = o.unit === 'yuan' ? 100 : 1;
      return {
        plan_id: planIds[i]!.id,
        position: 1,
        what: o.what,
        need_tag: o.needTag,
        product: o.product,
        metric: o.metric,
        unit: o.unit,
        target: o.target * scale,
        justification: o.justification,
        due_on: o.dueOn,
        outcome: o.outcome,
        actual: o.actual === null ? null : o.actual * scale,
      };
    }),
  );
  const completed = plans.flatMap((p, i) =>
    p.plan.status === 'completed' ? [{ p, id: planIds[i]!.id }] : [],
  );
  await writer.insert(
    'interactions',
    completed.map(({ p, id }) => ({
      ref: null,
      customer_id: p.plan.customer_id,
      contact_id: (JSON.parse(p.plan.contact_ids_json) as number[])[0] ?? null,
      channel: 'visit',
      direction: 'outbound',
      occurred_at: p.plan.starts_at,
      place: p.plan.place,
      purpose: p.objective.what,
      maintenance_form: 'functional',
      summary: p.plan.summary!,
      outcome: null,
      next_step: null,
      plan_id: id,
      recorded_by: p.plan.owner_id,
      ...dated,
    })),
  );
  await writer.insert('tasks', [
    ...tasks.map((t) => task(t, null)),
    ...completed.flatMap(({ p, id }) =>
      p.memo.map((m) =>
        task(
          { owner_id: p.plan.owner_id, title: m.title, due_on: m.dueOn, customer_id: p.plan.customer_id },
          id,
        ),
      ),
    ),
  ]);
  return {
    interactions: interactions.length + completed.length,
    visitPlans: plans.length,
    tasks: tasks.length + completed.reduce((n, c) => n + c.p.memo.length, 0),
  };
}

/** The pipeline of new customers (issue #6): prospects with their history, plans, contacts, referrals. */
async function writeProspects(
  writer: RowWriter,
  trx: Transaction<DB>,
  seed: number,
  now: Date,
  ownerIds: readonly number[],
) {
  const customers = await trx
    .selectFrom('customers')
    .select(['id', 'owner_id', 'name', 'kind', 'lifecycle_stage', 'region_code', 'region_name', 'id_number'])
    .where('owner_id', 'is not', null)
    .orderBy('id')
    .execute();
  const contacts = new Map<number, number[]>();
  for (const c of await trx.selectFrom('contacts').select(['id', 'customer_id']).orderBy('id').execute()) {
    contacts.set(c.customer_id, [...(contacts.get(c.customer_id) ?? []), c.id]);
  }
  const generated = generatePipeline({
    seed,
    now,
    ownerIds,
    customers: customers.map((c) => ({
      id: c.id,
      ownerId: c.owner_id!,
      name: c.name,
      kind: c.kind,
      lifecycleStage: c.lifecycle_stage,
      idNumber: c.id_number,
      region:
        c.region_code !== null && c.region_name !== null
          ? { code: c.region_code, name: c.region_name }
          : null,
      contactIds: contacts.get(c.id) ?? [],
    })),
  });
  const ids = (
    await writer.insertReturning(
      'prospects',
      generated.map((p) => p.row),
      ['id'],
    )
  ).map((r) => r.id);
  for (const [i, p] of generated.entries()) {
    if (p.referrerIndex === null) continue;
    await trx
      .updateTable('prospects')
      .set({ referrer_prospect_id: ids[p.referrerIndex]! })
      .where('id', '=', ids[i]!)
      .execute();
  }
  await writer.insert(
    'prospect_stage_history',
    generated.flatMap((p, i) =>
      p.history.map((h) => ({ ...h, prospect_id: ids[i]!, note: null, changed_by: p.row.owner_id })),
    ),
  );
  // Where the subject's records hang: on the customer once converted.
  const subject = (p: (typeof generated)[number], i: number) =>
    p.row.customer_id !== null
      ? { customer_id: p.row.customer_id, prospect_id: null }
      : { customer_id: null, prospect_id: ids[i]! };
  const withPlans = generated.flatMap((p, i) => (p.planAt !== null ? [{ p, i }] : []));
  const soon = (i: number) =>
    new Date(now.getTime() + ((i % 9) + 1) * 86_400_000 + 2 * 3_600_000).toISOString();
  const planIds = await writer.insertReturning(
    'visit_plans',
    withPlans.map(({ p, i }) => {
      const held = p.contactAt !== null;
      const startsAt = held ? p.contactAt! : soon(i);
      return {
        ...subject(p, i),
        owner_id: p.row.owner_id!,
        status: held ? 'completed' : 'planned',
        starts_at: startsAt,
        duration_minutes: 60,
        channel: 'visit',
        place: '客户办公室',
        contact_ids_json: '[]',
        participants_json: '[]',
        timing_rationale: '客户年度银行合作评估期',
        entry_point: '从客户的结算和资金需求谈起',
        agenda: '1. 介绍我行\n2. 了解客户结算与融资安排\n3. 约定下一步',
        products_json: JSON.stringify(['demand_deposit']),
        offer: null,
        submitted_at: p.planAt,
        decided_by: null,
        decided_at: null,
        decision_note: null,
        summary: held ? '初次见面，客户愿意将部分结算业务转到我行' : null,
        needs_found_mask: held ? 1 : null,
        completed_at: held ? startsAt : null,
        version: 1,
        created_at: p.planAt!,
        updated_at: held ? startsAt : p.planAt!,
      };
    }),
    ['id'],
  );
  await writer.insert(
    'visit_objectives',
    withPlans.map(({ p }, k) => ({
      plan_id: planIds[k]!.id,
      position: 1,
      what: '开立基本结算账户并转入日常结算',
      need_tag: 'deposit',
      product: 'demand_deposit',
      metric: '基本户日均存款',
      unit: 'yuan',
      target: 100_000_000,
      justification: '客户年营业收入与结算规模足以留存百万日均',
      due_on: bankDate(new Date(Date.parse(p.contactAt ?? soon(0)) + 60 * 86_400_000)),
      outcome: p.contactAt !== null ? 'partly' : null,
      actual: p.contactAt !== null ? 50_000_000 : null,
    })),
  );
  await writer.insert(
    'interactions',
    withPlans.flatMap(({ p, i }, k) =>
      p.contactAt === null
        ? []
        : [
            {
              ...subject(p, i),
              ref: null,
              contact_id: null,
              channel: 'visit',
              direction: 'outbound',
              occurred_at: p.contactAt,
              place: '客户办公室',
              purpose: '初次拜访',
              maintenance_form: null,
              summary: '初次见面，客户愿意将部分结算业务转到我行',
              outcome: null,
              next_step: '寄送开户资料清单',
              plan_id: planIds[k]!.id,
              recorded_by: p.row.owner_id!,
              version: 1,
              created_at: p.contactAt,
              updated_at: p.contactAt,
            },
          ],
    ),
  );
  await writer.insert(
    'customer_links',
    generated.flatMap((p) =>
      p.row.customer_id !== null && p.row.referrer_customer_id !== null
        ? [
            {
              from_customer_id: p.row.referrer_customer_id,
              to_customer_id: p.row.customer_id,
              kind: 'referral',
              note: `prospect ${p.row.code}`,
              created_at: p.row.converted_at!,
              created_by: p.row.owner_id,
            },
          ]
        : [],
    ),
  );
  return generated.length;
}

/** One round of customers and everything that hangs on them; links may point at earlier rounds. */
async function writeCustomers(
  writer: RowWriter,
  customers: readonly DemoCustomer[],
  idByCode: Map<string, number>,
  now: string,
) {
  const inserted = await writer.insertReturning(
    'customers',
    customers.map((c) => c.row),
    ['id', 'code'],
  );
  for (const row of inserted) idByCode.set(row.code, row.id);

  const grams: Insertable<DB['customer_name_grams']>[] = [];
  const contacts: Insertable<DB['contacts']>[] = [];
  const shares: Insertable<DB['customer_shares']>[] = [];
  const history: Insertable<DB['lifecycle_history']>[] = [];
  const links: Insertable<DB['customer_links']>[] = [];
  const accounts: Insertable<DB['accounts']>[] = [];
  for (const c of customers) {
    const customerId = idByCode.get(c.row.code)!;
    for (const gram of bigrams(c.row.search_name)) grams.push({ gram, customer_id: customerId });
    for (const contact of c.contacts) contacts.push({ ...contact, customer_id: customerId });
    for (const userId of c.sharedWith) {
      shares.push({ customer_id: customerId, user_id: userId, created_at: now, created_by: null });
    }
    history.push({
      customer_id: customerId,
      stage: c.row.lifecycle_stage,
      previous_stage: null,
      manual: 0,
      reason: 'demo data',
      changed_by: null,
      changed_at: now,
    });
    for (const link of c.links) {
      const from = idByCode.get(link.fromCode);
      const to = idByCode.get(link.toCode);
      if (from === undefined || to === undefined) continue;
      links.push({
        from_customer_id: from,
        to_customer_id: to,
        kind: link.kind,
        note: link.note,
        created_at: now,
        created_by: null,
      });
    }
    for (const account of c.accounts) accounts.push({ ...account.row, customer_id: customerId });
  }
  await writer.insert('customer_name_grams', grams);
  await writer.insert('contacts', contacts);
  await writer.insert('customer_shares', shares);
  await writer.insert('lifecycle_history', history);
  await writer.insert('customer_links', links);

  const accountIds = new Map<string, number>();
  for (const row of await writer.insertReturning('accounts', accounts, ['id', 'account_no'])) {
    accountIds.set(row.account_no, row.id);
  }
  const monthly: Insertable<DB['account_monthly']>[] = [];
  for (const c of customers) {
    for (const account of c.accounts) {
      const accountId = accountIds.get(account.row.account_no)!;
      for (const figure of account.monthly) monthly.push({ ...figure, account_id: accountId });
    }
  }
  await writer.insert('account_monthly', monthly);
  return {
    contacts: contacts.length,
    links: links.length,
    accounts: accounts.length,
    monthlyFigures: monthly.length,
  };
}

/**
 * CRM_ADMIN_PASSWORD (DOMAIN §7.1): creates the user `admin` with this password, or gives the
 * existing `admin` this password, ending its sessions and lifting a login lockout. When the password
 * is already the admin's, nothing changes, so restarting the server does not log the admin out.
 */
export async function ensureAdmin(
  deps: AppDeps,
  password: string,
): Promise<'created' | 'updated' | 'unchanged'> {
  const current = await deps.db
    .selectFrom('users')
    .select('password_hash')
    .where('username', '=', 'admin')
    .executeTakeFirst();
  if (current && (await verifyPassword(current.password_hash, password))) return 'unchanged';
  const passwordHash = await hashPassword(password);
  const now = nowIso(deps);
  return deps.db.transaction().execute(async (trx) => {
    const ctx = { actor: null, at: now };
    const admin = await trx
      .selectFrom('users')
      .select(['id', 'version'])
      .where('username', '=', 'admin')
      .executeTakeFirst();
    if (!admin) {
      const { id } = await trx
        .insertInto('users')
        .values({
          username: 'admin',
          display_name: '系统管理员',
          role: 'admin',
          team_id: null,
          password_hash: passwordHash,
          active: 1,
          locale: 'zh-CN',
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, {
        action: 'ensure_admin',
        entity: 'user',
        entityId: id,
        after: { username: 'admin', role: 'admin', created: true },
      });
      return 'created';
    }
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, version: admin.version + 1, updated_at: now })
      .where('id', '=', admin.id)
      .execute();
    const ended = await trx.deleteFrom('sessions').where('user_id', '=', admin.id).executeTakeFirst();
    await trx.deleteFrom('login_lockouts').where('username', '=', 'admin').execute();
    await writeAudit(trx, ctx, {
      action: 'ensure_admin',
      entity: 'user',
      entityId: admin.id,
      after: { passwordChanged: true, sessionsEnded: Number(ended.numDeletedRows) },
    });
    return 'updated';
  });
}
