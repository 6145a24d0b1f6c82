// CSV records from a stream of text (RFC 4180 as spreadsheets write it): fields separated by the
// delimiter, records by CRLF, LF or CR; a field in double quotes may hold the delimiter, line breaks
// and doubled quotes (""). A quote inside an unquoted field is kept as it is (Excel writes such files
// when a name holds a quote), text after a closing quote is an error, as is a quote never closed. An
// empty line is a record of one empty field; a BOM at the start is dropped. Lines without a quote,
// nearly every line of a bank's file, are split in one call.

export class CsvProblem extends Error {
  constructor(
    message: string,
    /** The line of the file (from 1, counting the header) where the record starts. */
    readonly line: number,
  ) {
    super(message);
  }
}

interface Record {
  cells: string[];
  /** Where the next record starts. */
  end: number;
  /** Line breaks consumed, the record's own and those inside its quoted fields. */
  lines: number;
}

const EOL = /[\r\n]/g;

/** The end of the line break at `at` (CR, LF or CRLF); -1 when a CR ends the text so far. */
function afterBreak(text: string, at: number, final: boolean) {
  if (text.charCodeAt(at) === 10) return at + 1;
  if (at + 1 < text.length) return text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
  return final ? at + 1 : -1;
}

const countBreaks = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n += 1;
  }
  return n;
};

/** The record starting at `pos`, or null when the text so far ends inside it. */
function readRecord(
  text: string,
  pos: number,
  delimiter: string,
  final: boolean,
  line: number,
): Record | null {
  EOL.lastIndex = pos;
  const eol = EOL.exec(text);
  if (!eol && !final) return null;
  const lineEnd = eol ? eol.index : text.length;
  const quote = text.indexOf('"', pos);
  if (quote === -1 || quote >= lineEnd) {
    const end = eol ? afterBreak(text, lineEnd, final) : text.length;
    if (end === -1) return null;
    return { cells: text.slice(pos, lineEnd).split(delimiter), end, lines: 1 };
  }
  return readQuoted(text, pos, delimiter, final, line);
}

/** A record with a quote somewhere: field by field. */
function readQuoted(
  text: string,
  pos: number,
  delimiter: string,
  final: boolean,
  line: number,
): Record | null {
  const cells: string[] = [];
  let lines = 0;
  let i = pos;
  for (;;) {
    if (i >= text.length) {
      if (!final) return null;
      cells.push('');
      return { cells, end: i, lines };
    }
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) {
          if (!final) return null;
          throw new CsvProblem(`a quoted field starting on line ${line + lines} is never closed`, line);
        }
        const part = text.slice(i, close);
        value += part;
        lines += countBreaks(part);
        if (close + 1 >= text.length && !final) return null;
        if (text[close + 1] === '"') {
          value += '"';
          i = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      cells.push(value);
      if (i >= text.length) return { cells, end: i, lines: lines + 1 };
      const c = text[i];
      if (c === delimiter) {
        i += 1;
        continue;
      }
      if (c === '\n' || c === '\r') {
        const end = afterBreak(text, i, final);
        return end === -1 ? null : { cells, end, lines: lines + 1 };
      }
      throw new CsvProblem(
        `text after the closing quote of field ${cells.length} on line ${line + lines}: a field with quotes must be quoted whole`,
        line,
      );
    }
    // An unquoted field runs to the next delimiter or line break; a quote in it is a character.
    let k = i;
    while (k < text.length && text[k] !== delimiter && text[k] !== '\n' && text[k] !== '\r') k += 1;
    if (k >= text.length && !final) return null;
    cells.push(text.slice(i, k));
    if (k >= text.length) return { cells, end: k, lines: lines + 1 };
    if (text[k] === delimiter) {
      i = k + 1;
      continue;
    }
    const end = afterBreak(text, k, final);
    return end === -1 ? null : { cells, end, lines: lines + 1 };
  }
}

/** The records of CSV text arriving in chunks; a record longer than `maxRecordChars` is refused. */
export async function* csvRecords(
  chunks: AsyncIterable<string>,
  delimiter: string,
  maxRecordChars = 1024 * 1024,
): AsyncGenerator<string[]> {
  let text = '';
  let pos = 0;
  let line = 1;
  let first = true;
  const drain = function* (final: boolean) {
    for (;;) {
      if (pos >= text.length) return;
      const record = readRecord(text, pos, delimiter, final, line);
      if (record === null) {
        if (text.length - pos > maxRecordChars) {
          throw new CsvProblem(
            `a record longer than ${maxRecordChars} characters (an unclosed quote?)`,
            line,
          );
        }
        return;
      }
      pos = record.end;
      line += record.lines;
      yield record.cells;
    }
  };
  for await (const chunk of chunks) {
    text = text.slice(pos) + (first ? chunk.replace(/^\uFEFF/, '') : chunk);
    pos = 0;
    if (text.length > 0) first = false;
    yield* drain(false);
  }
  yield* drain(true);
}
