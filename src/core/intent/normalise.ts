/**
 * Text folding for matching across languages and keyboards: lower case, Turkish dotted and dotless i
 * alike, diacritics removed (İPTAL, iptal and ıptal match; ø and o match), whitespace collapsed.
 * Each folded character remembers where it came from, so a match can be shown as the customer wrote it.
 */
const SPECIAL: Record<string, string> = {
  ı: 'i',
  İ: 'i',
  I: 'i',
  ø: 'o',
  Ø: 'o',
  æ: 'ae',
  Æ: 'ae',
  ß: 'ss',
  ё: 'е',
  Ё: 'е',
};

export interface Folded {
  text: string;
  /** For each folded character, the index of the original character it came from. */
  origin: number[];
}

function foldChar(ch: string): string {
  const special = SPECIAL[ch];
  if (special !== undefined) return special;
  // Cyrillic й keeps its breve: й and и are different letters, not an accent.
  if (ch === 'й' || ch === 'Й') return 'й';
  return ch
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

export function fold(original: string): Folded {
  let text = '';
  const origin: number[] = [];
  let lastSpace = true;
  let i = 0;
  for (const ch of original) {
    if (/\s/.test(ch)) {
      if (!lastSpace) {
        text += ' ';
        origin.push(i);
      }
      lastSpace = true;
    } else {
      for (const out of foldChar(ch)) {
        text += out;
        origin.push(i);
      }
      lastSpace = false;
    }
    i += ch.length;
  }
  return { text, origin };
}

/** Folds a pattern's literal text the same way, keeping regex syntax intact. */
export function foldPattern(pattern: string): string {
  let out = '';
  let escaped = false;
  for (const ch of pattern) {
    // Escapes (\S, \d, \p{L}) are regex syntax, not text: leave the letter after a backslash alone.
    out += escaped || !/\p{L}/u.test(ch) ? ch : foldChar(ch);
    escaped = !escaped && ch === '\\';
  }
  return out;
}
