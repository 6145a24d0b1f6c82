import { acquisitionRate, funnel, furthestStage, type ProspectStatus } from '../../../domain/pipeline';
import {
  acquisitionBy,
  daysToEstablish,
  monthsBetween,
  type StatusChange,
  sourceEffectiveness,
  timeInStage,
} from '../../../domain/pipeline-analytics';
import {
  type NetworkCandidate,
  type ReferralEdge,
  keyPersons as rankKeyPersons,
  referralNetwork,
} from '../../../domain/referral-network';
import { PROSPECT_SOURCES, type ProspectSource } from '../../../shared/codes';
import { bankDate, bankDayStart } from '../../../shared/schemas/common';
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
// and the referral network with its key persons. The numbers come from the pure rules of
// domain/pipeline.ts, domain/pipeline-analytics.ts and domain/referral-network.ts; this file only
// gathers the rows the viewer may see and groups them.

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
  const filter = {
    fromAt: bankDayStart(query.from),
    toAt: bankDayStart(query.to, 1),
    ownerId: query.ownerId,
    teamId: query.teamId,
    source: query.source,
  };
  const [rows, historyRows] = await Promise.all([
    repo.analyticsProspects(deps.db, viewer, filter),
    repo.analyticsHistory(deps.db, viewer, filter),
  ]);
  const asOf = deps.clock().toISOString();

  const histories = new Map<number, StatusChange[]>();
  for (const h of historyRows) {
    const list = histories.get(h.prospect_id) ?? [];
    list.push({ status: h.to_status as ProspectStatus, at: h.changed_at });
    histories.set(h.prospect_id, list);
  }
  const prospects = rows.map((p) => {
    const history = histories.get(p.id) ?? [];
    return {
      ...p,
      history,
      month: bankDate(new Date(p.created_at)).slice(0, 7),
      // The current status counts too, should a history row be missing.
      furthest: furthestStage([...history.map((c) => c.status), p.status as ProspectStatus]),
    };
  });
  type Row = (typeof prospects)[number];
  const furthestOf = (p: Row) => p.furthest;
  const rateOf = (list: readonly Row[]) => ({
    prospects: list.length,
    ...acquisitionRate(list.map(furthestOf)),
  });

  const owners = new Map(rows.map((p) => [p.owner_id, p.owner_name]));
  const teams = new Map(rows.map((p) => [p.team_id, p.team_name]));
  const ref = (id: number | null, name: string | null | undefined) =>
    id === null || name == null ? null : { id, name };

  const byMonth = new Map(
    acquisitionBy(prospects, (p) => p.month, furthestOf).map(({ key, ...rate }) => [key, rate]),
  );
  const sourceOrder: readonly string[] = PROSPECT_SOURCES.codes;

  return {
    period: { from: query.from, to: query.to },
    asOf,
    funnel: funnel(prospects.map(furthestOf)),
    acquisition: {
      overall: rateOf(prospects),
      byOwner: acquisitionBy(prospects, (p) => p.owner_id, furthestOf)
        .map(({ key, ...rate }) => ({ owner: ref(key, owners.get(key)), ...rate }))
        .sort((a, b) => byName(a.owner, b.owner)),
      byTeam: acquisitionBy(prospects, (p) => p.team_id, furthestOf)
        .map(({ key, ...rate }) => ({ team: ref(key, teams.get(key)), ...rate }))
        .sort((a, b) => byName(a.team, b.team)),
      bySource: acquisitionBy(prospects, (p) => p.source as ProspectSource, furthestOf)
        .map(({ key, ...rate }) => ({ source: key, ...rate }))
        .sort((a, b) => sourceOrder.indexOf(a.source) - sourceOrder.indexOf(b.source)),
      byMonth: monthsBetween(query.from, query.to).map((month) => ({
        month,
        ...(byMonth.get(month) ?? { prospects: 0, approached: 0, acquired: 0, rate: null }),
      })),
    },
    timeInStage: timeInStage(
      prospects.map((p) => p.history),
      asOf,
    ),
    sources: sourceEffectiveness(
      prospects.map((p) => ({
        source: p.source,
        status: p.status as ProspectStatus,
        furthest: p.furthest,
        daysToEstablish: daysToEstablish(p.history),
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
  return {
    // The value of the converted customers arrives with customer value (issue #7).
    items: rankKeyPersons(net, query.limit).map((k) => ({ ...k, convertedValue: null })),
  };
}
