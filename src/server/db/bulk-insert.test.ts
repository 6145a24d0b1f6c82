import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dialects } from '../../../tests/support/test-app';
import { bulkInsert } from './bulk-insert';
import { connect } from './connect';
import type { Db } from './database';
import { migrateToLatest } from './migrations';

// Rows inserted by statements compiled once per shape: every row arrives with its own values in
// order, chunked under the bound-value limits, with the columns asked for returned.

describe.each(dialects())('bulkInsert on %s', (dialect) => {
  let db: Db;
  let close: () => Promise<void>;
  let drop: () => Promise<void>;
  const at = '2026-11-28T00:00:00.000Z';

  beforeAll(async () => {
    const database = await createDatabase(dialect);
    drop = database.drop;
    const c = connect(database.url);
    db = c.db;
    close = c.close;
    await migrateToLatest(c.db, dialect);
  });
  afterAll(async () => {
    await close();
    await drop();
  });

  it('inserts chunks of one shape with their own values and returns what is asked, in order', async () => {
    const rows = Array.from({ length: 2345 }, (_, i) => ({
      code: `BR${String(i).padStart(5, '0')}`,
      name: `支行${i}`,
      created_at: at,
    }));
    // Twice: the second run reuses the compiled statements of the first, with new values.
    for (const prefix of ['A', 'B']) {
      const named = rows.map((r) => ({ ...r, code: prefix + r.code }));
      const returned = await bulkInsert(db, 'branches', named, ['id', 'code']);
      expect(returned.map((r) => r.code)).toEqual(named.map((r) => r.code));
      expect(new Set(returned.map((r) => r.id)).size).toBe(rows.length);
    }
    const stored = await db.selectFrom('branches').select(['code', 'name']).orderBy('code').execute();
    expect(stored).toHaveLength(2 * rows.length);
    expect(stored[0]).toEqual({ code: 'ABR00000', name: '支行0' });
    expect(stored.at(-1)).toEqual({ code: 'BBR02344', name: '支行2344' });
  });

  it('takes rows whose columns differ in order or number through the query builder', async () => {
    const rows = [
      { code: 'MX1', name: '一', created_at: at },
      { name: '二', code: 'MX2', created_at: at },
    ];
    expect(await bulkInsert(db, 'branches', rows, ['code'])).toEqual([{ code: 'MX1' }, { code: 'MX2' }]);
    const stored = await db
      .selectFrom('branches')
      .select(['code', 'name'])
      .where('code', 'like', 'MX%')
      .orderBy('code')
      .execute();
    expect(stored).toEqual([
      { code: 'MX1', name: '一' },
      { code: 'MX2', name: '二' },
    ]);
  });

  it('writes nothing of a chunk that breaks a constraint', async () => {
    const rows = [
      { code: 'DUP1', name: 'x', created_at: at },
      { code: 'DUP1', name: 'y', created_at: at },
    ];
    await expect(bulkInsert(db, 'branches', rows)).rejects.toThrow();
    expect(await db.selectFrom('branches').select('code').where('code', '=', 'DUP1').execute()).toEqual([]);
  });
});
