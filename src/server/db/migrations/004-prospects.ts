import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connect';
import { withId } from './helpers';

// New customers (issue #6, DOMAIN §4): prospects with their source and referrer, fit with the
// versioned ideal-customer profile, assessment, tactics and stage history. Contact records, visit
// plans and tasks may now belong to a prospect instead of a customer (exactly one of the two; a task
// may belong to neither), so the whole approach is kept and the conversion only re-points it.

/** Tables whose rows belong to a customer or, from now on, to a prospect. */
const SUBJECT_TABLES = [
  { table: 'interactions', required: true },
  { table: 'visit_plans', required: true },
  { table: 'tasks', required: false },
] as const;

const subjectCheck = (required: boolean) =>
  required
    ? '(customer_id IS NULL) <> (prospect_id IS NULL)'
    : '(customer_id IS NULL OR prospect_id IS NULL)';

/**
 * SQLite cannot drop a NOT NULL or add a CHECK in place: the table is rebuilt as its documentation
 * prescribes (foreign keys off, new table, copy, drop, rename, indexes, foreign_key_check), in one
 * transaction. The new definition is the old one with `customer_id` optional and `prospect_id` added.
 */
async function rebuildForProspects(db: Kysely<unknown>, table: string, required: boolean) {
  const defs = await sql<{ type: string; sql: string | null }>`
    SELECT type, sql FROM sqlite_master WHERE tbl_name = ${table} AND sql IS NOT NULL`.execute(db);
  const create = defs.rows.find((r) => r.type === 'table')?.sql;
  if (!create) throw new Error(`migration 004: table ${table} not found`);
  const optional = create.replace(
    /"customer_id" integer not null references "customers" \("id"\)/,
    '"customer_id" integer references "customers" ("id")',
  );
  if (required && optional === create)
    throw new Error(`migration 004: ${table}.customer_id is not as expected`);
  const body = optional.slice(optional.indexOf('(') + 1, optional.lastIndexOf(')'));
  const rebuilt = `CREATE TABLE "${table}_new" (${body}, "prospect_id" integer references "prospects" ("id"), CHECK (${subjectCheck(required)}))`;
  await sql.raw(rebuilt).execute(db);
  await sql.raw(`INSERT INTO "${table}_new" SELECT *, NULL FROM "${table}"`).execute(db);
  await sql.raw(`DROP TABLE "${table}"`).execute(db);
  await sql.raw(`ALTER TABLE "${table}_new" RENAME TO "${table}"`).execute(db);
  for (const index of defs.rows.filter((r) => r.type === 'index')) await sql.raw(index.sql!).execute(db);
}

