/**
 * Re-anchoring one recommendation in a new version (pure). Given the alignment of the old and
 * new versions and the stored quote, decide where the anchor now stands:
 *
 * - found: same key, and the quote (if any) is still there;
 * - moved: the provision or the quote now lives under another key (renumbered, moved article,
 *   quote moved to another article);
 * - ambiguous: the article was split, or the quote matches several places equally well;
 * - orphaned: the article was removed, or the quote is gone from it.
 *
 * Never drops an anchor: an ambiguous or orphaned result still carries the best guess (the first
 * candidate, the aligned article) so the owner starts from somewhere, and a note saying why.
 */
import type { AlignedPair } from "~/lib/compare/types";
import { findQuote, type QuoteMatch, type QuoteSelector } from "./anchor";
import { unitKeyOf } from "./keys";

export type AnchorState = "found" | "moved" | "ambiguous" | "orphaned";

export interface NewProvision {
  key: string;
  text: string;
  isUnit: boolean;
  depth: number;
  position: number;
}

export interface ReanchorInput {
  /** Anchored key in the old version (an article or a paragraph/item under it). */
  oldKey: string;
  /** Unit keys of the old version. */
  oldUnitKeys: string[];
  /** Exact text of the anchored provision in the old version; null when it is not there. */
  oldText: string | null;
  /** The stored quote, if the recommendation quotes a span. */
  selector: QuoteSelector | null;
  pairs: AlignedPair[];
  /** Every provision of the new version. */
  newProvisions: NewProvision[];
}

export interface AnchorNote {
  key: string;
  params: Record<string, string | number>;
}

export interface ReanchorResult {
  state: AnchorState;
  /** Best key in the new version (null only when nothing corresponds at all). */
  key: string | null;
  /** Every place it could be, for ambiguous results. */
  candidates: string[];
  note: AnchorNote;
  /** The quote's new exact text, when found. */
  match: { key: string; text: string; method: QuoteMatch["method"]; score: number } | null;
}

const note = (key: string, params: Record<string, string | number> = {}): AnchorNote => ({
  key: `recommendations.anchorNote.${key}`,
  params,
});

/** Deepest provision under `unitKey` whose text holds the match (a quote inside paragraph 2 → para-2). */
function deepestHolder(unit: NewProvision, match: QuoteMatch, provisions: NewProvision[]): string {
  const matched = unit.text.slice(match.start, match.end);
  const inside = provisions
    .filter((p) => p.key.startsWith(unit.key + "/") && p.text.includes(matched))
    .sort((a, b) => b.depth - a.depth || a.position - b.position);
  if (!inside.length) return unit.key;
  const deepest = inside.filter((p) => p.depth === inside[0].depth);
  if (deepest.length === 1) return deepest[0].key;
  // The same words in two paragraphs: keep the one that covers the matched offsets.
  for (const p of deepest) {
    let at = unit.text.indexOf(p.text);
    while (at >= 0) {
      if (at <= match.start && match.end <= at + p.text.length) return p.key;
      at = unit.text.indexOf(p.text, at + 1);
    }
  }
  return unit.key;
}

interface Located {
  unit: NewProvision;
  match: QuoteMatch;
}

function locate(
  units: NewProvision[],
  selector: QuoteSelector,
  fuzzy: boolean,
): { found: Located[]; ambiguous: NewProvision[] } {
  const found: Located[] = [];
  const ambiguous: NewProvision[] = [];
  for (const unit of units) {
    const r = findQuote(unit.text, selector, { fuzzy });
    if (r.status === "found") found.push({ unit, match: r.match });
    else if (r.status === "ambiguous") ambiguous.push(unit);
  }
  // An exact or folded hit beats approximate ones elsewhere: the text was copied, not reworded.
  const best = found.some((f) => f.match.method !== "fuzzy") ? found.filter((f) => f.match.method !== "fuzzy") : found;
  return { found: best, ambiguous };
}

