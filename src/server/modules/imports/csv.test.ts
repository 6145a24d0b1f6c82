import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvProblem, csvRecords } from './csv';

// The CSV reader against a writer: any records, written with any line breaks and quoting a spreadsheet
// may use, and cut into chunks anywhere, read back as they were.

async function read(text: string | string[], delimiter = ',', max?: number) {
  async function* chunks() {
    for (const c of typeof text === 'string' ? [text] : text) yield c;
  }
  const out: string[][] = [];
  for await (const r of csvRecords(chunks(), delimiter, max)) out.push(r);
  return out;
}

function write(records: string[][], delimiter: string, breaks: readonly string[], quoteAll: boolean[]) {
  return records
    .map(
      (cells, r) =>
        cells
          .map((c, i) =>
            quoteAll[(r + i) % quoteAll.length] || /["\r\n]/.test(c) || c.includes(delimiter)
              ? `"${c.replaceAll('"', '""')}"`
              : c,
          )
          .join(delimiter) + breaks[r % breaks.length],
    )
    .join('');
}

const cutAt = (text: string, cuts: number[]) => {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let from = 0;
  for (const p of points) {
    parts.push(text.slice(from, p));
    from = p;
  }
  parts.push(text.slice(from));
  return parts;
};

describe('csvRecords', () => {
  it('reads back whatever was written, however it arrives', async () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', '客', ',', ';', '"', '\r', '\n', ' ', '1'),
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(',', ';', '\t'),
        // One kind of line break a file: a CR then an LF would be one CRLF.
        fc.constantFrom(['\r\n'], ['\n'], ['\r']),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (records, delimiter, breaks, quoteAll, cuts) => {
          const text = write(records, delimiter, breaks, quoteAll);
          expect(await read(cutAt(text, cuts), delimiter)).toEqual(records);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads the last record without a line break, drops a BOM, keeps empty lines and empty fields', async () => {
    expect(await read('\uFEFFa,b\r\n\r\n,\r\nc,"d"')).toEqual([['a', 'b'], [''], ['', ''], ['c', 'd']]);
    expect(await read(['\uFEFF', 'a,b\n'])).toEqual([['a', 'b']]);
    expect(await read('a,b,\n')).toEqual([['a', 'b', '']]);
    expect(await read('x\ry\r')).toEqual([['x'], ['y']]);
  });

  it('keeps a quote inside an unquoted field as a character', async () => {
    expect(await read('上海"鑫泰"贸易,2\n')).toEqual([['上海"鑫泰"贸易', '2']]);
    expect(await read('5" pipe,"a ""b"""\n')).toEqual([['5" pipe', 'a "b"']]);
  });

  it('refuses a quote never closed, text after a closing quote and an endless record, with the line', async () => {
    await expect(read('h\nok\n"never closed,\nmore\n')).rejects.toThrow(
      new CsvProblem('a quoted field starting on line 3 is never closed', 3),
    );
    await expect(read('h\n"a"b,c\n')).rejects.toMatchObject({
      line: 2,
      message: expect.stringContaining('after the closing quote'),
    });
    await expect(read(['"', 'x'.repeat(60), 'y'.repeat(60)], ',', 100)).rejects.toMatchObject({
      line: 1,
      message: expect.stringContaining('longer than 100'),
    });
    expect(await read(['"', 'x'.repeat(60), '"\n'], ',', 100)).toEqual([['x'.repeat(60)]]);
  });

  it('counts lines through quoted line breaks', async () => {
    await expect(read('h\n"a\r\nb",1\n"c\nd\n"x"y\n')).rejects.toMatchObject({ line: 4 });
  });
});
