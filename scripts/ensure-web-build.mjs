// `npm start` serves the built UI: build it when it is missing or older than its sources.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const out = 'dist/web/index.html';
const newest = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const p = path.join(dir, e.name);
    return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }, 0);
const sources = Math.max(newest('src/web'), newest('src/shared'));
if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < sources) {
  console.log('Building the web UI …');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
