import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigrams } from './name-search';
import {
  isSimilarName,
  nameCore,
  nameLookupGrams,
  nameSimilarity,
  pairsToLookUp,
  SIMILAR_NAME_THRESHOLD,
} from './prospect-duplicates';

describe('duplicate prospects by name', () => {
  it('drops legal forms, punctuation, spaces and case before comparing', () => {
    expect(nameCore('上海鑫泰贸易有限公司')).toBe('上海鑫泰贸易');
    expect(nameCore('上海鑫泰贸易股份有限公司')).toBe('上海鑫泰贸易');
    expect(nameCore('Ｓｕｎ Trading Co., Ltd.')).toBe('suntrading');
    expect(nameCore('Lincoln Coffee Group Inc.')).toBe('lincolncoffee');
    expect(nameSimilarity('上海鑫泰贸易有限公司', '上海 鑫泰贸易（集团）')).toBe(1);
  });

  it('counts shared character pairs with the Dice coefficient', () => {
    // 上海鑫泰贸易 pairs: 上海 海鑫 鑫泰 泰贸 贸易 (5); 上海鑫泰商贸: 上海 海鑫 鑫泰 泰商 商贸 (5); shared 3
    expect(nameSimilarity('上海鑫泰贸易有限公司', '上海鑫泰商贸有限公司')).toBeCloseTo(0.6, 10);
    expect(isSimilarName('上海鑫泰贸易有限公司', '上海鑫泰商贸有限公司')).toBe(false);
  });

  it('is very similar at exactly the threshold, and not just below it', () => {
    // 苏州恒达精密机械 (7 pairs) vs 苏州恒达精密机械厂 (8 pairs, 7 shared): 14/15 ≥ 0.8
    expect(isSimilarName('苏州恒达精密机械有限公司', '苏州恒达精密机械厂')).toBe(true);
    // 5 pairs each, 4 shared → 8/10 = 0.80 exactly
    expect(nameSimilarity('甲乙丙丁戊己', '甲乙丙丁戊庚')).toBe(SIMILAR_NAME_THRESHOLD);
    expect(isSimilarName('甲乙丙丁戊己', '甲乙丙丁戊庚')).toBe(true);
    // 4 pairs each, 3 shared → 6/8 = 0.75
    expect(isSimilarName('甲乙丙丁戊', '甲乙丙丁庚')).toBe(false);
  });

  it('never matches an empty name, and a one-character name only itself', () => {
    expect(nameSimilarity('有限公司', '有限公司')).toBe(0);
    expect(nameSimilarity('鑫', '鑫')).toBe(1);
    expect(nameSimilarity('鑫', '泰')).toBe(0);
  });

  it('is symmetric and between 0 and 1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const s = nameSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(nameSimilarity(b, a)).toBe(s);
      }),
    );
  });

  it('finds every very similar name through any floor(n/3) + 1 of the name’s pairs', () => {
    const chars = fc.constantFrom(...'上海鑫泰贸易机械科技华信宏达恒通永盛瑞丰金桥');
    const name = fc.array(chars, { minLength: 2, maxLength: 14 });
    // B is A with a few characters changed, added or dropped: often very similar, sometimes not.
    const edit = fc.tuple(fc.constantFrom('replace', 'insert', 'delete'), fc.nat(), chars);
    fc.assert(
      fc.property(name, fc.array(edit, { maxLength: 2 }), fc.nat(), (a, edits, shift) => {
        const b = [...a];
        for (const [op, at, c] of edits) {
          const i = at % (b.length + 1);
          if (op === 'replace' && i < b.length) b[i] = c;
          else if (op === 'insert') b.splice(i, 0, c);
          else if (op === 'delete' && b.length > 2) b.splice(i % b.length, 1);
        }
        fc.pre(isSimilarName(a.join(''), b.join('')));
        const pairs = nameLookupGrams(a.join(''));
        const k = pairsToLookUp(pairs.length);
        // Any k of A's pairs: a rotation of the list picks a different subset each time.
        const r = shift % pairs.length;
        const chosen = [...pairs.slice(r), ...pairs.slice(0, r)].slice(0, k);
        const theirs = new Set(bigrams(nameCore(b.join(''))));
        expect(chosen.some((g) => theirs.has(g))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
