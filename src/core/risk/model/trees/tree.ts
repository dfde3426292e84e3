/**
 * One regression tree on the log-odds scale, stored as flat node arrays. Every node keeps the value
 * it would predict as a leaf, so a prediction can be explained by the path it takes: each split
 * moves the value from the parent's to the child's, and that change is the split column's share
 * (Saabas's path attribution). The shares along a path add up to the leaf minus the root, exactly.
 */
export interface Tree {
  /** Split column per node; −1 for a leaf. */
  feature: number[];
  /** Values ≤ threshold go left. */
  threshold: number[];
  /** Where a missing value goes (1 left, 0 right). */
  missingLeft: number[];
  left: number[];
  right: number[];
  /** The log-odds the node adds when it is a leaf (shrinkage applied). */
  value: number[];
}

export const isLeaf = (tree: Tree, node: number): boolean => (tree.feature[node] as number) < 0;

function child(tree: Tree, node: number, x: number): number {
  const goLeft = Number.isNaN(x) ? tree.missingLeft[node] === 1 : x <= (tree.threshold[node] as number);
  return (goLeft ? tree.left[node] : tree.right[node]) as number;
}

/** The log-odds a tree adds for a row (its columns' values, NaN when missing). */
export function treeValue(tree: Tree, row: ArrayLike<number>): number {
  let node = 0;
  while (!isLeaf(tree, node)) node = child(tree, node, row[tree.feature[node] as number] as number);
  return tree.value[node] as number;
}

/**
 * Adds each split's change in value to its column in `out`; returns the root's value, the part of
 * the prediction no column explains.
 */
export function attributePath(tree: Tree, row: ArrayLike<number>, out: Float64Array): number {
  let node = 0;
  while (!isLeaf(tree, node)) {
    const f = tree.feature[node] as number;
    const next = child(tree, node, row[f] as number);
    out[f] = (out[f] as number) + (tree.value[next] as number) - (tree.value[node] as number);
    node = next;
  }
  return tree.value[0] as number;
}
