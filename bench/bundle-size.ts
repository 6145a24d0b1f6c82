import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

// Issue #3's goal: the JavaScript a browser must fetch before a route is usable, gzip-compressed.
// Follows Vite's manifest from the entry through static imports, plus the lazy chunks of the route.
//   npx tsx bench/bundle-size.ts            (builds first)

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}

const out = 'dist/web';
execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
const manifest = JSON.parse(fs.readFileSync(path.join(out, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>;

function closure(keys: string[], seen = new Set<string>()): Set<string> {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

const gz = (keys: Set<string>) =>
  [...keys].reduce((sum, k) => sum + gzipSync(fs.readFileSync(path.join(out, manifest[k]!.file))).length, 0);

const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
const routes: Record<string, string[]> = {
  login: [entry],
  customers: [entry, 'app/layout.tsx', 'pages/customers.tsx'],
  'customer 360': [entry, 'app/layout.tsx', 'pages/customer.tsx'],
};
const rows = Object.entries(routes).map(([route, keys]) => {
  const resolved = keys.map((k) => (k === entry ? k : Object.keys(manifest).find((m) => m.endsWith(k))!));
  return { route, kb: gz(closure(resolved)) / 1024 };
});
const charts = Object.keys(manifest).find((k) => manifest[k]!.file.includes('charts'));
console.log('| route | initial JS (gzip) |\n|---|---:|');
for (const r of rows) console.log(`| ${r.route} | ${r.kb.toFixed(1)} KB |`);
if (charts)
  console.log(
    `| (ECharts, loaded with the accounts tab) | ${(gz(new Set([charts])) / 1024).toFixed(1)} KB |`,
  );
