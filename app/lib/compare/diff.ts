/**
 * Inline diff of two article texts over Chinese word tokens (jieba), punctuation as its own tokens.
 *
 * By default typography is not a change: both texts are tokenised in their folded form (so a stray
 * space or a full-width colon cannot even change the tokenisation) and tokens are compared folded,
 * but every segment carries the EXACT source text of its side. `showTypography` compares the exact
 * tokens instead, for readers who want to see every character that differs.
 */
import { foldWithOffsets, type FoldedText } from "~/lib/text/normalize";
import { longestIncreasingRun } from "./increasing";
import { myersEditScript } from "./myers";
import type { DiffSegment } from "./segments";
import { cutWords as cut } from "./words";

export { hasChanges, newSide, oldSide, type DiffSegment } from "./segments";

export interface DiffOptions {
  /** Count full-width/ASCII punctuation, spaces, quotes and zero-width characters as changes. */
  showTypography?: boolean;
  /** Milliseconds before giving up and showing a whole-text replacement. */
  timeout?: number;
  /** `foldWithOffsets` of both texts when the caller has them already (buildRows shares them with the signals). */
  folded?: { old: FoldedText; new: FoldedText };
}

interface Token {
  /** Compared form. */
  key: string;
  /** Exact source slice this token stands for (including any ignorable characters after it). */
  source: string;
}

export function tokenize(source: string, showTypography = false, folded: FoldedText = foldWithOffsets(source)): Token[] {
  if (showTypography) return cut(source).map((w) => ({ key: w, source: w }));
  const words = cut(folded.text);
  const tokens: Token[] = [];
  let at = 0;
  // Source characters that fold to nothing (spaces, zero-width) travel with the token before them;
  // leading ones with the first token.
  let sourceStart = 0;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    const next = at + w.length;
    const sourceEnd = k + 1 < words.length ? folded.offsets[next] : source.length;
    tokens.push({ key: w, source: source.slice(sourceStart, sourceEnd) });
    sourceStart = sourceEnd;
    at = next;
  }
  if (tokens.length === 0 && source) tokens.push({ key: "", source });
  else if (sourceStart < source.length) tokens[tokens.length - 1].source += source.slice(sourceStart);
  return tokens;
}

function push(out: DiffSegment[], kind: DiffSegment["kind"], text: string, oldText?: string) {
  if (!text && !oldText) return;
  const last = out[out.length - 1];
  if (last && last.kind === kind) {
    if (kind === "equal") {
      const lastOld = last.oldText ?? last.text;
      last.text += text;
      const mergedOld = lastOld + (oldText ?? text);
      if (mergedOld !== last.text) last.oldText = mergedOld;
      else delete last.oldText;
    } else last.text += text;
    return;
  }
  const seg: DiffSegment = { kind, text };
  if (kind === "equal" && oldText !== undefined && oldText !== text) seg.oldText = oldText;
  out.push(seg);
}

interface Op {
  kind: "equal" | "insert" | "delete";
  count: number;
}

/**
 * Edit script of two token lists: tokens that occur exactly once on each side, in the same order
 * (longest increasing run), anchor the texts, and Myers' O(ND) diff runs only between anchors.
 * The anchors keep a long rewritten article from costing one large O(ND) search (the 2012 -> 2020
 * Minors Protection rewrite spent most of its comparison time there), and they are the unchanged
 * words a reader recognises, so the edits fall between them (the "patience" strategy of git diff).
 * Null when a segment runs out of time.
 */
export function anchoredDiff(a: string[], b: string[], timeout: number): Op[] | null {
  const ids = new Map<string, number>();
  const x = tokenIds(a.map((key) => ({ key, source: key })), ids);
  const y = tokenIds(b.map((key) => ({ key, source: key })), ids);
  return anchoredDiffOfIds(x, y, ids.size, timeout);
}

/** Dense ids of the tokens' compared forms, shared through `ids` by the two sides of one diff. */
function tokenIds(tokens: Token[], ids: Map<string, number>): Int32Array {
  const out = new Int32Array(tokens.length);
  for (let k = 0; k < tokens.length; k++) {
    let id = ids.get(tokens[k].key);
    if (id === undefined) ids.set(tokens[k].key, (id = ids.size));
    out[k] = id;
  }
  return out;
}

