import i18n from 'i18next';

// Dates and amounts for the reader's language, in the bank's time zone (DOMAIN §8).
const TZ = 'Asia/Shanghai';

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function formatDate(date: string | null | undefined): string {
  return date ?? '';
}

/** ¥1,234,567.89 (−¥180.00 when negative); with `compact`, 123.46万 / 1.23亿 in Chinese and 1.23M in English. */
export function formatYuan(yuan: number | null | undefined, compact = false): string {
  if (yuan === null || yuan === undefined) return '';
  const sign = yuan < 0 ? '-' : '';
  const size = Math.abs(yuan);
  if (compact && size >= 10_000) {
    if (i18n.language !== 'en') {
      return `${sign}¥${size >= 1e8 ? `${(size / 1e8).toFixed(2)}亿` : `${(size / 1e4).toFixed(2)}万`}`;
    }
    return `${sign}¥${new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 }).format(size)}`;
  }
  return `${sign}¥${new Intl.NumberFormat(i18n.language === 'en' ? 'en' : 'zh-CN', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(size)}`;
}
