import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityProblems } from './support/a11y';
import { baseUrl, launch, openPage, pickOption, signIn } from './support/browser';

// Issue #5: an RM plans a visit whose objective fails the SMART check, sees why, fixes it, submits
// the plan, writes the post-meeting summary with a memo item, and finds that item as a task on the day
// page and in the personal iCalendar feed.

const pad = (n: number) => String(n).padStart(2, '0');
/** A day as the bank (Asia/Shanghai) writes it, `days` from now. */
const bankDay = (days: number) => {
  const d = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

/** Picks an option of an Ant Design select by its label, and waits until the select shows it. */
async function pick(page: Page, label: string, option: string) {
  const input = page.getByLabel(label, { exact: true });
  const select = input.locator(
    'xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  for (let attempt = 0; attempt < 3; attempt++) {
    await pickOption(page, input, option);
    await page.keyboard.press('Escape');
    if ((await select.textContent())?.includes(option)) return;
  }
  throw new Error(`could not pick ${option} in ${label}`);
}

async function typeDate(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Signs in through the API, as a phone calendar app never would, to create the feed. */
async function apiSession(username: string) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: inject('e2ePassword') }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

describe('contact management in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('plans a SMART visit, writes its summary and memo, and finds the memo on the day page and in the feed', async () => {
    const { page, consoleErrors, shot } = await openPage(browser);
    await signIn(page, 'rm1');
    const customer = await page.evaluate(async () => {
      const res = await fetch('/api/v1/customers?kind=corporate&pageSize=1');
      return ((await res.json()) as { items: { id: number; name: string }[] }).items[0]!;
    });
    const memoTitle = `寄送定期存款方案-${Date.now() % 100_000}`;

    await page.goto(`${baseUrl()}/visit-plans/new?customerId=${customer.id}`);
    await page.getByText('新建相会计划').first().waitFor();
    await page.getByText(customer.name).first().waitFor();
    await typeDate(page, '拜访时间', `${bankDay(2)} 10:00`);
    await page.getByLabel('地点').fill('客户财务部');
    await pick(page, '营销产品', '定期存款');
    await page.getByLabel('目标（具体事项）').fill('新增单位定期存款');
    await pick(page, '对应产品', '定期存款');
    // Small enough for any customer's revenue (A), whichever customer the list gives first.
    await page.getByLabel('目标值').fill('1000');
    await typeDate(page, '完成期限', bankDay(30));
    await page.getByLabel('可实现依据').fill('客户年末有回款，愿意存放');

    // No metric: the M of SMART fails, says why, and the plan cannot be submitted.
    const verdict = page.getByTestId('smart-verdict');
    await expect.poll(() => verdict.textContent()).toContain('M：');
    const submit = page.getByRole('button', { name: '保存并提交' });
    expect(await submit.isDisabled()).toBe(true);
    await shot('visit-plan-not-smart');
    const formProblems = await accessibilityProblems(page);

    await page.getByLabel('衡量指标').fill('新增定期存款余额');
    await expect.poll(() => verdict.textContent()).not.toContain('M：');
    await expect.poll(() => submit.isEnabled(), { message: 'every letter passes' }).toBe(true);
    await submit.click();
    await page.waitForURL(/\/visit-plans\/\d+$/);
    await expect.poll(() => page.getByTestId('plan-status').textContent()).toBe('已计划');
    await shot('visit-plan-planned');

    await page.getByRole('button', { name: '填写见面后总结' }).click();
    const summary = page.getByTestId('summary-form');
    await summary.getByLabel('总结', { exact: true }).fill('见到财务总监，客户同意先存 10 万定期');
    await summary.getByText('达成', { exact: true }).click();
    await summary.getByRole('button', { name: '添加备忘事项' }).click();
    await summary.getByLabel('待办事项').fill(memoTitle);
    await typeDate(page, '完成期限', bankDay(0));
    await shot('visit-summary');
    await summary.getByRole('button', { name: '保存总结' }).click();
    await expect.poll(() => page.getByTestId('plan-status').textContent()).toBe('已完成');

    await page.goto(`${baseUrl()}/day`);
    await page.getByText(memoTitle).first().waitFor();
    await shot('day-with-memo');
    // The plan form (with its failing objective) and the day page pass axe's WCAG A/AA rules.
    expect(formProblems).toEqual([]);
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);

    const session = await apiSession('rm1');
    const created = await fetch(`${baseUrl()}/api/v1/calendar/feed`, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(created.status).toBe(201);
    const { url } = (await created.json()) as { url: string };
    const feed = await fetch(`${baseUrl()}${url}`);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    const summaries = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e).summary);
    expect(summaries).toContain(`任务：${memoTitle}`);
    expect(summaries).toContain(`拜访 ${customer.name}`);
  }, 120_000);
});
