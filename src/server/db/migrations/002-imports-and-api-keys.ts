import type { Kysely } from 'kysely';
import type { Dialect } from '../connect';
import { withId } from './helpers';

// Import jobs (who loaded which file, with what result) and API keys for the bank's machine
// clients (issue #4, DOMAIN §7.2, §7.3).
export function importsAndApiKeys(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await withId(dialect, db.schema.createTable('api_keys'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('prefix', 'varchar(16)', (c) => c.notNull().unique())
        .addColumn('secret_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('scopes_json', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(32)')
        .addColumn('revoked_at', 'varchar(32)')
        .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('last_used_at', 'varchar(32)')
        .execute();

      await withId(dialect, db.schema.createTable('import_jobs'))
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('mode', 'varchar(8)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
        .addColumn('file_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('file_size', 'bigint', (c) => c.notNull())
        .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('errors_json', 'text')
        .addColumn('message', 'varchar(1000)')
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('api_key_id', 'integer', (c) => c.references('api_keys.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('finished_at', 'varchar(32)')
        .execute();
      await db.schema
        .createIndex('import_jobs_created_idx')
        .on('import_jobs')
        .columns(['created_at'])
        .execute();
    },
  };
}
