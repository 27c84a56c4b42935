/**
 * Ranking a stage's matches: per-string statistics, BM25 over the folded texts (rank.ts) times the
 * boosts, proximity and coverage, memoised per generation; then the top groups and their rows.
 */
import { coverageFactor, idf, topByScore, TUNING, unitScore, type TermStats } from "../rank";
import { proximityFactor } from "../relax";
import type { ResolvedSearch } from "../resolve";
import type { SearchMemo } from "../term-cache";
import type { UnitTable } from "../units.server";
import { isSingleWord } from "../words.server";
import { groupRowsIn, includesSorted } from "./group-rows";
import { buildScoreOrder, keepScoreOrder, keptScoreOrder, topGroupsInOrder } from "./score-order";
import type { Stage } from "./matches";
import { classBoosts, type Scope } from "./scope";
import { literalCount, type CandidateSource, type SearchState } from "./source";
import { ask, type Steps } from "./steps";

/** Above this many rows to rank, word rows are read for the whole index instead of an id list. */
const WORD_FILTER_MAX = 2000;

/**
 * Per-string ranking statistics: idf over every indexed row, and (for the literal stage) which rows
 * hold the string as a jieba word. With one string and no exclusion, the matched rows are exactly
 * the string's rows; otherwise each string's rows are counted.
 */
function* termStats(source: CandidateSource, memo: SearchMemo, units: UnitTable, resolved: ResolvedSearch, stage: Stage): Steps<TermStats[]> {
  const { excluded } = resolved.parsed;
  // Word rows are only read for the rows being ranked: a short list filters the word's rows in the
  // database (安全 alone has 6,500 rows, 食品 安全 标准 matches 150). Not for one term over a whole
  // find: a row holding the term as a word holds it literally, so the word's rows are all among
  // those, and the list only costs (网络, 971 rows: 0.35 ms with it, 0.14 ms without).
  const { selected, rowCount } = stage.matches;
  const literal = stage.relaxed.length === 0;
  const wholeTerm = stage.matches.whole !== undefined && stage.strings.length === 1 && excluded.length === 0;
  const ids = literal && !wholeTerm && selected.length <= WORD_FILTER_MAX ? selected.map((u) => units.provisionId[u]) : null;
  const stats: TermStats[] = [];
  for (const term of stage.strings) {
    const rowsWithTerm =
      stage.strings.length === 1 && excluded.length === 0
        ? rowCount
        : ((literal ? undefined : source.wordFrequency(term)) ?? (yield* literalCount(source, memo, term)));
    let wordRows: Uint8Array | null = null;
    if (literal && isSingleWord(term)) {
      wordRows = new Uint8Array(units.size);
      for (const u of units.indexesOf(yield* ask(source.wordRows(term, ids)))) wordRows[u] = 1;
    }
    stats.push({ term, idf: idf(units.size, rowsWithTerm), wordRows, weight: stage.weights.get(term) ?? 1 });
  }
  return stats;
}

/**
 * The groups (same work, key and text) of a stage's result positions [0, needed), best first: BM25
 * over the in-memory folded texts (rank.ts) times the boosts, ties broken by provision id; a group
 * ranks at its best row. All-words matches rank higher the closer together their words stand;
 * best-partial matches the more of the stage's strings they hold (coverageFactor).
 */
export function* topGroups(
  source: CandidateSource,
  state: SearchState,
  memo: SearchMemo,
  scope: Scope,
  resolved: ResolvedSearch,
  stage: Stage,
  needed: number,
): Steps<number[]> {
  const { units, texts } = state;
  const { selected } = stage.matches;
  if (selected.length === 0 || needed <= 0) return [];
  const ordered = stage.relaxed.flatMap((r) => r.ordered).filter((w) => w.length > 1);
  const concepts = conceptsOf(stage);
  // Everything a unit's unboosted score depends on besides the index generation (term-cache.ts):
  // termStats (idf from the row counts, which the strings, the stage and the exclusions determine;
  // word rows), the proximity words, and the weights (the bench's --tune changes them).
  const key = JSON.stringify([
    stage.match,
    stage.relaxed.length === 0,
    stage.strings,
    [...stage.weights],
    ordered,
    concepts,
    resolved.parsed.excluded.map((t) => t.folded),
    TUNING,
  ]);
  const boosts = classBoosts();
  // The stage's find sorted by these scores once (score-order.ts): walk it best first. The stage's
  // rows are a subset of the find's (matches.ts `from`): the others are skipped.
  const from = stage.matches.from;
  const kept = from && keptScoreOrder(from, key);
  if (kept) {
    const whole = stage.matches.whole !== undefined;
    return topGroupsInOrder(kept, {
      boostOf: (u) => boosts[scope.boostClass(u)],
      maxBoost: Math.max(...boosts),
      accepts: whole ? () => true : (u) => includesSorted(selected, u),
      group: (u) => units.group[u],
      needed,
    });
  }
  const stored = memo.scores(key, selected.length);
  let terms: TermStats[] | null = null;
  const scores = new Float64Array(selected.length);
  const tie = new Int32Array(selected.length);
  for (let i = 0; i < selected.length; i++) {
    const u = selected[i];
    let score = stored ? stored[u] : NaN;
    if (Number.isNaN(score)) {
      terms ??= yield* termStats(source, memo, units, resolved, stage);
      score = unitScore(terms, u, texts.heading[u], texts.body[u], texts.length[u], texts.avgLength);
      for (const words of ordered) score *= proximityFactor(texts.body[u], words, TUNING.proximityBonus);
      if (stage.match === "partial") score *= coverageFactor(texts.heading[u], texts.body[u], concepts, TUNING.partialCoverage);
      if (stored) stored[u] = score;
    }
    scores[i] = score * boosts[scope.boostClass(u)];
    tie[i] = units.provisionId[u];
  }
  // Every row of the find scored (no status or filter narrowed it): keep their order for next time.
  if (stored && from && stage.matches.whole) {
    const order = buildScoreOrder(from.units, (u) => stored[u]);
    if (order) keepScoreOrder(from, key, order);
  }
  // A group may hold several rows (one per version with the same text): widen the window until
  // it holds `needed` groups or every row.
  let limit = Math.max(needed * 2, 40);
  for (;;) {
    const best = topByScore(selected, scores, tie, limit);
    const seen = new Set<number>();
    const groups: number[] = [];
    for (const u of best) {
      const g = units.group[u];
      if (seen.has(g)) continue;
      seen.add(g);
      groups.push(g);
      if (groups.length === needed) return groups;
    }
    if (best.length < limit) return groups;
    limit *= 4;
  }
}

/** Best-partial's strings grouped by concept (relax.ts), restricted to the strings the stage kept. */
function conceptsOf(stage: Stage): string[][] {
  if (stage.match !== "partial") return [];
  const kept = new Set(stage.strings);
  const groups = stage.relaxed.flatMap((r) => r.concepts ?? stage.strings.map((s) => [s]));
  return groups.map((g) => g.filter((s) => kept.has(s))).filter((g) => g.length > 0);
}

/**
 * One unit index per ranked group (its first row in the stages: the first stage holding one of its
 * rows, the smallest there), in rank order.
 */
export function rankedRows(units: UnitTable, stages: Stage[], groups: number[]): number[] {
  const out: number[] = [];
  for (const g of groups) {
    for (const { matches } of stages) {
      const rows = groupRowsIn(units, g, matches.selected);
      if (rows.length === 0) continue;
      out.push(rows[0]);
      break;
    }
  }
  return out;
}
