/**
 * Merge fields in a template: `{{First name}}`, `{{First name|there}}` (fallback), `{{MRR|currency}}`
 * (formatter) and chains such as `{{Renewal date|date|soon}}`. A pipe segment that names a formatter
 * formats; any other is the fallback text; a quoted segment (`{{Plan|"upper"}}`) is always text.
 */
export const FORMATTERS = [
  'date',
  'long date',
  'currency',
  'number',
  'percent',
  'upper',
  'lower',
  'title',
  'first word',
] as const;
export type Formatter = (typeof FORMATTERS)[number];

export interface Placeholder {
  kind: 'field';
  /** The field name as written, trimmed. */
  field: string;
  formatters: Formatter[];
  fallback?: string;
  /** The placeholder as written, for messages ("{{First nam}}"). */
  raw: string;
  /** Offset in the text, for messages. */
  at: number;
}

export type Part = { kind: 'text'; text: string } | Placeholder;

export class PlaceholderError extends Error {
  /**
   * @param problem what is wrong, without the position ('"{{" is not closed with "}}"')
   * @param at 0-based offset in the text
   */
  constructor(
    readonly problem: string,
    readonly at: number,
    message = `${problem} at character ${at + 1}`,
  ) {
    super(message);
    this.name = 'PlaceholderError';
  }
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
const FORMATTER_SET = new Map(FORMATTERS.map((f) => [norm(f), f]));

/** Splits a template text into literal text and placeholders; throws PlaceholderError on bad syntax. */
export function parseParts(text: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    const strayClose = text.indexOf('}}', i);
    if (strayClose >= 0 && (open < 0 || strayClose < open))
      throw new PlaceholderError('"}}" without "{{"', strayClose);
    if (open < 0) {
      parts.push({ kind: 'text', text: text.slice(i) });
      break;
    }
    if (open > i) parts.push({ kind: 'text', text: text.slice(i, open) });
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close))
      throw new PlaceholderError(
        '"{{" is not closed with "}}"',
        open,
        `"{{" at character ${open + 1} is not closed with "}}"`,
      );
    const raw = text.slice(open, close + 2);
    parts.push(parsePlaceholder(text.slice(open + 2, close), raw, open));
    i = close + 2;
  }
  return parts;
}

function parsePlaceholder(inner: string, raw: string, at: number): Placeholder {
  const segments = splitPipes(inner);
  const field = (segments[0] ?? '').trim();
  if (!field)
    throw new PlaceholderError(
      `${raw} has no field name`,
      at,
      `${raw} at character ${at + 1} has no field name`,
    );
  const formatters: Formatter[] = [];
  let fallback: string | undefined;
  for (const seg of segments.slice(1)) {
    const quoted = /^\s*"(.*)"\s*$/s.exec(seg);
    const formatter = quoted ? undefined : FORMATTER_SET.get(norm(seg));
    if (formatter) formatters.push(formatter);
    else {
      if (fallback !== undefined)
        throw new PlaceholderError(
          `${raw} has two fallbacks`,
          at,
          `${raw} at character ${at + 1} has two fallbacks`,
        );
      fallback = quoted ? quoted[1]! : seg.trim();
    }
  }
  return { kind: 'field', field, formatters, ...(fallback !== undefined ? { fallback } : {}), raw, at };
}

/** Splits on pipes outside double quotes. */
function splitPipes(inner: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of inner) {
    if (ch === '"') quoted = !quoted;
    if (ch === '|' && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

export const placeholdersOf = (parts: readonly Part[]) =>
  parts.filter((p): p is Placeholder => p.kind === 'field');
