/**
 * What a comparison row is, one value per row, so that the summary's counts add up to the rows.
 * Renumbering, moving to another chapter and a manual correction are attributes, not kinds: nearly
 * every article of a rewrite is renumbered *and* modified. Client-safe (no segmenter).
 */
export const ROW_KINDS = ["modified", "split", "merged", "regrouped", "added", "removed", "reference-update", "unchanged"] as const;
export type RowKind = (typeof ROW_KINDS)[number];
export const ROW_FLAGS = ["renumbered", "moved", "manual"] as const;
export type RowFlag = (typeof ROW_FLAGS)[number];
