/**
 * Myers' O(ND) edit script over integer token ids, step for step the algorithm of jsdiff 9's
 * `diffArrays` (the `diff` package): the same diagonals explored in the same order, the same choice
 * between an insertion and a deletion, the same pruning at the edges of the edit graph, hence the
 * same edit script. Pure; ADR 0005 ("Speed (session 5)").
 *
 * Why not jsdiff itself: the inline diff of a rewrite runs it between every pair of anchors, and its
 * paths are objects in an array indexed by negative diagonals, with one linked-list object per edit
 * (one of the two largest self times of a Minors Protection 2012 -> 2020 comparison). Here the
 * paths are typed arrays indexed by diagonal + offset and the edit components live in a pool of
 * typed arrays; both are reused from call to call as scratch space (nothing of one call's result
 * survives into the next). tests/unit/compare/myers.test.ts checks the scripts against `diffArrays`.
 */

export type EditKind = "equal" | "insert" | "delete";

const EQUAL = 0;
const INSERT = 1;
const DELETE = 2;
const KINDS: EditKind[] = ["equal", "insert", "delete"];

/** Edit components: count, kind and the previous component of the path (-1: none). */
let nodeCount = new Int32Array(1024);
let nodeKind = new Uint8Array(1024);
let nodePrev = new Int32Array(1024);
let nodes = 0;
/** Paths by diagonal: whether one reaches it, how far in the old tokens, and its last component. */
let alive = new Uint8Array(256);
let pathOld = new Int32Array(256);
let pathLast = new Int32Array(256);

function node(count: number, kind: number, prev: number): number {
  if (nodes === nodeCount.length) {
    const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    nodeCount = grow(nodeCount, (n) => new Int32Array(n));
    nodeKind = grow(nodeKind, (n) => new Uint8Array(n));
    nodePrev = grow(nodePrev, (n) => new Int32Array(n));
  }
  nodeCount[nodes] = count;
  nodeKind[nodes] = kind;
  nodePrev[nodes] = prev;
  return nodes++;
}

/**
 * The edit script turning `a` (old) into `b` (new), as jsdiff's `diffArrays(a, b, { timeout,
 * maxEditLength })` would return it: components in order, each passed to `emit`. False (and nothing
 * emitted) when more than `maxEditLength` edits are needed or `performance.now()` passes `deadline`
 * before an edit length is tried (jsdiff checks its clock at the same point).
 */
export function myersEditScript(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  deadline: number,
  maxEditLength: number,
  emit: (kind: EditKind, count: number) => void,
): boolean {
  const oldLen = a.length;
  const newLen = b.length;
  const maxEdit = Math.min(newLen + oldLen, maxEditLength);
  // Diagonal k (old position - new position) is stored at k + offset; k +- 1 stays inside.
  const offset = Math.max(0, maxEdit) + 1;
  const size = 2 * offset + 1;
  if (alive.length < size) {
    alive = new Uint8Array(2 * size);
    pathOld = new Int32Array(2 * size);
    pathLast = new Int32Array(2 * size);
  } else alive.fill(0, 0, size);
  nodes = 0;

  /** Follows the diagonal from the path at k while tokens agree; returns the new position. */
  const extractCommon = (k: number): number => {
    let oldPos = pathOld[k + offset];
    let newPos = oldPos - k;
    const start = newPos;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && a[oldPos + 1] === b[newPos + 1]) {
      newPos++;
      oldPos++;
    }
    if (newPos > start) pathLast[k + offset] = node(newPos - start, EQUAL, pathLast[k + offset]);
    pathOld[k + offset] = oldPos;
    return newPos;
  };
  const finish = (last: number) => {
    const order: number[] = [];
    for (let c = last; c >= 0; c = nodePrev[c]) order.push(c);
    for (let i = order.length - 1; i >= 0; i--) emit(KINDS[nodeKind[order[i]]], nodeCount[order[i]]);
    return true;
  };

  alive[offset] = 1;
  pathOld[offset] = -1;
  pathLast[offset] = -1;
  let newPos = extractCommon(0);
  if (pathOld[offset] + 1 >= oldLen && newPos + 1 >= newLen) return finish(pathLast[offset]);

  let minDiagonal = -Infinity;
  let maxDiagonal = Infinity;
  for (let editLength = 1; editLength <= maxEdit && performance.now() <= deadline; editLength++) {
    for (let k = Math.max(minDiagonal, -editLength); k <= Math.min(maxDiagonal, editLength); k += 2) {
      const removeAt = k - 1 + offset;
      const addAt = k + 1 + offset;
      const hasRemove = alive[removeAt] === 1;
      const hasAdd = alive[addAt] === 1;
      // No one else reads the path on k - 1 after this (jsdiff clears it the same way).
      if (hasRemove) alive[removeAt] = 0;
      const canAdd = hasAdd && 0 <= pathOld[addAt] - k && pathOld[addAt] - k < newLen;
      const canRemove = hasRemove && pathOld[removeAt] + 1 < oldLen;
      const at = k + offset;
      if (!canAdd && !canRemove) {
        alive[at] = 0;
        continue;
      }
      // Extend the path that reached farthest in the old tokens without leaving the edit graph.
      const insert = !canRemove || (canAdd && pathOld[removeAt] < pathOld[addAt]);
      const from = insert ? addAt : removeAt;
      const kind = insert ? INSERT : DELETE;
      const last = pathLast[from];
      pathLast[at] =
        last >= 0 && nodeKind[last] === kind ? node(nodeCount[last] + 1, kind, nodePrev[last]) : node(1, kind, last);
      pathOld[at] = pathOld[from] + (insert ? 0 : 1);
      alive[at] = 1;
      newPos = extractCommon(k);
      if (pathOld[at] + 1 >= oldLen && newPos + 1 >= newLen) return finish(pathLast[at]);
      if (pathOld[at] + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, k - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, k + 1);
    }
  }
  return false;
}