export function prospects(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await withId(dialect, db.schema.createTable('ideal_customer_profiles'))
        .addColumn('version', 'integer', (c) => c.notNull().unique())
        .addColumn('profile_json', 'text', (c) => c.notNull())
        .addColumn('reason', 'varchar(500)', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await withId(dialect, db.schema.createTable('prospects'))
        .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('search_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('id_number', 'varchar(40)')
        .addColumn('industry', 'varchar(8)')
        .addColumn('size', 'varchar(16)')
        .addColumn('region_code', 'varchar(12)')
        .addColumn('region_name', 'varchar(100)')
        .addColumn('annual_revenue', 'bigint')
        .addColumn('financial_assets', 'bigint')
        .addColumn('established_on', 'varchar(10)')
        .addColumn('credit_grade', 'varchar(4)')
        .addColumn('cooperation', 'varchar(16)')
        .addColumn('contact_name', 'varchar(100)')
        .addColumn('contact_title', 'varchar(100)')
        .addColumn('phone', 'varchar(20)')
        .addColumn('email', 'varchar(254)')
        .addColumn('source', 'varchar(20)', (c) => c.notNull())
        .addColumn('source_note', 'varchar(500)')
        .addColumn('referrer_kind', 'varchar(16)')
        .addColumn('referrer_customer_id', 'integer', (c) => c.references('customers.id'))
        .addColumn('referrer_contact_id', 'integer', (c) => c.references('contacts.id').onDelete('set null'))
        .addColumn('referrer_prospect_id', 'integer', (c) => c.references('prospects.id'))
        .addColumn('referrer_name', 'varchar(100)')
        .addColumn('notes', 'varchar(2000)')
        .addColumn('owner_id', 'integer', (c) => c.references('users.id'))
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('stage_entered_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('disqualify_reason', 'varchar(32)')
        .addColumn('fit_score', 'double precision')
        .addColumn('fit_restricted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('fit_json', 'text')
        .addColumn('fit_profile_version', 'integer')
        .addColumn('assessment_needs', 'varchar(2000)')
        .addColumn('assessment_wallet', 'bigint')
        .addColumn('assessment_risks', 'varchar(2000)')
        .addColumn('assessment_decision', 'varchar(8)')
        .addColumn('assessed_by', 'integer', (c) => c.references('users.id'))
        .addColumn('assessed_at', 'varchar(32)')
        .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
        .addColumn('converted_at', 'varchar(32)')
        .addColumn('merged_into_kind', 'varchar(16)')
        .addColumn('merged_into_id', 'integer')
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      for (const [name, columns] of [
        // An RM's board: each status's best-fitting few from one index range.
        ['prospects_owner_idx', ['owner_id', 'status', 'fit_score', 'id']],
        ['prospects_created_idx', ['created_at']],
        ['prospects_status_idx', ['status', 'stage_entered_at']],
        // The board's best-fitting few per status, and the list sorted by fit.
        ['prospects_status_fit_idx', ['status', 'fit_score', 'id']],
        ['prospects_fit_idx', ['fit_score', 'id']],
        ['prospects_region_idx', ['region_code']],
        ['prospects_id_number_idx', ['id_number']],
        ['prospects_referrer_prospect_idx', ['referrer_prospect_id']],
        ['prospects_referrer_customer_idx', ['referrer_customer_id']],
        ['prospects_referrer_contact_idx', ['referrer_contact_id']],
        ['prospects_customer_idx', ['customer_id']],
        // Pipeline analytics: the few columns every prospect is counted by, without reading its wide
        // row, in id order so that each prospect's history is grouped as it is read.
        ['prospects_analytics_idx', ['id', 'created_at', 'owner_id', 'source', 'status', 'merged_into_kind']],
      ] as const) {
        await db.schema
          .createIndex(name)
          .on('prospects')
          .columns([...columns])
          .execute();
      }
      // The referral network: the introduced prospects, most recent first, without reading the others.
      await db.schema
        .createIndex('prospects_referred_idx')
        .on('prospects')
        .columns(['created_at', 'id'])
        .where(sql.ref('referrer_kind'), 'is not', null)
        .execute();
      // The prospects converted into given customers. Partial, so that the planner's statistics are
      // not those of the unconverted majority (all NULL), which made it read the whole table.
      await db.schema
        .createIndex('prospects_converted_idx')
        .on('prospects')
        .column('customer_id')
        .where(sql.ref('customer_id'), 'is not', null)
        .execute();

      await withId(dialect, db.schema.createTable('prospect_stage_history'))
        .addColumn('prospect_id', 'integer', (c) => c.notNull().references('prospects.id'))
        .addColumn('from_status', 'varchar(20)')
        .addColumn('to_status', 'varchar(20)', (c) => c.notNull())
        .addColumn('reason', 'varchar(32)')
        .addColumn('note', 'varchar(1000)')
        .addColumn('changed_by', 'integer', (c) => c.references('users.id'))
        .addColumn('changed_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('prospect_stage_history_prospect_idx')
        .on('prospect_stage_history')
        .columns(['prospect_id', 'changed_at'])
        .execute();
      // Pipeline analytics: each prospect's history in order with its statuses, from the index alone.
      await db.schema
        .createIndex('prospect_stage_history_stays_idx')
        .on('prospect_stage_history')
        .columns(['prospect_id', 'changed_at', 'id', 'to_status'])
        .execute();

      await withId(dialect, db.schema.createTable('prospect_tactics'))
        .addColumn('prospect_id', 'integer', (c) => c.notNull().references('prospects.id'))
        .addColumn('kind', 'varchar(24)', (c) => c.notNull())
        .addColumn('note', 'varchar(2000)', (c) => c.notNull())
        .addColumn('colleagues_json', 'text', (c) => c.notNull())
        .addColumn('related_customer_id', 'integer', (c) => c.references('customers.id'))
        .addColumn('relation', 'varchar(16)')
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('prospect_tactics_prospect_idx')
        .on('prospect_tactics')
        .column('prospect_id')
        .execute();

      if (dialect === 'sqlite') {
        await sql`PRAGMA foreign_keys = OFF`.execute(db);
        try {
          await sql`BEGIN IMMEDIATE`.execute(db);
          try {
            for (const { table, required } of SUBJECT_TABLES) await rebuildForProspects(db, table, required);
            const broken = await sql`PRAGMA foreign_key_check`.execute(db);
            if (broken.rows.length > 0) throw new Error('migration 004: foreign keys broken by the rebuild');
            await sql`COMMIT`.execute(db);
          } catch (error) {
            await sql`ROLLBACK`.execute(db);
            throw error;
          }
        } finally {
          await sql`PRAGMA foreign_keys = ON`.execute(db);
        }
      } else {
        for (const { table, required } of SUBJECT_TABLES) {
          await sql.raw(`ALTER TABLE "${table}" ALTER COLUMN "customer_id" DROP NOT NULL`).execute(db);
          await sql
            .raw(
              `ALTER TABLE "${table}" ADD COLUMN "prospect_id" integer REFERENCES "prospects" ("id"), ADD CONSTRAINT "${table}_subject_check" CHECK (${subjectCheck(required)})`,
            )
            .execute(db);
        }
      }
      for (const { table } of SUBJECT_TABLES) {
        await db.schema.createIndex(`${table}_prospect_idx`).on(table).column('prospect_id').execute();
      }
    },
  };
}
