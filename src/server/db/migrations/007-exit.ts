import type { Kysely } from 'kysely';
import type { Dialect } from '../connect';
import { withId } from './helpers';

// Relationship exit (issue #9, DOMAIN §6): risk flags people record (EX1 assessments, EX4 adverse
// records, EX5 nominations), screening runs with the evidence of every candidate they found, the
// current queue of candidates, and exit plans with their steps and the history of their workflow.

export function exitRelationships(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await withId(dialect, db.schema.createTable('risk_flags'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('code', 'varchar(32)', (c) => c.notNull())
        .addColumn('recorded_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('note', 'varchar(1000)')
        .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
        .addColumn('cleared_on', 'varchar(10)')
        .addColumn('cleared_by', 'integer', (c) => c.references('users.id'))
        .addColumn('clear_note', 'varchar(1000)')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('risk_flags_customer_code_day', ['customer_id', 'code', 'recorded_on'])
        .execute();

      await withId(dialect, db.schema.createTable('exit_screenings'))
        .addColumn('as_of', 'varchar(10)', (c) => c.notNull())
        .addColumn('scope', 'varchar(16)', (c) => c.notNull()) // bank | portfolio | customers
        .addColumn('criteria_version', 'integer', (c) => c.notNull())
        .addColumn('started_by', 'integer', (c) => c.references('users.id')) // null: the nightly run
        .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('finished_at', 'varchar(32)')
        .addColumn('screened', 'integer', (c) => c.notNull())
        .addColumn('candidates', 'integer', (c) => c.notNull())
        .addColumn('new_candidates', 'integer', (c) => c.notNull())
        .addColumn('insufficient', 'integer', (c) => c.notNull())
        .execute();

      // Only customers with a trigger or with insufficient data get a row.
      await db.schema
        .createTable('exit_screening_results')
        .addColumn('screening_id', 'integer', (c) => c.notNull().references('exit_screenings.id'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('candidate', 'integer', (c) => c.notNull())
        .addColumn('result_json', 'text', (c) => c.notNull()) // triggers, insufficientData, exempt
        .addPrimaryKeyConstraint('exit_screening_results_pk', ['screening_id', 'customer_id'])
        .execute();

      await db.schema
        .createTable('exit_candidates')
        .addColumn('customer_id', 'integer', (c) => c.primaryKey().references('customers.id'))
        .addColumn('rules', 'varchar(400)', (c) => c.notNull()) // ' EX1.CREDIT_BELOW_B EX2.LOAN_CLASS '
        .addColumn('result_json', 'text', (c) => c.notNull())
        .addColumn('since', 'varchar(10)', (c) => c.notNull())
        .addColumn('screening_id', 'integer', (c) => c.notNull().references('exit_screenings.id'))
        .addColumn('status', 'varchar(16)', (c) => c.notNull()) // open | planned | dismissed
        .addColumn('status_note', 'varchar(1000)')
        .addColumn('status_by', 'integer', (c) => c.references('users.id'))
        .addColumn('status_at', 'varchar(32)')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('exit_candidates_since_idx')
        .on('exit_candidates')
        .columns(['since', 'customer_id'])
        .execute();

      await withId(dialect, db.schema.createTable('exit_plans'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('content', 'varchar(16)', (c) => c.notNull())
        .addColumn('willingness', 'varchar(16)', (c) => c.notNull())
        .addColumn('scope', 'varchar(24)', (c) => c.notNull())
        .addColumn('business_lines', 'varchar(64)', (c) => c.notNull()) // comma-separated codes
        .addColumn('object', 'varchar(16)', (c) => c.notNull())
        .addColumn('means', 'varchar(64)', (c) => c.notNull())
        .addColumn('reasons', 'varchar(80)', (c) => c.notNull())
        .addColumn('reason_note', 'varchar(2000)')
        .addColumn('triggers_json', 'text', (c) => c.notNull()) // the screening evidence at creation
        .addColumn('target_date', 'varchar(10)', (c) => c.notNull())
        .addColumn('review_stage', 'varchar(16)') // team_lead | risk while submitted
        .addColumn('asset_balance', 'bigint') // fen, the customer's balances when the plan was submitted
        .addColumn('liability_balance', 'bigint')
        .addColumn('completed_on', 'varchar(10)')
        .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exit_plans_customer_idx').on('exit_plans').column('customer_id').execute();
      await db.schema.createIndex('exit_plans_status_idx').on('exit_plans').column('status').execute();

      await withId(dialect, db.schema.createTable('exit_plan_steps'))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('exit_plans.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('kind', 'varchar(24)', (c) => c.notNull())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('done_on', 'varchar(10)')
        .addColumn('note', 'varchar(1000)')
        .execute();
      await db.schema
        .createIndex('exit_plan_steps_plan_idx')
        .on('exit_plan_steps')
        .column('plan_id')
        .execute();

      await withId(dialect, db.schema.createTable('exit_plan_events'))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('exit_plans.id'))
        .addColumn('action', 'varchar(16)', (c) => c.notNull())
        .addColumn('from_status', 'varchar(16)')
        .addColumn('to_status', 'varchar(16)', (c) => c.notNull())
        .addColumn('note', 'varchar(1000)')
        .addColumn('by_user', 'integer', (c) => c.references('users.id'))
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('exit_plan_events_plan_idx')
        .on('exit_plan_events')
        .column('plan_id')
        .execute();
    },
  };
}
