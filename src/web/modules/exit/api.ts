import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ExitCandidateStatus,
  ExitGroup,
  ExitPlanStatus,
  ExitRule,
  PortfolioScope,
} from '../../../shared/codes';
import type {
  CandidateDto,
  candidateListSchema,
  ExitCriteriaDto,
  ExitPlanDto,
  ExitPlanSummaryDto,
  ExitReportDto,
  exitCriteriaPutSchema,
  exitPlanCreateSchema,
  exitPlanPatchSchema,
  RiskFlagDto,
  riskFlagCreateSchema,
  ScreeningDto,
  screeningAnswerSchema,
  watchItemSchema,
} from '../../../shared/schemas/exit';
import { api, del, get, patch, post, qs } from '../../app/api';
import { customerKey } from '../customers/api';

// Server calls of relationship exit (issue #9, DOMAIN §6): risk flags, the exit criteria settings,
// screening runs and the candidates queue, exit plans and their workflow, the watch list and the
// exit report. Every write refreshes what it changes: a flag re-screens the customer, a plan moves
// its candidate.

export type {
  CandidateDto,
  ExitCriteriaDto,
  ExitPlanDto,
  ExitPlanSummaryDto,
  ExitReportDto,
  RiskFlagDto,
  ScreeningDto,
};
export type CandidateList = z.output<typeof candidateListSchema>;
export type ScreeningAnswer = z.output<typeof screeningAnswerSchema>;
export type WatchItem = z.output<typeof watchItemSchema>;
export type ExitCriteriaPut = z.input<typeof exitCriteriaPutSchema>;
export type ExitPlanCreate = z.input<typeof exitPlanCreateSchema>;
export type ExitPlanPatch = z.input<typeof exitPlanPatchSchema>;
export type RiskFlagCreate = z.input<typeof riskFlagCreateSchema>;

export interface CandidateQuery {
  rule?: ExitRule | undefined;
  group?: ExitGroup | undefined;
  status?: ExitCandidateStatus | undefined;
  since?: string | undefined;
  q?: string | undefined;
  ownerId?: number | undefined;
  customerId?: number | undefined;
  page: number;
  pageSize: number;
}

export interface PlanQuery {
  status?: ExitPlanStatus | undefined;
  customerId?: number | undefined;
  toDecide?: 'true' | undefined;
  page: number;
  pageSize: number;
}

export interface ReportQuery {
  scope?: PortfolioScope | undefined;
  scopeId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const EXIT = ['exit'] as const;
const CANDIDATES = [...EXIT, 'candidates'] as const;
const PLANS = [...EXIT, 'plans'] as const;
const CRITERIA = ['settings', 'exit-criteria'] as const;
const flagsKey = (customerId: number) => [...customerKey(customerId), 'risk-flags'] as const;

// ---- risk flags

export function useRiskFlags(customerId: number) {
  return useQuery({
    queryKey: flagsKey(customerId),
    queryFn: async () => (await get<{ items: RiskFlagDto[] }>(`/customers/${customerId}/risk-flags`)).items,
  });
}

export function useRecordRiskFlag(customerId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RiskFlagCreate) => post<RiskFlagDto>(`/customers/${customerId}/risk-flags`, body),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: flagsKey(customerId) }),
        client.invalidateQueries({ queryKey: EXIT }),
      ]),
  });
}

export function useClearRiskFlag(customerId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: number;
      version: number;
      clearedOn?: string;
      note?: string | null;
    }) => post<RiskFlagDto>(`/customers/${customerId}/risk-flags/${id}/clear`, body),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: flagsKey(customerId) }),
        client.invalidateQueries({ queryKey: EXIT }),
      ]),
  });
}

// ---- exit criteria settings (admins)

export function useExitCriteria() {
  return useQuery({
    queryKey: [...CRITERIA, 'current'],
    queryFn: () => get<ExitCriteriaDto>('/settings/exit-criteria'),
  });
}

export function useExitCriteriaVersions(enabled: boolean) {
  return useQuery({
    queryKey: [...CRITERIA, 'versions'],
    enabled,
    queryFn: async () => (await get<{ items: ExitCriteriaDto[] }>('/settings/exit-criteria/versions')).items,
  });
}

