/**
 * Which stages a query is matched in: the literal query, then (when it finds too little, or its
 * terms occur only inside other words) the relaxed stages of relax.ts, each group claimed by the
 * first stage that found it.
 */
import { TUNING } from "../rank";
import { loneCharacterJoins, planRelaxation, wordsInOrder, type RelaxedStage } from "../relax";
import type { ResolvedSearch } from "../resolve";
import type { SearchMemo } from "../term-cache";
import { buildThesaurusIndex, type ThesaurusEntry, type ThesaurusIndex } from "../thesaurus";
import type { RelaxationStep } from "../types";
import type { UnitTable } from "../units.server";
import { isSingleWord, queryWordCutter } from "../words.server";
import { selectedGroups } from "./facets";
import { claimGroups, countGroups, emptyStage, findMatches, type Matches, type Stage } from "./matches";
import type { Scope } from "./scope";
import { literalClauses, literalCount, type CandidateSource, type SearchState } from "./source";
import { ask, type Steps } from "./steps";

let thesaurusCache: { entries: ThesaurusEntry[]; index: ThesaurusIndex } | null = null;

/** The organisation's thesaurus (thesaurus.server.ts), indexed once per edit. */
function thesaurusIndex(entries: ThesaurusEntry[]): ThesaurusIndex {
  if (thesaurusCache?.entries !== entries) thesaurusCache = { entries, index: buildThesaurusIndex(entries) };
  return thesaurusCache.index;
}

/**
 * Best-partial without the words most articles hold (学校, 发现 in 学校发现学生被家暴怎么办) when rarer
 * ones remain: they add little to BM25 and cost most of the matching and ranking (thousands of rows).
 */
function withoutCommonWords(stage: RelaxedStage, units: UnitTable, source: CandidateSource): RelaxedStage {
  const limit = units.size * TUNING.partialMaxShare;
  const words = stage.clauses[0].map((alt) => alt[0]);
  const kept = words.filter((w) => (source.wordFrequency(w) ?? 0) <= limit);
  if (kept.length === 0 || kept.length === words.length) return stage;
  return { ...stage, clauses: [kept.map((w) => [w])], steps: stage.steps.map((st) => ({ ...st, into: kept })) };
}

/**
 * The literal query, then (when it finds fewer than TUNING.relaxBelow articles, or fewer than
 * TUNING.relaxFewBelow for a term of several words) the relaxed stages:
 * all-words and synonym matches pooled into one ranking after the literal results (a whole-term
 * synonym such as 强制报告 -> 疑似受到侵害 must be able to outrank a split into 强制 + 报告), and
 * best-partial after them when together they found fewer than TUNING.partialBelow groups (学校欺凌报告:
 * one article holds all three words, the next ones hold two). A group belongs to the first stage
 * that found it.
 */
