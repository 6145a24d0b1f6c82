import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from '../src/server/node-flags';
import { freePort } from '../tests/support/postgres';
import { DATA_DIR, ROOT_DIR } from './common';

// A server under measurement: its own process, its resident memory sampled every 100 ms.

export interface Server {
  child: ChildProcess;
  base: string;
  /** Peak RSS in MB since the last `resetPeak`. */
  phasePeak(): number;
  resetPeak(): void;
  /** Stops it; answers its peak RSS in MB over its whole life. */
  stop(): Promise<number>;
}

export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Starts `entry` with node --import tsx (not npx tsx, so the pid sampled is the server itself) and the
 * server's V8 flags, in
 * bench/.data, where there is no dist/web: the API alone is measured, without the web shell.
 */
export async function startServer(
  entry: string,
  env: Record<string, string>,
  readyPath: string,
): Promise<Server> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, '--import', 'tsx', path.join(ROOT_DIR, entry)],
    {
      cwd: DATA_DIR,
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  let peak = 0;
  let phase = 0;
  const sampler = setInterval(() => {
    const rss = rssOf(child.pid!);
    peak = Math.max(peak, rss);
    phase = Math.max(phase, rss);
  }, 100);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    try {
      await fetch(base + readyPath);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${entry} did not start`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    child,
    base,
    phasePeak: () => Math.max(phase, rssOf(child.pid!)),
    resetPeak: () => {
      phase = 0;
    },
    async stop() {
      clearInterval(sampler);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      return peak;
    },
  };
}
