import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEMO_REGION_CODES,
  makeResidentId,
  makeUscc,
  normalizeIdNumber,
  PROVINCE_CODES,
  residentIdBirthDate,
  residentIdCheckDigit,
  residentIdSex,
  USCC_ALPHABET,
  usccCheckCharacter,
  validateResidentId,
  validateUscc,
} from './identity-numbers';

const ok = { valid: true };
const bad = (reason: string) => ({ valid: false, reason });

/** Builds a resident ID with a correct check character. */
const withCheck = (first17: string) => first17 + residentIdCheckDigit(first17);
const usccWithCheck = (first17: string) => first17 + usccCheckCharacter(first17);

/** Characters tried at every position by the one-character-change properties: the whole alphabet of the
 * kind of number plus characters outside it. */
const RESIDENT_TRY = '0123456789XAx ';
const USCC_TRY = `${USCC_ALPHABET}IOZSVa-`;

// Arbitrary valid resident IDs (not only generated ones): any province, any real date 1900..2020.
const residentIdArb = fc
  .record({
    province: fc.constantFrom(...PROVINCE_CODES),
    area: fc.integer({ min: 0, max: 9999 }),
    day: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2020-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    seqCode: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, area, day, seqCode }) =>
    withCheck(
      `${province}${String(area).padStart(4, '0')}${day.toISOString().slice(0, 10).replaceAll('-', '')}${String(seqCode).padStart(3, '0')}`,
    ),
  );

const usccChar = fc.constantFrom(...USCC_ALPHABET);
const usccArb = fc
  .record({
    authority: fc.constantFrom(...'123456789ANY'),
    category: usccChar,
    region: fc.integer({ min: 0, max: 999_999 }),
    subject: fc.array(usccChar, { minLength: 9, maxLength: 9 }),
  })
  .map(({ authority, category, region, subject }) =>
    usccWithCheck(`${authority}${category}${String(region).padStart(6, '0')}${subject.join('')}`),
  );

/** Every single-character change of `value` over `alphabet`. */
function* oneCharChanges(value: string, alphabet: string): Generator<string> {
  for (let i = 0; i < value.length; i++) {
    for (const ch of alphabet) {
      if (ch !== value[i]) yield value.slice(0, i) + ch + value.slice(i + 1);
    }
  }
}

