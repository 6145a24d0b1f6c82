import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accessibilityProblems } from './support/a11y';
import { baseUrl, launch, openPage, signIn } from './support/browser';

// Issue #8 parts 1–2: a customer fills a survey on a phone-sized page through a one-time link, and
// the campaign report shows it. A team lead prepares the survey through the API (template, campaign,
// fieldwork, a link); the customer answers in a 375 px wide page without a session; the link then
// says it was used; the lead sees the response and the item's satisfaction in the results.

/** Signs in through the API, for what the test prepares and checks outside the browser. */
async function apiSession(username: string) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: inject('e2ePassword') }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown) => {
    const r = await fetch(`${baseUrl()}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as T };
  };
}

interface Campaign {
  id: number;
  version: number;
  step: string;
}
interface ErrorBody {
  error: { code: string };
}

const ITEMS = [
  { key: 'speed', dimension: 'efficiency', text: '业务办理速度' },
  { key: 'reply', dimension: 'efficiency', text: '客户经理响应及时' },
  { key: 'advice', dimension: 'expertise', text: '理财建议的专业程度' },
];

describe('satisfaction survey in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('a customer answers through a one-time link on a phone, once, and the report shows it', async () => {
    const api = await apiSession('lead1');
    const stamp = Date.now();
    const campaignName = `手机端满意度调查 ${stamp}`;

    const template = await api<{ id: number }>('POST', '/survey-templates', {
      name: `网点服务满意度 ${stamp}`,
      description: null,
      definition: {
        dimensions: [
          { key: 'efficiency', name: '服务效率', weight: 1 },
          { key: 'expertise', name: '专业能力', weight: 1 },
        ],
        items: ITEMS.map((i) => ({ ...i, weight: 1 })),
        questions: [{ key: 'advice', text: '您对我们还有什么建议？' }],
      },
    });
    expect(template.status).toBe(201);
    const created = await api<Campaign>('POST', '/survey-campaigns', {
      name: campaignName,
      templateId: template.body.id,
      segment: {},
      sampleSize: 3,
      linkDays: 7,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    // A skipped step is refused; the next one is taken.
    const skipped = await api<ErrorBody>('POST', `/survey-campaigns/${id}/advance`, {
      version: created.body.version,
      step: 'analysis',
    });
    expect([skipped.status, skipped.body.error.code]).toEqual([400, 'step_skipped']);
    const advanced = await api<Campaign>('POST', `/survey-campaigns/${id}/advance`, {
      version: created.body.version,
      step: 'fieldwork',
      note: '开始调查',
    });
    expect(advanced.body.step).toBe('fieldwork');

    const targets = await api<{ items: { customer: { id: number } }[] }>(
      'GET',
      `/survey-campaigns/${id}/targets`,
    );
    const customerId = targets.body.items[0]!.customer.id;
    const link = await api<{ token: string; path: string }>('POST', `/survey-campaigns/${id}/links`, {
      customerId,
    });
    expect(link.status).toBe(201);

    // A score outside 1–7 is refused and uses nothing up.
    const outOfRange = await fetch(`${baseUrl()}/api/v1/public/surveys/${link.body.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        answers: ITEMS.map((i) => ({ item: i.key, expected: 9, perceived: 4 })),
        texts: [],
      }),
    });
    expect(outOfRange.status).toBe(400);

    // The customer's phone: no session, 375 px wide, Chinese.
    const phone = await openPage(browser, { width: 375, height: 740 });
    const { page } = phone;
    await page.goto(`${baseUrl()}${link.body.path}`);
    await page.getByRole('heading', { name: campaignName }).waitFor();
    expect(new URL(page.url()).pathname).toBe(link.body.path);
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.getByText('1 分表示很低，7 分表示很高。').waitFor();
    const formProblems = await accessibilityProblems(page);
    await phone.shot('survey-public-form');

    // Submitting with nothing scored says what is missing.
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('还有题目没有评分，请补充后再提交').waitFor();

    for (const item of ITEMS) {
      await page
        .getByRole('radiogroup', { name: `期望：${item.text}` })
        .getByText('5', { exact: true })
        .click();
      await page
        .getByRole('radiogroup', { name: `实际感受：${item.text}` })
        .getByText('4', { exact: true })
        .click();
    }
    await page.getByLabel('您对我们还有什么建议？').fill('希望周末也能办理对公业务');
    await page.getByText('已完成 3 / 3 题').waitFor();
    await phone.shot('survey-public-filled');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('感谢您的参与！').waitFor();
    await phone.shot('survey-public-thanks');

    // The same link again: used.
    await page.goto(`${baseUrl()}${link.body.path}`);
    await page.getByText('此链接已使用').waitFor();
    expect(new URL(page.url()).pathname).toBe(link.body.path);
    await phone.shot('survey-public-used');

    // The lead's results: one response, each item 4 ÷ 5 = 80% with a gap of −1.
    const lead = await openPage(browser, { width: 1440, height: 1000 });
    await signIn(lead.page, 'lead1');
    await lead.page.goto(`${baseUrl()}/surveys/${id}?tab=results`);
    await lead.page.getByText(campaignName).first().waitFor();
    const responses = lead.page
      .locator('.ant-statistic', { hasText: '答卷数' })
      .locator('.ant-statistic-content-value');
    await expect.poll(() => responses.textContent()).toBe('1');
    for (const item of ITEMS) {
      const row = lead.page.getByRole('row', { name: new RegExp(`^${item.text}`) });
      await expect.poll(() => row.textContent()).toContain('80%');
      expect(await row.textContent()).toContain('−1.00');
    }
    await lead.page.getByText('希望周末也能办理对公业务').waitFor();
    await lead.page.getByRole('img', { name: /^散点图/ }).waitFor();
    const resultsProblems = await accessibilityProblems(lead.page);
    await lead.shot('survey-results');

    expect(formProblems).toEqual([]);
    expect(resultsProblems).toEqual([]);
    // The used link answers 410, which the browser logs as a failed resource: the page handles it.
    expect(phone.consoleErrors.filter((e) => !/status of 410/.test(e))).toEqual([]);
    expect(lead.consoleErrors).toEqual([]);
  }, 180_000);
});
