import type { Kysely } from 'kysely';
import type { Dialect } from '../connect';
import { withId } from './helpers';

// Satisfaction surveys, complaints and suggestions, churn and loyalty (issue #8, DOMAIN §5).
// A campaign keeps a copy of its template (editing a template never changes a campaign's answers);
// one-time survey links keep only a hash of their token; the value run keeps each customer's loyalty
// (customer_loyalty) and records the customers it finds lost (churn_records).

export function satisfactionLoyalty(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await withId(dialect, db.schema.createTable('survey_templates'))
        .addColumn('name', 'varchar(120)', (c) => c.notNull())
        .addColumn('description', 'varchar(1000)')
        .addColumn('definition_json', 'text', (c) => c.notNull()) // dimensions, items, questions
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await withId(dialect, db.schema.createTable('survey_campaigns'))
        .addColumn('name', 'varchar(120)', (c) => c.notNull())
        .addColumn('description', 'varchar(1000)')
        .addColumn('template_id', 'integer', (c) => c.notNull().references('survey_templates.id'))
        .addColumn('template_json', 'text', (c) => c.notNull()) // the template as the campaign uses it
        .addColumn('step', 'varchar(16)', (c) => c.notNull())
        .addColumn('segment_json', 'text', (c) => c.notNull())
        .addColumn('sample_size', 'integer', (c) => c.notNull())
        .addColumn('link_days', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();

      await withId(dialect, db.schema.createTable('survey_campaign_steps'))
        .addColumn('campaign_id', 'integer', (c) => c.notNull().references('survey_campaigns.id'))
        .addColumn('step', 'varchar(16)', (c) => c.notNull())
        .addColumn('note', 'varchar(1000)')
        .addColumn('changed_by', 'integer', (c) => c.references('users.id'))
        .addColumn('changed_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('survey_campaign_steps_campaign_idx')
        .on('survey_campaign_steps')
        .column('campaign_id')
        .execute();

      await db.schema
        .createTable('survey_targets')
        .addColumn('campaign_id', 'integer', (c) => c.notNull().references('survey_campaigns.id'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addPrimaryKeyConstraint('survey_targets_pk', ['campaign_id', 'customer_id'])
        .execute();

      await withId(dialect, db.schema.createTable('survey_links'))
        .addColumn('campaign_id', 'integer', (c) => c.notNull().references('survey_campaigns.id'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('used_at', 'varchar(32)')
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('survey_links_campaign_customer_idx')
        .on('survey_links')
        .columns(['campaign_id', 'customer_id'])
        .execute();

      await withId(dialect, db.schema.createTable('survey_responses'))
        .addColumn('campaign_id', 'integer', (c) => c.notNull().references('survey_campaigns.id'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('source', 'varchar(8)', (c) => c.notNull())
        .addColumn('channel', 'varchar(16)')
        .addColumn('entered_by', 'integer', (c) => c.references('users.id'))
        .addColumn('link_id', 'integer', (c) => c.references('survey_links.id'))
        .addColumn('submitted_at', 'varchar(32)', (c) => c.notNull())
        .addUniqueConstraint('survey_responses_campaign_customer', ['campaign_id', 'customer_id'])
        .execute();
      await db.schema
        .createIndex('survey_responses_customer_idx')
        .on('survey_responses')
        .column('customer_id')
        .execute();

      await db.schema
        .createTable('survey_answers')
        .addColumn('response_id', 'integer', (c) => c.notNull().references('survey_responses.id'))
        .addColumn('item_key', 'varchar(32)', (c) => c.notNull())
        .addColumn('expected', 'integer', (c) => c.notNull())
        .addColumn('perceived', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('survey_answers_pk', ['response_id', 'item_key'])
        .execute();

      await db.schema
        .createTable('survey_texts')
        .addColumn('response_id', 'integer', (c) => c.notNull().references('survey_responses.id'))
        .addColumn('question_key', 'varchar(32)', (c) => c.notNull())
        .addColumn('text', 'varchar(2000)', (c) => c.notNull())
        .addPrimaryKeyConstraint('survey_texts_pk', ['response_id', 'question_key'])
        .execute();

      await withId(dialect, db.schema.createTable('complaints'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('channel', 'varchar(16)', (c) => c.notNull())
        .addColumn('category', 'varchar(32)', (c) => c.notNull())
        .addColumn('severity', 'varchar(16)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('subject', 'varchar(120)', (c) => c.notNull())
        .addColumn('description', 'varchar(2000)', (c) => c.notNull())
        .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('deadline_at', 'varchar(32)')
        .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
        .addColumn('escalated_at', 'varchar(32)')
        .addColumn('escalated_to', 'integer', (c) => c.references('users.id'))
        .addColumn('resolution', 'varchar(2000)')
        .addColumn('resolved_at', 'varchar(32)')
        .addColumn('resolved_by', 'integer', (c) => c.references('users.id'))
        .addColumn('fix_satisfaction', 'integer')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('complaints_status_deadline_idx')
        .on('complaints')
        .columns(['status', 'deadline_at'])
        .execute();
      await db.schema.createIndex('complaints_customer_idx').on('complaints').column('customer_id').execute();
      await db.schema
        .createIndex('complaints_assignee_idx')
        .on('complaints')
        .columns(['assignee_id', 'status'])
        .execute();
      await db.schema.createIndex('complaints_received_idx').on('complaints').column('received_at').execute();

      await withId(dialect, db.schema.createTable('churn_records'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('lost_month', 'varchar(7)', (c) => c.notNull())
        .addColumn('cause', 'varchar(16)', (c) => c.notNull())
        .addColumn('evidence_json', 'text', (c) => c.notNull())
        .addColumn('reason', 'varchar(32)')
        .addColumn('note', 'varchar(1000)')
        .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
        .addColumn('recorded_at', 'varchar(32)')
        .addColumn('returned_month', 'varchar(7)') // the customer came back: no longer lost
        .addColumn('detected_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('churn_records_customer_idx')
        .on('churn_records')
        .columns(['customer_id', 'lost_month'])
        .execute();
      await db.schema
        .createIndex('churn_records_month_idx')
        .on('churn_records')
        .column('lost_month')
        .execute();

      await withId(dialect, db.schema.createTable('loyalty_assessments'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('price_sensitivity', 'integer', (c) => c.notNull()) // 1–5, 5 = indifferent to price
        .addColumn('competitor_attitude', 'integer', (c) => c.notNull()) // 1–5, 5 = loyal against competitors
        .addColumn('note', 'varchar(1000)')
        .addColumn('assessed_by', 'integer', (c) => c.references('users.id'))
        .addColumn('assessed_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('loyalty_assessments_customer_idx')
        .on('loyalty_assessments')
        .columns(['customer_id', 'assessed_at'])
        .execute();

      // Each customer's loyalty as of the last value run: the index and the six measures, per mille
      // (null: unknown). A narrow table of its own: the run rewrites it without touching customers.
      await db.schema
        .createTable('customer_loyalty')
        .addColumn('customer_id', 'integer', (c) => c.primaryKey().references('customers.id'))
        .addColumn('as_of', 'varchar(7)', (c) => c.notNull())
        .addColumn('loyalty_index', 'integer')
        .addColumn('repeat_purchases', 'integer')
        .addColumn('price_sensitivity', 'integer')
        .addColumn('competitor_attitude', 'integer')
        .addColumn('problem_attitude', 'integer')
        .addColumn('growth', 'integer')
        .addColumn('retention', 'integer')
        .execute();
    },
  };
}
