// A small iCalendar (RFC 5545) writer: enough for a published feed of events. Written here rather
// than taken from a package because the rules that matter are few and exact — TEXT escaping (§3.3.11),
// CRLF line ends and folding at 75 octets without splitting a UTF-8 character (§3.1) — and Chinese
// text is where general-purpose writers that count UTF-16 units get them wrong.

/** A content line's value, already in its value type's format (see `text`, `utcDateTime`, `date`). */
export interface IcalProperty {
  name: string;
  params?: Record<string, string>;
  value: string;
}

export interface IcalComponent {
  name: string;
  properties: IcalProperty[];
  components?: IcalComponent[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** A TEXT value (§3.3.11): backslash, semicolon, comma and line breaks escaped; other controls dropped. */
export function text(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // RFC 5545 TEXT admits no control character but HTAB.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to remove them
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A DATE-TIME in UTC (§3.3.5 form #2): `20261201T013000Z`. */
export function utcDateTime(moment: Date | string): string {
  const d = typeof moment === 'string' ? new Date(moment) : moment;
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
  );
}

/** A DATE (§3.3.4) from `YYYY-MM-DD`: `20261201`. */
export function date(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  return day.replaceAll('-', '');
}

/** A parameter value (§3.2): quoted when it holds `:`, `;` or `,`; a double quote cannot be written. */
function paramValue(value: string) {
  const clean = value.replace(/["\r\n]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

const octets = (codePoint: number) =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/**
 * Folds a content line (§3.1) so that no line is longer than 75 octets of UTF-8, excluding the line
 * break; a continuation line starts with one space, which counts. A character is never split.
 */
export function fold(line: string): string {
  const lines: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const n = octets(char.codePointAt(0)!);
    if (size + n > MAX_OCTETS) {
      lines.push(current);
      current = ' ';
      size = 1;
    }
    current += char;
    size += n;
  }
  lines.push(current);
  return lines.join(CRLF);
}

function contentLine(property: IcalProperty) {
  const params = Object.entries(property.params ?? {})
    .map(([key, value]) => `;${key.toUpperCase()}=${paramValue(value)}`)
    .join('');
  return fold(`${property.name.toUpperCase()}${params}:${property.value}`);
}

function lines(component: IcalComponent): string[] {
  const name = component.name.toUpperCase();
  return [
    `BEGIN:${name}`,
    ...component.properties.map(contentLine),
    ...(component.components ?? []).flatMap(lines),
    `END:${name}`,
  ];
}

/** The iCalendar object as text: CRLF after every line, the last one included. */
export function writeIcal(component: IcalComponent): string {
  return lines(component).join(CRLF) + CRLF;
}
