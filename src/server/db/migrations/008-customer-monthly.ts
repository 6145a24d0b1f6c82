import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../connect';

// Each customer's monthly figures, summed over its accounts (issue #7: the value run's speed goal).
// The value run reads the 12 months ending with the month asked for every customer: from
// account_monthly that is a join to accounts and about twice the rows (one per account and month);
// from this roll-up, one row per customer and month, in key order. The database keeps it: triggers on
// account_monthly (insert, update, delete) and on a change of an account's customer add and subtract
// the rows' figures, so every writer (imports, the demo, tests, a bank's own scripts) keeps it exact.
// Amounts are integer fen, so the sums are exact; `accounts` counts the account rows summed, and a
// row whose count falls to 0 is removed.
//
// Months are kept as their index (year × 12 + month − 1, as src/domain/months.ts): the run's windows
// compare integers, which costs SQLite less than comparing text.

/** The month index of a YYYY-MM text column, in SQL both dialects understand. */
const monthIndexOf = (column: string) =>
  `(CAST(substr(${column}, 1, 4) AS INTEGER) * 12 + CAST(substr(${column}, 6, 2) AS INTEGER) - 1)`;

const add = `ON CONFLICT (customer_id, month_index) DO UPDATE SET
    accounts = customer_monthly.accounts + excluded.accounts,
    avg_balance = customer_monthly.avg_balance + excluded.avg_balance,
    contribution = customer_monthly.contribution + excluded.contribution`;

/** Rows of account_monthly summed per customer and month: the roll-up's rows. */
const rollUp = (from: string) => `
  SELECT a.customer_id, ${monthIndexOf('m.month')} AS month_index, count(*) AS accounts,
    sum(m.avg_balance) AS avg_balance, sum(m.net_interest_contribution + m.fee_income) AS contribution
  FROM ${from} m JOIN accounts a ON a.id = m.account_id
  GROUP BY a.customer_id, ${monthIndexOf('m.month')}`;

function sqliteTriggers() {
  // One row at a time. In an INSERT … SELECT with an upsert, SQLite needs a WHERE (`WHERE true`) so as not
  // to read the upsert's ON as a join constraint.
  const addNew = `
    INSERT INTO customer_monthly (customer_id, month_index, accounts, avg_balance, contribution)
    SELECT a.customer_id, ${monthIndexOf('NEW.month')}, 1, NEW.avg_balance,
      NEW.net_interest_contribution + NEW.fee_income
    FROM accounts a WHERE a.id = NEW.account_id
    ${add};`;
  const oldKey = `customer_id = (SELECT customer_id FROM accounts WHERE id = OLD.account_id)
      AND month_index = ${monthIndexOf('OLD.month')}`;
  const subtractOld = `
    UPDATE customer_monthly SET accounts = accounts - 1, avg_balance = avg_balance - OLD.avg_balance,
      contribution = contribution - (OLD.net_interest_contribution + OLD.fee_income)
    WHERE ${oldKey};
    DELETE FROM customer_monthly WHERE ${oldKey} AND accounts = 0;`;
  // An account moved to another customer takes its months along.
  const months = `SELECT ${monthIndexOf('month')} AS month_index, avg_balance,
      net_interest_contribution + fee_income AS contribution
    FROM account_monthly WHERE account_id = NEW.id`;
  return [
    `CREATE TRIGGER account_monthly_roll_up_insert AFTER INSERT ON account_monthly BEGIN
      ${addNew}
    END`,
    `CREATE TRIGGER account_monthly_roll_up_update AFTER UPDATE ON account_monthly BEGIN
      ${subtractOld}
      ${addNew}
    END`,
    `CREATE TRIGGER account_monthly_roll_up_delete AFTER DELETE ON account_monthly BEGIN
      ${subtractOld}
    END`,
    `CREATE TRIGGER accounts_roll_up_move AFTER UPDATE OF customer_id ON accounts
    WHEN OLD.customer_id IS NOT NEW.customer_id BEGIN
      UPDATE customer_monthly SET accounts = accounts - 1,
        avg_balance = avg_balance - (SELECT m.avg_balance FROM (${months}) m WHERE m.month_index = customer_monthly.month_index),
        contribution = contribution - (SELECT m.contribution FROM (${months}) m WHERE m.month_index = customer_monthly.month_index)
      WHERE customer_id = OLD.customer_id AND month_index IN (SELECT month_index FROM (${months}));
      DELETE FROM customer_monthly WHERE customer_id = OLD.customer_id AND accounts = 0;
      INSERT INTO customer_monthly (customer_id, month_index, accounts, avg_balance, contribution)
      SELECT NEW.customer_id, m.month_index, 1, m.avg_balance, m.contribution FROM (${months}) m WHERE true
      ${add};
    END`,
  ];
}

