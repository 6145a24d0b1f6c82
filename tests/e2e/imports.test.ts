import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/domain/identity-numbers';
import { baseUrl, launch, openPage, signIn } from './support/browser';

// Issue #4: an administrator imports a customers file through the UI, sees the bad row and the error
// report, fixes the file, imports it, and finds the customers.
describe('importing customers in a browser', () => {
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmw-e2e-import-'));
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const stamp = String(Date.now() % 1_000_000).padStart(6, '0');
  const good = (n: number) =>
    `E2E${stamp}${n},corporate,杭州测试导入${stamp}${n}有限公司,${makeUscc(8_800_000 + n + Number(stamp))},F51,rm1`;
  const write = (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `\uFEFF客户号,客户类型,客户名称,证件号码,行业,客户经理\n${lines.join('\n')}\n`);
    return file;
  };

  it('validates, shows the bad row and its report, then commits the fixed file', async () => {
    const { page, consoleErrors, shot } = await openPage(browser);
    await signIn(page, 'admin');
    await page.goto(`${baseUrl()}/admin/imports`);
    await page.getByText('数据导入').first().waitFor();

    const bad = write('bad.csv', [good(1), good(2).replace(/,[0-9A-Z]{18},/, ',913100001234567890,')]);
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await page.getByText('问题明细').waitFor();
    const errorRow = page
      .getByRole('row')
      .filter({ hasText: '证件号码' })
      .filter({ hasText: /第 2 行|^2/ })
      .filter({ hasText: '校验码不符' }); // the reason, in Chinese
    await errorRow.first().waitFor();
    await shot('import-errors');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: /下载错误报告/ })
        .first()
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(fs.statSync((await download.path())!).size).toBeGreaterThan(1000);
    await expect.poll(() => page.getByRole('button', { name: /导\s*入/ }).isDisabled()).toBe(true);

    const fixed = write('fixed.csv', [good(1), good(2)]);
    await page.locator('input[type=file]').setInputFiles(fixed);
    await page.getByRole('button', { name: /校\s*验/ }).click();
    await page.getByText(/校验通过/).waitFor();
    await page.getByRole('button', { name: /导\s*入/ }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /导\s*入/ })
      .click();
    await page.getByText('导入完成').waitFor();
    await shot('import-committed');

    await page.goto(`${baseUrl()}/customers?q=${encodeURIComponent(`测试导入${stamp}`)}`);
    await page.getByRole('table').getByRole('link').first().waitFor();
    expect(await page.getByRole('table').getByRole('link').count()).toBe(2);
    expect(consoleErrors).toEqual([]);
  });
});
