import { describe, expect, it } from 'vitest';
import { keyPersons, type NetworkCandidate, referralNetwork } from './referral-network';

const node = (key: string, visible = true, extra: Partial<NetworkCandidate> = {}): NetworkCandidate => ({
  key,
  kind: key.startsWith('c:')
    ? 'customer'
    : key.startsWith('p:')
      ? 'prospect'
      : key.startsWith('ct:')
        ? 'contact'
        : 'person',
  name: `N${key}`,
  status: key.startsWith('c:') ? 'customer' : key.startsWith('p:') ? 'sourced' : 'person',
  converted: false,
  visible,
  ...extra,
});
const at = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString();

describe('referral network (DOMAIN §4)', () => {
  it('draws each introduction once, drops self-introductions and unknown ends', () => {
    const net = referralNetwork(
      [node('c:1'), node('p:2'), node('k:王总')],
      [
        { from: 'c:1', to: 'p:2', at: at(1) },
        { from: 'c:1', to: 'p:2', at: at(2) },
        { from: 'p:2', to: 'p:2', at: at(3) },
        { from: 'k:王总', to: 'c:1', at: at(4) },
        { from: 'k:王总', to: 'p:99', at: at(5) },
      ],
    );
    expect(net.edges).toEqual([
      { source: 'c:1', target: 'p:2' },
      { source: 'k:王总', target: 'c:1' },
    ]);
    expect(net.nodes.map((n) => n.id)).toEqual(['c:1', 'k:王总', 'p:2']);
    expect(net.nodes[0]).toEqual({
      id: 'c:1',
      kind: 'customer',
      name: 'Nc:1',
      status: 'customer',
      converted: false,
      organisation: null,
    });
    expect(net.truncated).toBe(false);
  });

  it('shows a node outside the scope as hidden when it links two visible nodes, and leaves it out otherwise', () => {
    const net = referralNetwork(
      [
        node('p:1'),
        node('c:2', false),
        node('p:3'),
        node('c:4', false),
        node('p:5'),
        node('p:6', false),
        node('p:7'),
      ],
      [
        // p:1 → c:2 (not seen) → p:3: the chain stays whole through a hidden node
        { from: 'p:1', to: 'c:2', at: at(1) },
        { from: 'c:2', to: 'p:3', at: at(2) },
        // c:4 (not seen) introduced only p:7: both left out, p:7 having no other introduction
        { from: 'c:4', to: 'p:7', at: at(3) },
        // between two hidden ones: left out
        { from: 'c:2', to: 'p:6', at: at(4) },
        { from: 'p:6', to: 'p:1', at: at(5) },
        { from: 'p:6', to: 'p:5', at: at(6) },
      ],
    );
    // c:2 and p:6 both link two visible nodes; the edge between them is left out
    expect(net.nodes).toEqual([
      {
        id: 'h:1',
        kind: 'customer',
        name: null,
        status: null,
        converted: false,
        organisation: null,
        hidden: true,
      },
      { id: 'p:1', kind: 'prospect', name: 'Np:1', status: 'sourced', converted: false, organisation: null },
      { id: 'p:3', kind: 'prospect', name: 'Np:3', status: 'sourced', converted: false, organisation: null },
      { id: 'p:5', kind: 'prospect', name: 'Np:5', status: 'sourced', converted: false, organisation: null },
      {
        id: 'h:2',
        kind: 'prospect',
        name: null,
        status: null,
        converted: false,
        organisation: null,
        hidden: true,
      },
    ]);
    expect(net.edges).toEqual([
      { source: 'h:1', target: 'p:3' },
      { source: 'h:2', target: 'p:1' },
      { source: 'h:2', target: 'p:5' },
      { source: 'p:1', target: 'h:1' },
    ]);
    expect(JSON.stringify(net)).not.toContain('c:2');
    expect(JSON.stringify(net)).not.toContain('c:4');
    expect(JSON.stringify(net)).not.toContain('p:7');
  });

  it('keeps the most recent introductions when there are too many, and says so', () => {
    const net = referralNetwork(
      [node('c:1'), node('p:2'), node('p:3'), node('p:4')],
      [
        { from: 'c:1', to: 'p:2', at: at(1) },
        { from: 'c:1', to: 'p:3', at: at(3) },
        { from: 'c:1', to: 'p:4', at: at(2) },
      ],
      2,
    );
    expect(net.truncated).toBe(true);
    expect(net.edges).toEqual([
      { source: 'c:1', target: 'p:3' },
      { source: 'c:1', target: 'p:4' },
    ]);
    expect(net.nodes.map((n) => n.id)).toEqual(['c:1', 'p:3', 'p:4']);
  });
});

describe('key persons', () => {
  it('ranks referrers by referrals, then by how many became customers, counting only visible nodes', () => {
    const net = referralNetwork(
      [
        node('k:李'),
        node('k:张'),
        node('c:1', true, { converted: true, status: 'established' }),
        node('p:2'),
        node('p:3'),
        node('c:4'),
        node('p:5', false),
        node('p:6'),
      ],
      [
        { from: 'k:李', to: 'p:2', at: at(1) },
        { from: 'k:李', to: 'p:3', at: at(1) },
        { from: 'k:张', to: 'c:1', at: at(1) },
        { from: 'k:张', to: 'c:4', at: at(1) },
        { from: 'k:张', to: 'p:5', at: at(1) },
        { from: 'p:5', to: 'p:6', at: at(1) },
        { from: 'c:4', to: 'p:6', at: at(1) },
      ],
    );
    const ranked = keyPersons(net);
    expect(ranked.map((k) => [k.referrer.id, k.referrals, k.converted])).toEqual([
      ['k:张', 2, 2],
      ['k:李', 2, 0],
      ['c:4', 1, 0],
    ]);
    expect(keyPersons(net, 1)).toHaveLength(1);
  });
});
