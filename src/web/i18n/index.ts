import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { CodeLabel } from '../../shared/codes';
import enCommon from './en/common.json';
import zhCommon from './zh-CN/common.json';

// Every user-visible string goes through i18next: zh-CN first, English complete. Each area of the
// UI has its own namespace file, the same keys in both languages (a test compares them).
// The common namespace of both languages ships with the first page; the others load with the pages
// that use them (react-i18next suspends until they arrive).
const loaders = import.meta.glob<Record<string, unknown>>(
  ['./zh-CN/*.json', './en/*.json', '!./*/common.json'],
  {
    import: 'default',
  },
);

export type Lang = 'zh-CN' | 'en';
export const LANG_KEY = 'rmw.lang';

export function initialLang(): Lang {
  const saved = localStorage.getItem(LANG_KEY);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

i18n
  .use({
    type: 'backend',
    read(lang: string, ns: string, callback: (err: unknown, data?: Record<string, unknown>) => void) {
      const load = loaders[`./${lang}/${ns}.json`];
      if (!load) return callback(new Error(`no translations ${lang}/${ns}`));
      load().then((data) => callback(null, data), callback);
    },
  })
  .use(initReactI18next)
  .init({
    resources: { 'zh-CN': { common: zhCommon }, en: { common: enCommon } },
    partialBundledLanguages: true,
    lng: initialLang(),
    fallbackLng: false,
    ns: ['common'],
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