/**
 * anchoredDiff over token ids (0 .. idCount - 1): equal ids are equal tokens. Between anchors the
 * edit script is jsdiff's `diffArrays` one, computed by myers.ts on the ids (ADR 0005, "Speed
 * (session 5)").
 */
function anchoredDiffOfIds(a: Int32Array, b: Int32Array, idCount: number, timeout: number): Op[] | null {
  const deadline = performance.now() + timeout;
  const ops: Op[] = [];
  const emit = (kind: Op["kind"], count: number) => {
    if (count <= 0) return;
    const last = ops[ops.length - 1];
    if (last && last.kind === kind) last.count += count;
    else ops.push({ kind, count });
  };
  const anchors = uniqueCommonAnchors(a, b, idCount);
  anchors.push([a.length, b.length]);
  let ai = 0;
  let bi = 0;
  for (const [ia, ib] of anchors) {
    if (ia > ai || ib > bi) {
      if (ia === ai) emit("insert", ib - bi);
      else if (ib === bi) emit("delete", ia - ai);
      else {
        const left = deadline - performance.now();
        if (left <= 0) return null;
        if (!myersEditScript(a.subarray(ai, ia), b.subarray(bi, ib), performance.now() + left, 4000, emit)) return null;
      }
    }
    if (ia < a.length) emit("equal", 1);
    ai = ia + 1;
    bi = ib + 1;
  }
  return ops;
}

/** Pairs (i, j) of tokens unique in a and in b with a[i] === b[j], longest run increasing in both. */
function uniqueCommonAnchors(a: Int32Array, b: Int32Array, idCount: number): [number, number][] {
  // Position of each id's only occurrence; -1 not seen, -2 seen more than once.
  const inA = new Int32Array(idCount).fill(-1);
  for (let i = 0; i < a.length; i++) inA[a[i]] = inA[a[i]] === -1 ? i : -2;
  const inB = new Int32Array(idCount).fill(-1);
  for (let j = 0; j < b.length; j++) inB[b[j]] = inB[b[j]] === -1 ? j : -2;
  const pairs: [number, number][] = [];
  for (let i = 0; i < a.length; i++) if (inA[a[i]] === i && inB[a[i]] >= 0) pairs.push([i, inB[a[i]]]);
  // Pairs are already increasing in i.
  return longestIncreasingRun(pairs);
}

export function diffTexts(oldText: string, newText: string, opts: DiffOptions = {}): DiffSegment[] {
  const out: DiffSegment[] = [];
  if (oldText === newText) {
    push(out, "equal", newText);
    return out;
  }
  // Added and removed articles need no segmentation at all.
  if (!oldText || !newText) {
    push(out, "delete", oldText);
    push(out, "insert", newText);
    return out;
  }
  const foldedOld = opts.folded?.old ?? foldWithOffsets(oldText);
  const foldedNew = opts.folded?.new ?? foldWithOffsets(newText);
  if (!opts.showTypography && foldedOld.text === foldedNew.text) {
    push(out, "equal", newText, oldText);
    return out;
  }
  const a = tokenize(oldText, opts.showTypography, foldedOld);
  const b = tokenize(newText, opts.showTypography, foldedNew);
  const ids = new Map<string, number>();
  const x = tokenIds(a, ids);
  const y = tokenIds(b, ids);
  // The common head and tail need no edit script (most of an amended article).
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  for (let k = 0; k < head; k++) push(out, "equal", b[k].source, a[k].source);
  const ops = anchoredDiffOfIds(x.subarray(head, x.length - tail), y.subarray(head, y.length - tail), ids.size, opts.timeout ?? 200);
  if (!ops) {
    return [
      { kind: "delete", text: oldText },
      { kind: "insert", text: newText },
    ];
  }
  let ai = head;
  let bi = head;
  for (const op of ops) {
    if (op.kind === "insert") {
      for (let k = 0; k < op.count; k++) push(out, "insert", b[bi++].source);
    } else if (op.kind === "delete") {
      for (let k = 0; k < op.count; k++) push(out, "delete", a[ai++].source);
    } else {
      for (let k = 0; k < op.count; k++) push(out, "equal", b[bi++].source, a[ai++].source);
    }
  }
  for (let k = 0; k < tail; k++) push(out, "equal", b[bi++].source, a[ai++].source);
  return out;
}
