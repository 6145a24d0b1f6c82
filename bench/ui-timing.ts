import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from '../tests/e2e/support/browser';
import { freePort } from '../tests/support/postgres';
import { ADMIN_USERNAME, BENCH_PASSWORD, parseArgs, RM_USERNAME, ROOT_DIR, sqliteFileFor } from './common';

// Issue #3's goal: the customer list is interactive within 1.5 s after signing in, on localhost
// with 1,000,000 customers. Measures, in headless Chromium, from the click on 登录 to the first page
// of the table on screen with its total, for an RM and for the administrator (5 runs each, a fresh
// browser context every run so nothing is cached).
//   npx tsx bench/load.ts --customers 1000000   (once)
//   npx tsx bench/ui-timing.ts [--customers 1000000] [--runs 5]

const args = parseArgs();
const customers = Number(args.get('customers') ?? 1_000_000);
const runs = Number(args.get('runs') ?? 5);
const file = sqliteFileFor(customers);
if (!fs.existsSync(file))
  throw new Error(`${file} is missing: run npx tsx bench/load.ts --customers ${customers}`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rmw-ui-bench-'));
const webRoot = path.join(tmp, 'web');
execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', webRoot, '--emptyOutDir'], {
  cwd: ROOT_DIR,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
const port = await freePort();
const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  cwd: ROOT_DIR,
  env: {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: `sqlite:${file}`,
    CRM_DEMO: '0',
    CRM_LOG_LEVEL: 'warn',
    CRM_WEB_ROOT: webRoot,
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  if (i > 600) throw new Error('server did not start');
  if (
    await fetch(`${base}/api/v1/health`)
      .then((r) => r.ok)
      .catch(() => false)
  )
    break;
  await new Promise((r) => setTimeout(r, 200));
}

const browser = await launch();
const results: Record<string, number[]> = {};
try {
  for (const username of [RM_USERNAME, ADMIN_USERNAME]) {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${base}/login?next=%2Fcustomers`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(BENCH_PASSWORD);
      const start = performance.now();
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByRole('table').getByRole('link').first().waitFor({ timeout: 30_000 });
      await page.getByText(/共 [\d,]+ 位客户/).waitFor({ timeout: 30_000 });
      results[username] = [...(results[username] ?? []), performance.now() - start];
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `\n| viewer | median | worst | runs |  (${customers.toLocaleString()} customers, load average ${os.loadavg()[0]!.toFixed(1)})`,
);
console.log('|---|---:|---:|---:|');
for (const [user, times] of Object.entries(results)) {
  console.log(
    `| ${user} | ${(median(times) / 1000).toFixed(2)} s | ${(Math.max(...times) / 1000).toFixed(2)} s | ${times.length} |`,
  );
}
