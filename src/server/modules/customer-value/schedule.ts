import { bankDate } from '../../../shared/schemas/common';
import type { AppDeps } from '../../deps';
import { repeatEvery } from '../../repeat';
import * as repo from './customer-value.repository';
import { runValues } from './recompute';

// When the figures are computed without anyone asking (issue #7 part 7): every night from 02:00 bank
// time a full run (a full run is also due at start when none finished today, so a server that was
// down at night catches up), and in between an incremental run whenever customers were marked by
// edits. Every instance ticks; on PostgreSQL the advisory lock lets one of them run.

const NIGHTLY_HOUR = 2;
const TICK_MS = 60_000;
const bankHour = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  hourCycle: 'h23',
});

export async function valueTick(deps: AppDeps) {
  const now = deps.clock();
  const last = await repo.lastFinishedFull(deps.db);
  const fullDue =
    Number(bankHour.format(now)) >= NIGHTLY_HOUR &&
    (!last || bankDate(new Date(last.started_at)) < bankDate(now));
  if (fullDue) return runValues(deps, { kind: 'full' });
  if (await repo.hasDirty(deps.db)) return runValues(deps, { kind: 'incremental' });
  return null;
}

export const scheduleValueRuns = (deps: AppDeps, onError: (err: unknown) => void) =>
  repeatEvery(TICK_MS, () => valueTick(deps), onError);
