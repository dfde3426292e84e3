/**
 * Shared by the build passes that rewrite esbuild's output (compact-names.ts, shared-strings.ts):
 * parse it, find the bundle's IIFE body, walk nodes, and apply text edits in one pass.
 */
import * as acorn from 'acorn';

export type JsNode = acorn.Node & Record<string, unknown>;

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export const isNode = (v: unknown): v is JsNode =>
  typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';

/** Every node, depth first, with its parent and the key it sits under. */
export function walk(
  node: JsNode,
  visit: (n: JsNode, parent: JsNode | null, key: string) => void,
  parent: JsNode | null = null,
  key = '',
): void {
  visit(node, parent, key);
  for (const [k, value] of Object.entries(node)) {
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) walk(v, visit, node, k);
    } else if (isNode(value)) walk(value, visit, node, k);
  }
}

/** The program and the block of `var <namespace> = (() => { … })()`. */
export function parseBundle(code: string, namespace: string): { program: JsNode; block: JsNode } {
  const program = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script' }) as unknown as JsNode;
  const iife = (program.body as JsNode[])
    .flatMap((s) => (s.type === 'VariableDeclaration' ? (s.declarations as JsNode[]) : []))
    .find((d) => (d.id as JsNode).name === namespace)?.init as JsNode | undefined;
  const callee = iife?.callee as JsNode | undefined;
  const block = callee?.body as JsNode | undefined;
  if (!callee || callee.type !== 'ArrowFunctionExpression' || !block || block.type !== 'BlockStatement') {
    throw new Error(`the bundle's ${namespace} is not an arrow IIFE`);
  }
  return { program, block };
}

/** Applies non-overlapping edits (insertions have start === end) in one pass. */
export function applyEdits(code: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at ${e.start}`);
    parts.push(code.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(code.slice(at));
  return parts.join('');
}
