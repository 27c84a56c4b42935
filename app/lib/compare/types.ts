/** Contract of the comparison module (align.ts, compare.server.ts), used by recommendations too. */

/** An article-like unit of a version as alignment sees it. */
export interface AlignUnit {
  /** Provision key, e.g. "art-15" or "art-120-2" or "item-3". */
  key: string;
  /** Label as in the text (第十五条). */
  label: string | null;
  number: number | null;
  suffix: number;
  /** Enclosing structural path key ("ch-3/sec-2"), "" when none. */
  chapterKey: string;
  /** Chapter heading text for display/filters (第三章 学校保护), "" when none. */
  chapterLabel: string;
  /** Exact article text (all paragraphs, "\n"-joined). */
  text: string;
}

export type PairLabel =
  | "unchanged"
  | "modified"
  | "renumbered" // same text (after folding), new number
  | "moved" // moved to another chapter (may also be modified/renumbered)
  | "split" // one old unit -> several new units
  | "merged" // several old units -> one new unit
  | "added"
  | "removed"
  | "reference-update"; // only cross-reference numbers changed because their targets moved

export interface AlignedPair {
  /** Old unit keys (empty for added; several for merged). */
  from: string[];
  /** New unit keys (empty for removed; several for split). */
  to: string[];
  label: PairLabel;
  /** Additional facts: a modified article may also be renumbered and moved. */
  renumbered: boolean;
  moved: boolean;
  /** Similarity of folded texts, 0..1. */
  score: number;
  /** True when a stored override produced this pair. */
  manual: boolean;
}

export interface AlignmentResult {
  pairs: AlignedPair[];
  counts: Record<PairLabel, number>;
}
