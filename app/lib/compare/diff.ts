/**
 * Inline diff of two article texts over Chinese word tokens (jieba), punctuation as its own tokens.
 *
 * By default typography is not a change: both texts are tokenised in their folded form (so a stray
 * space or a full-width colon cannot even change the tokenisation) and tokens are compared folded,
 * but every segment carries the EXACT source text of its side. `showTypography` compares the exact
 * tokens instead, for readers who want to see every character that differs.
 */
import { diffArrays } from "diff";
import { foldWithOffsets, type FoldedText } from "~/lib/text/normalize";
import { longestIncreasingRun } from "./increasing";
import type { DiffSegment } from "./segments";
import { cutWords as cut } from "./words";

export { hasChanges, newSide, oldSide, type DiffSegment } from "./segments";

export interface DiffOptions {
  /** Count full-width/ASCII punctuation, spaces, quotes and zero-width characters as changes. */
  showTypography?: boolean;
  /** Milliseconds before giving up and showing a whole-text replacement. */
  timeout?: number;
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
 * (longest increasing run), anchor the texts, and `diffArrays` (Myers) runs only between anchors.
 * The anchors keep a long rewritten article from costing one large O(ND) search (the 2012 -> 2020
 * Minors Protection rewrite spent most of its comparison time there), and they are the unchanged
 * words a reader recognises, so the edits fall between them (the "patience" strategy of git diff).
 * Null when a segment runs out of time.
 */
export function anchoredDiff(a: string[], b: string[], timeout: number): Op[] | null {
  const deadline = performance.now() + timeout;
  const ops: Op[] = [];
  const emit = (kind: Op["kind"], count: number) => {
    if (count <= 0) return;
    const last = ops[ops.length - 1];
    if (last && last.kind === kind) last.count += count;
    else ops.push({ kind, count });
  };
  const anchors = uniqueCommonAnchors(a, b);
  let ai = 0;
  let bi = 0;
  for (const [ia, ib] of [...anchors, [a.length, b.length] as [number, number]]) {
    if (ia > ai || ib > bi) {
      if (ia === ai) emit("insert", ib - bi);
      else if (ib === bi) emit("delete", ia - ai);
      else {
        const left = deadline - performance.now();
        if (left <= 0) return null;
        const changes = diffArrays(a.slice(ai, ia), b.slice(bi, ib), {
          timeout: left,
          maxEditLength: 4000,
        });
        if (!changes) return null;
        for (const c of changes) emit(c.added ? "insert" : c.removed ? "delete" : "equal", c.count ?? 0);
      }
    }
    if (ia < a.length) emit("equal", 1);
    ai = ia + 1;
    bi = ib + 1;
  }
  return ops;
}

/** Pairs (i, j) of tokens unique in a and in b with a[i] === b[j], longest run increasing in both. */
function uniqueCommonAnchors(a: string[], b: string[]): [number, number][] {
  const inA = new Map<string, number>();
  for (let i = 0; i < a.length; i++) inA.set(a[i], inA.has(a[i]) ? -1 : i);
  const inB = new Map<string, number>();
  for (let j = 0; j < b.length; j++) inB.set(b[j], inB.has(b[j]) ? -1 : j);
  const pairs: [number, number][] = [];
  for (let i = 0; i < a.length; i++) {
    const ia = inA.get(a[i])!;
    const jb = inB.get(a[i]);
    if (ia === i && jb !== undefined && jb >= 0) pairs.push([i, jb]);
  }
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
  const foldedOld = foldWithOffsets(oldText);
  const foldedNew = foldWithOffsets(newText);
  if (!opts.showTypography && foldedOld.text === foldedNew.text) {
    push(out, "equal", newText, oldText);
    return out;
  }
  const a = tokenize(oldText, opts.showTypography, foldedOld);
  const b = tokenize(newText, opts.showTypography, foldedNew);
  // The common head and tail need no edit script (most of an amended article).
  let head = 0;
  while (head < a.length && head < b.length && a[head].key === b[head].key) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail].key === b[b.length - 1 - tail].key) tail++;
  for (let k = 0; k < head; k++) push(out, "equal", b[k].source, a[k].source);
  const ops = anchoredDiff(
    a.slice(head, a.length - tail).map((t) => t.key),
    b.slice(head, b.length - tail).map((t) => t.key),
    opts.timeout ?? 200
  );
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
