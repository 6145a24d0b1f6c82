import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// English is complete: every key of every Chinese namespace exists in English and the other way
// round, no value is empty, and every key the code asks for with t('…') exists.
const dir = path.resolve('src/web/i18n');
const namespaces = fs.readdirSync(path.join(dir, 'zh-CN')).map((f) => f.replace(/\.json$/, ''));

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value };
  return Object.entries(value as Record<string, unknown>).reduce<Record<string, string>>(
    (acc, [k, v]) => Object.assign(acc, flatten(v, prefix ? `${prefix}.${k}` : k)),
    {},
  );
}

const load = (lang: string, ns: string) =>
  flatten(JSON.parse(fs.readFileSync(path.join(dir, lang, `${ns}.json`), 'utf8')));

function sourceFiles(d: string): string[] {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    return e.isDirectory()
      ? sourceFiles(p)
      : /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts')
        ? [p]
        : [];
  });
}

describe('translations', () => {
  it('has the same namespaces in both languages', () => {
    expect(fs.readdirSync(path.join(dir, 'en')).sort()).toEqual(
      fs.readdirSync(path.join(dir, 'zh-CN')).sort(),
    );
    expect(namespaces).toContain('common');
  });

  it.each(namespaces)('namespace %s has the same non-empty keys in zh-CN and English', (ns) => {
    const zh = load('zh-CN', ns);
    const en = load('en', ns);
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)])
      expect(text.trim(), key).not.toBe('');
  });

  it('defines every literal key the UI asks for', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(path.resolve('src/web'))) {
      const source = fs.readFileSync(file, 'utf8');
      // useTranslation('ns') or useTranslation(['ns', …]): the first namespace is the default one.
      const defaultNs = /useTranslation\(\s*\[?\s*'([\w-]+)'/.exec(source)?.[1] ?? 'common';
      for (const match of source.matchAll(/\bt\(\s*'([\w:.-]+)'/g)) {
        const raw = match[1]!;
        const [ns, key] = raw.includes(':') ? (raw.split(':') as [string, string]) : [defaultNs, raw];
        if (!namespaces.includes(ns) || !(key in load('zh-CN', ns)))
          missing.push(`${path.relative(dir, file)}: ${raw}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
