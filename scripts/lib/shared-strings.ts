/**
 * The minifier keeps every copy of a string: "textParagraph" 59 times, "decoratedText" 50, the same
 * error sentence in four schemas. This pass declares each string that pays for it once, as a
 * variable at the top of the bundle's IIFE, and writes the variable wherever the string was:
 *   var Ax="textParagraph",Bx="decoratedText";  …{kind:Ax,text:…}
 * A string is shared only when that is shorter: n copies of a literal of length L cost n·L; shared,
 * they cost n·k + k + L + 2 (k the variable's length). Variable names are ones used nowhere in the
 * bundle (no binding, no property, no global of that spelling), so no scope can shadow them and no
 * global is hidden. Property keys and directives keep their literal form (they are not expressions).
 * The values are the same primitive strings, assigned before any other code of the IIFE runs.
 */
import { applyEdits, parseBundle, walk, type Edit, type JsNode as Node } from './js-edits';

/** Words a variable may not be named (reserved words, and names strict code may not bind). */
const FORBIDDEN = new Set(
  (
    'do if in for let new try var case else enum eval null this true void with await break catch class const ' +
    'false super throw while yield delete export import public return static switch typeof default extends ' +
    'finally package private continue debugger function arguments implements interface protected instanceof ' +
    'undefined NaN Infinity'
  ).split(' '),
);

/** A character that would join an identifier next to it (ZWNJ/ZWJ and `\\` escapes included). */
const joinsWord = (c: string | undefined) =>
  c !== undefined && (/^[\p{ID_Continue}$\\]$/u.test(c) || c === '\u200c' || c === '\u200d');

const FIRST = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$';
const REST = `${FIRST}0123456789`;

/** Identifiers in order of length, skipping `taken` and the forbidden words. */
function* freshNames(taken: ReadonlySet<string>): Generator<string> {
  for (let length = 1; ; length++) {
    const walkNames = function* (prefix: string): Generator<string> {
      if (prefix.length === length) {
        yield prefix;
        return;
      }
      for (const c of prefix === '' ? FIRST : REST) yield* walkNames(prefix + c);
    };
    for (const name of walkNames('')) if (!taken.has(name) && !FORBIDDEN.has(name)) yield name;
  }
}

export interface SharedStrings {
  code: string;
  /** How many distinct strings were shared, and the bytes saved. */
  shared: number;
  saved: number;
}

export function shareStrings(body: string, namespace: string): SharedStrings {
  const { program, block } = parseBundle(body, namespace);
  const taken = new Set<string>();
  const copies = new Map<string, Node[]>();
  walk(program, (n, parent, key) => {
    if (n.type === 'Identifier' || n.type === 'PrivateIdentifier') taken.add(n.name as string);
    if (n.type !== 'Literal' || typeof n.value !== 'string') return;
    if (n.start < block.start || n.end > block.end) return;
    const isKey =
      key === 'key' &&
      parent !== null &&
      !parent.computed &&
      (parent.type === 'Property' ||
        parent.type === 'MethodDefinition' ||
        parent.type === 'PropertyDefinition');
    if (isKey || parent?.type === 'ExpressionStatement' || parent?.type === 'ImportExpression') return;
    const raw = body.slice(n.start, n.end);
    copies.set(raw, [...(copies.get(raw) ?? []), n]);
  });

  const names = freshNames(taken);
  // Most copies first, so the shortest names go where they are written most often.
  const candidates = [...copies.entries()]
    .filter(([, nodes]) => nodes.length > 1)
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  const declarations: string[] = [];
  const edits: Edit[] = [];
  let pending = names.next().value as string;
  for (const [raw, nodes] of candidates) {
    const k = pending.length;
    const gain = nodes.length * raw.length - (nodes.length * k + k + raw.length + 2);
    if (gain <= 0) continue;
    declarations.push(`${pending}=${raw}`);
    for (const n of nodes) {
      // `return"x"`, `case"x":` and `"x"in o` need a space once the quote is gone.
      const before = joinsWord(body[n.start - 1]) ? ' ' : '';
      const after = joinsWord(body[n.end]) ? ' ' : '';
      edits.push({ start: n.start, end: n.end, text: `${before}${pending}${after}` });
    }
    pending = names.next().value as string;
  }
  if (declarations.length === 0) return { code: body, shared: 0, saved: 0 };
  edits.push({ start: block.start + 1, end: block.start + 1, text: `var ${declarations.join(',')};` });
  const code = applyEdits(body, edits);
  return { code, shared: declarations.length, saved: body.length - code.length };
}
