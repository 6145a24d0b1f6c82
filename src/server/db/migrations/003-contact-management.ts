import type { Kysely } from 'kysely';
import type { Dialect } from '../connect';
import { withId } from './helpers';

// Contact management (issue #5, DOMAIN §3, §4 item 5, §5): every contact with a customer, the visit
// plans with their SMART objectives and the summary written after, the tasks (a memo's items among
// them), in-app notifications and the personal calendar feeds.
export function contactManagement(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      // A team lead may ask the team's RMs to submit their visit plans for approval.
      await db.schema
        .alterTable('teams')
        .addColumn('plans_need_approval', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await withId(dialect, db.schema.createTable('visit_plans'))
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('starts_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('duration_minutes', 'integer', (c) => c.notNull())
        .addColumn('channel', 'varchar(16)', (c) => c.notNull())
        .addColumn('place', 'varchar(200)')
        .addColumn('contact_ids_json', 'text', (c) => c.notNull())
        .addColumn('participants_json', 'text', (c) => c.notNull())
        .addColumn('timing_rationale', 'varchar(2000)')
        .addColumn('entry_point', 'varchar(2000)')
        .addColumn('agenda', 'varchar(4000)')
        .addColumn('products_json', 'text', (c) => c.notNull())
        .addColumn('offer', 'varchar(2000)')
        .addColumn('submitted_at', 'varchar(32)')
        .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
        .addColumn('decided_at', 'varchar(32)')
        .addColumn('decision_note', 'varchar(1000)')
        .addColumn('summary', 'varchar(4000)')
        .addColumn('needs_found_mask', 'integer')
        .addColumn('completed_at', 'varchar(32)')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('visit_plans_owner_idx')
        .on('visit_plans')
        .columns(['owner_id', 'starts_at'])
        .execute();
      await db.schema
        .createIndex('visit_plans_customer_idx')
        .on('visit_plans')
        .columns(['customer_id', 'starts_at'])
        .execute();

      await withId(dialect, db.schema.createTable('visit_objectives'))
        .addColumn('plan_id', 'integer', (c) => c.notNull().references('visit_plans.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('what', 'varchar(500)', (c) => c.notNull())
        .addColumn('need_tag', 'varchar(16)')
        .addColumn('product', 'varchar(32)')
        .addColumn('metric', 'varchar(200)')
        .addColumn('unit', 'varchar(16)')
        .addColumn('target', 'bigint')
        .addColumn('justification', 'varchar(1000)')
        .addColumn('due_on', 'varchar(10)')
        .addColumn('outcome', 'varchar(16)')
        .addColumn('actual', 'bigint')
        .execute();
      await db.schema
        .createIndex('visit_objectives_plan_idx')
        .on('visit_objectives')
        .columns(['plan_id', 'position'])
        .execute();

      await withId(dialect, db.schema.createTable('interactions'))
        .addColumn('ref', 'varchar(64)', (c) => c.unique())
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
        .addColumn('channel', 'varchar(16)', (c) => c.notNull())
        .addColumn('direction', 'varchar(16)', (c) => c.notNull())
        .addColumn('occurred_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('place', 'varchar(200)')
        .addColumn('purpose', 'varchar(500)')
        .addColumn('maintenance_form', 'varchar(16)')
        .addColumn('summary', 'varchar(4000)', (c) => c.notNull())
        .addColumn('outcome', 'varchar(2000)')
        .addColumn('next_step', 'varchar(2000)')
        .addColumn('plan_id', 'integer', (c) => c.references('visit_plans.id'))
        .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('interactions_customer_idx')
        .on('interactions')
        .columns(['customer_id', 'occurred_at'])
        .execute();
      await db.schema
        .createIndex('interactions_recorded_by_idx')
        .on('interactions')
        .columns(['recorded_by', 'occurred_at'])
        .execute();

      await withId(dialect, db.schema.createTable('tasks'))
        .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('title', 'varchar(300)', (c) => c.notNull())
        .addColumn('notes', 'varchar(2000)')
        .addColumn('due_on', 'varchar(10)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('source', 'varchar(16)', (c) => c.notNull())
        .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
        .addColumn('plan_id', 'integer', (c) => c.references('visit_plans.id'))
        .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('due_notified_at', 'varchar(32)')
        .addColumn('completed_at', 'varchar(32)')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('tasks_owner_idx')
        .on('tasks')
        .columns(['owner_id', 'status', 'due_on'])
        .execute();
      await db.schema.createIndex('tasks_plan_idx').on('tasks').column('plan_id').execute();
      await db.schema.createIndex('tasks_customer_idx').on('tasks').column('customer_id').execute();

      await withId(dialect, db.schema.createTable('notifications'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('params_json', 'text', (c) => c.notNull())
        .addColumn('entity', 'varchar(32)', (c) => c.notNull())
        .addColumn('entity_id', 'integer', (c) => c.notNull())
        .addColumn('read_at', 'varchar(32)')
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('notifications_user_idx')
        .on('notifications')
        .columns(['user_id', 'created_at'])
        .execute();

      await withId(dialect, db.schema.createTable('calendar_feeds'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('revoked_at', 'varchar(32)')
        .addColumn('last_used_at', 'varchar(32)')
        .execute();
      await db.schema.createIndex('calendar_feeds_user_idx').on('calendar_feeds').column('user_id').execute();
    },
  };
}
