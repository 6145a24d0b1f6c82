import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dialects, type TestContext } from '../../../../tests/support/test-app';
import { failInterruptedJobs } from './imports.service';

describe.each(dialects())('import jobs cut off by a stop, on %s', (dialect) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(dialect);
  });
  afterAll(async () => ctx?.close());

  const job = (status: string) =>
    ctx.deps.db
      .insertInto('import_jobs')
      .values({
        kind: 'customers',
        mode: 'commit',
        status,
        file_name: 'big.csv',
        file_hash: 'x'.repeat(64),
        file_size: 1,
        rows: 0,
        processed: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        error_count: 0,
        errors_json: null,
        message: null,
        api_key_id: null,
        finished_at: null,
        created_by: ctx.users.admin,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

  it('are marked failed at start-up on SQLite, and left to their instance on PostgreSQL', async () => {
    const running = await job('running');
    const done = await job('succeeded');
    const marked = await failInterruptedJobs(ctx.deps);
    const status = async (id: number) =>
      await ctx.deps.db
        .selectFrom('import_jobs')
        .select(['status', 'message'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    if (dialect === 'sqlite') {
      expect(marked).toBe(1);
      expect(await status(running.id)).toMatchObject({
        status: 'failed',
        message: expect.stringMatching(/nothing was written/),
      });
    } else {
      expect(marked).toBe(0);
      expect((await status(running.id)).status).toBe('running');
    }
    expect((await status(done.id)).status).toBe('succeeded');
  });
});
