import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeUscc } from '../../src/domain/identity-numbers';
import { accessibilityProblems } from './support/a11y';
import { baseUrl, launch, openPage, pickOption, signIn } from './support/browser';

// Issue #6: an RM records a prospect a customer introduced, drags it along the kanban board (a move
// the rules refuse says why), assesses it, plans and makes the first contact, drags it on to a
// customer, and finds it on the referral network and in the funnel.

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const daysAhead = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

/** Signs in through the API, for the steps the test does not walk through in the browser. */
async function apiSession(username: string) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: inject('e2ePassword') }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${baseUrl()}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
}

/** Picks an option of an Ant Design select by its label, typing to search first when it searches. */
const pick = (page: Page, label: string, search: string | null, option: string) =>
  pickOption(page, page.getByLabel(label, { exact: true }), option, search ?? undefined);

const column = (page: Page, stage: string) =>
  page.locator('section[data-stage]', { has: page.locator(`text=${stage}`) }).first();
const card = (page: Page, name: string): Locator => page.locator('[data-prospect]', { hasText: name });

/** Moves a card with its "move to…" menu, as a keyboard user would. */
async function moveTo(page: Page, name: string, stage: string) {
  await page.getByRole('button', { name: `将 ${name} 移动到…` }).click();
  await page.getByRole('menuitem', { name: new RegExp(`^${stage}`) }).click();
}

