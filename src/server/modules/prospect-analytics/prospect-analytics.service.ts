import {
  acquisitionByCounts,
  acquisitionRateOf,
  type FurthestCount,
  funnelOf,
  monthsBetween,
  sourceEffectivenessOf,
  timeInStageOf,
} from '../../../domain/pipeline-analytics';
import {
  type NetworkCandidate,
  type ReferralEdge,
  keyPersons as rankKeyPersons,
  referralNetwork,
} from '../../../domain/referral-network';
import { PROSPECT_SOURCES, type ProspectSource } from '../../../shared/codes';
import { fenToYuan } from '../../../shared/money';
import { bankDayStart } from '../../../shared/schemas/common';
import {
  ANALYTICS_MAX_DAYS,
  type KeyPerson,
  type ProspectAnalytics,
  type ProspectAnalyticsQuery,
  type ReferralNetwork,
} from '../../../shared/schemas/prospect-analytics';
import type { AppDeps } from '../../deps';
import type { Viewer } from '../../http/access';
import { invalidField } from '../../http/errors';
import * as repo from './prospect-analytics.repository';

// Issue #6 parts 6 and 7 (DOMAIN §4): the pipeline's figures over the prospects created in a period,
// and the referral network with its key persons. The repository counts the period's prospects by
// their furthest stage and measures their stays in SQL (a bank's 100,000 prospects and their history
// never travel to this process); the rules of domain/pipeline.ts and domain/pipeline-analytics.ts turn
// those counts into the answer.

const DAY_MS = 86_400_000;

const byName = (a: { name: string } | null, b: { name: string } | null) =>
  a === null ? 1 : b === null ? -1 : a.name.localeCompare(b.name, 'zh-CN');

export async function prospectAnalytics(
  deps: AppDeps,
  viewer: Viewer,
  query: ProspectAnalyticsQuery,
): Promise<ProspectAnalytics> {
  if (query.to < query.from) throw invalidField('querystring.to', 'must not be before from');
  const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 + 1;
  if (days > ANALYTICS_MAX_DAYS)
    throw invalidField('querystring.to', `a period of at most ${ANALYTICS_MAX_DAYS} days`);
  const now = deps.clock();
  const months = monthsBetween(query.from, query.to);
  const figures = await repo.pipelineFigures(deps.db, deps.dialect, viewer, {
    fromAt: bankDayStart(query.from),
    toAt: bankDayStart(query.to, 1),
    ownerId: query.ownerId,
    teamId: query.teamId,
    source: query.source,
    asOfMs: now.getTime(),
    monthStarts: months.map((m) => bankDayStart(`${m}-01`)),
  });
  const counted = (r: { furthest: number; prospects: number }): FurthestCount => ({
    furthest: repo.stageAtRank(r.furthest),
    prospects: r.prospects,
  });
  const ref = (id: number | null, name: string | null | undefined) =>
    id === null || name == null ? null : { id, name };

  // Owners (and their teams) in the order their first prospect came, as a list of the prospects
  // would meet them: equal names keep that order.
  const owners = [...figures.owners].sort((a, b) => a.firstId - b.firstId);
  const ownerNames = new Map(owners.map((o) => [o.ownerId, o.ownerName]));
  const teamNames = new Map(owners.map((o) => [o.teamId, o.teamName]));

  const cohorts = figures.cohorts.map((c) => ({ ...c, ...counted(c) }));
  const bySource = new Map<string, { counts: FurthestCount[]; disqualified: number }>();
  for (const c of cohorts) {
    const s = bySource.get(c.source) ?? { counts: [], disqualified: 0 };
    s.counts.push(c);
    if (c.disqualified) s.disqualified += c.prospects;
    bySource.set(c.source, s);
  }
  const medianWon = new Map(figures.won.map((w) => [w.source, w.medianMs]));
  const byMonth = new Map(
    acquisitionByCounts(cohorts.map((c) => ({ ...c, key: months[c.month]! }))).map(({ key, ...rate }) => [
      key,
      rate,
    ]),
  );
  const sourceOrder: readonly string[] = PROSPECT_SOURCES.codes;
  const inDays = (ms: number | null | undefined) => (ms == null ? null : ms / DAY_MS);

  return {
    period: { from: query.from, to: query.to },
    asOf: now.toISOString(),
    funnel: funnelOf(cohorts),
    acquisition: {
      overall: acquisitionRateOf(cohorts),
      byOwner: acquisitionByCounts(owners.map((o) => ({ ...counted(o), key: o.ownerId })))
        .map(({ key, ...rate }) => ({ owner: ref(key, ownerNames.get(key)), ...rate }))
        .sort((a, b) => byName(a.owner, b.owner)),
      byTeam: acquisitionByCounts(owners.map((o) => ({ ...counted(o), key: o.teamId })))
        .map(({ key, ...rate }) => ({ team: ref(key, teamNames.get(key)), ...rate }))
        .sort((a, b) => byName(a.team, b.team)),
      bySource: acquisitionByCounts(cohorts.map((c) => ({ ...c, key: c.source as ProspectSource })))
        .map(({ key, ...rate }) => ({ source: key, ...rate }))
        .sort((a, b) => sourceOrder.indexOf(a.source) - sourceOrder.indexOf(b.source)),
      byMonth: months.map((month) => ({
        month,
        ...(byMonth.get(month) ?? { prospects: 0, approached: 0, acquired: 0, rate: null }),
      })),
    },
    timeInStage: timeInStageOf(
      new Map(
        figures.stages.map((s) => [
          s.stage,
          { prospects: s.prospects, totalDays: s.totalMs / DAY_MS, medianDays: inDays(s.medianMs) },
        ]),
      ),
    ),
    sources: sourceEffectivenessOf(
      [...bySource].map(([source, s]) => ({
        source,
        counts: s.counts,
        disqualified: s.disqualified,
        medianDaysToEstablish: inDays(medianWon.get(source)),
      })),
      sourceOrder,
    ).map((s) => ({ ...s, source: s.source as ProspectSource })),
  };
}

