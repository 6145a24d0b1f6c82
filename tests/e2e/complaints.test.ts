import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems } from './support/a11y';
import { apiClient, baseUrl, launch, openPage, pickOption, signIn } from './support/browser';

// Issue #8 part 3: an RM records a complaint that reached the bank three days ago, urgent (one day
// to resolve), so it is past its deadline the moment it is saved: it shows overdue and escalated; the
// team lead finds it on the day page as escalated to them, resolves it with what was done and the
// customer's satisfaction with the fix, and the dashboard counts it.

interface Dashboard {
  total: number;
  breached: number;
  escalated: number;
  byCategory: { category: string; count: number; breached: number }[];
  resolution: { resolved: number };
  fixSatisfaction: { n: number };
}

/** A moment on the bank's clock (Asia/Shanghai) as the date-time picker shows it: 2026-11-26 09:30. */
const bankWallClock = (ms: number) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(ms));

describe('complaints in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('a complaint past its deadline escalates to the team lead, who resolves it; the dashboard counts it', async () => {
    const rm = await apiClient('rm1');
    const lead = await apiClient('lead1');
    const rmUser = (await rm<{ user: { id: number } }>('GET', '/auth/me')).body.user;
    const leadUser = (await lead<{ user: { displayName: string } }>('GET', '/auth/me')).body.user;
    const customer = (
      await rm<{ items: { id: number; name: string; code: string; ownerId: number | null }[] }>(
        'GET',
        '/customers?pageSize=50&sort=name&order=asc',
      )
    ).body.items.find((c) => c.ownerId === rmUser.id)!;
    expect(customer).toBeDefined();
    const before = (await lead<Dashboard>('GET', '/complaints/dashboard')).body;
    const subject = `账户管理费未提前告知（${Date.now().toString(36)}）`;

    // rm1 records it through the form: received three days ago, urgent.
    const { page, consoleErrors, shot } = await openPage(browser, { width: 1440, height: 1000 });
    await signIn(page, 'rm1');
    await page.goto(`${baseUrl()}/complaints`);
    await page.getByRole('button', { name: /登记投诉\/建议\/表扬/ }).click();
    const form = page.getByRole('dialog').filter({ hasText: '登记投诉、建议或表扬' });
    await pickOption(page, form.getByLabel('客户', { exact: true }), customer.name, customer.code);
    await pickOption(page, form.getByLabel('受理渠道'), '电话');
    await pickOption(page, form.getByLabel('问题类别'), '收费与价格');
    await pickOption(page, form.getByLabel('严重程度'), '紧急');
    const received = form.getByLabel('受理时间');
    await received.click();
    await received.fill(bankWallClock(Date.now() - 72 * 3_600_000));
    await received.press('Enter');
    await form.getByText(/办理时限 1 天，已于 .+ 到期/).waitFor();
    await form.getByLabel('主题').fill(subject);
    await form.getByLabel('具体内容').fill('客户称扣收账户管理费前未收到任何通知，要求退费并说明收费依据。');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden' }).catch(async (e) => {
      await shot('complaint-form-not-saved');
      throw e;
    });

    // Saved, it opens: overdue by 48 hours, escalated to the team lead.
    const drawer = page.getByRole('dialog').filter({ hasText: subject });
    await drawer.getByText(/超时 4\d 小时/).waitFor();
    await drawer.getByText('已升级', { exact: true }).waitFor();
    await drawer.getByText(new RegExp(`升级至 ${leadUser.displayName}`)).waitFor();
    await shot('complaint-escalated');
    await drawer.getByRole('button', { name: '关闭' }).first().click();
    await drawer.waitFor({ state: 'hidden' });
    await page.waitForURL((url) => !url.searchParams.has('id'));
    const row = page.locator('.ant-table-row', { hasText: subject });
    await row.getByText(/超时 4\d 小时/).waitFor();
    await row.getByText('已升级', { exact: true }).waitFor();
    // The list filters on the server, through the URL.
    await pickOption(page, page.getByLabel('是否超时'), '已超时');
    await page.waitForURL(/breached=true/);
    await page.locator('.ant-select', { hasText: '已超时' }).waitFor();
    await expect.poll(() => page.getByText('按期办结').count(), { timeout: 15_000 }).toBe(0);
    await row.waitFor();
    await page.locator('.ant-table .ant-spin-blur').waitFor({ state: 'detached' }); // the refetch's dimming
    await page.mouse.move(0, 0); // no row under the pointer
    await shot('complaints-list');
    expect(await accessibilityProblems(page)).toEqual([]);
    const created = (
      await rm<{ items: { id: number; escalatedTo: { name: string } | null }[] }>(
        'GET',
        `/customers/${customer.id}/complaints`,
      )
    ).body.items[0]!;
    expect(created.escalatedTo?.name).toBe(leadUser.displayName);

    // lead1's day page: the alert card shows it, escalated to them.
    const leadPage = await openPage(browser, { width: 1440, height: 1000 });
    const lp = leadPage.page;
    await signIn(lp, 'lead1');
    await lp.goto(`${baseUrl()}/`);
    const card = lp.locator('#complaint-alerts');
    await card.getByText('投诉与建议提醒').waitFor();
    const item = card.locator('li', { hasText: subject });
    await item.getByText('已升级给您').waitFor();
    await item.getByText(/超时 4\d 小时/).waitFor();
    await leadPage.shot('day-complaint-alerts');

    // The lead opens it, resolves it with what was done, then records the customer's satisfaction.
    await item.getByRole('link', { name: subject }).click();
    await lp.waitForURL(new RegExp(`/complaints\\?id=${created.id}`));
    const case_ = lp.getByRole('dialog').filter({ hasText: subject });
    await case_
      .getByLabel('处理结果')
      .fill('已核实系收费通知短信漏发，退还当期管理费并致歉，补发收费标准说明。');
    await case_.getByRole('button', { name: /办\s*结/ }).click();
    await case_.getByText('已办结', { exact: true }).waitFor();
    await case_.getByText(/超期 .+ 办结/).waitFor();
    await case_.locator('.ant-radio-button-wrapper', { hasText: /^6$/ }).click();
    await case_.getByRole('button', { name: '记录满意度' }).click();
    await lp.getByText('已记录满意度 6 分').waitFor();
    await case_.getByText('6 分（满分 7 分）').waitFor();
    await leadPage.shot('complaint-resolved');
    const resolved = (
      await lead<{ status: string; resolution: string; fixSatisfaction: number; breached: boolean }>(
        'GET',
        `/complaints/${created.id}`,
      )
    ).body;
    expect(resolved).toMatchObject({ status: 'resolved', fixSatisfaction: 6, breached: true });

    // The dashboard counts it: one more case, overdue, escalated, resolved and rated.
    await lp.goto(`${baseUrl()}/complaints?tab=dashboard`);
    const after = (await lead<Dashboard>('GET', '/complaints/dashboard')).body;
    expect(after.total).toBe(before.total + 1);
    expect(after.breached).toBe(before.breached + 1);
    expect(after.escalated).toBe(before.escalated + 1);
    expect(after.resolution.resolved).toBe(before.resolution.resolved + 1);
    expect(after.fixSatisfaction.n).toBe(before.fixSatisfaction.n + 1);
    const fees = after.byCategory.find((c) => c.category === 'fees')!;
    expect(fees.breached).toBeGreaterThanOrEqual(1);
    const totals = lp.locator('.ant-card', { hasText: '案件概况' });
    await totals.locator('.ant-statistic', { hasText: '受理' }).getByText(String(after.total)).waitFor();
    await totals.locator('.ant-statistic', { hasText: '超时' }).getByText(String(after.breached)).waitFor();
    await lp.getByRole('img', { name: '各问题类别的受理、处理中和超时案件数' }).waitFor();
    await lp.getByRole('img', { name: /各支行受理和超时的案件数/ }).waitFor();
    await lp.waitForTimeout(500); // the charts' first frame
    await leadPage.shot('complaints-dashboard');

    // The same in English, then back to Chinese (the choice is kept per user).
    await lp.getByRole('button', { name: 'English' }).click();
    await lp.getByRole('tab', { name: 'Dashboard', selected: true }).waitFor();
    await lp.getByText('By category').waitFor();
    await lp.waitForTimeout(500);
    await leadPage.shot('complaints-dashboard-en');
    await lp.goto(`${baseUrl()}/complaints?id=${created.id}`);
    await lp.getByRole('dialog').getByText('Resolution', { exact: true }).first().waitFor();
    await leadPage.shot('complaint-resolved-en');
    await lp.getByRole('dialog').getByRole('button', { name: 'Close' }).first().click();
    await lp.getByRole('dialog').waitFor({ state: 'hidden' });
    await lp.getByRole('button', { name: '中文' }).click();
    await lp.getByText('投诉与建议', { exact: true }).first().waitFor();

    expect([...consoleErrors, ...leadPage.consoleErrors]).toEqual([]);
  }, 180_000);
});