describe('new customers in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('takes a referred prospect through the kanban to a customer, onto the network and into the funnel', async () => {
    const api = await apiSession('rm1');
    const { page, consoleErrors, shot } = await openPage(browser, { width: 1920, height: 1000 });
    await signIn(page, 'rm1');
    const referrer = (
      (await api('GET', '/customers?kind=corporate&pageSize=1&sort=name&order=asc')).body.items as {
        id: number;
        name: string;
        code: string;
      }[]
    )[0]!;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10);
    const funnelBefore = (await api('GET', `/prospects/analytics?from=${yearAgo}&to=${today}`)).body as {
      funnel: { stage: string; reached: number }[];
    };
    const reached = (f: typeof funnelBefore, stage: string) =>
      f.funnel.find((s) => s.stage === stage)!.reached;
    const name = `苏州启明精密仪器有限公司${Date.now() % 100_000}`;

    // A prospect introduced by one of rm1's customers.
    await page.goto(`${baseUrl()}/prospects/new`);
    await page.getByLabel('名称', { exact: true }).fill(name);
    await page
      .getByLabel('统一社会信用代码', { exact: true })
      .fill(makeUscc(7_700_000 + (Date.now() % 100_000)));
    await pick(page, '来源', null, '连锁介绍');
    await page.locator('.ant-radio-button-wrapper', { hasText: /^客户$/ }).click();
    await pick(page, '介绍客户', referrer.name.slice(0, 6), referrer.name);
    const formProblems = await accessibilityProblems(page);
    await shot('prospect-new');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/prospects\/\d+$/);
    const prospectId = Number(new URL(page.url()).pathname.split('/').at(-1));
    await page.getByText(name).first().waitFor();

    // The board, narrowed to this prospect: a drag to the next stage moves it.
    await page.goto(`${baseUrl()}/prospects?q=${encodeURIComponent(name)}`);
    await card(page, name).waitFor();
    expect(await column(page, '寻找').locator('[data-prospect]').count()).toBe(1);
    await card(page, name).dragTo(column(page, '已筛选'));
    await expect.poll(() => column(page, '已筛选').locator('[data-prospect]').count()).toBe(1);
    const boardProblems = await accessibilityProblems(page);

    // The keyboard's way, "move to…": a move past a stage whose data is missing is refused, saying
    // which and why; nothing moves.
    await moveTo(page, name, '确定目标');
    await page.locator('.ant-notification').getByText('客户评估表未填写完整').first().waitFor();
    await shot('prospect-board-refused');
    expect(await column(page, '已筛选').locator('[data-prospect]').count()).toBe(1);

    // The assessment on the prospect's page.
    await page.goto(`${baseUrl()}/prospects/${prospectId}`);
    await page.getByRole('tab', { name: '评估' }).click();
    await page.getByLabel('需求', { exact: true }).fill('出口收汇、结售汇与代发工资');
    await page.getByLabel('潜在贡献（元/年）', { exact: true }).fill('300000');
    await page.getByLabel('风险', { exact: true }).fill('海外客户集中、汇率波动');
    await page.getByText('确定为目标客户', { exact: true }).click();
    await page.getByRole('button', { name: '保存评估' }).click();
    await page.getByText('评估已保存').first().waitFor();

    // The visit plan and the first contact (walked through in the browser by the contact test).
    const plan = await api('POST', '/visit-plans', {
      prospectId,
      startsAt: daysAhead(2),
      objectives: [
        {
          what: '开立基本结算账户',
          needTag: 'deposit',
          product: 'demand_deposit',
          metric: '基本户日均存款',
          unit: 'yuan',
          target: 500_000,
          justification: '出口收汇集中，日均留存可观',
          dueOn: daysAhead(60).slice(0, 10),
        },
      ],
      products: ['demand_deposit'],
    });
    expect(plan.status).toBe(201);
    const contact = await api('POST', '/interactions', {
      prospectId,
      channel: 'visit',
      occurredAt: hoursAgo(1),
      summary: '首次拜访，客户愿意将出口收汇转到我行',
    });
    expect(contact.status).toBe(201);

    // Back on the board: one move over four stages, their data all there; then a drag on to a customer.
    await page.goto(`${baseUrl()}/prospects?q=${encodeURIComponent(name)}`);
    await moveTo(page, name, '已接触');
    await expect.poll(() => column(page, '已接触').locator('[data-prospect]').count()).toBe(1);
    await card(page, name).dragTo(column(page, '确立合作'));
    const dialog = page.getByRole('dialog');
    await dialog.getByText('确认转为客户').waitFor();
    await shot('prospect-convert');
    await dialog.getByRole('button', { name: '确认转为客户' }).click();
    await page.getByText(`${name} 已转为客户`).first().waitFor();

    const converted = (await api('GET', `/prospects/${prospectId}`)).body as {
      status: string;
      customerId: number;
      counts: { interactions: number };
    };
    expect(converted.status).toBe('established');
    const customer = (await api('GET', `/customers/${converted.customerId}`)).body;
    expect(customer).toMatchObject({ name, lifecycleStage: 'development' });
    const moved = (await api('GET', `/interactions?customerId=${converted.customerId}`)).body;
    expect(moved.total).toBe(1);

    // On the referral network, introduced by its referrer.
    await page.goto(`${baseUrl()}/prospects/network`);
    const find = page.getByLabel('查找并打开客户或潜在客户');
    await find.click();
    await find.fill(name.slice(-8));
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name })
      .first()
      .waitFor();
    const network = (await api('GET', '/prospects/network')).body as {
      nodes: { id: string; name: string | null; converted: boolean }[];
      edges: { source: string; target: string }[];
    };
    const node = network.nodes.find((n) => n.name === name)!;
    expect(node.converted).toBe(true);
    const from = network.nodes.find((n) => n.name === referrer.name)!;
    expect(network.edges).toContainEqual({ source: from.id, target: node.id });
    await page.keyboard.press('Escape');
    await shot('referral-network');

    // In the funnel: one more prospect reached every stage up to established.
    const funnelAfter = (await api('GET', `/prospects/analytics?from=${yearAgo}&to=${today}`))
      .body as typeof funnelBefore & {
      acquisition: { overall: { acquired: number } };
    };
    for (const stage of ['sourced', 'assessed', 'engaged', 'established'])
      expect(reached(funnelAfter, stage)).toBe(reached(funnelBefore, stage) + 1);
    await page.goto(`${baseUrl()}/prospects/analytics?from=${yearAgo}&to=${today}`);
    await page.getByText('开发漏斗').first().waitFor();
    const acquired = page
      .locator('.ant-statistic', { hasText: '已获取' })
      .locator('.ant-statistic-content-value');
    await expect.poll(() => acquired.textContent()).toBe(String(funnelAfter.acquisition.overall.acquired));
    await shot('prospect-analytics');

    expect(formProblems).toEqual([]);
    expect(boardProblems).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 180_000);
});
