import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../src/server/node-flags';

// Shared by the loader, the raw server and the runner.

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT_DIR = path.resolve(BENCH_DIR, '..');
export const DATA_DIR = path.join(BENCH_DIR, '.data');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');

/** Every bench user (admin and all RMs) signs in with this password. */
export const BENCH_PASSWORD = 'Bench@2026-password';
export const RM_USERNAME = 'rm1';
export const ADMIN_USERNAME = 'admin';

export const RMS_PER_TEAM = 10;
export const TEAMS_PER_BRANCH = 10;

/** The GET /api/v1/customers query strings measured. */
export const SCENARIOS = {
  firstPage: '',
  filter: 'tier=high_end&kind=corporate',
  search: `q=${encodeURIComponent('鑫泰')}`,
} as const;
export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];
export const ROLES_MEASURED = ['rm', 'admin'] as const;
export type RoleMeasured = (typeof ROLES_MEASURED)[number];

/** `--name value` / `--name=value` / `--flag` from argv. */
/**
 * Runs this script again with the server's V8 flags when it lacks them, and ends with its exit code:
 * what a benchmark measures in its own process is then what the server would do.
 */
export function withServerFlags() {
  if (SERVER_NODE_FLAGS.every((flag) => process.execArgv.includes(flag))) return;
  const again = spawnSync(
    process.execPath,
    [...process.execArgv, ...SERVER_NODE_FLAGS, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
    },
  );
  process.exit(again.status ?? 1);
}

export function parseArgs(argv: string[] = process.argv.slice(2)): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) out.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out.set(arg.slice(2), argv[++i]!);
    else out.set(arg.slice(2), 'true');
  }
  return out;
}

export function sqliteFileFor(customers: number) {
  return path.join(DATA_DIR, `customers-${customers}.sqlite`);
}

export const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

export function elapsed(start: number) {
  return `${((performance.now() - start) / 1000).toFixed(1)} s`;
}
