import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Dialect } from './db/connect';
import type { DB } from './db/database';
import type { Mailer } from './modules/mail/mailer';

/** What every route and service needs from outside itself; tests replace the clock. */
export interface AppDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: () => Date;
  log?: FastifyBaseLogger;
  /** Sends e-mail to contact persons; absent when CRM_SMTP_URL is not set. */
  mailer?: Mailer;
}

export const nowIso = (deps: Pick<AppDeps, 'clock'>) => deps.clock().toISOString();
