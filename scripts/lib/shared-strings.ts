/**
 * The minifier keeps every copy of a string: "textParagraph" 59 times, "decoratedText" 50, the same
 * error sentence in four schemas, `.length` 519 times, `spreadsheetId` 101. This pass declares each
 * string that pays for it once, as a variable at the top of the bundle's IIFE, and writes the
 * variable wherever the string was (with `properties`, also property names, which become computed):
 *   var Ax="textParagraph",Bx="length";  …{kind:Ax,text:…}  …e[Bx]  {[Bx]:0}
 * A string is shared only when that is shorter: n copies of a literal of length L cost n·L; shared,
 * they cost n·k + k + L + 2 (k the variable's length); `.name` becomes `[k]` only where that is
 * shorter. Methods, getters, class members and `__proto__` keys are left as written; a
 * function value under a computed key is still named by the key's value (ECMAScript SetFunctionName). Variable names are ones used nowhere in the
 * bundle (no binding, no property, no global of that spelling), so no scope can shadow them and no
 * global is hidden. Property keys and directives keep their literal form (they are not expressions).
 * The values are the same primitive strings, assigned before any other code of the IIFE runs.
 *
 * With `builtIns`, a standard built-in the bundle names often (`Math` 231 times, `Object`, `String`…)
 * is read once into a variable the same way, `var Mx=Math;`, when no scope of the bundle binds that
 * name. Only ECMAScript's own constructors and namespaces, which every V8 context has before any code
 * runs and nothing replaces, so the variable holds what the global held. And with `constants`, the
 * minifier's `void 0` (undefined, 346 times), `!0` (true) and `!1` (false) are read from a variable too.
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
export function* freshNames(taken: ReadonlySet<string>): Generator<string> {
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

/**
 * How an identifier spelled like a built-in is used: `read` (an expression reading the global),
 * `name` (a property name or label, not a variable at all), or `unsafe` (a binding, a write, a
 * shorthand property: a place a variable would not mean the same).
 */
function builtInRead(n: Node, parent: Node | null, key: string): 'read' | 'name' | 'unsafe' {
  if (!parent) return 'unsafe';
  switch (parent.type) {
    case 'MemberExpression':
      return key === 'property' && !parent.computed ? 'name' : 'read';
    case 'Property':
      if (parent.shorthand) return 'unsafe';
      if (key === 'key') return parent.computed ? 'read' : 'name';
      return parent.kind === 'init' && key === 'value' ? 'read' : 'unsafe';
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return key === 'key' && !parent.computed ? 'name' : key === 'value' ? 'read' : 'unsafe';
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return 'name';
    case 'CallExpression':
    case 'NewExpression':
    case 'BinaryExpression':
    case 'LogicalExpression':
    case 'UnaryExpression':
    case 'ConditionalExpression':
    case 'SequenceExpression':
    case 'ArrayExpression':
    case 'SpreadElement':
    case 'ReturnStatement':
    case 'ExpressionStatement':
    case 'TemplateLiteral':
    case 'TaggedTemplateExpression':
    case 'ChainExpression':
    case 'AwaitExpression':
    case 'ThrowStatement':
    case 'IfStatement':
    case 'SwitchStatement':
    case 'SwitchCase':
      return 'read';
    case 'ClassDeclaration':
    case 'ClassExpression':
      return key === 'superClass' ? 'read' : 'unsafe';
    case 'VariableDeclarator':
      return key === 'init' ? 'read' : 'unsafe';
    case 'AssignmentExpression':
      return key === 'right' ? 'read' : 'unsafe';
    case 'ArrowFunctionExpression':
      return key === 'body' ? 'read' : 'unsafe';
    default:
      return 'unsafe';
  }
}

export interface SharedStrings {
  code: string;
  /** How many distinct strings were shared, and the bytes saved. */
  shared: number;
  saved: number;
}

type Copy =
  | { kind: 'literal'; node: Node; raw: string }
  | { kind: 'member'; start: number; end: number }
  | { kind: 'shorthand'; start: number; end: number };

