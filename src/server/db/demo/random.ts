// A small seeded pseudo-random generator for the demo bank and the benchmarks: the same seed gives
// the same bank on every machine. sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) passes
// PractRand well beyond what demo data needs and is a few lines of 32-bit integer arithmetic.
// Never use it for anything secret.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One item, each drawn with its weight's share of the total (weights ≥ 0, not all 0). */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Standard normal (mean 0, deviation 1), Box–Muller. */
  normal(): number;
  /** exp(mu + sigma·N(0,1)): the heavy-tailed amounts of banking (balances, revenues). */
  logNormal(mu: number, sigma: number): number;
  /** k distinct items in random order (k is capped at the number of items). */
  sample<T>(items: readonly T[], k: number): T[];
}

/** A 32-bit hash of a string (FNV-1a), to turn a seed and a label into an independent stream. */
export function hashSeed(seed: number, label = ''): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  h = Math.imul(h, 0x01000193);
  h ^= Math.floor(seed / 0x1_0000_0000) >>> 0;
  h = Math.imul(h, 0x01000193);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRandom(seed: number, label = ''): Random {
  let a = hashSeed(seed, label);
  let b = hashSeed(seed, `${label}#b`);
  let c = hashSeed(seed, `${label}#c`);
  let d = 1;
  const nextUint32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up, so that similar seeds do not start with similar outputs.
  for (let i = 0; i < 15; i++) nextUint32();

  const next = () => nextUint32() / 0x1_0000_0000;
  let spareNormal: number | null = null;

  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (items) => {
      let total = 0;
      for (const [, w] of items) total += w;
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    normal: () => {
      if (spareNormal !== null) {
        const z = spareNormal;
        spareNormal = null;
        return z;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    logNormal: (mu, sigma) => Math.exp(mu + sigma * random.normal()),
    sample: (items, k) => {
      const copy = [...items];
      const n = Math.min(k, copy.length);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (copy.length - i));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, n);
    },
  };
  return random;
}

/** Cumulative weights for repeated weighted picks from one long list (surnames): O(log n) a draw. */
export function weightedTable<T>(items: readonly (readonly [T, number])[]) {
  const values = items.map(([v]) => v);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of items) {
    total += w;
    cumulative.push(total);
  }
  return (random: Random): T => {
    const r = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
}
