/** Diff segments and the helpers the browser needs too (no segmenter, no folding: safe for the client bundle). */
import type { PairLabel } from "./types";

export const PAIR_LABELS: PairLabel[] = [
  "unchanged",
  "modified",
  "renumbered",
  "moved",
  "split",
  "merged",
  "added",
  "removed",
  "reference-update",
];

export interface DiffSegment {
  kind: "equal" | "insert" | "delete";
  /** Exact source text: of the new side for equal and insert, of the old side for delete. */
  text: string;
  /** Equal segments only: the old side's exact text when it differs typographically from `text`. */
  oldText?: string;
}

/** The old side's exact text as segments (equal + delete). */
export function oldSide(segments: DiffSegment[]): DiffSegment[] {
  return segments
    .filter((s) => s.kind !== "insert")
    .map((s) => (s.kind === "equal" ? { kind: "equal", text: s.oldText ?? s.text } : s));
}

/** The new side's exact text as segments (equal + insert). */
export function newSide(segments: DiffSegment[]): DiffSegment[] {
  return segments.filter((s) => s.kind !== "delete").map((s) => (s.kind === "equal" ? { kind: "equal", text: s.text } : s));
}

export function hasChanges(segments: DiffSegment[]): boolean {
  return segments.some((s) => s.kind !== "equal");
}

/** One unit of a side as the page shows it; `head + body` is the exact text. */
export interface SideUnit {
  body: string;
}

/**
 * Cut one side's segments (over bodies joined by "\n") back into one list per unit, so that each
 * unit of a split or merge shows under its own label.
 */
export function segmentsPerUnit(units: SideUnit[], segments: DiffSegment[]): DiffSegment[][] {
  if (units.length <= 1) return [segments];
  const out: DiffSegment[][] = [];
  const queue = segments.map((s) => ({ kind: s.kind, text: s.text }));
  units.forEach((u, i) => {
    let need = u.body.length;
    const mine: DiffSegment[] = [];
    while (need > 0 && queue.length) {
      const s = queue[0];
      if (s.text.length <= need) {
        mine.push(s);
        need -= s.text.length;
        queue.shift();
      } else {
        mine.push({ kind: s.kind, text: s.text.slice(0, need) });
        queue[0] = { kind: s.kind, text: s.text.slice(need) };
        need = 0;
      }
    }
    if (i < units.length - 1 && queue.length && queue[0].text.startsWith("\n")) {
      queue[0] = { ...queue[0], text: queue[0].text.slice(1) };
      if (!queue[0].text) queue.shift();
    }
    out.push(mine);
  });
  return out;
}
