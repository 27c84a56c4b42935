/**
 * Outcome check (pure): when a new version arrives, how much of a submitted recommendation's
 * proposed wording made it into the text? A suggestion only — a lead confirms or corrects it.
 *
 * Two signals, both on folded text (punctuation width, spaces and traditional characters do not
 * count as changes):
 * - similarity of the proposed wording and the new text (LCS Dice, 0..1);
 * - coverage of the proposal's own edits: the fragments it inserted into the original that now
 *   appear in the new text, and the fragments it deleted that are now gone, weighted by length.
 * Coverage matters because a legislature rarely copies a proposal verbatim but often takes its
 * key insertion ("应当在二十四小时内").
 */
import { foldForMatch } from "~/lib/text/normalize";
import { changedFragments, redline } from "./redline";

export type SuggestedOutcome = "adopted" | "partially_adopted" | "not_adopted";

export interface OutcomeInput {
  /** Text of the anchored provision in the version the recommendation was drafted on. */
  originalText: string;
  proposedText: string;
  /** Text of the aligned provision in the new version; null when it was removed. */
  newText: string | null;
}

export type OutcomeReason =
  | "identical"
  | "removed-as-proposed"
  | "removed"
  | "unchanged"
  | "edits-adopted"
  | "edits-partly-adopted"
  | "edits-not-adopted";

export interface OutcomeSuggestion {
  outcome: SuggestedOutcome;
  /** Similarity of the proposed wording and the new text, 0..1 (rounded to 3 places). */
  score: number;
  /** Share of the proposal's edits (by length) found in the new text; null when it made none. */
  coverage: number | null;
  reason: OutcomeReason;
}

const LCS_MAX_CELLS = 4_000_000;

function bigramDice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const counts = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const c = counts.get(g) ?? 0;
    if (c > 0) {
      common++;
      counts.set(g, c - 1);
    }
  }
  return (2 * common) / (a.length - 1 + b.length - 1);
}

function lcsLength(a: string, b: string): number {
  let prev = new Uint32Array(b.length + 1);
  let row = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ac = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      row[j] = ac === b.charCodeAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]);
    }
    [prev, row] = [row, prev];
  }
  return prev[b.length];
}

/** Similarity of two texts after folding, 0..1. */
export function similarity(a: string, b: string): number {
  const fa = foldForMatch(a);
  const fb = foldForMatch(b);
  if (!fa && !fb) return 1;
  if (!fa || !fb) return 0;
  if (fa === fb) return 1;
  if (fa.length * fb.length > LCS_MAX_CELLS) return bigramDice(fa, fb);
  return (2 * lcsLength(fa, fb)) / (fa.length + fb.length);
}

/** Clauses of an edit: a long inserted sentence is credited clause by clause. */
function clauses(fragment: string): string[] {
  return fragment
    .split(/[,.;:!?]/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 2);
}

function coverageOf(original: string, proposed: string, next: string): number | null {
  const { inserted, deleted } = changedFragments(redline(original, proposed));
  let total = 0;
  let hit = 0;
  for (const clause of inserted.flatMap(clauses)) {
    total += clause.length;
    if (next.includes(clause)) hit += clause.length;
  }
  for (const clause of deleted.flatMap(clauses)) {
    total += clause.length;
    if (!next.includes(clause)) hit += clause.length;
  }
  return total === 0 ? null : hit / total;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function suggestOutcome(input: OutcomeInput): OutcomeSuggestion {
  const original = foldForMatch(input.originalText);
  const proposed = foldForMatch(input.proposedText);
  if (input.newText === null) {
    return proposed
      ? { outcome: "not_adopted", score: 0, coverage: null, reason: "removed" }
      : { outcome: "adopted", score: 1, coverage: 1, reason: "removed-as-proposed" };
  }
  const next = foldForMatch(input.newText);
  if (next === proposed) return { outcome: "adopted", score: 1, coverage: 1, reason: "identical" };
  const score = round(similarity(input.proposedText, input.newText));
  if (next === original) return { outcome: "not_adopted", score, coverage: 0, reason: "unchanged" };

  const coverage = coverageOf(original, proposed, next);
  const toOriginal = similarity(input.originalText, input.newText);
  const c = coverage ?? 0;
  if (score >= 0.95 || (c >= 0.85 && score >= 0.8))
    return { outcome: "adopted", score, coverage: coverage === null ? null : round(c), reason: "edits-adopted" };
  if (c >= 0.25 || score - toOriginal >= 0.05)
    return {
      outcome: "partially_adopted",
      score,
      coverage: coverage === null ? null : round(c),
      reason: "edits-partly-adopted",
    };
  return { outcome: "not_adopted", score, coverage: coverage === null ? null : round(c), reason: "edits-not-adopted" };
}
