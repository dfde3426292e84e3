/**
 * esbuild's keepNames gives every named function its source name back with one call after it,
 * `i(Jo,"helpCard");` — 1,300 of them, ~25 KB of a bundle Apps Script parses on every card click.
 * V8 prints that `name` in stack traces, so the names must stay; only their spelling can shrink.
 *
 * This pass moves the calls for the bundle's top-level functions into two tables inside the IIFE:
 *   __setNames("4Card 0helpCard …", Jo, ma, …);
 * names sorted and front-coded (the first character, base 36, says how many leading characters the
 * name shares with the one before it), so `checkAction checkButton` costs `checkAction 5Button`.
 * - Function declarations are hoisted, so their table runs first: they have their names before any
 *   module code runs, exactly as with keepNames.
 * - `var x = i(() => …, "name")` (a top-level arrow or function expression) keeps its value and gets
 *   its name from the second table, which runs after the module code, just before the IIFE returns;
 *   only variables never assigned again are moved, so the table names the very function keepNames
 *   named. Nothing calls these while the module loads except to build tables, and no code reads
 *   `.name`, so a load-time trace is the only thing that could differ.
 * Calls inside functions, and classes, keep esbuild's form.
 */
import { applyEdits, isNode, parseBundle, walk, type Edit, type JsNode as Node } from './js-edits';

export const SET_NAMES = '__setNames';

export interface NamedFunction {
  /** The minified binding, e.g. `Jo`. */
  id: string;
  /** The source name keepNames gives it, e.g. `helpCard`. */
  name: string;
}

export interface CompactedNames {
  code: string;
  /** Named by the first table (function declarations) and by the second (top-level expressions). */
  hoisted: NamedFunction[];
  late: NamedFunction[];
}

/** Front-coded, sorted names, and the bindings in the same order. */
export function encodeNames(entries: readonly NamedFunction[]): { text: string; ids: string[] } {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let previous = '';
  const words = sorted.map(({ name }) => {
    let shared = 0;
    while (shared < 35 && shared < name.length - 1 && name[shared] === previous[shared]) shared++;
    previous = name;
    return shared.toString(36) + name.slice(shared);
  });
  return { text: words.join(' '), ids: sorted.map((e) => e.id) };
}

/** The inverse of encodeNames' text, written as the bundle's decoder is (kept in step by a test). */
export function decodeNames(text: string): string[] {
  let previous = '';
  return text.split(' ').map((w) => (previous = previous.slice(0, parseInt(w[0]!, 36)) + w.slice(1)));
}

/** The decoder shipped in the bundle: one hoisted function, so both tables can call it. */
const DECODER =
  `function ${SET_NAMES}(t,...f){let p="";t.split(" ").forEach((w,k)=>{p=p.slice(0,parseInt(w[0],36))+w.slice(1);` +
  `Object.defineProperty(f[k],"name",{value:p,configurable:!0})})}`;

const NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * `unnamed(position)`: true for a function written by a package (zod), not by ChurnGuard. Its top-level
 * naming call is dropped instead of moved to a table: a stack trace names ChurnGuard's own functions,
 * which is what a logged error needs; zod's keep the minified name (zod gives its schema classes
 * their names itself, `$constructor`, so `instanceof` messages and class names do not change).
 */
export function compactNames(
  body: string,
  namespace: string,
  unnamed: (position: number) => boolean = () => false,
): CompactedNames {
  // `{value:t,…}` with minified names, `{value,…}` (shorthand) with esbuild's own.
  const helper =
    /var ([\w$]+)=\(([\w$]+),([\w$]+)\)=>[\w$]+\(\2,"name",\{value(?::\3)?,configurable:!0\}\)/.exec(
      body,
    )?.[1];
  if (!helper) return { code: body, hoisted: [], late: [] };
  if (new RegExp(`\\b${SET_NAMES}\\b`).test(body)) throw new Error(`the bundle already uses ${SET_NAMES}`);
  const { program, block } = parseBundle(body, namespace);
  const statements = block.body as Node[];

  // Every name assigned anywhere (any scope): such a top-level variable is not moved.
  const reassigned = new Set<string>();
  walk(program, (n) => {
    const target =
      n.type === 'AssignmentExpression' ? n.left : n.type === 'UpdateExpression' ? n.argument : null;
    if (isNode(target) && target.type === 'Identifier') reassigned.add(target.name as string);
  });
  const declaredFunctions = new Set(
    statements.filter((s) => s.type === 'FunctionDeclaration').map((s) => (s.id as Node).name as string),
  );
  const declaredVars = new Map<string, number>();
  for (const s of statements)
    if (s.type === 'VariableDeclaration')
      for (const d of s.declarations as Node[]) {
        const id = d.id as Node;
        if (id.type === 'Identifier')
          declaredVars.set(id.name as string, (declaredVars.get(id.name as string) ?? 0) + 1);
      }

  const namingCall = (n: unknown): { target: Node; name: string } | null => {
    if (!isNode(n) || n.type !== 'CallExpression') return null;
    const fn = n.callee as Node;
    const args = n.arguments as Node[];
    if (fn.type !== 'Identifier' || fn.name !== helper || args.length !== 2) return null;
    const [target, literal] = args as [Node, Node];
    if (literal.type !== 'Literal' || typeof literal.value !== 'string' || !NAME.test(literal.value))
      return null;
    return { target, name: literal.value };
  };

  const edits: Edit[] = [];
  const hoisted: NamedFunction[] = [];
  const late: NamedFunction[] = [];
  for (const s of statements) {
    if (s.type === 'ExpressionStatement') {
      const call = namingCall(s.expression);
      const id = call?.target.type === 'Identifier' ? (call.target.name as string) : null;
      if (call && id && declaredFunctions.has(id) && !reassigned.has(id) && !declaredVars.has(id)) {
        if (!unnamed(call.target.start)) hoisted.push({ id, name: call.name });
        edits.push({ start: s.start, end: s.end, text: '' });
      }
    } else if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations as Node[]) {
        const id = d.id as Node;
        const call = namingCall(d.init);
        if (!call || id.type !== 'Identifier') continue;
        const name = id.name as string;
        const kind = call.target.type;
        if (kind !== 'ArrowFunctionExpression' && kind !== 'FunctionExpression') continue;
        if (reassigned.has(name) || declaredVars.get(name) !== 1 || declaredFunctions.has(name)) continue;
        if (!unnamed(call.target.start)) late.push({ id: name, name: call.name });
        const init = d.init as Node;
        edits.push({
          start: init.start,
          end: init.end,
          text: body.slice(call.target.start, call.target.end),
        });
      }
    }
  }
  const table = (entries: NamedFunction[]) => {
    if (entries.length === 0) return '';
    const { text, ids } = encodeNames(entries);
    return `${SET_NAMES}(${JSON.stringify(text)},${ids.join(',')});`;
  };
  const last = statements[statements.length - 1];
  const lateAt = last?.type === 'ReturnStatement' ? last.start : block.end - 1;
  edits.push({ start: block.start + 1, end: block.start + 1, text: DECODER + table(hoisted) });
  edits.push({ start: lateAt, end: lateAt, text: table(late) });

  return { code: applyEdits(body, edits), hoisted, late };
}
