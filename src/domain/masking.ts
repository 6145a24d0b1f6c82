// Masking of personal and sensitive identifiers for display: DOMAIN.md §9 (Personal information).
// Pure functions. null / undefined / '' are returned unchanged. Lengths count Unicode code points.

/** string in → string out; null, undefined pass through. */
export type Masked<T extends string | null | undefined> = T extends string ? string : T;

const STAR = '*';

/** Shows the first `head` and last `tail` characters, masking everything in between. */
function keepEnds(chars: string[], head: number, tail: number): string {
  return (
    chars.slice(0, head).join('') +
    STAR.repeat(chars.length - head - tail) +
    chars.slice(chars.length - tail).join('')
  );
}

/** Masks all but the last `tail` characters (all of them when the value is not longer than `tail`). */
function keepTail(chars: string[], tail: number): string {
  if (chars.length <= tail) return STAR.repeat(chars.length);
  return keepEnds(chars, 0, tail);
}

function apply<T extends string | null | undefined>(value: T, mask: (chars: string[]) => string): Masked<T> {
  if (typeof value !== 'string' || value === '') return value as Masked<T>;
  return mask([...(value as string)]) as Masked<T>;
}

/** Resident ID: first 3 and last 4 shown, so the birth date is always hidden (`110***********123X`).
 * Shorter than 8 characters: all but the last 2 masked. */
export function maskResidentId<T extends string | null | undefined>(value: T): Masked<T> {
  return apply(value, (c) => (c.length >= 8 ? keepEnds(c, 3, 4) : keepTail(c, 2)));
}

/** Unified social credit code: first 4 and last 4 shown (`9135**********0Y43`).
 * Shorter than 9 characters: all but the last 2 masked. */
export function maskUscc<T extends string | null | undefined>(value: T): Masked<T> {
  return apply(value, (c) => (c.length >= 9 ? keepEnds(c, 4, 4) : keepTail(c, 2)));
}

/** The customer's identity number by customer kind: USCC for corporates, resident ID for individuals. */
export function maskIdNumber<T extends string | null | undefined>(
  kind: 'corporate' | 'individual',
  value: T,
): Masked<T> {
  return kind === 'corporate' ? maskUscc(value) : maskResidentId(value);
}

/** Phone: mobile (11 digits) `138****5678`; any length ≥ 8 keeps the first 3 and last 4; shorter ones
 * keep only the last 2. */
export function maskPhone<T extends string | null | undefined>(value: T): Masked<T> {
  return apply(value, (c) => (c.length >= 8 ? keepEnds(c, 3, 4) : keepTail(c, 2)));
}

/** Account or card number: first 6 and last 4 shown; shorter than 11 characters, only the last 4
 * (and nothing at all when it has 4 characters or fewer). */
export function maskAccountNo<T extends string | null | undefined>(value: T): Masked<T> {
  return apply(value, (c) => (c.length >= 11 ? keepEnds(c, 6, 4) : keepTail(c, 4)));
}

/** E-mail: first character of the local part, then `***`, then the domain (`z***@example.com`).
 * Without an '@' the value is treated as a bare local part (`z***`). */
export function maskEmail<T extends string | null | undefined>(value: T): Masked<T> {
  return apply(value, (c) => {
    const text = c.join('');
    const at = text.lastIndexOf('@');
    const local = at < 0 ? c : [...text.slice(0, at)];
    const domain = at < 0 ? '' : text.slice(at);
    return `${local.slice(0, 1).join('')}***${domain}`;
  });
}
