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

/**
 * One side of a paragraph link: which lines of which article. `lines` are 0-based indexes into
 * `AlignUnit.text.split("\n")` (line 0 carries the article label). A 款 is one lead line plus the
 * item lines (（一）…) that follow it, so a link at 款 level lists the lead line and its items; a link
 * on a long 款 may list a single sentence's line only once sentences are aligned (then `sentences`
 * says which sentences of that line, 0-based, split at 。；).
 */
export interface ParagraphSide {
  key: string;
  lines: number[];
  sentences?: number[];
}

/**
 * How a piece of text travelled:
 * - same: identical up to typography;
 * - modified: reworded in place (same article pair, same relative place);
 * - moved: carried into another article than its article's one-to-one partner (a 款 that moved
 *   into another article, the parts of a split or merge), whether reworded or not;
 * - reference-update: equal once 第X条 references are masked, and the references follow their targets.
 */
export type LinkKind = "same" | "modified" | "moved" | "reference-update";

/** A 款 (or sentence) of the old version traced to where its content went in the new one. */
export interface ParagraphLink {
  from: ParagraphSide;
  to: ParagraphSide;
  kind: LinkKind;
  /** Similarity of the two texts (folded), 0..1; 1 for same. */
  score: number;
  /**
   * True for the link that carries the bulk of the old text (the main successor); false for a
   * secondary "also draws on" link (a sentence reused, a clause partly merged in).
   */
  primary: boolean;
}

/**
 * An article-level link, derived from the paragraph links (an article pair exists when any of their
 * 款 are linked). This is what the references score (tests/fixtures/align/*.json).
 */
export interface ArticleLink {
  from: string;
  to: string;
  primary: boolean;
  score: number;
}

/**
 * One row of the 新旧对照 table: a connected component of the link graph, i.e. all old articles and
 * all new articles joined by any link. A split into three is one row naming all three new articles.
 */
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
  /**
   * The 款/sentence links drawn inside this group, primary ones first in reading order of the new
   * version. Empty for added/removed groups. A manual group gets article-wide links (all lines).
   * Optional only so that pairs built elsewhere (tests, alignments cached by an older algorithm)
   * still type-check; alignArticles always sets it.
   */
  links?: ParagraphLink[];
  /**
   * Secondary article links of this group ("also draws on"): article pairs joined only by secondary
   * paragraph links. Shown as such, not dropped; they are also in `links` with primary = false.
   * Always set by alignArticles (optional for the same reason as `links`).
   */
  secondary?: ArticleLink[];
}

export interface AlignmentResult {
  /** Groups (rows) in reading order of the new version. */
  pairs: AlignedPair[];
  /** Groups per label; they add up to pairs.length. */
  counts: Record<PairLabel, number>;
  /** Every article link of every group (primary and secondary), for scoring and history lookups. */
  links: ArticleLink[];
}
