import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityProblems } from './support/a11y';
import { baseUrl, launch, openPage, signIn } from './support/browser';

// Issue #7: an administrator runs the recomputation from the settings page and follows it to the
// end; the value analysis then shows the bank's 80/20 figures and charts, narrows to a team from the
// portfolio picker, and an RM sees their own portfolio only.

/** Signs in through the API, for the checks the test does not make in the browser. */
async function apiSession(username: string) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: inject('e2ePassword') }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return async <T>(path: string) => {
    const r = await fetch(`${baseUrl()}/api/v1${path}`, { headers: { cookie } });
    return { status: r.status, body: (await r.json()) as T };
  };
}

interface Run {
  id: number;
  status: string;
}

const CHARTS = [
  /^折线图：客户累计占比/,
  /^金字塔图/,
  /^折线图：各分析月份/,
  /^柱状图：各生命周期阶段/,
  /^桑基图/,
];

describe('value analysis in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('recomputes, then shows the Pareto analysis and lifecycle of the bank, a team and an RM', async () => {
    const api = await apiSession('admin');
    const runs = async () => (await api<{ items: Run[] }>('/value-runs')).body.items;
    // A run the server started by itself (an import, the schedule) finishes first.
    await expect
      .poll(async () => (await runs()).some((r) => r.status === 'running'), { timeout: 60_000 })
      .toBe(false);
    const before = (await runs())[0]?.id ?? 0;

    const { page, consoleErrors, shot } = await openPage(browser, { width: 1440, height: 1000 });
    await signIn(page, 'admin');

    // Recompute now, from the settings page; the new run appears in the recent runs as succeeded.
    await page.goto(`${baseUrl()}/admin/value`);
    await page.getByRole('button', { name: /立即重算/ }).click();
    await expect
      .poll(async () => (await runs()).find((r) => r.id > before)?.status, { timeout: 90_000 })
      .toBe('succeeded');
    const run = (await runs()).find((r) => r.id > before)!;
    await page
      .getByRole('row', { name: new RegExp(`^${run.id}\\s`) })
      .getByText('已完成')
      .waitFor({ timeout: 30_000 });
    const settingsProblems = await accessibilityProblems(page);
    await shot('admin-value');

    // The bank: the figures of the API, every chart drawn.
    const pareto = (await api<{ customers: number; top20Share: number }>('/analytics/pareto')).body;
    expect(pareto.customers).toBeGreaterThan(0);
    await page.goto(`${baseUrl()}/analytics/value`);
    await page.getByText('帕累托曲线（二八法则）').waitFor();
    const customers = page
      .locator('.ant-statistic', { hasText: '客户数' })
      .locator('.ant-statistic-content-value');
    await expect.poll(() => customers.textContent()).toBe(pareto.customers.toLocaleString('zh-CN'));
    for (const name of CHARTS) await page.getByRole('img', { name }).waitFor();
    const analyticsProblems = await accessibilityProblems(page);
    await shot('value-analytics-bank');

    // A team, from the portfolio picker: the URL keeps it and the figures are the team's.
    const team = (await api<{ teams: { id: number; name: string }[] }>('/analytics/portfolios')).body
      .teams[0]!;
    const teamPareto = (await api<{ customers: number }>(`/analytics/pareto?scope=team&scopeId=${team.id}`))
      .body;
    await page.getByLabel('分析范围').click();
    await page.locator('.ant-select-tree-title', { hasText: `团队 · ${team.name}` }).click();
    await page.waitForURL((url) => url.searchParams.get('portfolio') === `team:${team.id}`);
    await expect.poll(() => customers.textContent()).toBe(teamPareto.customers.toLocaleString('zh-CN'));
    await page.getByText(`团队 · ${team.name} · 截至`).waitFor();
    await shot('value-analytics-team');

    // An RM sees their own portfolio, with its own figures.
    const rm = await openPage(browser, { width: 1440, height: 1000 });
    await signIn(rm.page, 'rm1');
    const rmApi = await apiSession('rm1');
    const own = (
      await rmApi<{ customers: number; portfolio: { scope: string; name: string } }>('/analytics/pareto')
    ).body;
    expect(own.portfolio.scope).toBe('rm');
    expect((await rmApi(`/analytics/pareto?scope=team&scopeId=${team.id}`)).status).toBe(404);
    await rm.page.goto(`${baseUrl()}/analytics/value`);
    await rm.page.getByText(`客户经理 · ${own.portfolio.name} · 截至`).waitFor();
    const rmCustomers = rm.page
      .locator('.ant-statistic', { hasText: '客户数' })
      .locator('.ant-statistic-content-value');
    await expect.poll(() => rmCustomers.textContent()).toBe(own.customers.toLocaleString('zh-CN'));
    await rm.shot('value-analytics-rm');

    expect(settingsProblems).toEqual([]);
    expect(analyticsProblems).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(rm.consoleErrors).toEqual([]);
  }, 240_000);
});
