/**
 * The bundle's messages repeat phrases: "ChurnGuard " 42 times, "must be " 69, "customer " 52, whole
 * sentences such as "Check your Sent folder, then mark it sent or send it again." in three messages.
 * shareStrings shares a string only when all of it repeats; this pass declares a repeated phrase once
 * and writes the strings and template literals that contain it as templates that read it:
 *   var Pq="must be ";  …`${e} ${Pq}a string, got ${t}`
 * Phrases are runs of whole tokens (a word, a space, a punctuation mark: "must be ", ", got "),
 * chosen greedily by the bytes they save, at the variable length the final renaming gives (two letters). The strings are the same
 * at run time: a template yields the concatenation of its parts, the variables are declared before any
 * other code of the IIFE runs and never assigned again. Left as written: property keys, directives,
 * tagged templates (their raw text is visible), the name tables and anything over MAX_TEXT long.
 */
import { freshNames } from './shared-strings';
import { applyEdits, parseBundle, walk, type Edit, type JsNode as Node } from './js-edits';
import { SET_NAMES } from './compact-names';

/** Longer texts are data (the packed rules, the name tables), not messages. */
const MAX_TEXT = 2000;
/** `${xy}`: what one use of a phrase costs, with the two-letter name most variables get. */
const USE_COST = 5;
const NAME_LENGTH = 2;
/** A phrase starts and ends at a word's edge: tokens are words and single other characters. */
const TOKEN_EDGE = /(?<=[^\p{L}\p{N}])|(?=[^\p{L}\p{N}])/u;
const MAX_TOKENS = 20;
const MAX_PHRASES = 400;

/** A string literal or an untagged template literal: its parts as text, with `${…}` source between. */
interface Carrier {
  node: Node;
  texts: string[];
}

