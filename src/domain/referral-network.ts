// The referral network: DOMAIN §4 item 3 (referrals form a graph; "key persons" 关键中心人物 are
// ranked by the referrals they brought and how many became customers). Pure functions, no I/O.
//
// Our rules:
// - A node is a customer, a prospect, a contact person or a named key person; a prospect converted into
//   a customer is one node with that customer. An edge runs from who introduced to whom they introduced,
//   once per pair however often it was recorded; a self-introduction is dropped.
// - Viewers see only their scope. A node outside it is shown as hidden (kind kept, no name, no status,
//   an opaque id) only when it links two or more nodes the viewer sees, so a chain of introductions
//   stays whole; otherwise it is left out with its edges. An edge between two hidden nodes is left out.
//   The network is made of introductions: a node none of whose introductions is shown is not shown
//   (the viewer's prospect introduced by someone outside their scope shows on its own page, not here).
// - When there are more edges than the answer may carry, the most recent are kept.
// - A key person's referrals and conversions count only the nodes the viewer sees; a referral
//   "converted" when the node introduced is a customer (a converted prospect, or a customer introduced
//   directly).

export const NODE_KINDS = ['customer', 'prospect', 'contact', 'person'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export interface NetworkCandidate {
  /** `c:12` customer, `p:7` prospect, `ct:3` contact person, `k:<name>` named key person. */
  key: string;
  kind: NodeKind;
  name: string;
  /** The prospect's status; `customer` for a customer that was no prospect; `person` for people. */
  status: string;
  /** A prospect converted into this customer. */
  converted: boolean;
  /** Inside the viewer's scope. */
  visible: boolean;
  /** For a contact person: the customer they belong to. */
  organisation?: { id: number; name: string } | null;
}

export interface ReferralEdge {
  from: string;
  to: string;
  /** When the introduction was recorded (an ISO instant): the most recent are kept first. */
  at: string;
}

export interface NetworkNode {
  id: string;
  kind: NodeKind;
  name: string | null;
  status: string | null;
  converted: boolean;
  organisation: { id: number; name: string } | null;
  hidden?: true;
}

export interface Network {
  nodes: NetworkNode[];
  edges: { source: string; target: string }[];
  /** More edges were there than `maxEdges`: the oldest were left out. */
  truncated: boolean;
}

/** The network a viewer may see, from the candidates and introductions touching their scope. */
export function referralNetwork(
  candidates: readonly NetworkCandidate[],
  introductions: readonly ReferralEdge[],
  maxEdges = Number.POSITIVE_INFINITY,
): Network {
  const byKey = new Map(candidates.map((c) => [c.key, c]));
  const latest = new Map<string, ReferralEdge>();
  for (const e of introductions) {
    if (e.from === e.to || !byKey.has(e.from) || !byKey.has(e.to)) continue;
    const pair = `${e.from}\u0000${e.to}`;
    const seen = latest.get(pair);
    if (!seen || seen.at < e.at) latest.set(pair, e);
  }

  // Which visible nodes each node outside the scope touches.
  const visibleNeighbours = new Map<string, Set<string>>();
  const touch = (hidden: string, visible: string) => {
    const set = visibleNeighbours.get(hidden) ?? new Set<string>();
    set.add(visible);
    visibleNeighbours.set(hidden, set);
  };
  for (const e of latest.values()) {
    const a = byKey.get(e.from)!;
    const b = byKey.get(e.to)!;
    if (!a.visible && b.visible) touch(a.key, b.key);
    if (a.visible && !b.visible) touch(b.key, a.key);
  }
  const shown = (key: string) => byKey.get(key)!.visible || (visibleNeighbours.get(key)?.size ?? 0) >= 2;

  const kept = [...latest.values()]
    .filter((e) => shown(e.from) && shown(e.to) && (byKey.get(e.from)!.visible || byKey.get(e.to)!.visible))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const truncated = kept.length > maxEdges;
  const edges = truncated ? kept.slice(0, maxEdges) : kept;

  // The network is its introductions: a node whose every introduction was left out goes with them.
  const keys = new Set<string>();
  for (const e of edges) keys.add(e.from).add(e.to);

  const ordered = [...keys].sort();
  const ids = new Map<string, string>();
  let hiddenSeq = 0;
  for (const key of ordered) ids.set(key, byKey.get(key)!.visible ? key : `h:${++hiddenSeq}`);

  const nodes: NetworkNode[] = ordered.map((key) => {
    const c = byKey.get(key)!;
    return c.visible
      ? {
          id: key,
          kind: c.kind,
          name: c.name,
          status: c.status,
          converted: c.converted,
          organisation: c.organisation ?? null,
        }
      : {
          id: ids.get(key)!,
          kind: c.kind,
          name: null,
          status: null,
          converted: false,
          organisation: null,
          hidden: true,
        };
  });
  return {
    nodes,
    edges: edges
      .map((e) => ({ source: ids.get(e.from)!, target: ids.get(e.to)! }))
      .sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target)),
    truncated,
  };
}

export interface KeyPerson {
  referrer: NetworkNode;
  /** Nodes the viewer sees that this referrer introduced. */
  referrals: number;
  /** Of those, the ones that are customers. */
  converted: number;
}

/** Referrers ranked by referrals brought, then by how many became customers, then by name. */
export function keyPersons(network: Network, limit = Number.POSITIVE_INFINITY): KeyPerson[] {
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  const tally = new Map<string, { referrals: number; converted: number }>();
  for (const e of network.edges) {
    const from = byId.get(e.source)!;
    const to = byId.get(e.target)!;
    if (from.hidden || to.hidden) continue;
    const t = tally.get(from.id) ?? { referrals: 0, converted: 0 };
    t.referrals += 1;
    if (to.kind === 'customer') t.converted += 1;
    tally.set(from.id, t);
  }
  return [...tally]
    .map(([id, t]) => ({ referrer: byId.get(id)!, ...t }))
    .sort(
      (a, b) =>
        b.referrals - a.referrals ||
        b.converted - a.converted ||
        (a.referrer.name ?? '').localeCompare(b.referrer.name ?? '', 'zh-CN') ||
        a.referrer.id.localeCompare(b.referrer.id),
    )
    .slice(0, limit);
}