export function useSaveExitCriteria() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ExitCriteriaPut) => api<ExitCriteriaDto>('PUT', '/settings/exit-criteria', body),
    onSettled: () => client.invalidateQueries({ queryKey: CRITERIA }),
  });
}

// ---- screening and candidates

/** Screens the viewer's portfolio (or the customers named); only candidates and missing data come back. */
export function useRunScreening() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { asOf?: string; customerIds?: number[] }) =>
      post<ScreeningAnswer>('/exit-screenings', { ...body, only: 'candidates' }),
    onSettled: () => client.invalidateQueries({ queryKey: EXIT }),
  });
}

export function useCandidates(query: CandidateQuery, enabled = true) {
  return useQuery({
    queryKey: [...CANDIDATES, query],
    enabled,
    queryFn: () => get<CandidateList>(`/exit-candidates${qs({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

export function usePatchCandidate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      customerId,
      ...body
    }: {
      customerId: number;
      version: number;
      status: 'open' | 'dismissed';
      note?: string | null;
    }) => patch<CandidateDto>(`/exit-candidates/${customerId}`, body),
    onSettled: () => client.invalidateQueries({ queryKey: CANDIDATES }),
  });
}

// ---- exit plans

export function useExitPlans(query: PlanQuery) {
  return useQuery({
    queryKey: [...PLANS, 'list', query],
    queryFn: () => get<{ items: ExitPlanSummaryDto[]; total: number }>(`/exit-plans${qs({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

export function useExitPlan(id: number | null) {
  return useQuery({
    queryKey: [...PLANS, 'one', id],
    enabled: id !== null,
    queryFn: () => get<ExitPlanDto>(`/exit-plans/${id}`),
  });
}

/** Every plan write: the plan, the board, the candidates and the report move with it. */
function usePlanWrite<V>(fn: (v: V) => Promise<ExitPlanDto | undefined>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: (plan) =>
      Promise.all([
        client.invalidateQueries({ queryKey: EXIT }),
        plan && client.invalidateQueries({ queryKey: customerKey(plan.customer.id) }),
      ]),
  });
}

export const useCreateExitPlan = () =>
  usePlanWrite((body: ExitPlanCreate) => post<ExitPlanDto>('/exit-plans', body));
export const useUpdateExitPlan = (id: number) =>
  usePlanWrite((body: ExitPlanPatch) => patch<ExitPlanDto>(`/exit-plans/${id}`, body));
export const useDeleteExitPlan = (id: number) =>
  usePlanWrite(async (version: number) => {
    await del(`/exit-plans/${id}?version=${version}`);
    return undefined;
  });

export type PlanAction = 'submit' | 'revise' | 'start';
export const usePlanAction = (id: number) =>
  usePlanWrite(({ action, ...body }: { action: PlanAction; version: number; note?: string | null }) =>
    post<ExitPlanDto>(`/exit-plans/${id}/${action}`, body),
  );
export const useDecidePlan = (id: number) =>
  usePlanWrite((body: { version: number; decision: 'approve' | 'reject'; note?: string | null }) =>
    post<ExitPlanDto>(`/exit-plans/${id}/decide`, body),
  );
export const useCompletePlan = (id: number) =>
  usePlanWrite((body: { version: number; completedOn?: string; note?: string | null }) =>
    post<ExitPlanDto>(`/exit-plans/${id}/complete`, body),
  );
export const useUpdateStep = (id: number) =>
  usePlanWrite(
    ({ stepId, ...body }: { stepId: number; version: number; doneOn: string | null; note?: string | null }) =>
      patch<ExitPlanDto>(`/exit-plans/${id}/steps/${stepId}`, body),
  );

// ---- views

export function useWatchList(query: { q?: string | undefined; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...EXIT, 'watch', query],
    queryFn: () => get<{ items: WatchItem[]; total: number }>(`/exit-watch-list${qs({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}

export function useExitReport(query: ReportQuery) {
  return useQuery({
    queryKey: [...EXIT, 'report', query],
    queryFn: () => get<ExitReportDto>(`/exit-report${qs({ ...query })}`),
    placeholderData: keepPreviousData,
  });
}
