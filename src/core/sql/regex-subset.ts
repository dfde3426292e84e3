/**
 * `matches` patterns run by RE2 in the warehouse (BigQuery's REGEXP_CONTAINS, DuckDB's
 * regexp_matches) and by JavaScript in memory. RE2 has no lookaround, back-references or `\u`
 * escapes; a pattern using one is refused with the construct named, instead of running differently.
 * Known remaining differences (documented in the README): `\s` is ASCII-only in RE2 and `.` matches
 * `\r` there.
 */
const UNSUPPORTED: { re: RegExp; what: string }[] = [
  { re: /\(\?<?[=!]/, what: 'lookahead or lookbehind ((?= (?! (?<= (?<!)' },
  { re: /\\[1-9]/, what: 'a back-reference (\\1)' },
  { re: /\\k</, what: 'a named back-reference (\\k<…>)' },
  { re: /\(\?<[A-Za-z]/, what: 'a named group ((?<name>…))' },
  { re: /\\u/, what: 'a \\u escape (write the character itself)' },
  { re: /\\c/, what: 'a control escape (\\c)' },
  { re: /\[\^?\]/, what: 'an empty class ([] or [^])' },
];

/** The reason the pattern cannot run in the warehouse, or null. */
export function unportablePattern(pattern: string): string | null {
  // Escaped backslashes first, so "\\1" (a backslash then 1) is not read as a back-reference.
  const plain = pattern.replace(/\\\\/g, '');
  for (const u of UNSUPPORTED) if (u.re.test(plain)) return u.what;
  return null;
}