function postgresTriggers() {
  // One call per statement, over the statement's rows (transition tables): an import's bulk insert of
  // thousands of rows is one aggregate, not thousands of calls.
  const subtract = (from: string) => `
    UPDATE customer_monthly c SET accounts = c.accounts - d.accounts, avg_balance = c.avg_balance - d.avg_balance,
      contribution = c.contribution - d.contribution
    FROM (${rollUp(from)}) d
    WHERE c.customer_id = d.customer_id AND c.month_index = d.month_index;
    DELETE FROM customer_monthly c USING (${rollUp(from)}) d
    WHERE c.customer_id = d.customer_id AND c.month_index = d.month_index AND c.accounts = 0;`;
  const insert = (from: string) => `
    INSERT INTO customer_monthly (customer_id, month_index, accounts, avg_balance, contribution)
    ${rollUp(from)}
    ${add};`;
  const moved = `(SELECT m.*, o.customer_id AS old_customer, n.customer_id AS new_customer
    FROM old_accounts o JOIN new_accounts n ON n.id = o.id JOIN account_monthly m ON m.account_id = n.id
    WHERE o.customer_id IS DISTINCT FROM n.customer_id)`;
  const movedSums = (customer: string) => `
    SELECT ${customer} AS customer_id, ${monthIndexOf('m.month')} AS month_index, count(*) AS accounts,
      sum(m.avg_balance) AS avg_balance, sum(m.net_interest_contribution + m.fee_income) AS contribution
    FROM ${moved} m GROUP BY 1, 2`;
  return [
    `CREATE FUNCTION account_monthly_roll_up_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${insert('new_rows')} RETURN NULL; END $$`,
    `CREATE FUNCTION account_monthly_roll_up_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${subtract('old_rows')} ${insert('new_rows')} RETURN NULL; END $$`,
    `CREATE FUNCTION account_monthly_roll_up_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${subtract('old_rows')} RETURN NULL; END $$`,
    `CREATE FUNCTION accounts_roll_up_move() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE customer_monthly c SET accounts = c.accounts - d.accounts,
        avg_balance = c.avg_balance - d.avg_balance, contribution = c.contribution - d.contribution
      FROM (${movedSums('m.old_customer')}) d
      WHERE c.customer_id = d.customer_id AND c.month_index = d.month_index;
      DELETE FROM customer_monthly c USING (${movedSums('m.old_customer')}) d
      WHERE c.customer_id = d.customer_id AND c.month_index = d.month_index AND c.accounts = 0;
      INSERT INTO customer_monthly (customer_id, month_index, accounts, avg_balance, contribution)
      ${movedSums('m.new_customer')}
      ${add};
      RETURN NULL;
    END $$`,
    `CREATE TRIGGER account_monthly_roll_up_insert AFTER INSERT ON account_monthly
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_roll_up_insert()`,
    `CREATE TRIGGER account_monthly_roll_up_update AFTER UPDATE ON account_monthly
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_roll_up_update()`,
    `CREATE TRIGGER account_monthly_roll_up_delete AFTER DELETE ON account_monthly
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION account_monthly_roll_up_delete()`,
    `CREATE TRIGGER accounts_roll_up_move AFTER UPDATE ON accounts
      REFERENCING OLD TABLE AS old_accounts NEW TABLE AS new_accounts
      FOR EACH STATEMENT EXECUTE FUNCTION accounts_roll_up_move()`,
  ];
}

export function customerMonthly(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      let table = db.schema
        .createTable('customer_monthly')
        .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
        .addColumn('month_index', 'integer', (c) => c.notNull())
        .addColumn('accounts', 'integer', (c) => c.notNull())
        .addColumn('avg_balance', 'bigint', (c) => c.notNull())
        .addColumn('contribution', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('customer_monthly_pk', ['customer_id', 'month_index']);
      if (dialect === 'sqlite') table = table.modifyEnd(sql`without rowid`);
      await table.execute();
      // The figures already there, then the triggers that keep them.
      await sql
        .raw(
          `INSERT INTO customer_monthly (customer_id, month_index, accounts, avg_balance, contribution)
          ${rollUp('account_monthly')}`,
        )
        .execute(db);
      for (const statement of dialect === 'sqlite' ? sqliteTriggers() : postgresTriggers()) {
        await sql.raw(statement).execute(db);
      }
    },
  };
}