export function reanchor(input: ReanchorInput): ReanchorResult {
  const { oldKey, pairs, newProvisions } = input;
  const oldUnit = unitKeyOf(input.oldUnitKeys, oldKey);
  if (!oldUnit || input.oldText === null)
    return { state: "orphaned", key: null, candidates: [], note: note("anchorMissing", { key: oldKey }), match: null };
  const pair = pairs.find((p) => p.from.includes(oldUnit));
  if (!pair || pair.to.length === 0)
    return { state: "orphaned", key: null, candidates: [], note: note("removed", { key: oldUnit }), match: null };

  const byKey = new Map(newProvisions.map((p) => [p.key, p]));
  const targets = pair.to.map((k) => byKey.get(k)).filter((p): p is NewProvision => Boolean(p));
  const isSub = oldKey !== oldUnit;
  const relative = isSub ? oldKey.slice(oldUnit.length) : "";
  // A paragraph anchored without a quote is followed by its own text: paragraph numbers shift.
  const selector = input.selector ?? (isSub ? { quote: input.oldText, prefix: "", suffix: "" } : null);
  const stateFor = (key: string): AnchorState => (key === oldKey ? "found" : "moved");

  if (!selector) {
    if (targets.length > 1)
      return {
        state: "ambiguous",
        key: targets[0].key,
        candidates: targets.map((t) => t.key),
        note: note("split", { keys: targets.map((t) => t.key).join(", ") }),
        match: null,
      };
    const key = targets[0]?.key ?? pair.to[0];
    return {
      state: stateFor(key),
      key,
      candidates: [key],
      note: key === oldKey ? note(pair.label === "unchanged" ? "unchanged" : "modified") : note("renumbered", { from: oldKey, to: key }),
      match: null,
    };
  }

  const shape = (found: Located, elsewhere: boolean): ReanchorResult => {
    const key = isSub ? deepestHolder(found.unit, found.match, newProvisions) : found.unit.key;
    const state = stateFor(key);
    const noteFor = elsewhere
      ? note("quoteMoved", { key })
      : state === "found"
        ? note(found.match.method === "fuzzy" ? "quoteReworded" : "unchanged", { score: found.match.score })
        : note("renumbered", { from: oldKey, to: key });
    return {
      state,
      key,
      candidates: [key],
      note: noteFor,
      match: { key, text: found.unit.text.slice(found.match.start, found.match.end), method: found.match.method, score: found.match.score },
    };
  };

  const near = locate(targets, selector, true);
  if (near.found.length === 1 && near.ambiguous.length === 0) return shape(near.found[0], false);
  if (near.found.length + near.ambiguous.length > 0) {
    const candidates = [...near.found.map((f) => f.unit.key), ...near.ambiguous.map((u) => u.key)];
    return {
      state: "ambiguous",
      key: candidates[0],
      candidates,
      note: note(targets.length > 1 ? "split" : "quoteRepeated", { keys: candidates.join(", ") }),
      match: null,
    };
  }

  // Not in the aligned article: maybe the sentence moved to another one.
  const others = newProvisions.filter((p) => p.isUnit && !pair.to.includes(p.key));
  const far = locate(others, selector, false);
  if (far.found.length === 1 && far.ambiguous.length === 0) return shape(far.found[0], true);
  const guess = targets[0]?.key ?? pair.to[0];
  const fallbackKey = isSub && byKey.has(guess + relative) ? guess + relative : guess;
  if (far.found.length + far.ambiguous.length > 0) {
    const candidates = [...far.found.map((f) => f.unit.key), ...far.ambiguous.map((u) => u.key)];
    return { state: "ambiguous", key: fallbackKey, candidates, note: note("quoteRepeated", { keys: candidates.join(", ") }), match: null };
  }
  return { state: "orphaned", key: fallbackKey, candidates: [fallbackKey], note: note("quoteGone", { key: fallbackKey }), match: null };
}
