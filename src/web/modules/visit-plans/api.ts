import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Contact } from '../../../shared/schemas/contact';
import type { VisitPlan, VisitPlanSummary } from '../../../shared/schemas/visit-plan';
import { get, patch, post, qs } from '../../app/api';

export type PlanAction = 'submit' | 'approve' | 'return' | 'cancel' | 'summary';

export const planKey = (id: number) => ['visit-plan', id] as const;

export function usePlan(id: number) {
  return useQuery({
    queryKey: planKey(id),
    queryFn: () => get<VisitPlan>(`/visit-plans/${id}`),
    enabled: id > 0,
  });
}

export function usePlanList(params: Record<string, string | undefined>) {
  return useQuery({
    queryKey: ['visit-plans', params],
    queryFn: () => get<{ items: VisitPlanSummary[]; total: number }>(`/visit-plans${qs(params)}`),
    placeholderData: keepPreviousData,
  });
}

export function useCustomerContacts(customerId: number | undefined) {
  return useQuery({
    queryKey: ['contacts', customerId],
    enabled: !!customerId,
    queryFn: async () => (await get<{ items: Contact[] }>(`/customers/${customerId}/contacts`)).items,
  });
}

/** Saves a plan (a new one, or changes to one), then runs an action on it when asked. */
export function useSavePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: number; body: Record<string, unknown> }) =>
      id ? patch<VisitPlan>(`/visit-plans/${id}`, body) : post<VisitPlan>('/visit-plans', body),
    onSuccess: (plan) => {
      client.setQueryData(planKey(plan.id), plan);
      void client.invalidateQueries({ queryKey: ['visit-plans'] });
    },
  });
}

export function usePlanAction(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: PlanAction; body: Record<string, unknown> }) =>
      post<VisitPlan>(`/visit-plans/${id}/${action}`, body),
    onSuccess: (plan) => {
      client.setQueryData(planKey(plan.id), plan);
      void client.invalidateQueries({ queryKey: ['visit-plans'] });
      void client.invalidateQueries({ queryKey: ['day'] });
      void client.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
