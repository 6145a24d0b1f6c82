import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type { PortfolioScope } from '../../../shared/codes';
import type {
  complianceSchema,
  LifecycleAnalysis,
  MaintenanceSettingsDto,
  maintenanceSettingsVersionSchema,
  ParetoAnalysis,
  ValueRun,
  ValueSettingsDto,
  valueSettingsVersionSchema,
} from '../../../shared/schemas/value';
import { ApiError, api, get, post, qs } from '../../app/api';

// Server calls of the value analysis (issue #7): the portfolios the caller may pick, the Pareto and
// lifecycle analyses of one portfolio and month, the versioned value and maintenance settings, the
// recomputation runs and the maintenance compliance of a team.

export type { LifecycleAnalysis, MaintenanceSettingsDto, ParetoAnalysis, ValueRun, ValueSettingsDto };
export type ValueSettingsVersion = z.output<typeof valueSettingsVersionSchema>;
export type MaintenanceSettingsVersion = z.output<typeof maintenanceSettingsVersionSchema>;
export type Compliance = z.output<typeof complianceSchema>;
export type ComplianceRow = Compliance['byOwner'][number];
export type ComplianceCounts = Compliance['total'];

export interface Portfolios {
  bank: boolean;
  branches: { id: number; name: string }[];
  teams: { id: number; name: string; branchId: number }[];
  rms: { id: number; name: string; teamId: number | null }[];
}

export interface PortfolioQuery {
  asOf?: string | undefined;
  scope?: PortfolioScope | undefined;
  scopeId?: number | undefined;
}

const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);

/** A 404 `no_analysis`: no run has analysed that month (or any month) yet. */
export const isNoAnalysis = (e: unknown) => e instanceof ApiError && e.status === 404;

/** A missing analysis is an answer, not a failure to retry. */
const noRetryOn404 = (count: number, e: unknown) => !isNoAnalysis(e) && count < 2;

const ANALYTICS = ['value-analytics'] as const;

export function usePortfolios() {
  return useQuery({
    queryKey: [...ANALYTICS, 'portfolios'],
    queryFn: () => get<Portfolios>('/analytics/portfolios'),
    staleTime: 60_000,
  });
}

export function usePareto(query: PortfolioQuery) {
  return useQuery({
    queryKey: [...ANALYTICS, 'pareto', query],
    queryFn: () => get<ParetoAnalysis>(`/analytics/pareto${qs({ ...query })}`),
    placeholderData: keepPreviousData,
    retry: noRetryOn404,
  });
}

export function useLifecycle(query: PortfolioQuery) {
  return useQuery({
    queryKey: [...ANALYTICS, 'lifecycle', query],
    queryFn: () => get<LifecycleAnalysis>(`/analytics/lifecycle${qs({ ...query })}`),
    placeholderData: keepPreviousData,
    retry: noRetryOn404,
  });
}

// ---- settings

const VALUE_SETTINGS = ['settings', 'customer-value'] as const;
const MAINTENANCE_SETTINGS = ['settings', 'maintenance-policies'] as const;
const RUNS = ['value-runs'] as const;

export function useValueSettings() {
  return useQuery({
    queryKey: [...VALUE_SETTINGS, 'current'],
    queryFn: () => get<ValueSettingsVersion>('/settings/customer-value'),
  });
}

export function useValueSettingsVersions(enabled: boolean) {
  return useQuery({
    queryKey: [...VALUE_SETTINGS, 'versions'],
    enabled,
    queryFn: async () =>
      (await get<{ items: ValueSettingsVersion[] }>('/settings/customer-value/versions')).items,
  });
}

export function useSaveValueSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { settings: ValueSettingsDto; reason: string; version: number }) =>
      put<ValueSettingsVersion>('/settings/customer-value', body),
    // A refused save (409) also means our copy is stale; a saved one started a recomputation.
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: VALUE_SETTINGS }),
        client.invalidateQueries({ queryKey: RUNS }),
      ]),
  });
}

export function useMaintenanceSettings() {
  return useQuery({
    queryKey: [...MAINTENANCE_SETTINGS, 'current'],
    queryFn: () => get<MaintenanceSettingsVersion>('/settings/maintenance-policies'),
  });
}

export function useMaintenanceSettingsVersions(enabled: boolean) {
  return useQuery({
    queryKey: [...MAINTENANCE_SETTINGS, 'versions'],
    enabled,
    queryFn: async () =>
      (await get<{ items: MaintenanceSettingsVersion[] }>('/settings/maintenance-policies/versions')).items,
  });
}

export function useSaveMaintenanceSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { settings: MaintenanceSettingsDto; reason: string; version: number }) =>
      put<MaintenanceSettingsVersion>('/settings/maintenance-policies', body),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: MAINTENANCE_SETTINGS }),
        client.invalidateQueries({ queryKey: ['maintenance'] }),
      ]),
  });
}

// ---- recomputation runs

export function useValueRuns() {
  return useQuery({
    queryKey: [...RUNS, 'list'],
    queryFn: async () => (await get<{ items: ValueRun[] }>('/value-runs')).items,
  });
}

/** One run, asked again every second while it runs (for its progress bar). */
export function useValueRun(id: number | null) {
  return useQuery({
    queryKey: [...RUNS, 'one', id],
    enabled: id !== null,
    queryFn: () => get<ValueRun>(`/value-runs/${id}`),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
}

export function useStartValueRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { asOf?: string }) => post<ValueRun>('/value-runs', body),
    // The answer is the run as it started: its progress bar starts from it, then asks every second.
    onSuccess: (run) => client.setQueryData([...RUNS, 'one', run.id], run),
    onSettled: () => client.invalidateQueries({ queryKey: [...RUNS, 'list'] }),
  });
}

/** After a run ends: the runs, the analyses and everything showing stored values are stale. */
export function useRunFinished() {
  const client = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        client.invalidateQueries({ queryKey: [...RUNS, 'list'] }),
        client.invalidateQueries({ queryKey: ANALYTICS }),
        client.invalidateQueries({ queryKey: ['maintenance'] }),
        client.invalidateQueries({ queryKey: ['customers'] }),
      ]),
    [client],
  );
}

// ---- maintenance compliance

export function useCompliance(teamId: number | undefined, enabled = true) {
  return useQuery({
    queryKey: ['maintenance', 'compliance', teamId ?? null],
    enabled,
    queryFn: () => get<Compliance>(`/maintenance/compliance${qs({ teamId })}`),
    placeholderData: keepPreviousData,
  });
}
