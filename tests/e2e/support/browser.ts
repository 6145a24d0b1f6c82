import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

// Debian's Chromium, headless, with the flags this closed network needs; each test gets a fresh
// context, fails on console errors, and saves a screenshot of each page it names (not committed).

export const SCREENSHOTS = path.resolve('test-results/screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface TrackedPage {
  page: Page;
  consoleErrors: string[];
  shot(name: string): Promise<void>;
}

export async function openPage(
  browser: Browser,
  viewport = { width: 1440, height: 900 },
): Promise<TrackedPage> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    // A 401/404 answer the app handles is logged by the browser as a failed resource; it is not an app error.
    if (
      msg.type() === 'error' &&
      !/Failed to load resource: the server responded with a status of (401|404)/.test(msg.text())
    ) {
      consoleErrors.push(msg.text());
    }
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    consoleErrors,
    shot: async (name) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
  };
}

export async function signIn(page: Page, username: string) {
  await page.goto(`${inject('baseUrl')}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(inject('e2ePassword'));
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export const baseUrl = () => inject('baseUrl');

/**
 * Picks an option of an Ant Design select, typing `search` first when given. The options are looked
 * for in the dropdown this select's input controls: another select's dropdown may still be fading
 * out. A dialog that has just closed hands the focus back a moment later, which closes a dropdown
 * opened meanwhile: then it opens the select again.
 */
export async function pickOption(page: Page, input: Locator, option: string, search?: string) {
  for (let attempt = 1; ; attempt++) {
    await input.click();
    if (search !== undefined) await input.fill(search);
    try {
      await expect.poll(() => input.getAttribute('aria-controls'), { timeout: 5_000 }).toBeTruthy();
      const list = await input.getAttribute('aria-controls');
      const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${list}"]`) });
      await dropdown
        .locator('.ant-select-item-option', { hasText: option })
        .first()
        .click({ timeout: 5_000 });
      // A single select's dropdown fades out: wait until it has, so that what follows (an
      // accessibility check, a screenshot, the next select) sees the form at rest.
      if (!(await input.evaluate((el) => el.closest('.ant-select-multiple') !== null))) {
        await dropdown.waitFor({ state: 'hidden', timeout: 5_000 });
      }
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** Signs in through the API, for the steps a test does not walk through in the browser. */
export async function apiClient(username: string) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: inject('e2ePassword') }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => {
    const r = await fetch(`${baseUrl()}/api/v1${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, body: (await r.json()) as T };
  };
}
