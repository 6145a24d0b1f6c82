import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { CodeLabel } from '../../shared/codes';

// Every user-visible string goes through i18next: zh-CN first, English complete. Each area of the
// UI has its own namespace file, the same keys in both languages (a test compares them).
const zhFiles = import.meta.glob<Record<string, unknown>>('./zh-CN/*.json', {
  eager: true,
  import: 'default',
});
const enFiles = import.meta.glob<Record<string, unknown>>('./en/*.json', { eager: true, import: 'default' });

const byNamespace = (files: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(
    Object.entries(files).map(([path, data]) => [path.replace(/^.*\/(.+)\.json$/, '$1'), data]),
  );

export type Lang = 'zh-CN' | 'en';
export const LANG_KEY = 'rmw.lang';

export function initialLang(): Lang {
  const saved = localStorage.getItem(LANG_KEY);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

i18n.use(initReactI18next).init({
  resources: { 'zh-CN': byNamespace(zhFiles), en: byNamespace(enFiles) },
  lng: initialLang(),
  fallbackLng: false,
  ns: Object.keys(byNamespace(zhFiles)),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The label of a code from the shared code lists, in the current language. */
export function codeLabel(labels: Record<string, CodeLabel>, code: string | null | undefined): string {
  if (!code) return '';
  const label = labels[code];
  if (!label) return code;
  return i18n.language === 'en' ? label.en : label.zh;
}

export default i18n;