export interface SharedPhrases {
  code: string;
  phrases: string[];
  saved: number;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Each run of 1..MAX_TOKENS tokens of a text, once per place it starts (added to `counts` × `sign`). */
function countPhrases(text: string, counts: Map<string, number>, sign: 1 | -1): void {
  const tokens = text.split(TOKEN_EDGE);
  for (let i = 0; i < tokens.length; i++) {
    let phrase = '';
    for (let j = i; j < Math.min(tokens.length, i + MAX_TOKENS); j++) {
      phrase += tokens[j];
      if (phrase.length > USE_COST) counts.set(phrase, (counts.get(phrase) ?? 0) + sign);
    }
  }
}

/** Phrases worth a variable, most saving first, each chosen after the ones before it were cut out. */
export function choosePhrases(texts: readonly string[]): string[] {
  let pieces = texts.filter((t) => t.length > 0);
  const counts = new Map<string, number>();
  for (const piece of pieces) countPhrases(piece, counts, 1);
  const chosen: string[] = [];
  while (chosen.length < MAX_PHRASES) {
    let best = '';
    let bestGain = 0;
    for (const [phrase, count] of counts) {
      if (count < 2) continue;
      const length = bytes(phrase);
      const gain = count * (length - USE_COST) - (NAME_LENGTH + bytes(JSON.stringify(phrase)) + 2);
      if (gain > bestGain || (gain === bestGain && gain > 0 && phrase < best)) {
        best = phrase;
        bestGain = gain;
      }
    }
    if (bestGain <= 0) break;
    chosen.push(best);
    const next: string[] = [];
    for (const piece of pieces) {
      if (!piece.includes(best)) {
        next.push(piece);
        continue;
      }
      countPhrases(piece, counts, -1);
      for (const part of piece.split(best)) {
        if (part.length === 0) continue;
        countPhrases(part, counts, 1);
        next.push(part);
      }
    }
    pieces = next;
  }
  return chosen;
}

/**
 * Text as the inside of a template literal: backslash, backtick, `${`, control characters (a raw CR
 * would read as LF) and lone surrogates (UTF-8 cannot carry them) escaped.
 */
function templateText(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what must be escaped here
    /[\\`\u0000-\u001f\u2028\u2029]|\$(?=\{)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) =>
      c === '\\' || c === '`' || c === '$'
        ? `\\${c}`
        : c === '\n'
          ? '\\n'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export function sharePhrases(body: string, namespace: string): SharedPhrases {
  const { program, block } = parseBundle(body, namespace);
  const taken = new Set<string>();
  const carriers: Carrier[] = [];
  walk(program, (n, parent, key) => {
    if (n.type === 'Identifier') taken.add(n.name as string);
    if (n.start < block.start || n.end > block.end) return;
    if (n.type === 'Literal' && typeof n.value === 'string') {
      const isKey = key === 'key' && parent !== null && !parent.computed;
      const isTable =
        parent?.type === 'CallExpression' &&
        (parent.callee as Node).type === 'Identifier' &&
        (parent.callee as Node).name === SET_NAMES;
      if (isKey || isTable || parent?.type === 'ExpressionStatement' || parent?.type === 'ImportExpression')
        return;
      if (n.value.length > MAX_TEXT) return;
      carriers.push({ node: n, texts: [n.value] });
    } else if (n.type === 'TemplateLiteral' && parent?.type !== 'TaggedTemplateExpression') {
      const quasis = n.quasis as Node[];
      const texts = quasis.map((q) => (q.value as { cooked: string | null }).cooked);
      if (texts.some((t) => t === null) || texts.join('').length > MAX_TEXT) return;
      carriers.push({ node: n, texts: texts as string[] });
    }
  });

  const phrases = choosePhrases(carriers.flatMap((c) => c.texts));
  if (phrases.length === 0) return { code: body, phrases: [], saved: 0 };
  const names = freshNames(taken);
  const variable = new Map(phrases.map((p) => [p, names.next().value as string]));
  // Cut a text at the phrases in the order they were chosen, as choosePhrases counted them.
  const cut = (text: string): (string | { v: string })[] => {
    let parts: (string | { v: string })[] = [text];
    for (const phrase of phrases) {
      parts = parts.flatMap((part) => {
        if (typeof part !== 'string' || !part.includes(phrase)) return [part];
        return part
          .split(phrase)
          .flatMap((piece, i) => (i === 0 ? [piece] : [{ v: variable.get(phrase)! }, piece]));
      });
    }
    return parts.filter((p) => p !== '');
  };

  // A template inside another's `${…}` is written first, and the outer one is written around it.
  const used = new Set<string>();
  const written = new Map<Node, Edit>();
  const inside = (inner: Node, start: number, end: number) => inner.start >= start && inner.end <= end;
  const bySize = [...carriers].sort((a, b) => a.node.end - a.node.start - (b.node.end - b.node.start));
  for (const { node, texts } of bySize) {
    const pieces = texts.map(cut);
    const expressions = node.type === 'TemplateLiteral' ? (node.expressions as Node[]) : [];
    const innerEdits = (e: Node) => [...written.values()].filter((w) => w.start >= e.start && w.end <= e.end);
    const changesInside = expressions.some((e) => innerEdits(e).length > 0);
    if (!changesInside && !pieces.some((parts) => parts.some((p) => typeof p !== 'string'))) continue;
    let out = '`';
    pieces.forEach((parts, i) => {
      for (const part of parts) {
        if (typeof part === 'string') out += templateText(part);
        else {
          out += `\${${part.v}}`;
          used.add(part.v);
        }
      }
      const e = expressions[i];
      if (e) {
        const edits = innerEdits(e).map((w) => ({ ...w, start: w.start - e.start, end: w.end - e.start }));
        out += `\${${applyEdits(body.slice(e.start, e.end), edits)}}`;
      }
    });
    for (const inner of [...written.keys()]) if (inside(inner, node.start, node.end)) written.delete(inner);
    written.set(node, { start: node.start, end: node.end, text: `${out}\`` });
  }
  const edits: Edit[] = [...written.values()];
  const declarations = phrases
    .filter((p) => used.has(variable.get(p)!))
    .map((p) => `${variable.get(p)!}=${JSON.stringify(p)}`);
  edits.push({ start: block.start + 1, end: block.start + 1, text: `var ${declarations.join(',')};` });
  const code = applyEdits(body, edits);
  return { code, phrases, saved: bytes(body) - bytes(code) };
}
