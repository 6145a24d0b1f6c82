import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeResidentId, makeUscc } from './identity-numbers';
import { maskAccountNo, maskEmail, maskIdNumber, maskPhone, maskResidentId, maskUscc } from './masking';

describe('null, undefined and empty pass through', () => {
  const fns = [maskResidentId, maskUscc, maskPhone, maskAccountNo, maskEmail];
  it.each(fns.map((f) => [f.name, f] as const))('%s', (_name, f) => {
    expect(f(null)).toBeNull();
    expect(f(undefined)).toBeUndefined();
    expect(f('')).toBe('');
  });
  it('maskIdNumber', () => {
    expect(maskIdNumber('corporate', null)).toBeNull();
    expect(maskIdNumber('individual', undefined)).toBeUndefined();
    expect(maskIdNumber('individual', '')).toBe('');
  });
});

describe('maskResidentId', () => {
  it('shows the first 3 and last 4, hiding the birth date', () => {
    expect(maskResidentId('11010519491231123X')).toBe('110***********123X');
    expect(maskResidentId('110105491231002')).toBe('110********1002'); // 15-digit first generation
  });
  it('masks short values except the last 2', () => {
    expect(maskResidentId('1234567')).toBe('*****67');
    expect(maskResidentId('1')).toBe('*');
  });
  it('never shows the birth date digits of a generated ID (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400_000_000 }), (seq) => {
        const id = makeResidentId(seq);
        const masked = maskResidentId(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(3, 14)).toBe('*'.repeat(11));
        expect(masked.slice(0, 3) + masked.slice(14)).toBe(id.slice(0, 3) + id.slice(14));
      }),
    );
  });
});

describe('maskUscc and maskIdNumber', () => {
  it('shows the first 4 and last 4 of a USCC', () => {
    expect(maskUscc('91350100M000100Y43')).toBe('9135**********0Y43');
    expect(maskUscc('12345678')).toBe('******78');
    const code = makeUscc(42);
    expect(maskUscc(code)).toBe(`${code.slice(0, 4)}${'*'.repeat(10)}${code.slice(14)}`);
  });
  it('dispatches on the customer kind', () => {
    expect(maskIdNumber('corporate', '91350100M000100Y43')).toBe('9135**********0Y43');
    expect(maskIdNumber('individual', '11010519491231002X')).toBe('110***********002X');
  });
});

describe('maskPhone', () => {
  it('masks a mobile number as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('keeps the first 3 and last 4 of other numbers of 8 or more characters', () => {
    expect(maskPhone('02112345678')).toBe('021****5678');
    expect(maskPhone('021-12345678')).toBe('021*****5678');
    expect(maskPhone('12345678')).toBe('123*5678');
    expect(maskPhone('+8613812345678')).toBe('+86*******5678');
  });
  it('masks shorter numbers except the last 2', () => {
    expect(maskPhone('1234567')).toBe('*****67');
    expect(maskPhone('95588')).toBe('***88');
    expect(maskPhone('12')).toBe('**');
  });
  it('keeps the length (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,20}$/), (s) => {
        expect(maskPhone(s)).toHaveLength(s.length);
        expect(maskPhone(s)).toContain('*');
      }),
    );
  });
});

describe('maskAccountNo', () => {
  it('shows the first 6 and last 4', () => {
    expect(maskAccountNo('6222021234567890123')).toBe('622202*********0123');
    expect(maskAccountNo('62220212345')).toBe('622202*2345'); // 11 characters
  });
  it('masks shorter numbers except the last 4', () => {
    expect(maskAccountNo('6222021234')).toBe('******1234'); // 10 characters
    expect(maskAccountNo('12345')).toBe('*2345');
    expect(maskAccountNo('1234')).toBe('****');
  });
});

describe('maskEmail', () => {
  it('keeps the first character of the local part and the domain', () => {
    expect(maskEmail('zhangsan@example.com')).toBe('z***@example.com');
    expect(maskEmail('z@example.com')).toBe('z***@example.com');
    expect(maskEmail('张三@example.cn')).toBe('张***@example.cn');
    expect(maskEmail('@example.com')).toBe('***@example.com');
    expect(maskEmail('not-an-email')).toBe('n***');
  });
});
