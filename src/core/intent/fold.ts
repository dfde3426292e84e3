/**
 * Folds text into the form the phrase patterns are written against, keeping a map back to the
 * original so a match can be shown exactly as the customer typed it.
 *
 * Per character: Unicode NFC (a decomposed "s" + cedilla becomes "ş"), lower case with Turkish
 * dotted/dotless i handled by hand ("İ", "I", "ı" and "i" all become "i", so "İPTAL" = "iptal"),
 * Latin diacritics dropped (ş→s, ğ→g, ö/ø→o, å→a, æ→a), Russian ё→е, and the Kazakh letters
 * ә ғ қ ң ө ұ ү һ і folded onto their Russian look-alikes, so Kazakh typed on a Russian keyboard
 * ("казак" for "қазақ") still matches. Latin look-alikes inside a Cyrillic word (a Latin "i" typed
 * for Kazakh "і") become Cyrillic. Runs of whitespace become one space, or one newline for a blank
 * line (a paragraph break, which phrase gaps do not cross); zero-width characters disappear.
 *
 * Every step maps one original cluster to zero or more folded characters, never the other way, so
 * `from[i]`/`to[i]` give the original span of folded character i.
 */
export interface FoldedText {
  text: string;
  from: number[];
  to: number[];
}

const SPECIAL: Record<string, string> = {
  İ: 'i',
  I: 'i',
  ı: 'i',
  ß: 's',
  ø: 'o',
  Ø: 'o',
  æ: 'a',
  Æ: 'a',
  œ: 'o',
  Œ: 'o',
  đ: 'd',
  ё: 'е',
  Ё: 'е',
  ә: 'а',
  Ә: 'а',
  ғ: 'г',
  Ғ: 'г',
  қ: 'к',
  Қ: 'к',
  ң: 'н',
  Ң: 'н',
  ө: 'о',
  Ө: 'о',
  ұ: 'у',
  Ұ: 'у',
  ү: 'у',
  Ү: 'у',
  һ: 'х',
  Һ: 'х',
  і: 'и',
  І: 'и',
  '’': "'",
  '‘': "'",
  ʼ: "'",
  ʻ: "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '−': '-',
  '…': '.',
};

const MARK = /^\p{M}$/u;
const cache = new Map<string, string>();

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

function isInvisible(code: number): boolean {
  return (code >= 0x200b && code <= 0x200d) || code === 0xfeff || code === 0xad || code === 0x2060;
}

function isMark(code: number): boolean {
  return code >= 0x300 && MARK.test(String.fromCharCode(code));
}

/** Folds one code point (a string of one or two UTF-16 units); context-free. */
export function foldChar(ch: string): string {
  const known = cache.get(ch);
  if (known !== undefined) return known;
  let out = SPECIAL[ch];
  if (out === undefined) {
    const lower = ch.toLowerCase();
    const code = lower.charCodeAt(0);
    if (MARK.test(ch)) out = '';
    else if (lower.length === 1 && code >= 0xc0 && code < 0x250)
      out = lower.normalize('NFD').replace(/\p{M}/gu, '');
    else out = lower;
  }
  cache.set(ch, out);
  return out;
}

// A Latin letter typed inside a Cyrillic word is almost always a look-alike (Kazakh "і" as "i").
const LOOKALIKES: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  h: 'н',
  i: 'и',
  k: 'к',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
};
const LATIN_IN_CYRILLIC = /(?<=[а-я])[aceihkopxy]|[aceihkopxy](?=[а-я])/g;

/**
 * Folds `original`, reading only the given [start, end) ranges (the unquoted parts of an email);
 * consecutive ranges are joined by a paragraph break.
 */
export function foldText(
  original: string,
  ranges: ReadonlyArray<readonly [number, number]> = [[0, original.length]],
): FoldedText {
  const chars: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const emit = (c: string, start: number, end: number) => {
    const last = chars.length - 1;
    if ((c === ' ' || c === '\n') && (last < 0 || chars[last] === ' ' || chars[last] === '\n')) {
      // Never start with, or repeat, a separator; a paragraph break wins over a space.
      if (last < 0) return;
      if (c === '\n') chars[last] = '\n';
      to[last] = end;
      return;
    }
    chars.push(c);
    from.push(start);
    to.push(end);
  };
  for (const [rangeStart, rangeEnd] of ranges) {
    if (chars.length) emit('\n', rangeStart, rangeStart);
    let i = rangeStart;
    while (i < rangeEnd) {
      const code = original.charCodeAt(i);
      if (isSpace(code)) {
        let k = i;
        let newlines = 0;
        while (k < rangeEnd && isSpace(original.charCodeAt(k))) {
          if (original.charCodeAt(k) === 10) newlines++;
          k++;
        }
        emit(newlines >= 2 ? '\n' : ' ', i, k);
        i = k;
        continue;
      }
      if (isInvisible(code)) {
        i++;
        continue;
      }
      let j = i + (code >= 0xd800 && code <= 0xdbff && i + 1 < rangeEnd ? 2 : 1);
      while (j < rangeEnd && isMark(original.charCodeAt(j))) j++;
      const cluster = j - i > 1 ? original.slice(i, j).normalize('NFC') : original.charAt(i);
      for (const ch of cluster) for (const c of foldChar(ch)) emit(c, i, j);
      i = j;
    }
  }
  // Drop a trailing separator so matches never end on one.
  while (chars.length && (chars[chars.length - 1] === ' ' || chars[chars.length - 1] === '\n')) {
    chars.pop();
    from.pop();
    to.pop();
  }
  const text = chars.join('').replace(LATIN_IN_CYRILLIC, (c) => LOOKALIKES[c] ?? c);
  return { text, from, to };
}

/** Folds the letters of a pattern written in natural spelling, leaving regex escapes untouched. */
export function foldPattern(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source.charAt(i);
    if (ch === '\\') {
      const next = source.charAt(i + 1);
      if ((next === 'p' || next === 'P') && source.charAt(i + 2) === '{') {
        const close = source.indexOf('}', i);
        out += source.slice(i, close + 1);
        i = close;
      } else {
        out += ch + next;
        i++;
      }
    } else {
      const code = source.charCodeAt(i);
      if (code < 128) out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
      else out += foldChar(ch);
    }
  }
  return out;
}

/** The original [index, end) of folded characters [start, end). */
export function originalSpan(folded: FoldedText, start: number, end: number): [number, number] {
  return [folded.from[start] ?? 0, folded.to[end - 1] ?? 0];
}
