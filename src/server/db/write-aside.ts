import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database';

// A long statement that writes what nothing else is using — building an index — may run on the SQLite
// driver's reader thread (sqlite-driver.ts): it takes the writer there as any write does, so the
// server's other writes wait for it, while the main thread goes on with its work. The value run
// builds the indexes it set aside so, while it ranks the bank. Elsewhere (PostgreSQL, an in-memory
// database, inside a transaction) it runs as any statement does.

const marked = new WeakSet<CompiledQuery>();

/** Whether the compiled statement may write on the reader thread. */
export const mayWriteAside = (query: CompiledQuery) => marked.has(query);

export async function executeAside(db: Db, statement: Compilable | CompiledQuery) {
  const compiled = 'compile' in statement ? statement.compile() : statement;
  marked.add(compiled);
  await db.executeQuery(compiled);
}
