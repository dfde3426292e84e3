/**
 * A lossless packing of a large text table into a shorter string literal, for data the bundle must
 * carry but reads rarely (the intent rules: ~100 KB of regex text, mostly repeated alternations).
 * Apps Script parses the whole bundle on every card click, and a string literal is the cheapest
 * thing for V8 to parse, so the table ships packed and is unpacked the first time it is needed.
 *
 * Two steps, each undone in reverse by `unpack`:
 * 1. Cyrillic letters cost two UTF-8 bytes each. A shift character toggles a mode in which the
 *    ASCII letters stand for the 52 most frequent Cyrillic letters of the text (rarer ones stay as
 *    they are); outside that mode ASCII letters are themselves.
 * 2. LZ77: a repeat of earlier text is written as a marker, a length digit and a 2- or 3-digit
 *    distance back. Digits are 64 plain ASCII characters, so the result needs no escapes in JS.
 *
 * The markers and the shift are characters the text does not contain, chosen per text and stored
 * in the packed string's first three characters, followed by the 52-letter table.
 * `pack` runs at build time only (scripts/lib/bundle.ts); the bundle carries `unpack`.
 */

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Candidates for the three control characters: printable ASCII that needs no escape in a literal. */
const CONTROL_CANDIDATES = '#&/;=>@!%*+,.:<?[]^{|}~$`()_-0123456789';
const MIN_MATCH = 4;
const MAX_MATCH = MIN_MATCH + 63;
const SHORT_DISTANCE = 64 * 64;
const LONG_DISTANCE = 64 * 64 * 64;

function isCyrillic(ch: string): boolean {
  return ch >= '\u0400' && ch <= '\u04ff';
}

function unusedCharacters(text: string, count: number): string[] {
  const found = [...CONTROL_CANDIDATES].filter((ch) => !text.includes(ch)).slice(0, count);
  if (found.length < count) throw new Error('pack: the text uses every control character candidate');
  return found;
}

/** Step 1: Cyrillic letters as ASCII letters inside shifted runs. */
function shiftCyrillic(text: string, shift: string): { text: string; table: string } {
  const counts = new Map<string, number>();
  for (const ch of text) if (isCyrillic(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const table = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, ASCII_LETTERS.length)
    .map(([ch]) => ch)
    .join('')
    .padEnd(ASCII_LETTERS.length, ' ');
  const out: string[] = [];
  let shifted = false;
  for (const ch of text) {
    const index = table.indexOf(ch);
    if (index >= 0 && ch !== ' ') {
      if (!shifted) out.push(shift);
      shifted = true;
      out.push(ASCII_LETTERS[index] as string);
    } else {
      if (shifted && ASCII_LETTERS.includes(ch)) {
        out.push(shift);
        shifted = false;
      }
      out.push(ch);
    }
  }
  return { text: out.join(''), table };
}

function digits(value: number, count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) {
    s = (DIGITS[value % 64] as string) + s;
    value = Math.floor(value / 64);
  }
  return s;
}

/** Step 2: greedy LZ77 with one step of lazy matching over a 4-character hash chain. */
function lz(text: string, short: string, long: string): string {
  const chains = new Map<string, number[]>();
  const remember = (i: number) => {
    if (i + MIN_MATCH > text.length) return;
    const key = text.slice(i, i + MIN_MATCH);
    const list = chains.get(key);
    if (list) list.push(i);
    else chains.set(key, [i]);
  };
  const longestAt = (i: number): { length: number; distance: number } => {
    let best = { length: 0, distance: 0 };
    const list = chains.get(text.slice(i, i + MIN_MATCH));
    if (!list) return best;
    for (let k = list.length - 1, tried = 0; k >= 0 && tried < 512; k--, tried++) {
      const from = list[k] as number;
      const distance = i - from;
      if (distance > LONG_DISTANCE) break;
      let length = 0;
      while (length < MAX_MATCH && text[from + length] === text[i + length]) length++;
      // A long distance costs a digit more, so it must win by more than one character.
      const gain = length - (distance > SHORT_DISTANCE ? 5 : 4);
      const bestGain = best.length - (best.distance > SHORT_DISTANCE ? 5 : 4);
      if (gain > bestGain) best = { length, distance };
      if (length === MAX_MATCH) break;
    }
    return best;
  };
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const here = longestAt(i);
    const cost = here.distance > SHORT_DISTANCE ? 5 : 4;
    if (here.length > cost) {
      const next = i + 1 < text.length ? longestAt(i + 1) : { length: 0, distance: 0 };
      if (next.length > here.length + 1) {
        out.push(text[i] as string);
        remember(i);
        i++;
        continue;
      }
      out.push(
        here.distance > SHORT_DISTANCE ? long : short,
        DIGITS[here.length - MIN_MATCH] as string,
        digits(here.distance - 1, here.distance > SHORT_DISTANCE ? 3 : 2),
      );
      for (let k = 0; k < here.length; k++) remember(i + k);
      i += here.length;
    } else {
      out.push(text[i] as string);
      remember(i);
      i++;
    }
  }
  return out.join('');
}

export function pack(text: string): string {
  const [shift, short, long, backslash] = unusedCharacters(text, 4) as [string, string, string, string];
  const shifted = shiftCyrillic(text.replace(/\\/g, backslash), shift);
  return shift + short + long + backslash + shifted.table + lz(shifted.text, short, long);
}

/** Builds the text in a growing array of UTF-16 units: a string grown by += is a rope that V8 would
 * flatten on every repeat's read, which made unpacking quadratic. */
export function unpack(packed: string): string {
  const shift = packed.charCodeAt(0);
  const short = packed.charCodeAt(1);
  const long = packed.charCodeAt(2);
  const backslash = packed.charCodeAt(3);
  const table = packed.slice(4, 4 + ASCII_LETTERS.length);
  let out = new Uint16Array(packed.length * 4);
  let n = 0;
  let i = 4 + ASCII_LETTERS.length;
  const digit = () => DIGITS.indexOf(packed[i++] as string);
  while (i < packed.length) {
    const ch = packed.charCodeAt(i++);
    let length = 1;
    let distance = 0;
    if (ch === short || ch === long) {
      length = digit() + MIN_MATCH;
      for (let k = ch === long ? 3 : 2; k > 0; k--) distance = distance * 64 + digit();
    }
    if (n + length > out.length) {
      const grown = new Uint16Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    if (length === 1 && distance === 0 && ch !== short && ch !== long) out[n++] = ch;
    // A repeat may overlap the text it creates ("abababab" from "ab"), so copy one unit at a time.
    else for (let from = n - distance - 1, k = 0; k < length; k++) out[n++] = out[from + k] as number;
  }
  // Undo the Cyrillic shift and the backslash stand-in in place; the result can only get shorter.
  let shifted = false;
  let m = 0;
  for (let k = 0; k < n; k++) {
    const unit = out[k] as number;
    if (unit === shift) {
      shifted = !shifted;
      continue;
    }
    // ASCII_LETTERS is a-z then A-Z.
    const letter = !shifted
      ? -1
      : unit >= 97 && unit <= 122
        ? unit - 97
        : unit >= 65 && unit <= 90
          ? unit - 39
          : -1;
    out[m++] = letter >= 0 ? table.charCodeAt(letter) : unit === backslash ? 92 : unit;
  }
  const parts: string[] = [];
  for (let k = 0; k < m; k += 8192) {
    parts.push(String.fromCharCode(...out.subarray(k, Math.min(m, k + 8192))));
  }
  return parts.join('');
}