export function* matchStages(
  source: CandidateSource,
  state: SearchState,
  memo: SearchMemo,
  scope: Scope,
  resolved: ResolvedSearch,
): Steps<{ stages: Stage[]; steps: RelaxationStep[] }> {
  const { units, texts } = state;
  const { parsed } = resolved;
  const excluded = parsed.excluded.map((t) => t.folded);
  const exact: Stage = emptyStage("exact");
  exact.matches = yield* findMatches(source, units, memo, scope, literalClauses(parsed), excluded);
  exact.strings = parsed.terms.map((t) => t.folded);
  const steps: RelaxationStep[] = [];
  const seen = new Uint8Array(units.groupCount);
  const literalGroups = selectedGroups(units, exact.matches);
  const few = literalGroups > 0 && literalGroups < TUNING.relaxFewBelow && parsed.terms.some((t) => splitsIntoWords(t.folded));
  const relax = TUNING.relaxBelow > 0 && (literalGroups < TUNING.relaxBelow || few);
  const insideWords = !relax && TUNING.relaxBelow > 0 ? yield* termsOnlyInsideWords(source, units, exact) : [];
  if (!relax && insideWords.length === 0) return { stages: [exact], steps };
  for (const term of insideWords) steps.push({ kind: "inside-words", term, into: [] });
  const claimed = new Uint8Array(units.groupCount);
  claimGroups(units, exact.matches, claimed);
  const pooled = emptyStage("all-words");
  let pooledOnly: Matches | null = null;
  const stages = [exact];
  // Which joins of a lone character to its neighbour word occur in the laws (保护 + 令 -> 保护令): one
  // literal count each, only for the few characters jieba leaves alone.
  const occurring = new Set<string>();
  for (const term of parsed.terms) {
    for (const join of loneCharacterJoins(term.folded, queryWordCutter)) if ((yield* literalCount(source, memo, join)) > 0) occurring.add(join);
  }
  for (const planned of planRelaxation(parsed, queryWordCutter, thesaurusIndex(state.thesaurus), (s) => occurring.has(s))) {
    const partial = planned.match === "partial";
    if (partial && (literalGroups > 0 || pooledGroups(units, pooled, seen) >= TUNING.partialBelow)) break;
    const relaxed = partial ? withoutCommonWords(planned, units, source) : planned;
    const matches = claimGroups(units, yield* findMatches(source, units, memo, scope, relaxed.clauses, excluded), claimed);
    if (matches.inStatus.length === 0) continue;
    steps.push(...relaxed.steps);
    for (const words of relaxed.match === "all-words" ? relaxed.ordered : []) {
      if (words.length > 1 && matches.selected.some((u) => !wordsInOrder(texts.body[u], words))) {
        steps.push({ kind: "any-order", term: relaxed.steps.find((s) => s.into === words)?.term ?? words.join(""), into: words });
      }
    }
    const target = partial ? emptyStage("partial") : pooled;
    target.relaxed.push(relaxed);
    target.relaxedRows.push({ relaxed, rows: matches.inStatus, selected: matches.selected });
    if (target === pooled) pooledOnly = target.relaxedRows.length === 1 ? matches : null;
    for (const str of new Set(relaxed.clauses.flatMap((c) => c.flat()))) if (!target.strings.includes(str)) target.strings.push(str);
    if (partial) for (const str of relaxed.fromThesaurus) target.weights.set(str, TUNING.synonymWeight);
    if (partial) {
      target.matches = pooledMatches(target, matches);
      stages.push(target);
    }
  }
  if (pooled.relaxedRows.length > 0) {
    pooled.matches = pooledMatches(pooled, pooledOnly);
    pooled.match = pooled.relaxed[0].match;
    // Literal matches of a word only inside other words (童工 in 儿童工作) rank after what the word
    // and its equivalents find; they stay in the result set.
    stages.splice(insideWords.length > 0 ? 0 : 1, 0, pooled);
  }
  // The literal matches come first: the explanation says so instead of "no article has the phrase".
  if (few) for (const step of steps) step.afterExact = literalGroups;
  return { stages, steps };
}

/** A term that jieba cuts into at least two words of two or more characters (讯问 / 未成年 / 犯罪嫌疑人). */
function splitsIntoWords(folded: string): boolean {
  return queryWordCutter.precise(folded).filter((w) => [...w].length >= 2 && /[\p{L}\p{N}]/u.test(w)).length >= 2;
}

/** Groups of the rows pooled into `stage` so far not yet marked 3 in `seen` (marks them). */
function pooledGroups(units: UnitTable, stage: Stage, seen: Uint8Array): number {
  return stage.relaxedRows.reduce((n, { rows }) => n + countGroups(units, rows, seen, 3), 0);
}

/**
 * The rows of the relaxed stages pooled into `stage`, as one ascending list: one stage's own rows
 * (ascending already), or several stages' rows merged (a group belongs to one of them: claimGroups).
 */
function pooledMatches(stage: Stage, only: Matches | null): Matches {
  const { relaxedRows } = stage;
  // One find's rows: what was derived from that find (facets, score order) holds here too. rowCount
  // stays 0, as for pooled rows: it is not the stage's strings' row count (ranking.ts termStats).
  if (relaxedRows.length === 1 && only) return { rowCount: 0, inStatus: only.inStatus, selected: only.selected, from: only.from, whole: only.whole };
  return {
    rowCount: 0,
    inStatus: relaxedRows.flatMap((r) => r.rows).sort((a, b) => a - b),
    selected: relaxedRows.flatMap((r) => r.selected).sort((a, b) => a - b),
  };
}

/** Literal matches this small are checked for terms that occur only inside other words. */
const INSIDE_WORDS_MAX_ROWS = 50;

/**
 * The query terms jieba reads as one word that none of the few literal matches holds as a word:
 * every occurrence straddles a word boundary (童工 only in 儿童工作, 儿童 / 工作). Such a query is
 * relaxed as if it had found nothing, its literal matches kept after the relaxed ones. Larger
 * literal results are not checked (a word that common occurs as itself somewhere).
 */
function* termsOnlyInsideWords(source: CandidateSource, units: UnitTable, exact: Stage): Steps<string[]> {
  const { selected } = exact.matches;
  if (selected.length === 0 || selected.length > INSIDE_WORDS_MAX_ROWS) return [];
  const ids = selected.map((u) => units.provisionId[u]);
  const out: string[] = [];
  for (const term of exact.strings) {
    if (!isSingleWord(term)) continue;
    if ((yield* ask(source.wordRows(term, ids))).length === 0) out.push(term);
  }
  return out;
}
