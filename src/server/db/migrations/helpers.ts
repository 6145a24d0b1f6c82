import type { CreateTableBuilder } from 'kysely';
import type { Dialect } from '../connect';

/** An integer primary key the database numbers itself, on either dialect. */
export function withId<T extends string>(dialect: Dialect, table: CreateTableBuilder<T, never>) {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity());
}
