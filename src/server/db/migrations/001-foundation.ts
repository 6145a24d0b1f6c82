import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, sql } from 'kysely';
import type { Dialect } from '../connect';

// Branches, teams, users and sessions; customers with contacts, links, accounts, monthly figures,
// lifecycle history; the audit log (DOMAIN §1, §2, §9).
export function foundation(dialect: Dialect) {
  const withId = <T extends string>(table: CreateTableBuilder<T, never>) =>
    dialect === 'sqlite'
      ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity());
  const ref = (table: string) => (c: ColumnDefinitionBuilder) => c.references(`${table}.id`);

  return {
    async up(db: Kysely<unknown>) {
      await withId(db.schema.createTable('branches'))
        .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('teams'))
        .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('branch_id', 'integer', (c) => ref('branches')(c).notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('users'))
        .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
        .addColumn('role', 'varchar(16)', (c) => c.notNull())
        .addColumn('team_id', 'integer', ref('teams'))
        .addColumn('password_hash', 'varchar(200)', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('locale', 'varchar(8)', (c) => c.notNull().defaultTo('zh-CN'))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('users_team_idx').on('users').columns(['team_id', 'role']).execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => ref('users')(c).notNull())
        .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('ip', 'varchar(64)')
        .addColumn('user_agent', 'varchar(300)')
        .execute();
      await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

      await withId(db.schema.createTable('login_attempts'))
        .addColumn('username', 'varchar(64)', (c) => c.notNull())
        .addColumn('succeeded', 'integer', (c) => c.notNull())
        .addColumn('attempted_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('ip', 'varchar(64)')
        .execute();
      await db.schema
        .createIndex('login_attempts_user_idx')
        .on('login_attempts')
        .columns(['username', 'attempted_at'])
        .execute();

      await db.schema
        .createTable('login_lockouts')
        .addColumn('username', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('locked_until', 'varchar(32)', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('customers'))
        .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('search_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('id_number', 'varchar(18)', (c) => c.notNull())
        .addColumn('industry', 'varchar(3)')
        .addColumn('size', 'varchar(8)')
        .addColumn('region_code', 'varchar(12)')
        .addColumn('region_name', 'varchar(100)')
        .addColumn('tier', 'varchar(16)', (c) => c.notNull())
        .addColumn('need_mask', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('credit_grade', 'varchar(3)')
        .addColumn('loan_class', 'varchar(16)')
        .addColumn('foreign_trade', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('owner_id', 'integer', ref('users'))
        .addColumn('phone', 'varchar(20)')
        .addColumn('email', 'varchar(254)')
        .addColumn('annual_revenue', 'bigint')
        .addColumn('financial_assets', 'bigint')
        .addColumn('established_on', 'varchar(10)')
        .addColumn('lifecycle_stage', 'varchar(16)', (c) => c.notNull())
        .addColumn('lifecycle_manual', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('value_tier', 'varchar(1)')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      for (const cols of [
        ['owner_id', 'id'],
        ['id_number'],
        ['phone'],
        ['name'],
        ['updated_at'],
        // The common segment filter (kind + tier, e.g. high-end corporate) in the default order: its
        // first page is an index range read in order, its count a covering index range (bench/).
        ['kind', 'tier', 'updated_at'],
        ['tier'],
        ['lifecycle_stage'],
        ['industry'],
        ['credit_grade'],
        ['loan_class'],
      ]) {
        await db.schema
          .createIndex(`customers_${cols.join('_')}_idx`)
          .on('customers')
          .columns(cols)
          .execute();
      }

      await db.schema
        .createTable('customer_shares')
        .addColumn('customer_id', 'integer', (c) => ref('customers')(c).notNull())
        .addColumn('user_id', 'integer', (c) => ref('users')(c).notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('created_by', 'integer', ref('users'))
        .addPrimaryKeyConstraint('customer_shares_pk', ['customer_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('customer_shares_user_idx')
        .on('customer_shares')
        .columns(['user_id', 'customer_id'])
        .execute();

      // Bigrams of the normalised name: a Chinese fragment such as 鑫泰 finds 上海鑫泰贸易有限公司 through an
      // index on both dialects, where LIKE '%…%' would scan every customer.
      let grams = db.schema
        .createTable('customer_name_grams')
        .addColumn('gram', 'varchar(8)', (c) => c.notNull())
        .addColumn('customer_id', 'integer', (c) => ref('customers')(c).notNull().onDelete('cascade'))
        .addPrimaryKeyConstraint('customer_name_grams_pk', ['gram', 'customer_id']);
      if (dialect === 'sqlite') grams = grams.modifyEnd(sql`without rowid`);
      await grams.execute();
      await db.schema
        .createIndex('customer_name_grams_customer_idx')
        .on('customer_name_grams')
        .column('customer_id')
        .execute();

      await withId(db.schema.createTable('contacts'))
        .addColumn('customer_id', 'integer', (c) => ref('customers')(c).notNull().onDelete('cascade'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('role', 'varchar(32)', (c) => c.notNull())
        .addColumn('title', 'varchar(100)')
        .addColumn('phone', 'varchar(20)')
        .addColumn('email', 'varchar(254)')
        .addColumn('birthday', 'varchar(10)')
        .addColumn('preferences', 'varchar(1000)')
        .addColumn('notes', 'varchar(2000)')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('contacts_customer_idx').on('contacts').column('customer_id').execute();

      await withId(db.schema.createTable('customer_links'))
        .addColumn('from_customer_id', 'integer', (c) => ref('customers')(c).notNull().onDelete('cascade'))
        .addColumn('to_customer_id', 'integer', (c) => ref('customers')(c).notNull().onDelete('cascade'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('note', 'varchar(500)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('created_by', 'integer', ref('users'))
        .addUniqueConstraint('customer_links_unique', ['from_customer_id', 'to_customer_id', 'kind'])
        .execute();
      await db.schema
        .createIndex('customer_links_to_idx')
        .on('customer_links')
        .column('to_customer_id')
        .execute();

      await withId(db.schema.createTable('accounts'))
        .addColumn('account_no', 'varchar(32)', (c) => c.notNull().unique())
        .addColumn('customer_id', 'integer', (c) => ref('customers')(c).notNull())
        .addColumn('product', 'varchar(32)', (c) => c.notNull())
        .addColumn('currency', 'varchar(3)', (c) => c.notNull())
        .addColumn('opened_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('closed_on', 'varchar(10)')
        .addColumn('rate', 'double precision')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('accounts_customer_idx').on('accounts').column('customer_id').execute();

      await db.schema
        .createTable('account_monthly')
        .addColumn('account_id', 'integer', (c) => ref('accounts')(c).notNull().onDelete('cascade'))
        .addColumn('month', 'varchar(7)', (c) => c.notNull())
        .addColumn('avg_balance', 'bigint', (c) => c.notNull())
        .addColumn('net_interest_contribution', 'bigint', (c) => c.notNull())
        .addColumn('fee_income', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('account_monthly_pk', ['account_id', 'month'])
        .execute();

      await withId(db.schema.createTable('lifecycle_history'))
        .addColumn('customer_id', 'integer', (c) => ref('customers')(c).notNull().onDelete('cascade'))
        .addColumn('stage', 'varchar(16)', (c) => c.notNull())
        .addColumn('previous_stage', 'varchar(16)')
        .addColumn('manual', 'integer', (c) => c.notNull())
        .addColumn('reason', 'varchar(1000)')
        .addColumn('changed_by', 'integer', ref('users'))
        .addColumn('changed_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('lifecycle_history_customer_idx')
        .on('lifecycle_history')
        .columns(['customer_id', 'id'])
        .execute();

      await withId(db.schema.createTable('audit_log'))
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addColumn('actor_id', 'integer', ref('users'))
        .addColumn('actor_username', 'varchar(64)')
        .addColumn('action', 'varchar(32)', (c) => c.notNull())
        .addColumn('entity', 'varchar(32)', (c) => c.notNull())
        .addColumn('entity_id', 'varchar(64)')
        .addColumn('customer_id', 'integer')
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .addColumn('reason', 'varchar(1000)')
        .addColumn('ip', 'varchar(64)')
        .execute();
      await db.schema
        .createIndex('audit_log_entity_idx')
        .on('audit_log')
        .columns(['entity', 'entity_id'])
        .execute();
      await db.schema
        .createIndex('audit_log_customer_idx')
        .on('audit_log')
        .columns(['customer_id', 'id'])
        .execute();
      await db.schema
        .createIndex('audit_log_actor_idx')
        .on('audit_log')
        .columns(['actor_id', 'id'])
        .execute();
      await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
    },
  };
}
