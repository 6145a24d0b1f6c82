import { describe, expect, it } from 'vitest';
import {
  INDUSTRY_DIVISIONS,
  INDUSTRY_SECTIONS,
  industryMatches,
  industryName,
  industrySection,
  isIndustryCode,
} from './industries';

describe('GB/T 4754-2017 code list', () => {
  it('has the 20 sections A–T in order', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
  });

  it('has the 97 divisions 01–97, unique and in order', () => {
    expect(INDUSTRY_DIVISIONS).toHaveLength(97);
    expect(INDUSTRY_DIVISIONS.map((d) => d.code)).toEqual(
      Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
  });

  it('puts every division in an existing section, each section having one at least', () => {
    const sections = new Set(INDUSTRY_SECTIONS.map((s) => s.code));
    for (const d of INDUSTRY_DIVISIONS) expect(sections.has(d.section), d.code).toBe(true);
    for (const s of INDUSTRY_SECTIONS)
      expect(INDUSTRY_DIVISIONS.some((d) => d.section === s.code)).toBe(true);
  });

  it('has the standard ranges of divisions per section', () => {
    const range = (section: string) => {
      const codes = INDUSTRY_DIVISIONS.filter((d) => d.section === section).map((d) => d.code);
      return `${codes[0]}-${codes.at(-1)}`;
    };
    expect(range('A')).toBe('01-05');
    expect(range('B')).toBe('06-12');
    expect(range('C')).toBe('13-43');
    expect(range('D')).toBe('44-46');
    expect(range('E')).toBe('47-50');
    expect(range('G')).toBe('53-60');
    expect(range('S')).toBe('91-96');
    expect(range('T')).toBe('97-97');
  });

  it('has non-empty, unique names in both languages', () => {
    for (const list of [INDUSTRY_SECTIONS, INDUSTRY_DIVISIONS]) {
      for (const e of list) {
        expect(e.zh.trim()).not.toBe('');
        expect(e.en.trim()).not.toBe('');
      }
    }
    const zh = INDUSTRY_DIVISIONS.map((d) => d.zh);
    expect(new Set(zh).size).toBe(zh.length);
  });

  it('is immutable at run time', () => {
    expect(Object.isFrozen(INDUSTRY_SECTIONS)).toBe(true);
    expect(Object.isFrozen(INDUSTRY_DIVISIONS[0])).toBe(true);
  });
});

describe('isIndustryCode and industrySection', () => {
  it('accepts a section letter or a section letter with one of its divisions', () => {
    expect(isIndustryCode('A')).toBe(true);
    expect(isIndustryCode('T')).toBe(true);
    expect(isIndustryCode('C31')).toBe(true);
    expect(isIndustryCode('C13')).toBe(true);
    expect(isIndustryCode('C43')).toBe(true);
    expect(isIndustryCode('T97')).toBe(true);
    expect(isIndustryCode('A01')).toBe(true);
  });
  it('rejects everything else', () => {
    for (const code of ['A31', 'C12', 'C44', 'Z', 'U', 'c', 'c31', '31', 'C3', 'C031', 'C31 ', '', 'AB']) {
      expect(isIndustryCode(code), code).toBe(false);
    }
  });
  it('gives the section of a valid code', () => {
    expect(industrySection('C31')).toBe('C');
    expect(industrySection('J')).toBe('J');
    expect(industrySection('A31')).toBeNull();
    expect(industrySection('Z')).toBeNull();
  });
});

describe('industryName', () => {
  it('names sections and divisions in Chinese and English', () => {
    expect(industryName('A', 'zh-CN')).toBe('农、林、牧、渔业');
    expect(industryName('A', 'en')).toBe('Agriculture, forestry, animal husbandry and fishery');
    expect(industryName('C', 'zh-CN')).toBe('制造业');
    expect(industryName('C31', 'zh-CN')).toBe('黑色金属冶炼和压延加工业');
    expect(industryName('C31', 'en')).toBe('Smelting and pressing of ferrous metals');
    expect(industryName('T', 'zh-CN')).toBe('国际组织');
    expect(industryName('T97', 'zh-CN')).toBe('国际组织');
    expect(industryName('J66', 'zh-CN')).toBe('货币金融服务');
    expect(industryName('A31', 'zh-CN')).toBeNull();
  });
});

describe('industryMatches', () => {
  it('matches a section rule against the section and all its divisions', () => {
    expect(industryMatches('C', 'C')).toBe(true);
    expect(industryMatches('C', 'C13')).toBe(true);
    expect(industryMatches('C', 'C43')).toBe(true);
    expect(industryMatches('C', 'B12')).toBe(false);
    expect(industryMatches('C', 'D44')).toBe(false);
    expect(industryMatches('C', 'D')).toBe(false);
  });
  it('matches a division rule only against itself', () => {
    expect(industryMatches('C31', 'C31')).toBe(true);
    expect(industryMatches('C31', 'C32')).toBe(false);
    expect(industryMatches('C31', 'C')).toBe(false);
  });
  it('never matches invalid codes', () => {
    expect(industryMatches('A31', 'A31')).toBe(false);
    expect(industryMatches('Z', 'Z')).toBe(false);
    expect(industryMatches('C', 'C99')).toBe(false);
    expect(industryMatches('', 'C31')).toBe(false);
  });
  it('every division matches its own section and no other', () => {
    for (const d of INDUSTRY_DIVISIONS) {
      for (const s of INDUSTRY_SECTIONS) {
        expect(industryMatches(s.code, `${d.section}${d.code}`)).toBe(s.code === d.section);
      }
    }
  });
});
