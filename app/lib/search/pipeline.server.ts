/**
 * The search pipeline both database engines share (sqlite-engine.server.ts, postgres-engine.server.ts):
 * status / filters / boosts over the unit table, the literal query then the relaxed stages
 * (relax.ts: split words, any order, synonyms, partial), BM25 ranking over the folded texts
 * (rank.ts), grouping, facets, paging, match kinds and related terms. Only finding the candidate
 * rows is per engine (CandidateSource): FTS5 MATCH, or GIN over character grams plus strpos().
 *
 * The pipeline is written once as generators that yield each engine call: SQLite answers
 * synchronously, so its search stays one synchronous read transaction (runSync: no other request can
 * run on the shared connection in between); PostgreSQL answers with promises (runAsync).
 */
import type { MatchedGroup } from "./hits.server";
import { fallbackSuggestions, matchedStrings } from "./relax";
import { relatedTermsOf, relatedTermsOfMatches } from "./related-terms.server";
import { resolveSearch, type ResolvedSearch } from "./resolve";
import { searchMemo } from "./term-cache";
import type { SearchRelaxation, SearchRequest } from "./types";
import { queryWordCutter } from "./words.server";
import { countGroups, findMatches, relaxedStageOf, type Stage } from "./pipeline/matches";
import { rankedRows, topGroups } from "./pipeline/ranking";
import { stageFacets, selectedGroups } from "./pipeline/facets";
import { groupRowsIn } from "./pipeline/group-rows";
import { scopeOf } from "./pipeline/scope";
import { literalClauses, type CandidateSource, type SearchState } from "./pipeline/source";
import { matchStages } from "./pipeline/stages";
import { ask, type Steps } from "./pipeline/steps";

// The pipeline's parts live in pipeline/ (steps, source, scope, matches, stages, ranking); the
// engines import only this entry, which keeps the orchestration, facets and paging.
export { runAsync, runSync } from "./pipeline/steps";
export { literalClauses, type CandidateSource, type Clause, type SearchState } from "./pipeline/source";

export interface PipelineResult {
  resolved: ResolvedSearch;
  perWork: ReadonlyMap<number, number>;
  total: number;
  /** The page's groups, in rank order, for the engine to turn into hits. */
  groups: MatchedGroup[];
  relaxation: SearchRelaxation;
  relatedTerms: string[];
}

export function* runPipeline(source: CandidateSource, state: SearchState, request: SearchRequest): Steps<PipelineResult> {
  const { units, texts, catalog } = state;
  const resolved = resolveSearch(request, catalog);
  const scope = scopeOf(units, resolved, texts);
  const memo = searchMemo(state);
  const { stages, steps } = yield* matchStages(source, state, memo, scope, resolved);

  // Facets count groups with the status applied and the work / kind / chapter filters ignored;
  // the total counts groups with every filter, each group once (the first stage holding it).
  const facets = stageFacets(units, stages);
  const holding = stages.filter(({ matches }) => matches.selected.length > 0);
  const seen = new Uint8Array(holding.length === 1 ? 0 : units.groupCount);
  const stageTotals = stages.map(({ matches }) =>
    matches.selected.length === 0 ? 0 : holding.length === 1 ? selectedGroups(units, matches) : countGroups(units, matches.selected, seen, 1),
  );
  const total = stageTotals.reduce((s, n) => s + n, 0);

  // Stages in order (literal first), each ranked on its own, paged over as one list.
  const offset = (resolved.page - 1) * resolved.pageSize;
  const needed = offset + resolved.pageSize;
  const ranked: { group: number; stage: Stage }[] = [];
  for (let i = 0; i < stages.length; i++) {
    if (ranked.length >= needed || stageTotals[i] === 0) continue;
    for (const group of yield* topGroups(source, state, memo, scope, resolved, stages[i], needed - ranked.length)) ranked.push({ group, stage: stages[i] });
  }
  const page = ranked.slice(offset);
  const synonyms = new Set(steps.filter((s) => s.kind === "synonyms").flatMap((s) => s.into.flatMap((t) => t.split(" "))));
  const onPage = new Map<number, MatchedGroup & { stage: Stage }>(page.map(({ group, stage }) => [group, { entries: [], stage }]));
  // Each page group's rows, stage by stage, ascending: the group index, not a pass over every row.
  const relaxedOf = new Map([...onPage].map(([g, entry]) => [g, relaxedStageOf(units, entry.stage, g)]));
  for (const { matches } of stages) {
    for (const [g, entry] of onPage) {
      for (const u of groupRowsIn(units, g, matches.inStatus)) {
        entry.entries.push({ provisionId: units.provisionId[u], versionId: units.versionId[u] });
        const relaxed = relaxedOf.get(g);
        if (!relaxed || entry.highlight) continue;
        const found = matchedStrings(relaxed, `${texts.heading[u]}\n${texts.body[u]}`, synonyms);
        entry.match = relaxed.match;
        entry.highlight = found.strings;
        if (found.synonyms.length > 0) entry.viaSynonyms = found.synonyms;
      }
    }
  }

  const rankedUnits = page.length > 0 ? rankedRows(units, stages, page.map((p) => p.group)) : [];
  const queryStrings = [...resolved.parsed.terms.map((t) => t.folded), ...steps.flatMap((s) => s.into)];
  const relatedTerms = relatedTermsOf(texts, (w) => source.wordFrequency(w), units.size, rankedUnits, queryStrings);
  const suggestions =
    total === 0 ? [...new Set([...fallbackSuggestions(resolved.parsed, queryWordCutter.precise), ...relatedTerms])].slice(0, 5) : [];
  return { resolved, perWork: facets.perWork, total, groups: [...onPage.values()], relaxation: { steps, suggestions }, relatedTerms };
}

/** Every provision id the literal request matches (no grouping, no paging): for literal-recall checks. */
export function* matchingIds(source: CandidateSource, state: SearchState, request: SearchRequest): Steps<number[]> {
  const resolved = resolveSearch(request, state.catalog);
  const matches = yield* findMatches(
    source,
    state.units,
    searchMemo(state),
    scopeOf(state.units, resolved, state.texts),
    literalClauses(resolved.parsed),
    resolved.parsed.excluded.map((t) => t.folded),
  );
  return matches.selected.map((u) => state.units.provisionId[u]);
}

/** Related terms of one folded term over every version (the thesaurus editor). */
export function* relatedTermsForTerm(source: CandidateSource, state: SearchState, folded: string): Steps<string[]> {
  const units = state.units.indexesOf(yield* ask(source.find([[[folded]]], [])));
  return relatedTermsOfMatches(state.texts, (w) => source.wordFrequency(w), state.units, folded, units);
}
