import { createHash, randomBytes } from 'node:crypto';
import type {
  Calendar,
  CalendarEvent,
  CalendarFeedStatus,
  CalendarQuery,
} from '../../../shared/schemas/calendar';
import { bankDate, bankDayStart } from '../../../shared/schemas/common';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { auditContext, writeAudit } from '../../http/audit';
import { notFound } from '../../http/errors';
import { objectivesOf, type PlanWithNames, plansOfOwnerBetween } from '../visit-plans/visit-plans.repository';
import * as repo from './calendar.repository';
import { date, type IcalComponent, type IcalProperty, text, utcDateTime, writeIcal } from './ical';

// The calendar (issue #5 part 6). The JSON calendar shows a person's visit plans and tasks by bank
// day. The iCalendar feed shows the same to the phone's calendar app, which cannot sign in: it is
// reached by a 256-bit secret in its URL, stored only as its SHA-256 (a random secret of that size
// needs no slow hash), revoked by making a new one or by deleting it. The feed leaves the bank, so
// it carries as little personal information as serves the purpose (DOMAIN §9).

const DAY = 86_400_000;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const sha256Hex = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Tasks the calendar shows; cancelled ones are not on anyone's calendar. */
const CALENDAR_TASK_STATUSES = ['open', 'done'] as const;
/** The feed's window around today, in bank days. */
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 180;
const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;

const endOf = (plan: Pick<PlanWithNames, 'starts_at' | 'duration_minutes'>) =>
  new Date(Date.parse(plan.starts_at) + plan.duration_minutes * 60_000).toISOString();

// ---------------------------------------------------------------------------------------------------
// The JSON calendar

/** Whose calendar the viewer may read: their own, and a team lead their team members'. */
async function requireCalendarOwner(deps: AppDeps, viewer: Viewer, ownerId: number | undefined) {
  if (ownerId === undefined || ownerId === viewer.id) return viewer.id;
  const member =
    viewer.role === 'team_lead' &&
    viewer.teamId !== null &&
    (await repo.isTeamMember(deps.db, ownerId, viewer.teamId));
  if (!member) throw notFound('User');
  return ownerId;
}

export async function getCalendar(deps: AppDeps, viewer: Viewer, query: CalendarQuery): Promise<Calendar> {
  const ownerId = await requireCalendarOwner(deps, viewer, query.ownerId);
  const today = bankDate(deps.clock());
  const [plans, tasks] = await Promise.all([
    plansOfOwnerBetween(deps.db, ownerId, bankDayStart(query.from), bankDayStart(query.to, 1)),
    repo.tasksOfOwnerDueBetween(deps.db, ownerId, query.from, query.to, CALENDAR_TASK_STATUSES),
  ]);
  const events = [
    ...plans.map((p) => ({ at: p.starts_at, event: visitEvent(p) })),
    // A day's tasks sort at the first moment of their bank day, before its visits.
    ...tasks.map((t) => ({ at: bankDayStart(t.due_on), event: taskEvent(t, today) })),
  ];
  events.sort(
    (a, b) =>
      a.at.localeCompare(b.at) ||
      (a.event.kind === b.event.kind ? a.event.id - b.event.id : a.event.kind === 'task' ? -1 : 1),
  );
  return { events: events.map((e) => e.event) };
}

function visitEvent(plan: PlanWithNames): CalendarEvent {
  return {
    kind: 'visit',
    id: plan.id,
    title: `拜访 ${plan.customer_name ?? plan.prospect_name ?? ''}`,
    start: plan.starts_at,
    end: endOf(plan),
    allDay: false,
    status: plan.status as CalendarEvent['status'],
    customer:
      plan.customer_id !== null
        ? { id: plan.customer_id, code: plan.customer_code ?? '', name: plan.customer_name ?? '' }
        : null,
    prospect:
      plan.prospect_id !== null
        ? { id: plan.prospect_id, code: plan.prospect_code ?? '', name: plan.prospect_name ?? '' }
        : null,
    overdue: false,
  };
}

function taskEvent(task: repo.TaskEventRow, today: string): CalendarEvent {
  return {
    kind: 'task',
    id: task.id,
    title: task.title,
    start: task.due_on,
    end: null,
    allDay: true,
    status: task.status as CalendarEvent['status'],
    customer:
      task.customer_id !== null
        ? { id: task.customer_id, code: task.customer_code ?? '', name: task.customer_name ?? '' }
        : null,
    prospect: null,
    overdue: task.status === 'open' && task.due_on < today,
  };
}

// ---------------------------------------------------------------------------------------------------
// The feed's secret

export async function getFeedStatus(deps: AppDeps, viewer: Viewer): Promise<CalendarFeedStatus> {
  const feed = await repo.activeFeedOf(deps.db, viewer.id);
  return {
    active: feed !== undefined,
    createdAt: feed?.created_at ?? null,
    lastUsedAt: feed?.last_used_at ?? null,
  };
}

/** A new feed secret for the viewer; every earlier one stops working in the same transaction. */
export async function createFeed(deps: AppDeps, viewer: Viewer, ip: string | null) {
  const ctx = auditContext(deps, viewer, ip);
  const token = randomBytes(32).toString('base64url');
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockFeedsOf(trx, deps.dialect, viewer.id);
    const revoked = await repo.revokeFeedsOf(trx, viewer.id, ctx.at);
    for (const id of revoked) {
      await writeAudit(trx, ctx, {
        action: 'revoke',
        entity: 'calendar_feed',
        entityId: id,
        reason: 'replaced by a new feed',
      });
    }
    const id = await repo.insertFeed(trx, viewer.id, sha256Hex(token), ctx.at);
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'calendar_feed',
      entityId: id,
      after: { userId: viewer.id },
    });
  });
  return { token, createdAt: ctx.at };
}