export function shareStrings(
  body: string,
  namespace: string,
  options: { properties?: boolean; builtIns?: readonly string[]; constants?: boolean } = {},
): SharedStrings {
  const { program, block } = parseBundle(body, namespace);
  const taken = new Set<string>();
  // Each place a string is written, by value: a literal, a `.name` access or a `name:` key.
  const copies = new Map<string, Copy[]>();
  const add = (value: string, copy: Copy) => copies.set(value, [...(copies.get(value) ?? []), copy]);
  // Each place a built-in is read (by name), and the built-ins some scope binds or writes unusually.
  const builtIns = new Set(options.builtIns ?? []);
  const reads = new Map<string, Node[]>();
  const unsafe = new Set<string>();
  walk(program, (n, parent, key) => {
    if (n.type === 'Identifier' || n.type === 'PrivateIdentifier') taken.add(n.name as string);
    if (n.type === 'Identifier' && builtIns.has(n.name as string)) {
      const name = n.name as string;
      const read = builtInRead(n, parent, key);
      if (read === 'read' && n.start >= block.start && n.end <= block.end)
        reads.set(name, [...(reads.get(name) ?? []), n]);
      else if (read === 'unsafe') unsafe.add(name);
    }
    if (options.constants && n.type === 'UnaryExpression' && n.start >= block.start && n.end <= block.end) {
      const text = body.slice(n.start, n.end);
      if (text === 'void 0' || text === '!0' || text === '!1')
        reads.set(text, [...(reads.get(text) ?? []), n]);
    }
    if (n.start < block.start || n.end > block.end) return;
    if (n.type === 'Literal' && typeof n.value === 'string') {
      const isKey =
        key === 'key' &&
        parent !== null &&
        !parent.computed &&
        (parent.type === 'Property' ||
          parent.type === 'MethodDefinition' ||
          parent.type === 'PropertyDefinition');
      if (isKey || parent?.type === 'ExpressionStatement' || parent?.type === 'ImportExpression') return;
      add(n.value, { kind: 'literal', node: n, raw: body.slice(n.start, n.end) });
      return;
    }
    if (!options.properties) return;
    const property = n.property as Node | undefined;
    if (n.type === 'MemberExpression' && !n.computed && property?.type === 'Identifier') {
      // `a.b` becomes `a[v]`; `a?.b` becomes `a?.[v]`.
      const start = n.optional ? property.start : property.start - 1;
      if (!n.optional && body[start] !== '.')
        throw new Error(`shareStrings: no dot before ${String(property.name)} at ${start}`);
      add(property.name as string, { kind: 'member', start, end: property.end });
    }
    const k = n.key as Node | undefined;
    if (
      n.type === 'Property' &&
      !n.computed &&
      !n.shorthand &&
      !n.method &&
      n.kind === 'init' &&
      k?.type === 'Identifier' &&
      k.name !== '__proto__'
    ) {
      // `{b: 1}` becomes `{[v]: 1}`; a function value is still named b (SetFunctionName uses the key's value).
      add(k.name as string, { kind: 'member', start: k.start, end: k.end });
    }
    if (
      n.type === 'Property' &&
      n.shorthand &&
      n.kind === 'init' &&
      k?.type === 'Identifier' &&
      k.name !== '__proto__' &&
      options.properties
    ) {
      // `{settings}` (a literal or a destructuring) becomes `{[v]:settings}`: once local names are
      // shortened it would read `{settings:t}` anyway, and `{[v]:t}` is shorter.
      add(k.name as string, { kind: 'shorthand', start: k.start, end: k.end });
    }
  });

  const names = freshNames(taken);
  // A shorthand costs its name and a colon once local names are shortened (`settings:t`); `[v]:t` then.
  const cost = (c: Copy) =>
    c.kind === 'literal' ? c.raw.length : c.kind === 'shorthand' ? c.end - c.start + 1 : c.end - c.start;
  const replaced = (c: Copy, k: number) =>
    c.kind === 'literal' ? k : c.kind === 'shorthand' ? k + 3 : k + 2;
  // Most copies first, so the shortest names go where they are written most often.
  const candidates = [...copies.entries()]
    .filter(([, list]) => list.length > 1)
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  const declarations: string[] = [];
  const edits: Edit[] = [];
  let pending = names.next().value as string;
  for (const [value, list] of candidates) {
    const k = pending.length;
    const worth = list.filter((c) => cost(c) > replaced(c, k));
    const raw =
      worth.find((c): c is Copy & { kind: 'literal' } => c.kind === 'literal')?.raw ?? JSON.stringify(value);
    const gain = worth.reduce((sum, c) => sum + cost(c) - replaced(c, k), 0) - (k + raw.length + 2);
    if (gain <= 0) continue;
    declarations.push(`${pending}=${raw}`);
    for (const c of worth) {
      if (c.kind === 'member') {
        edits.push({ start: c.start, end: c.end, text: `[${pending}]` });
        continue;
      }
      if (c.kind === 'shorthand') {
        edits.push({ start: c.start, end: c.start, text: `[${pending}]:` });
        continue;
      }
      // `return"x"`, `case"x":` and `"x"in o` need a space once the quote is gone.
      const before = joinsWord(body[c.node.start - 1]) ? ' ' : '';
      const after = joinsWord(body[c.node.end]) ? ' ' : '';
      edits.push({ start: c.node.start, end: c.node.end, text: `${before}${pending}${after}` });
    }
    pending = names.next().value as string;
  }
  for (const [name, list] of [...reads.entries()].sort((a, b) => b[1].length - a[1].length)) {
    if (unsafe.has(name)) continue;
    const k = pending.length;
    if (list.length * (name.length - k) - (k + name.length + 2) <= 0) continue;
    declarations.push(`${pending}=${name}`);
    for (const n of list) {
      // `return!0` needs a space once it reads `return t`.
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
