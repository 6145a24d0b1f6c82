import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connect';
import { withId } from './helpers';

// Customer value, Pareto tiers, lifecycle inference and differentiated maintenance (issue #7, DOMAIN
// §2.1, §3.1, §5). The figures a run computes are kept on the customer (lists filter and sort by
// them); the portfolio analyses of each month in value_snapshots; settings of every kind versioned in
// settings_versions; the customers whose figures changed since the last run in value_dirty. Also the
// records the pitfall warnings read: concessions and financial statements.

export function customerValue(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      for (const [column, type] of [
        ['realized_value', 'bigint'],
        ['potential_value', 'bigint'],
        ['model_value', 'integer'], // tenths of a point, 0…1000
        ['value_as_of', 'varchar(7)'],
        ['lifecycle_inferred', 'varchar(16)'],
        ['lifecycle_prev', 'varchar(16)'], // inferred for the month before value_as_of
        ['tier_suggested', 'varchar(16)'],
      ] as const) {
        await db.schema.alterTable('customers').addColumn(column, type).execute();
      }
      await db.schema
        .createIndex('customers_realized_idx')
        .on('customers')
        .columns(['realized_value', 'id'])
        .execute();
      await db.schema
        .createIndex('customers_potential_idx')
        .on('customers')
        .columns(['potential_value', 'id'])
        .execute();
      await db.schema.createIndex('customers_value_tier_idx').on('customers').column('value_tier').execute();

      await db.schema.alterTable('lifecycle_history').addColumn('as_of', 'varchar(7)').execute();
      await db.schema.alterTable('lifecycle_history').addColumn('evidence_json', 'text').execute();

      await withId(dialect, db.schema.createTable('settings_versions'))
        .addColumn('key', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('settings_json', 'text', (c) => c.notNull())
        .addColumn('reason', 'varchar(500)', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('settings_versions_key_version', ['key', 'version'])
        .execute();

      await withId(dialect, db.schema.createTable('value_runs'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('as_of', 'varchar(7)')
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('phase', 'varchar(16)', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('processed', 'integer', (c) => c.notNull())
        .addColumn('changed', 'integer', (c) => c.notNull())
        .addColumn('settings_version', 'integer', (c) => c.notNull())
        .addColumn('started_by', 'integer', (c) => c.references('users.id'))
        .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('heartbeat_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('finished_at', 'varchar(32)')
        .addColumn('error', 'varchar(1000)')
        .execute();
      await db.schema
        .createIndex('value_runs_status_idx')
        .on('value_runs')
        .columns(['status', 'id'])
        .execute();

      await db.schema
        .createTable('value_snapshots')
        .addColumn('as_of', 'varchar(7)', (c) => c.notNull())
        .addColumn('scope', 'varchar(8)', (c) => c.notNull())
        .addColumn('scope_id', 'integer', (c) => c.notNull()) // 0 for the bank
        .addColumn('run_id', 'integer', (c) => c.notNull())
        .addColumn('customers', 'integer', (c) => c.notNull())
        .addColumn('top20_share', 'double precision', (c) => c.notNull())
        .addColumn('pareto_json', 'text', (c) => c.notNull())
        .addColumn('lifecycle_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('value_snapshots_pk', ['scope', 'scope_id', 'as_of'])
        .execute();

      // The months that have figures: the latest is the default month of a run, and finding it in
      // account_monthly itself (keyed by account first) costs an index seek per account.
      await db.schema
        .createTable('figure_months')
        .addColumn('month', 'varchar(7)', (c) => c.primaryKey())
        .addColumn('noted_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO figure_months (month, noted_at)
        SELECT DISTINCT month, ${new Date().toISOString()} FROM account_monthly`.execute(db);

      await db.schema
        .createTable('value_dirty')
        .addColumn('customer_id', 'integer', (c) => c.primaryKey())
        .addColumn('marked_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await withId(dialect, db.schema.createTable('concessions'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('description', 'varchar(500)', (c) => c.notNull())
        .addColumn('yearly_cost', 'bigint', (c) => c.notNull())
        .addColumn('approver', 'varchar(100)', (c) => c.notNull())
        .addColumn('reason', 'varchar(1000)', (c) => c.notNull())
        .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('ends_on', 'varchar(10)')
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('concessions_customer_idx')
        .on('concessions')
        .columns(['customer_id', 'starts_on'])
        .execute();

      await withId(dialect, db.schema.createTable('financial_statements'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('fiscal_year', 'integer', (c) => c.notNull())
        .addColumn('current_assets', 'bigint')
        .addColumn('current_liabilities', 'bigint')
        .addColumn('total_assets', 'bigint')
        .addColumn('total_liabilities', 'bigint')
        .addColumn('owners_equity', 'bigint')
        .addColumn('net_profit', 'bigint')
        .addColumn('operating_cash_flow', 'bigint')
        .addColumn('revenue', 'bigint')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('financial_statements_customer_year', ['customer_id', 'fiscal_year'])
        .execute();
    },
  };
}