/** Stops the viewer's feed; answers the same when there is none. */
export async function revokeFeed(deps: AppDeps, viewer: Viewer, ip: string | null) {
  const ctx = auditContext(deps, viewer, ip);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockFeedsOf(trx, deps.dialect, viewer.id);
    for (const id of await repo.revokeFeedsOf(trx, viewer.id, ctx.at)) {
      await writeAudit(trx, ctx, { action: 'revoke', entity: 'calendar_feed', entityId: id });
    }
  });
}

// ---------------------------------------------------------------------------------------------------
// The feed

/** An individual's name leaves the bank as its first character and `**` (DOMAIN §9). */
export const maskPersonName = (name: string) => `${Array.from(name)[0] ?? ''}**`;

/**
 * The iCalendar text of the feed a file name `<token>.ics` stands for. A malformed, unknown or
 * revoked token, or one of a disabled user, is answered 404 alike.
 */
export async function renderFeed(deps: AppDeps, file: string): Promise<string> {
  const token = FEED_FILE.exec(file)?.[1];
  const feed = token ? await repo.findActiveFeed(deps.db, sha256Hex(token)) : undefined;
  if (!feed) throw notFound('Calendar feed');
  const now = deps.clock();
  const today = bankDate(now);
  const first = addDays(today, -FEED_DAYS_BACK);
  const last = addDays(today, FEED_DAYS_AHEAD);
  const [plans, tasks] = await Promise.all([
    plansOfOwnerBetween(deps.db, feed.user_id, bankDayStart(first), bankDayStart(last, 1)),
    repo.tasksOfOwnerDueBetween(deps.db, feed.user_id, first, last, ['open']),
  ]);
  const [objectives, individuals] = await Promise.all([
    objectivesOf(
      deps.db,
      plans.map((p) => p.id),
    ),
    repo.individualCustomerIds(
      deps.db,
      plans.flatMap((p) => (p.customer_id !== null ? [p.customer_id] : [])),
    ),
  ]);
  await repo.touchFeed(deps.db, feed.id, now.toISOString());

  const stamp = utcDateTime(now);
  const objectivesByPlan = new Map<number, string[]>();
  for (const o of objectives)
    objectivesByPlan.set(o.plan_id, [...(objectivesByPlan.get(o.plan_id) ?? []), o.what]);
  const calendar: IcalComponent = {
    name: 'VCALENDAR',
    properties: [
      { name: 'VERSION', value: '2.0' },
      { name: 'PRODID', value: '-//RM Workbench//Calendar//ZH' },
      { name: 'CALSCALE', value: 'GREGORIAN' },
      { name: 'METHOD', value: 'PUBLISH' },
      { name: 'X-WR-CALNAME', value: text(`客户经理工作台 · ${feed.display_name}`) },
      { name: 'X-WR-TIMEZONE', value: 'Asia/Shanghai' },
    ],
    components: [
      ...plans.map((plan) =>
        planVevent(
          plan,
          objectivesByPlan.get(plan.id) ?? [],
          plan.prospect_kind === 'individual' ||
            (plan.customer_id !== null && individuals.has(plan.customer_id)),
          stamp,
        ),
      ),
      ...tasks.map((task) => taskVevent(task, stamp)),
    ],
  };
  return writeIcal(calendar);
}

function planVevent(plan: PlanWithNames, objectives: string[], individual: boolean, stamp: string) {
  const name = plan.customer_name ?? plan.prospect_name ?? '';
  const customer = individual ? maskPersonName(name) : name;
  const goals = objectives.map((o) => o.trim()).filter((o) => o !== '');
  const description = [
    ...(goals.length > 0 ? ['目标：', ...goals.map((g, i) => `${i + 1}. ${g}`)] : []),
    ...(plan.agenda ? ['议程：', plan.agenda] : []),
  ].join('\n');
  const properties: IcalProperty[] = [
    { name: 'UID', value: `plan-${plan.id}@rm-workbench` },
    { name: 'DTSTAMP', value: stamp },
    { name: 'LAST-MODIFIED', value: utcDateTime(plan.updated_at) },
    { name: 'DTSTART', value: utcDateTime(plan.starts_at) },
    { name: 'DTEND', value: utcDateTime(endOf(plan)) },
    { name: 'SUMMARY', value: text(`拜访 ${customer}`) },
    ...(plan.place ? [{ name: 'LOCATION', value: text(plan.place) }] : []),
    {
      name: 'STATUS',
      value: plan.status === 'planned' || plan.status === 'completed' ? 'CONFIRMED' : 'TENTATIVE',
    },
    ...(description ? [{ name: 'DESCRIPTION', value: text(description) }] : []),
  ];
  return { name: 'VEVENT', properties };
}

function taskVevent(task: repo.TaskEventRow, stamp: string): IcalComponent {
  return {
    name: 'VEVENT',
    properties: [
      { name: 'UID', value: `task-${task.id}@rm-workbench` },
      { name: 'DTSTAMP', value: stamp },
      { name: 'LAST-MODIFIED', value: utcDateTime(task.updated_at) },
      { name: 'DTSTART', params: { VALUE: 'DATE' }, value: date(task.due_on) },
      { name: 'DTEND', params: { VALUE: 'DATE' }, value: date(addDays(task.due_on, 1)) },
      { name: 'SUMMARY', value: text(`任务：${task.title}`) },
      // An all-day reminder does not make the day busy.
      { name: 'TRANSP', value: 'TRANSPARENT' },
    ],
  };
}
