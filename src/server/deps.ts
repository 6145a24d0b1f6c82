import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Dialect } from './db/connect';
import type { DB } from './db/database';

/** What every route and service needs from outside itself; tests replace the clock. */
export interface AppDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: () => Date;
  log?: FastifyBaseLogger;
}

export const nowIso = (deps: Pick<AppDeps, 'clock'>) => deps.clock().toISOString();
