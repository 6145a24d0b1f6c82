import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launch, openPage, signIn } from './support/browser';

// Issue #3's walk through the workbench, in a real Chromium against the real server and demo bank.
describe('the workbench in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('an RM signs in through the form, searches a Chinese fragment and opens a customer', async () => {
    const { page, consoleErrors, shot } = await openPage(browser);
    await page.goto(`${baseUrl()}/customers`);
    await page.waitForURL(/\/login\?next=/);
    await shot('login');
    await page.getByLabel('用户名').fill('rm1');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    await signIn(page, 'rm1');
    await page.waitForURL(/\/customers/);
    await page.getByRole('table').waitFor();
    await shot('customers');

    const search = page.getByRole('searchbox', { name: '搜索客户' });
    await search.fill('鑫泰');
    await search.press('Enter');
    await page.waitForURL(/q=%E9%91%AB%E6%B3%B0/);
    const firstLink = page.getByRole('table').getByRole('link').filter({ hasText: '鑫泰' }).first();
    await firstLink.waitFor();
    const rows = await page.getByRole('table').getByRole('link').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const name of rows) expect(name).toContain('鑫泰');
    await shot('customers-search');

    // The URL reproduces the view.
    const url = page.url();
    await page.reload();
    await page.getByRole('table').getByRole('link').first().waitFor();
    expect(page.url()).toBe(url);
    expect(await page.getByRole('searchbox', { name: '搜索客户' }).inputValue()).toBe('鑫泰');

    const name = (await firstLink.textContent()) ?? '';
    await firstLink.click();
    await page.waitForURL(/\/customers\/\d+$/);
    await page.getByText(name).first().waitFor();
    await shot('customer-360');
    const customerUrl = page.url();

    // Edit a field; the save is audited, and the team lead sees the entry.
    const region = `浦东新区${Date.now() % 100_000}`;
    await page.getByRole('button', { name: '编辑资料' }).click();
    await page.getByLabel('地区名称').fill(region);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    await page.getByText(region).first().waitFor();
    await shot('customer-360-edited');

    // Add a contact by keyboard alone: Enter in the name field saves.
    await page.getByRole('tab', { name: '联系人' }).click();
    await page.getByRole('button', { name: '添加联系人' }).click();
    const contactName = `键盘${Date.now() % 100_000}`;
    await page.getByRole('dialog').getByLabel('姓名').fill(contactName);
    await page.getByRole('dialog').getByLabel('姓名').press('Enter');
    await page.getByText('已添加联系人').waitFor();
    await page.getByRole('cell', { name: contactName, exact: true }).waitFor();

    for (const tab of ['联系人', '关联关系', '账户与产品', '生命周期']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tabpanel').last().waitFor();
    }
    await page.getByRole('tab', { name: '账户与产品' }).click();
    await page
      .locator('canvas')
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined);
    await shot('customer-360-accounts');
    expect(consoleErrors).toEqual([]);

    const lead = await openPage(browser);
    await signIn(lead.page, 'lead1');
    await lead.page.goto(customerUrl);
    await lead.page.getByRole('tab', { name: '审计记录' }).click();
    // The audit row by rm1 whose changes show the new region.
    await lead.page.getByRole('row').filter({ hasText: region }).filter({ hasText: 'rm1' }).first().waitFor();
    await lead.shot('customer-360-audit');
    expect(lead.consoleErrors).toEqual([]);
  });

  it('rm1 typing the URL of another RM’s customer sees a not-found page', async () => {
    // The demo bank's rm3 is in another team: find one of rm3's customers as the administrator.
    const login = await fetch(`${baseUrl()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: (await import('vitest')).inject('e2ePassword') }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const users = (await (
      await fetch(`${baseUrl()}/api/v1/users?q=rm3`, { headers: { cookie } })
    ).json()) as {
      items: { id: number; username: string }[];
    };
    const rm3 = users.items.find((u) => u.username === 'rm3')!;
    const list = (await (
      await fetch(`${baseUrl()}/api/v1/customers?ownerId=${rm3.id}&pageSize=1`, { headers: { cookie } })
    ).json()) as {
      items: { id: number }[];
    };
    const foreignId = list.items[0]!.id;

    const { page, consoleErrors, shot } = await openPage(browser);
    await signIn(page, 'rm1');
    await page.goto(`${baseUrl()}/customers/${foreignId}`);
    await page.getByText('未找到').waitFor();
    await shot('not-found');
    expect(consoleErrors).toEqual([]);
  });

  it('switches to English and keeps the choice for the user', async () => {
    const { page, consoleErrors, shot } = await openPage(browser);
    await signIn(page, 'rm2');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('searchbox', { name: 'Search customers' }).waitFor();
    await shot('customers-en');
    // A new browser session for the same user starts in English.
    const second = await openPage(browser);
    await signIn(second.page, 'rm2');
    await second.page.getByRole('searchbox', { name: 'Search customers' }).waitFor();
    await second.page.getByRole('button', { name: '中文' }).click();
    await second.page.getByRole('searchbox', { name: '搜索客户' }).waitFor();
    expect([...consoleErrors, ...second.consoleErrors]).toEqual([]);
  });
});