describe('normalizeIdNumber', () => {
  it('trims, upper-cases and converts full-width digits and letters', () => {
    expect(normalizeIdNumber('  11010519491231002x ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('\u3000９１３５０１００ｍ０００１００ｙ４３\t')).toBe('91350100M000100Y43');
  });
  it('leaves inner separators in place', () => {
    expect(normalizeIdNumber('110105 19491231 002X')).toBe('110105 19491231 002X');
  });
});

describe('resident ID (GB 11643-1999)', () => {
  it("accepts the standard's published example and derives birth date and sex", () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(validateResidentId('11010519491231002X')).toEqual(ok);
    expect(residentIdBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(residentIdSex('11010519491231002X')).toBe('female');
  });

  it("rejects the standard's other example (born 1880) by the 1900 lower bound", () => {
    expect(residentIdCheckDigit('44052418800101001')).toBe('4');
    expect(validateResidentId('440524188001010014')).toEqual(bad('birth_date'));
    expect(residentIdBirthDate('440524188001010014')).toBeNull();
  });

  it('produces every check character 0-9 and X, each accepted', () => {
    const seen = new Map<string, string>();
    for (let seqCode = 0; seqCode < 1000 && seen.size < 11; seqCode++) {
      const id = withCheck(`11010519900307${String(seqCode).padStart(3, '0')}`);
      seen.set(id[17]!, id);
    }
    expect([...seen.keys()].sort()).toEqual([...'0123456789X']);
    for (const id of seen.values()) expect(validateResidentId(id)).toEqual(ok);
    expect(() => residentIdCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckDigit('1101051949123100X')).toThrow(RangeError);
  });

  it('reports the reason in order length → format → region → birth date → check', () => {
    expect(validateResidentId('')).toEqual(bad('length'));
    expect(validateResidentId('110105491231002')).toEqual(bad('length')); // 15-digit first generation
    expect(validateResidentId('11010519491231002X0')).toEqual(bad('length'));
    expect(validateResidentId('11010519491231002x')).toEqual(bad('format')); // not normalised
    expect(validateResidentId('1101051949123100XX')).toEqual(bad('format'));
    expect(validateResidentId('１１０１０５１９４９１２３１００２Ｘ')).toEqual(bad('format')); // full-width, not normalised
    expect(validateResidentId(withCheck('99010519491231002'))).toEqual(bad('region'));
    expect(validateResidentId(withCheck('00010519491231002'))).toEqual(bad('region'));
    expect(validateResidentId(withCheck('16010519491231002'))).toEqual(bad('region'));
    expect(validateResidentId(withCheck('11010519491331002'))).toEqual(bad('birth_date'));
    expect(validateResidentId(withCheck('11010519490100002'))).toEqual(bad('birth_date'));
    expect(validateResidentId('110105194912310021')).toEqual(bad('check_character'));
  });

  it('accepts lower-case x and full-width input once normalised', () => {
    expect(validateResidentId(normalizeIdNumber('11010519491231002x'))).toEqual(ok);
    expect(validateResidentId(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ'))).toEqual(ok);
    expect(validateResidentId(normalizeIdNumber(' 11010519491231002X\n'))).toEqual(ok);
  });

  it('accepts the Hong Kong, Macao and Taiwan residence permit prefixes', () => {
    for (const p of ['810000', '820000', '830000']) {
      expect(validateResidentId(withCheck(`${p}19800101001`))).toEqual(ok);
    }
  });

  it('checks 29 February against leap years', () => {
    expect(validateResidentId(withCheck('11010520000229001'))).toEqual(ok); // 2000: divisible by 400
    expect(validateResidentId(withCheck('11010519960229001'))).toEqual(ok);
    expect(validateResidentId(withCheck('11010519000229001'))).toEqual(bad('birth_date')); // 1900: not leap
    expect(validateResidentId(withCheck('11010520230229001'))).toEqual(bad('birth_date'));
    expect(validateResidentId(withCheck('11010520230431001'))).toEqual(bad('birth_date'));
  });

  it('bounds the birth date by 1900-01-01 and today', () => {
    expect(validateResidentId(withCheck('11010519000101001'))).toEqual(ok);
    expect(validateResidentId(withCheck('11010518991231001'))).toEqual(bad('birth_date'));
    const today = { today: '2024-06-01' };
    expect(validateResidentId(withCheck('11010520240601001'), today)).toEqual(ok);
    expect(validateResidentId(withCheck('11010520240602001'), today)).toEqual(bad('birth_date'));
    expect(validateResidentId(withCheck('11010529990101001'))).toEqual(bad('birth_date'));
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    expect(validateResidentId(withCheck(`110105${tomorrow.replaceAll('-', '')}001`))).toEqual(
      bad('birth_date'),
    );
  });

  it('derives sex from the 17th digit', () => {
    expect(residentIdSex(withCheck('11010519800101001'))).toBe('male');
    expect(residentIdSex(withCheck('11010519800101002'))).toBe('female');
    expect(residentIdSex('110105194912310021')).toBeNull();
  });

  it('accepts every valid number (property)', () => {
    fc.assert(
      fc.property(residentIdArb, (id) => {
        expect(validateResidentId(id)).toEqual(ok);
      }),
    );
  });

  it('rejects every one-character change of a valid number (property)', () => {
    fc.assert(
      fc.property(residentIdArb, (id) => {
        const accepted = [...oneCharChanges(id, RESIDENT_TRY)].filter(
          (changed) => validateResidentId(changed).valid,
        );
        expect(accepted).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it("accepts the standard's published example", () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(validateUscc('91350100M000100Y43')).toEqual(ok);
  });

  it("maps 31 to '0' and 30 to 'Y'", () => {
    // all zeros: sum 0 → 31 − 0 = 31 → '0'
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
    // weight of position 1 is 1: value 1 → 31 − 1 = 30 → 'Y'
    expect(usccCheckCharacter('10000000000000000')).toBe('Y');
    let found = '';
    for (let i = 0; i < 1000 && !found; i++) {
      const candidate = `91310115${String(i).padStart(9, '0')}`;
      if (usccCheckCharacter(candidate) === '0') found = `${candidate}0`;
    }
    expect(found).not.toBe('');
    expect(validateUscc(found)).toEqual(ok);
    expect(() => usccCheckCharacter('9135010OM000100Y4')).toThrow(RangeError);
    expect(() => usccCheckCharacter('91350100M000100Y')).toThrow(RangeError);
  });

  it('reports length, format and check character', () => {
    expect(validateUscc('')).toEqual(bad('length'));
    expect(validateUscc('91350100M000100Y4')).toEqual(bad('length'));
    expect(validateUscc('91350100m000100y43')).toEqual(bad('format')); // not normalised
    expect(validateUscc(usccWithCheck('01350100M000100Y4'))).toEqual(bad('format')); // authority 0
    expect(validateUscc(usccWithCheck('B1350100M000100Y4'))).toEqual(bad('format')); // authority B
    expect(validateUscc(usccWithCheck('913501A0M000100Y4'))).toEqual(bad('format')); // letter in region
    expect(validateUscc('91350100M000100I43')).toEqual(bad('format')); // I not in the alphabet
    expect(validateUscc('91350100M000100Y4O')).toEqual(bad('format'));
    expect(validateUscc('91350100M000100Y44')).toEqual(bad('check_character'));
  });

  it('accepts every registration authority code and lower-case input once normalised', () => {
    for (const authority of '123456789ANY') {
      expect(validateUscc(usccWithCheck(`${authority}1350100M000100Y4`))).toEqual(ok);
    }
    expect(validateUscc(normalizeIdNumber(' 91350100m000100y43 '))).toEqual(ok);
    expect(validateUscc(normalizeIdNumber('９１３５０１００Ｍ０００１００Ｙ４３'))).toEqual(ok);
  });

  it('accepts every valid number (property)', () => {
    fc.assert(
      fc.property(usccArb, (code) => {
        expect(validateUscc(code)).toEqual(ok);
      }),
    );
  });

  it('rejects every one-character change of a valid number (property)', () => {
    fc.assert(
      fc.property(usccArb, (code) => {
        const accepted = [...oneCharChanges(code, USCC_TRY)].filter((changed) => validateUscc(changed).valid);
        expect(accepted).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('generators', () => {
  const seqArb = fc.integer({ min: 0, max: 482_139_999 });

  it('makeResidentId produces valid numbers whose sex alternates with seq', () => {
    fc.assert(
      fc.property(seqArb, (seq) => {
        const id = makeResidentId(seq);
        expect(validateResidentId(id)).toEqual(ok);
        expect(residentIdSex(id)).toBe(seq % 2 === 1 ? 'male' : 'female');
        expect(DEMO_REGION_CODES).toContain(id.slice(0, 6));
        const birth = residentIdBirthDate(id)!;
        expect(birth >= '1940-01-01' && birth <= '2005-12-31').toBe(true);
        expect(makeResidentId(seq)).toBe(id); // deterministic
      }),
    );
  });

  it('makeResidentId honours the options', () => {
    fc.assert(
      fc.property(seqArb, fc.constantFrom<'male' | 'female'>('male', 'female'), (seq, sex) => {
        const id = makeResidentId(seq, { regionCode: '310115', birthDate: '2000-02-29', sex });
        expect(validateResidentId(id)).toEqual(ok);
        expect(id.slice(0, 6)).toBe('310115');
        expect(residentIdBirthDate(id)).toBe('2000-02-29');
        expect(residentIdSex(id)).toBe(sex);
      }),
    );
    expect(() => makeResidentId(1, { regionCode: '990101' })).toThrow(RangeError);
    expect(() => makeResidentId(1, { birthDate: '2023-02-29' })).toThrow(RangeError);
    expect(() => makeResidentId(1, { birthDate: '2999-01-01' })).toThrow(RangeError);
    expect(() => makeResidentId(-1)).toThrow(RangeError);
    expect(() => makeResidentId(1.5)).toThrow(RangeError);
  });

  it('makeResidentId gives distinct numbers for distinct seq', () => {
    fc.assert(
      fc.property(seqArb, seqArb, (a, b) => {
        fc.pre(a !== b);
        expect(makeResidentId(a)).not.toBe(makeResidentId(b));
      }),
      { numRuns: 2000 },
    );
    const block = new Set<string>();
    for (let seq = 0; seq < 200_000; seq++) block.add(makeResidentId(seq));
    expect(block.size).toBe(200_000);
    const high = new Set<string>();
    for (let seq = 10_000_000; seq < 10_050_000; seq++)
      high.add(makeResidentId(seq, { regionCode: '310115' }));
    expect(high.size).toBe(50_000);
    const allFixed = new Set<string>();
    for (let seq = 0; seq < 500; seq++) {
      allFixed.add(makeResidentId(seq, { regionCode: '310115', birthDate: '1990-05-17', sex: 'female' }));
    }
    expect(allFixed.size).toBe(500);
  });

  it('makeUscc produces valid, distinct numbers', () => {
    const uSeq = fc.integer({ min: 0, max: 99_999_999 });
    fc.assert(
      fc.property(uSeq, (seq) => {
        const code = makeUscc(seq);
        expect(validateUscc(code)).toEqual(ok);
        expect(code.slice(0, 2)).toBe('91');
        expect(makeUscc(seq, { regionCode: '310115' }).slice(2, 8)).toBe('310115');
        expect(validateUscc(makeUscc(seq, { regionCode: '310115' }))).toEqual(ok);
      }),
    );
    fc.assert(
      fc.property(uSeq, uSeq, (a, b) => {
        fc.pre(a !== b);
        expect(makeUscc(a)).not.toBe(makeUscc(b));
        expect(makeUscc(a, { regionCode: '310115' })).not.toBe(makeUscc(b, { regionCode: '310115' }));
      }),
      { numRuns: 2000 },
    );
    const block = new Set<string>();
    for (let seq = 0; seq < 200_000; seq++) block.add(makeUscc(seq, { regionCode: '110105' }));
    expect(block.size).toBe(200_000);
    expect(() => makeUscc(1, { regionCode: '31011' })).toThrow(RangeError);
  });
});
