import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selectArrays, selectColumnsAside } from './array-rows';
import { connect } from './connect';
import type { Db } from './database';
import { runEach } from './run-each';
import { executeAside } from './write-aside';

// The SQLite driver's promise: a SELECT outside a transaction is answered while a long transaction
// holds the writer, and sees only what is committed; the transaction sees its own writes.

interface T {
  t: { id: number; v: string };
}

describe('SQLite with a writer and a reader', () => {
  let dir: string;
  let db: Kysely<T>;
  let close: () => Promise<void>;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmw-driver-'));
    const c = connect(`sqlite:${path.join(dir, 'd.sqlite')}`);
    db = c.db as unknown as Kysely<T>;
    close = c.close;
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    await db.insertInto('t').values({ id: 1, v: 'committed' }).execute();
  });

  /** A transaction that changes row 1 and keeps the writer until released. */
  const holdWriter = async () => {
    let release!: () => void;
    const holding = new Promise<void>((r) => {
      release = r;
    });
    const trx = db.transaction().execute(async (t) => {
      await t.updateTable('t').set({ v: 'by transaction' }).where('id', '=', 1).execute();
      await holding;
    });
    await new Promise((r) => setTimeout(r, 20));
    return { release, trx };
  };

  afterEach(async () => {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs one statement once per parameter list, inside the transaction that asked', async () => {
    await db.insertInto('t').values({ id: 2, v: 'two' }).execute();
    const lists = [
      ['uno', 1],
      ['dos', 2],
      ['none', 99],
    ];
    const changed = await db
      .transaction()
      .execute((trx) => runEach(trx as unknown as Db, 'update t set v = ? where id = ?', lists));
    expect(changed).toBe(2);
    expect((await db.selectFrom('t').select('v').orderBy('id').execute()).map((r) => r.v)).toEqual([
      'uno',
      'dos',
    ]);
    await expect(
      db.transaction().execute(async (trx) => {
        await runEach(trx as unknown as Db, 'update t set v = ? where id = ?', [['lost', 1]]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await db.selectFrom('t').select('v').where('id', '=', 1).executeTakeFirst())?.v).toBe('uno');
  });

  it('answers reads during an open write transaction with the committed state', async () => {
    let release!: () => void;
    const holding = new Promise<void>((r) => {
      release = r;
    });
    let inside: string[] = [];
    const trx = db.transaction().execute(async (t) => {
      await t.insertInto('t').values({ id: 2, v: 'pending' }).execute();
      inside = (await t.selectFrom('t').select('v').orderBy('id').execute()).map((r) => r.v);
      await holding;
    });
    await new Promise((r) => setTimeout(r, 20));
    const outside = await Promise.race([
      db.selectFrom('t').select('v').orderBy('id').execute(),
      new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 1000)),
    ]);
    expect(outside).toEqual([{ v: 'committed' }]);
    expect(inside).toEqual(['committed', 'pending']);
    release();
    await trx;
    expect((await db.selectFrom('t').select('v').orderBy('id').execute()).map((r) => r.v)).toEqual([
      'committed',
      'pending',
    ]);
  });

  it('makes writes outside the transaction wait their turn, then applies both', async () => {
    const { release, trx } = await holdWriter();
    let written = false;
    const write = db
      .insertInto('t')
      .values({ id: 3, v: 'after' })
      .execute()
      .then(() => {
        written = true;
      });
    await new Promise((r) => setTimeout(r, 50));
    expect(written).toBe(false);
    release();
    await Promise.all([trx, write]);
    expect(await db.selectFrom('t').select(['id', 'v']).orderBy('id').execute()).toEqual([
      { id: 1, v: 'by transaction' },
      { id: 3, v: 'after' },
    ]);
  });

  it('rolls back a failed transaction and reads the same query again from its cached statement', async () => {
    await expect(
      db.transaction().execute(async (t) => {
        await t.insertInto('t').values({ id: 4, v: 'lost' }).execute();
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    for (let i = 0; i < 3; i++) {
      expect(await db.selectFrom('t').select('id').where('id', '=', 4).execute()).toEqual([]);
    }
  });

  it('answers rows as arrays when asked, and objects again from the same cached statement', async () => {
    await db.insertInto('t').values({ id: 2, v: 'second' }).execute();
    const query = db.selectFrom('t').select(['v', 'id']).orderBy('id');
    expect(await selectArrays(db as never, query)).toEqual([
      ['committed', 1],
      ['second', 2],
    ]);
    expect(await query.execute()).toEqual([
      { v: 'committed', id: 1 },
      { v: 'second', id: 2 },
    ]);
    // Raw SQL too, on the writer inside a transaction.
    await db.transaction().execute(async (t) => {
      expect(await selectArrays(t as never, sql`select id from t where id > ${1}`.compile(t))).toEqual([[2]]);
    });
  });

  it('answers a read asked to run aside on a thread of its own: the server goes on meanwhile, and it sees what is committed', async () => {
    const { release, trx } = await holdWriter();
    const ticks = { n: 0 };
    const timer = setInterval(() => ticks.n++, 1);
    try {
      // Long enough (a few hundred ms) that a read on the main thread would stop the timer.
      const counted = await selectColumnsAside(
        db as never,
        sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000000)
            select count(*) from n, t where t.id = 1`.compile(db),
      );
      expect(counted()).toEqual({ length: 1, columns: [[3_000_000]] });
      expect(ticks.n).toBeGreaterThan(5);
      // The transaction holding the writer has changed row 1, uncommitted: not seen.
      const seen = await selectColumnsAside(db as never, db.selectFrom('t').select(['id', 'v']));
      expect(seen()).toEqual({ length: 1, columns: [[1], ['committed']] });
    } finally {
      clearInterval(timer);
      release();
      await trx;
    }
    const committed = await selectColumnsAside(db as never, db.selectFrom('t').select(['id', 'v']));
    expect(committed()).toEqual({ length: 1, columns: [[1], ['by transaction']] });
    // Inside a transaction the read runs on the writer, and the answer is the same.
    await db.transaction().execute(async (t) => {
      const inside = await selectColumnsAside(t as never, t.selectFrom('t').select(['id', 'v']));
      expect(inside()).toEqual({ length: 1, columns: [[1], ['by transaction']] });
    });
    await expect(
      selectColumnsAside(db as never, sql`select x from missing`.compile(db)),
    ).rejects.toMatchObject({
      message: 'no such table: missing',
      code: 'SQLITE_ERROR',
    });
  });

  it('sends every kind of column across as it was stored: numbers and text with nulls, a mix, only nulls, no row', async () => {
    const big = 2 ** 53 - 1;
    const query = sql`select * from (values
        (1, 'a', 1.5, null, ${big}),
        (null, 'b', 'text', null, -7),
        (3, null, 2, null, 0),
        (4, 'a', null, null, 0.25))`.compile(db);
    const expected = {
      length: 4,
      columns: [
        [1, null, 3, 4],
        ['a', 'b', null, 'a'],
        [1.5, 'text', 2, null],
        [null, null, null, null],
        [big, -7, 0, 0.25],
      ],
    };
    expect((await selectColumnsAside(db as never, query))()).toEqual(expected);
    // The same on the writer (inside a transaction), where nothing is sent across.
    await db.transaction().execute(async (t) => {
      expect((await selectColumnsAside(t as never, query))()).toEqual(expected);
    });
    const none = await selectColumnsAside(
      db as never,
      db.selectFrom('t').select(['id', 'v']).where('id', '<', 0),
    );
    expect(none().length).toBe(0);
  });

  it('builds an index aside on the reader thread, holding the writer: writes wait, the main thread goes on', async () => {
    await sql`insert into t (id, v) with recursive n(i) as (select 2 union all select i + 1 from n where i < 300000)
      select i, 'v' || (i * 7919 % 300007) from n`.execute(db);
    const ticks = { n: 0 };
    const timer = setInterval(() => ticks.n++, 1);
    let written = false;
    try {
      const building = executeAside(db as never, sql`create index t_v_idx on t (v)`.compile(db));
      await new Promise((r) => setImmediate(r));
      const write = db
        .insertInto('t')
        .values({ id: 1_000_000, v: 'during' })
        .execute()
        .then(() => {
          written = true;
        });
      await building;
      expect(ticks.n).toBeGreaterThan(5);
      await write;
    } finally {
      clearInterval(timer);
    }
    expect(written).toBe(true);
    const { rows } = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'index' and name = 't_v_idx'`.execute(db);
    expect(rows).toEqual([{ name: 't_v_idx' }]);
    // The reader thread is read-only again, and an error arrives with SQLite's message.
    await expect(
      selectColumnsAside(
        db as never,
        sql`insert into t (id, v) values (2000000, 'x') returning id`.compile(db),
      ),
    ).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    await expect(executeAside(db as never, sql`create index t_v_idx on t (v)`.compile(db))).rejects.toThrow(
      'index t_v_idx already exists',
    );
  });

  it('copies the WAL into the database on the reader thread, never in a commit on the main thread', async () => {
    const file = path.join(dir, 'd.sqlite');
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
    expect(rows).toEqual([{ wal_autocheckpoint: 0 }]);
    const before = fs.statSync(file).size;
    await db.transaction().execute(async (t) => {
      for (let i = 0; i < 4; i++) {
        await t
          .insertInto('t')
          .values(Array.from({ length: 500 }, (_, k) => ({ id: 100 + i * 500 + k, v: 'x'.repeat(2000) })))
          .execute();
      }
    });
    // About 4 MB committed to the WAL; the database file takes them once the reader thread has checkpointed.
    let size = before;
    for (let waited = 0; waited < 5000 && size < before + 4_000_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
      size = fs.statSync(file).size;
    }
    expect(size).toBeGreaterThan(before + 4_000_000);
    expect(await db.selectFrom('t').select(db.fn.countAll<number>().as('n')).executeTakeFirst()).toEqual({
      n: 2001,
    });
  });

  it('streams a select on a connection of its own while other reads go on', async () => {
    await db
      .insertInto('t')
      .values(Array.from({ length: 50 }, (_, i) => ({ id: 10 + i, v: `r${i}` })))
      .execute();
    const seen: number[] = [];
    for await (const row of db.selectFrom('t').select('id').orderBy('id').stream()) {
      seen.push(row.id);
      if (seen.length === 5) {
        expect(await db.selectFrom('t').select(db.fn.countAll<number>().as('n')).executeTakeFirst()).toEqual({
          n: 51,
        });
      }
    }
    expect(seen).toHaveLength(51);
  });
});
