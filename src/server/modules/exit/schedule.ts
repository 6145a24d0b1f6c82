import { sql } from 'kysely';
import { bankDate } from '../../../shared/schemas/common';
import type { AppDeps } from '../../deps';
import { repeatEvery } from '../../repeat';
import { runScreening } from './screening';
import { lastBankScreening } from './screening.repository';

// The nightly screening of the whole bank (issue #9 part 4): from 03:00 bank time, after the value
// run of 02:00, once a day (also at start when none ran today, so a server that was down at night
// catches up). Every instance ticks; on PostgreSQL a transaction-scoped advisory lock and a second
// look at the last run let only one of them screen.

const NIGHTLY_HOUR = 3;
const TICK_MS = 5 * 60_000;
const ADVISORY_KEY = 7_301_009;
const bankHour = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  hourCycle: 'h23',
});

async function dueToday(deps: AppDeps) {
  const now = deps.clock();
  if (Number(bankHour.format(now)) < NIGHTLY_HOUR) return false;
  const last = await lastBankScreening(deps.db);
  return !last || bankDate(new Date(last.started_at)) < bankDate(now);
}

/** Screens the bank when tonight's run is due; answers the run's id, or null. */
export async function screeningTick(deps: AppDeps): Promise<number | null> {
  if (!(await dueToday(deps))) return null;
  const run = () =>
    runScreening(deps, { asOf: bankDate(deps.clock()), scope: 'bank', viewer: null, collect: 'none' });
  if (deps.dialect !== 'postgres') return (await run()).id;
  return deps.db.connection().execute(async (conn) => {
    const got = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${ADVISORY_KEY}) AS ok`.execute(conn);
    if (!got.rows[0]?.ok) return null;
    try {
      // Another instance may have finished tonight's run between the first look and the lock.
      if (!(await dueToday(deps))) return null;
      return (await run()).id;
    } finally {
      await sql`SELECT pg_advisory_unlock(${ADVISORY_KEY})`.execute(conn);
    }
  });
}

export const scheduleScreenings = (deps: AppDeps, onError: (err: unknown) => void) =>
  repeatEvery(TICK_MS, () => screeningTick(deps), onError);
