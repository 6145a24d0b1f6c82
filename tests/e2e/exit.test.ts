import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems } from './support/a11y';
import { apiClient, baseUrl, launch, openPage, signIn } from './support/browser';

// Issue #9: the risk officer screens the whole bank; rm1 takes one of the candidates it found, drafts
// a whole exit from it (its triggers as the plan's evidence) and submits it; the risk officer approves;
// rm1 carries out every step and completes the exit, which ends the relationship: the customer's
// lifecycle becomes termination and the churn is recorded as the bank's own exit.

interface Candidate {
  customer: { id: number; code: string; name: string };
  status: string;
  planId: number | null;
  triggers: { rule: string }[];
}

describe('relationship exit in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('takes a screening candidate through an approved exit plan to the end of the relationship', async () => {
    const rmApi = await apiClient('rm1');

    // The risk officer screens the whole bank from the queue page.
    const risk = await openPage(browser, { width: 1440, height: 1000 });
    await signIn(risk.page, 'risk1');
    await risk.page.goto(`${baseUrl()}/exit/candidates`);
    await risk.page.getByRole('button', { name: '筛查全行客户' }).click();
    await risk.page
      .getByText(/全行筛查完成/)
      .first()
      .waitFor();
    await risk.shot('exit-screening-done');

    // One of rm1's open candidates with no plan yet.
    const queue = await rmApi<{ items: Candidate[] }>('GET', '/exit-candidates?status=open&pageSize=200');
    expect(queue.status).toBe(200);
    const candidate = queue.body.items.find((c) => c.planId === null);
    expect(candidate, 'rm1 has an open candidate without a plan').toBeDefined();
    const { customer } = candidate!;

    // rm1 finds it in the queue, with the rules that fired, and drafts the plan from it.
    const rm = await openPage(browser, { width: 1440, height: 1000 });
    await signIn(rm.page, 'rm1');
    await rm.page.goto(`${baseUrl()}/exit/candidates?q=${encodeURIComponent(customer.code)}`);
    const row = rm.page.getByRole('row', { name: new RegExp(customer.code) });
    await row.waitFor();
    await row.getByRole('button', { name: '制订退出方案' }).click();
    await rm.page.waitForURL(/\/exit\/plans\/new\?customerId=\d+/);
    await rm.page.getByText('当前触发的退出标准').waitFor();
    await rm.page.getByText('这是一个全部退出方案').waitFor();
    await rm.shot('exit-plan-form');
    const formProblems = await accessibilityProblems(rm.page);
    await rm.page.getByRole('button', { name: '保存并提交审批' }).click();
    await rm.page.waitForURL(/\/exit\/plans\/\d+$/);
    const planId = Number(/\/exit\/plans\/(\d+)$/.exec(rm.page.url())![1]);
    await rm.page.getByText('等待风险经理审批').first().waitFor();

    const submitted = await rmApi<{ status: string; triggers: { rule: string }[]; object: string }>(
      'GET',
      `/exit-plans/${planId}`,
    );
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.triggers.map((t) => t.rule)).toEqual(candidate!.triggers.map((t) => t.rule));

    // rm1 may not approve it (the button is not offered; the server refuses).
    expect(await rm.page.getByRole('button', { name: '批准' }).count()).toBe(0);
    expect(
      (await rmApi('POST', `/exit-plans/${planId}/decide`, { version: 2, decision: 'approve' })).status,
    ).toBe(403);

    // The risk officer approves it.
    await risk.page.goto(`${baseUrl()}/exit/plans/${planId}`);
    await risk.page.getByRole('button', { name: '批准' }).click();
    const decision = risk.page.getByRole('dialog', { name: '批准退出方案' });
    // Ant Design spaces a two-character label: 批 准.
    await decision.getByRole('button', { name: /^批\s*准$/ }).click();
    await decision.waitFor({ state: 'hidden' });
    await risk.page.getByText('已批准').first().waitFor();

    // rm1 starts it, marks every step done, and completes the whole exit.
    await rm.page.reload();
    await rm.page.getByRole('button', { name: '开始执行' }).click();
    await rm.page.getByText('方案已开始执行').first().waitFor();
    const marks = rm.page.getByRole('button', { name: /^标记完成：/ });
    await marks.first().waitFor();
    const steps = await marks.count();
    expect(steps).toBeGreaterThan(0);
    for (let i = 0; i < steps; i++) {
      await rm.page
        .getByRole('button', { name: /^标记完成：/ })
        .first()
        .click();
      const dialog = rm.page.getByRole('dialog', { name: /^标记完成：/ });
      await dialog.getByRole('button', { name: '标记完成' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect
        .poll(() => rm.page.getByRole('button', { name: /^标记完成：/ }).count())
        .toBe(steps - i - 1);
    }
    await rm.page.getByRole('button', { name: '完成退出并终结关系' }).click();
    const completion = rm.page.getByRole('dialog', { name: '完成退出方案' });
    await completion.getByText('完成本方案将终结客户关系').waitFor();
    await completion.getByRole('button', { name: '完成退出并终结关系' }).click();
    await completion.waitFor({ state: 'hidden' });
    await rm.page.getByText(/本方案已完成/).waitFor();
    await rm.shot('exit-plan-completed');

    // The relationship has ended: termination, and a churn record of the bank's exit.
    await expect
      .poll(
        async () =>
          (await rmApi<{ lifecycleStage: string }>('GET', `/customers/${customer.id}`)).body.lifecycleStage,
        { timeout: 20_000, interval: 500 },
      )
      .toBe('termination');
    const churn = await rmApi<{
      items: { customer: { id: number }; cause: string; reason: string | null }[];
    }>('GET', '/churn/records?cause=exit&pageSize=100');
    expect(churn.status).toBe(200);
    expect(churn.body.items.find((r) => r.customer.id === customer.id)).toMatchObject({
      cause: 'exit',
      reason: 'bank_exit',
    });

    expect(formProblems).toEqual([]);
    expect(await accessibilityProblems(rm.page)).toEqual([]);
    expect(risk.consoleErrors).toEqual([]);
    expect(rm.consoleErrors).toEqual([]);
  });
});
