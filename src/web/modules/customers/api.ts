import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CustomerDetail, CustomerSummary } from '../../../shared/schemas/customer';
import type { User } from '../../../shared/schemas/user';
import { get, qs } from '../../app/api';

export interface CustomerPage {
  items: CustomerSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export type ListParams = Record<string, string | undefined>;

export function useCustomerList(params: ListParams) {
  return useQuery({
    queryKey: ['customers', params],
    queryFn: () => get<CustomerPage>(`/customers${qs(params)}`),
    placeholderData: keepPreviousData,
  });
}

export const customerKey = (id: number) => ['customer', id] as const;

/** A customer's detail; nothing is asked while `id` is not a customer's (0 while a form has none). */
export function useCustomer(id: number) {
  return useQuery({
    queryKey: customerKey(id),
    queryFn: () => get<CustomerDetail>(`/customers/${id}`),
    enabled: id > 0,
  });
}

/** RMs and team leads a viewer may pick as owners (team leads and administrators only). */
export function useOwners(enabled: boolean) {
  return useQuery({
    queryKey: ['owners'],
    enabled,
    staleTime: 60_000,
    queryFn: async () => {
      const { items } = await get<{ items: User[] }>('/users?active=true');
      return items.filter((u) => u.role === 'rm' || u.role === 'team_lead');
    },
  });
}
