import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Dialect } from '../connect';
import type { DB } from '../database';
import { foundation } from './001-foundation';
import { importsAndApiKeys } from './002-imports-and-api-keys';
import { contactManagement } from './003-contact-management';
import { prospects } from './004-prospects';
import { customerValue } from './005-customer-value';
import { satisfactionLoyalty } from './006-satisfaction-loyalty';
import { exitRelationships } from './007-exit';
import { customerMonthly } from './008-customer-monthly';

// Migrations are listed here, in order, rather than found on disk, so they run the same from source,
// from a bundle and in tests. Never edit one that has shipped: add the next.
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '001-foundation': foundation(dialect),
    '002-imports-and-api-keys': importsAndApiKeys(dialect),
    '003-contact-management': contactManagement(dialect),
    '004-prospects': prospects(dialect),
    '005-customer-value': customerValue(dialect),
    '006-satisfaction-loyalty': satisfactionLoyalty(dialect),
    '007-exit': exitRelationships(dialect),
    '008-customer-monthly': customerMonthly(dialect),
  };
}

export async function migrateToLatest(db: Kysely<DB>, dialect: Dialect): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
