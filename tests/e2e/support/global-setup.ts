import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../support/postgres';

// The browser tests run against the real thing: the UI built by Vite, served by the real server
// (`npm start`'s entry point) on a free port, on a fresh SQLite file filled with the demo bank.

export const E2E_PASSWORD = 'E2e-demo-2026';
let server: ChildProcess | undefined;
let dir: string | undefined;

export async function setup(project: TestProject) {
  // A production build, as `npm start` serves it (vitest's NODE_ENV=test would give React's development build).
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rmw-e2e-'));
  const webRoot = path.join(dir, 'web'); // its own build: a concurrent `vite build` cannot swap files under the test
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', webRoot, '--emptyOutDir'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const port = await freePort();
  // Node itself (not npx, whose child would outlive a kill) so that stopping it stops the server.
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(dir, 'crm.sqlite')}`,
      CRM_DEMO: '1',
      CRM_DEMO_PASSWORD: E2E_PASSWORD,
      CRM_LOG_LEVEL: 'warn',
      CRM_WEB_ROOT: webRoot,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not start within 120 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('e2ePassword', E2E_PASSWORD);
}

export async function teardown() {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server?.once('exit', r));
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    e2ePassword: string;
  }
}
