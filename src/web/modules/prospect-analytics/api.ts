import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  KeyPerson,
  NetworkNode,
  ProspectAnalytics,
  ReferralNetwork,
} from '../../../shared/schemas/prospect-analytics';
import { get, qs } from '../../app/api';

// Server calls of the pipeline analytics and the referral network (issue #6 parts 6 and 7).

export type { KeyPerson, NetworkNode, ProspectAnalytics, ReferralNetwork };
export type RateRow = ProspectAnalytics['acquisition']['overall'];

export interface AnalyticsQuery {
  from: string;
  to: string;
  source?: string | undefined;
  ownerId?: number | undefined;
  teamId?: number | undefined;
}

export function useProspectAnalytics(query: AnalyticsQuery) {
  return useQuery({
    queryKey: ['prospects', 'analytics', query],
    queryFn: () => get<ProspectAnalytics>(`/prospects/analytics${qs({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

export function useReferralNetwork() {
  return useQuery({
    queryKey: ['prospects', 'network'],
    queryFn: () => get<ReferralNetwork>('/prospects/network'),
  });
}

export function useKeyPersons(limit = 20) {
  return useQuery({
    queryKey: ['prospects', 'key-persons', limit],
    queryFn: async () => (await get<{ items: KeyPerson[] }>(`/prospects/key-persons${qs({ limit })}`)).items,
  });
}

/** Where a node of the network opens: its prospect or customer page; people have none of their own. */
export function nodeLink(node: NetworkNode): string | null {
  if (node.hidden) return null;
  const [kind, id] = node.id.split(':') as [string, string];
  if (kind === 'p') return `/prospects/${id}`;
  if (kind === 'c') return `/customers/${id}`;
  if (kind === 'ct' && node.organisation) return `/customers/${node.organisation.id}`;
  return null;
}