/** Introductions the network answer carries at most; the most recent are kept. */
export const MAX_EDGES = 2000;

/** The referral network the viewer may see. */
export async function network(deps: AppDeps, viewer: Viewer): Promise<ReferralNetwork> {
  // Each source is read up to the cap, newest first; beyond it the answer says it was cut.
  const [referred, links] = await Promise.all([
    repo.referredProspects(deps.db, viewer, MAX_EDGES + 1),
    repo.customerReferrals(deps.db, viewer, MAX_EDGES + 1),
  ]);
  const candidates = new Map<string, NetworkCandidate>();
  // One node per key: seen when any of its sightings is in scope; a converted prospect's status wins.
  const add = (c: NetworkCandidate) => {
    const seen = candidates.get(c.key);
    if (!seen) return candidates.set(c.key, c);
    candidates.set(c.key, {
      ...seen,
      visible: seen.visible || c.visible,
      converted: seen.converted || c.converted,
      status: c.converted && !seen.converted ? c.status : seen.status,
      name: seen.name || c.name,
      organisation: seen.organisation ?? c.organisation ?? null,
    });
  };
  const customer = (id: number, name: string | null, visible: number) =>
    add({
      key: `c:${id}`,
      kind: 'customer',
      name: name ?? '',
      status: 'customer',
      converted: false,
      visible: !!visible,
    });
  /** A prospect, or the customer it was converted into: one node. */
  const prospect = (
    id: number,
    name: string | null,
    status: string | null,
    visible: number,
    customerId: number | null,
    customerName: string | null,
    customerVisible: number,
  ) => {
    if (customerId === null) {
      add({
        key: `p:${id}`,
        kind: 'prospect',
        name: name ?? '',
        status: status ?? '',
        converted: false,
        visible: !!visible,
      });
      return `p:${id}`;
    }
    add({
      key: `c:${customerId}`,
      kind: 'customer',
      name: customerName ?? name ?? '',
      status: status ?? 'established',
      converted: true,
      visible: !!visible || !!customerVisible,
    });
    return `c:${customerId}`;
  };

  const edges: ReferralEdge[] = [];
  for (const r of referred) {
    const to = prospect(
      r.id,
      r.name,
      r.status,
      r.visible,
      r.customer_id,
      r.customer_name,
      r.customer_visible,
    );
    let from: string | null = null;
    if (r.referrer_kind === 'customer' && r.referrer_customer_id !== null) {
      customer(r.referrer_customer_id, r.referrer_customer_name, r.referrer_customer_visible);
      from = `c:${r.referrer_customer_id}`;
    } else if (r.referrer_kind === 'prospect' && r.referrer_prospect_id !== null) {
      from = prospect(
        r.referrer_prospect_id,
        r.referrer_prospect_name,
        r.referrer_prospect_status,
        r.referrer_prospect_visible,
        r.referrer_prospect_customer_id,
        r.referrer_prospect_customer_name,
        r.referrer_prospect_customer_visible,
      );
    } else if (r.referrer_kind === 'contact' && r.referrer_contact_id !== null) {
      from = `ct:${r.referrer_contact_id}`;
      add({
        key: from,
        kind: 'contact',
        name: r.referrer_contact_name ?? '',
        status: 'person',
        converted: false,
        visible: !!r.referrer_contact_visible,
        organisation:
          r.referrer_contact_customer_id === null
            ? null
            : { id: r.referrer_contact_customer_id, name: r.referrer_contact_customer_name ?? '' },
      });
    } else if (r.referrer_kind === 'person' && r.referrer_name) {
      from = `k:${r.referrer_name.trim()}`;
      // A named key person is known only through the prospects naming them: seen with a prospect in scope.
      add({
        key: from,
        kind: 'person',
        name: r.referrer_name.trim(),
        status: 'person',
        converted: false,
        visible: !!r.visible,
      });
    }
    if (from) edges.push({ from, to, at: r.created_at });
  }
  for (const l of links) {
    customer(l.from_customer_id, l.from_name, l.from_visible);
    customer(l.to_customer_id, l.to_name, l.to_visible);
    edges.push({ from: `c:${l.from_customer_id}`, to: `c:${l.to_customer_id}`, at: l.created_at });
  }

  // A customer reached only as a referrer or through a link may itself be a converted prospect.
  const plain = [...candidates.values()].filter((c) => c.kind === 'customer' && !c.converted);
  for (const row of await repo.conversionsOf(
    deps.db,
    viewer,
    plain.map((c) => Number(c.key.slice(2))),
  )) {
    if (row.customer_id === null) continue;
    const key = `c:${row.customer_id}`;
    add({ ...candidates.get(key)!, status: row.status, converted: true, visible: !!row.visible });
  }

  const answer = referralNetwork([...candidates.values()], edges, MAX_EDGES);
  return {
    ...answer,
    truncated: answer.truncated || referred.length > MAX_EDGES || links.length > MAX_EDGES,
  };
}

/** Referrers ranked by referrals brought and how many became customers, over what the viewer sees. */
export async function keyPersons(
  deps: AppDeps,
  viewer: Viewer,
  query: { limit: number },
): Promise<{ items: KeyPerson[] }> {
  const net = await network(deps, viewer);
  const ranked = rankKeyPersons(net, query.limit);
  // The realized value (issue #7) of the customers each one brought, as the last value run stored it.
  const hidden = new Set(net.nodes.filter((n) => n.hidden).map((n) => n.id));
  const brought = new Map<string, number[]>(ranked.map((k) => [k.referrer.id, []]));
  for (const e of net.edges) {
    if (hidden.has(e.target) || !e.target.startsWith('c:')) continue;
    brought.get(e.source)?.push(Number(e.target.slice(2)));
  }
  const value = await repo.realizedValues(deps.db, [...new Set([...brought.values()].flat())]);
  return {
    items: ranked.map((k) => {
      const ids = brought.get(k.referrer.id) ?? [];
      const known = ids.filter((id) => value.get(id) !== undefined);
      return {
        ...k,
        convertedValue: known.length === 0 ? null : fenToYuan(known.reduce((s, id) => s + value.get(id)!, 0)),
      };
    }),
  };
}
