// Finding a customer by a fragment of its name (issue #2): 鑫泰 finds 上海鑫泰贸易有限公司.
// Names are indexed by their character pairs (bigrams), which suits Chinese, where words are not
// separated by spaces; a match must then also contain the whole fragment.

/** Full-width forms folded (（ → (, Ａ → a), lower case, runs of white space as one space. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The distinct character pairs of an already normalised text. */
export function bigrams(normalized: string): string[] {
  const chars = Array.from(normalized);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

/** Escapes LIKE wildcards so a user's % or _ matches itself (used with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
