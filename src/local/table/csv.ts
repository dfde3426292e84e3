/**
 * RFC 4180 CSV, as spreadsheets export it: quoted fields with commas, quotes and line breaks,
 * CRLF/LF/CR line ends, a UTF-8 BOM, and ';' or tab as the delimiter (European Excel uses ';').
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  const count = (d: string) => firstLine.split(d).length - 1;
  const candidates: (',' | ';' | '\t')[] = [',', ';', '\t'];
  return candidates.reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

export function parseCsv(text: string, delimiter: string = detectDelimiter(text)): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && src[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface ToCsvOptions {
  /** Prefix text cells starting with = + - @ with an apostrophe (OWASP CSV injection guard). */
  guardFormulas?: boolean;
}

export function toCsv(rows: readonly (readonly string[])[], options: ToCsvOptions = {}): string {
  const cell = (value: string) => {
    let v = value;
    if (options.guardFormulas && /^[=+\-@]/.test(v) && !/^[-+]?\d/.test(v)) v = `'${v}`;
    return /[",\r\n;]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
