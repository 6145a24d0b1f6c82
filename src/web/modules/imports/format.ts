import i18n from '../../i18n';

// Counts and sizes for the reader's language.

export const count = (n: number | null | undefined) =>
  new Intl.NumberFormat(i18n.language === 'en' ? 'en' : 'zh-CN').format(n ?? 0);

export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
