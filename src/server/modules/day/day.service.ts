import { bankDate, bankDayStart } from '../../../shared/schemas/common';
import type { AgendaItem, AgendaSection } from '../../../shared/schemas/day';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { type AgendaContext, addAgendaSource, agendaSourcesFor } from './agenda';
import * as repo from './day.repository';

// The sources of contact management (issue #5): today's visits, overdue and due tasks, memos awaiting
// follow-up, recent contacts, and for a team lead the plans waiting for approval. An item carries data,
// not sentences: the page words it in the reader's language by its kind.

const ITEMS_PER_SECTION = 20;

type Named = {
  customer_id: number | null;
  customer_code: string | null;
  customer_name: string | null;
  prospect_id: number | null;
  prospect_code: string | null;
  prospect_name: string | null;
};
const customerOf = (r: Named) =>
  r.customer_id === null
    ? null
    : { id: r.customer_id, code: r.customer_code ?? '', name: r.customer_name ?? '' };
const prospectOf = (r: Named) =>
  r.prospect_id === null
    ? null
    : { id: r.prospect_id, code: r.prospect_code ?? '', name: r.prospect_name ?? '' };
const nameOf = (r: Named) => r.customer_name ?? r.prospect_name ?? '';
const subjectOf = (r: Named) => ({ customer: customerOf(r), prospect: prospectOf(r) });

const item = (i: Partial<AgendaItem> & Pick<AgendaItem, 'kind' | 'id' | 'title'>): AgendaItem => ({
  at: null,
  customer: null,
  prospect: null,
  status: null,
  overdue: false,
  detail: null,
  ...i,
});

addAgendaSource({
  id: 'visits',
  async load({ deps, viewer, dayStart, dayEnd }, limit) {
    const rows = await repo.plansStartingBetween(deps.db, viewer.id, dayStart, dayEnd, limit + 1);
    return {
      total: rows.length,
      items: rows.slice(0, limit).map((r) =>
        item({
          kind: 'visit',
          id: r.id,
          title: nameOf(r),
          at: r.starts_at,
          ...subjectOf(r),
          status: r.status,
          detail: r.place,
        }),
      ),
    };
  },
});

const taskItems = (rows: Awaited<ReturnType<typeof repo.openTasksDue>>['rows'], today: string) =>
  rows.map((r) =>
    item({
      kind: 'task',
      id: r.id,
      title: r.title,
      at: r.due_on,
      ...subjectOf(r),
      status: r.status,
      overdue: r.due_on < today,
      detail: r.source,
    }),
  );

addAgendaSource({
  id: 'tasks_overdue',
  async load({ deps, viewer, today }, limit) {
    const { rows, total } = await repo.openTasksDue(deps.db, viewer.id, { before: today }, limit);
    return { total, items: taskItems(rows, today) };
  },
});

addAgendaSource({
  id: 'tasks_due',
  async load({ deps, viewer, day, today }, limit) {
    const { rows, total } = await repo.openTasksDue(deps.db, viewer.id, { on: day }, limit);
    return { total, items: taskItems(rows, today) };
  },
});

addAgendaSource({
  id: 'memos',
  async load({ deps, viewer, today }, limit) {
    const { rows, total } = await repo.memosAwaitingFollowUp(deps.db, viewer.id, limit);
    return {
      total,
      items: rows.map((r) =>
        item({
          kind: 'memo',
          id: r.id,
          title: nameOf(r),
          at: r.next_due as string | null,
          ...subjectOf(r),
          overdue: r.next_due !== null && (r.next_due as string) < today,
          detail: String(r.open_items),
        }),
      ),
    };
  },
});

addAgendaSource({
  id: 'plans_to_approve',
  roles: ['team_lead'],
  async load({ deps, viewer }, limit) {
    if (viewer.teamId === null) return { total: 0, items: [] };
    const { rows, total } = await repo.plansToApprove(deps.db, viewer.teamId, limit);
    return {
      total,
      items: rows.map((r) =>
        item({
          kind: 'plan_to_approve',
          id: r.id,
          title: nameOf(r),
          at: r.starts_at,
          ...subjectOf(r),
          status: 'pending_approval',
          detail: r.owner_name,
        }),
      ),
    };
  },
});

addAgendaSource({
  id: 'recent_interactions',
  async load({ deps, viewer }, limit) {
    const rows = await repo.recentInteractions(deps.db, viewer.id, Math.min(limit, 10));
    return {
      total: rows.length,
      items: rows.map((r) =>
        item({
          kind: 'interaction',
          id: r.id,
          title: r.summary.slice(0, 120),
          at: r.occurred_at,
          ...subjectOf(r),
          detail: r.channel,
        }),
      ),
    };
  },
});

export async function dayOf(deps: AppDeps, viewer: Viewer, date: string | undefined) {
  const today = bankDate(deps.clock());
  const day = date ?? today;
  const ctx: AgendaContext = {
    deps,
    viewer,
    day,
    dayStart: bankDayStart(day),
    dayEnd: bankDayStart(day, 1),
    today,
  };
  const sections: AgendaSection[] = await Promise.all(
    agendaSourcesFor(viewer.role).map(async (source) => ({
      source: source.id,
      ...(await source.load(ctx, ITEMS_PER_SECTION)),
    })),
  );
  return { date: day, sections };
}
