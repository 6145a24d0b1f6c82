import { fenToYuan } from '../../../shared/money';
import type { ValueRun } from '../../../shared/schemas/value';
import type { getRun } from './customer-value.repository';

type RunRow = NonNullable<Awaited<ReturnType<typeof getRun>>>;

export function presentRun(row: RunRow): ValueRun {
  return {
    id: row.id,
    kind: row.kind as ValueRun['kind'],
    asOf: row.as_of,
    status: row.status as ValueRun['status'],
    phase: row.phase as ValueRun['phase'],
    total: row.total,
    processed: row.processed,
    changed: row.changed,
    settingsVersion: row.settings_version,
    startedBy: row.started_by === null ? null : { id: row.started_by, name: row.started_by_name ?? '' },
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
  };
}

/** The lifecycle evidence with its amounts in yuan, as every answer shows money. */
export function moneyEvidence<T extends { recent?: number; before?: number }>(e: T): Record<string, unknown> {
  return {
    ...e,
    ...(e.recent !== undefined ? { recent: fenToYuan(e.recent) } : {}),
    ...(e.before !== undefined ? { before: fenToYuan(e.before) } : {}),
  };
}
