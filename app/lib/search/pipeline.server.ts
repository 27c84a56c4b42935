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
import { agencyMatcher } from "./agency-filter";
import type { Catalog } from "./catalog.server";
import type { MatchedGroup } from "./hits.server";
import type { ParsedQuery } from "./query";
import { coverageFactor, idf, topByScore, TUNING, unitScore, type TermStats } from "./rank";
import { fallbackSuggestions, loneCharacterJoins, matchedStrings, planRelaxation, proximityFactor, wordsInOrder, type RelaxedStage } from "./relax";
import { relatedTermsOf, relatedTermsOfMatches } from "./related-terms.server";
import { resolveSearch, type ResolvedSearch } from "./resolve";
import { searchMemo, type SearchMemo } from "./term-cache";
import { buildThesaurusIndex, type ThesaurusEntry, type ThesaurusIndex } from "./thesaurus";
import type { MatchKind, RelaxationStep, SearchRelaxation, SearchRequest } from "./types";
import type { UnitTexts } from "./unit-texts.server";
import type { UnitTable } from "./units.server";
import { isSingleWord, queryWordCutter } from "./words.server";

/** A pipeline step: yields engine answers (values or promises), is resumed with their results. */
type Steps<R> = Generator<unknown, R, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function* ask<T>(value: T | Promise<T>): Generator<T | Promise<T>, T, T> {
  return yield value;
}

/** Drives a pipeline whose engine answers synchronously (throws if it gets a promise). */
export function runSync<R>(steps: Steps<R>): R {
  let next = steps.next();
  while (!next.done) {
    if (next.value instanceof Promise) throw new Error("runSync: the engine answered asynchronously");
    next = steps.next(next.value);
  }
  return next.value;
}

/** Drives a pipeline whose engine answers with promises. */
export async function runAsync<R>(steps: Steps<R>): Promise<R> {
  let next = steps.next();
  while (!next.done) next = steps.next(await next.value);
  return next.value;
}

/** Alternatives of one clause, each a list of strings that must all occur literally. */
export type Clause = string[][];

/** How one engine finds rows; provision ids are returned ascending. */
export interface CandidateSource {
  /** Rows holding, for every clause, all strings of one of its alternatives, and no excluded string. */
  find(clauses: Clause[], excluded: string[]): Promise<number[]> | number[];
  /** Rows holding `folded` literally (heading or body). */
  countLiteral(folded: string): Promise<number> | number;
  /** Rows whose jieba words include `word`, only among `ids` when given. */
  wordRows(word: string, ids: number[] | null): Promise<number[]> | number[];
  /** Rows holding `word` as a jieba word (undefined when the index has no such word). */
  wordFrequency(word: string): number | undefined;
}

/** What one generation of the index looks like in memory, read in the search's snapshot. */
export interface SearchState {
  stamp: string;
  catalog: Catalog;
  units: UnitTable;
  texts: UnitTexts;
  thesaurus: ThesaurusEntry[];
}

/** Above this many rows to rank, word rows are read for the whole index instead of an id list. */
const WORD_FILTER_MAX = 2000;

/** The literal query as clauses: every term literally. */
export function literalClauses(parsed: ParsedQuery): Clause[] {
  return parsed.terms.map((t) => [[t.folded]]);
}

function chapterMatches(chapterKey: string, chapter: string): boolean {
  return chapterKey === chapter || chapterKey.startsWith(`${chapter}/`);
}

/** 1 at each id of `ids` below `size`, for per-row tests without hashing. */
function flags(size: number, ids: Iterable<number>): Uint8Array {
  const out = new Uint8Array(size);
  for (const id of ids) if (id < size) out[id] = 1;
  return out;
}

/** Boost of each class: bit 1 = version in force on the day, bit 0 = work title holds a term. */
function classBoosts(): number[] {
  const { inForceBoost, titleBoost } = TUNING;
  return [1, titleBoost, inForceBoost, inForceBoost * titleBoost];
}

/** The request's status, filters and boosts over the unit table, as per-row tests. */
function scopeOf(units: UnitTable, resolved: ResolvedSearch, texts: UnitTexts) {
  const versionSize = units.maxVersionId + 1;
  const workSize = units.maxWorkId + 1;
  const status = resolved.statusVersionIds ? flags(versionSize, resolved.statusVersionIds) : null;
  const { work, kindWorkIds } = resolved;
  let works: Uint8Array | null = null;
  if (work) works = flags(workSize, !kindWorkIds || kindWorkIds.has(work.id) ? [work.id] : []);
  else if (kindWorkIds) works = flags(workSize, kindWorkIds);
  const chapter = resolved.chapter;
  // 0 = not yet tested, 1 = inside the chapter, 2 = outside.
  const chapterState = chapter ? new Uint8Array(units.chapters.length) : null;
  const inForce = flags(versionSize, resolved.inForce);
  const title = flags(workSize, resolved.titleWorkIds);
  const namesAgency = resolved.agency ? agencyMatcher(resolved.agency) : null;
  return {
    /** True when accepts() is true for every unit. */
    acceptsAll: !works && !chapterState,
    /** True when admits() is true for every unit. */
    admitsAll: !status && !namesAgency,
    /** The status, and the agency filter: like the status it narrows the facets too (agency-filter.ts). */
    admits(u: number): boolean {
      if (status && !status[units.versionId[u]]) return false;
      return !namesAgency || namesAgency(texts.body[u]);
    },
    accepts(u: number): boolean {
      if (works && !works[units.workId[u]]) return false;
      if (!chapterState) return true;
      const c = units.chapter[u];
      if (!chapterState[c]) chapterState[c] = chapterMatches(units.chapters[c], chapter!) ? 1 : 2;
      return chapterState[c] === 1;
    },
    /** Index into classBoosts(). */
    boostClass(u: number): number {
      return (inForce[units.versionId[u]] << 1) | title[units.workId[u]];
    },
  };
}

type Scope = ReturnType<typeof scopeOf>;

interface Matches {
  /** Rows the engine returned. */
  rowCount: number;
  /** Unit indexes of the rows the status allows, ascending provision id. Shared: never mutated. */
  inStatus: readonly number[];
  /** Of those, the rows the work / kind / chapter filters allow. Shared: never mutated. */
  selected: readonly number[];
}

/** Matches a stage collects from several finds (relaxed stages pooled): its own arrays. */
interface OwnMatches extends Matches {
  inStatus: number[];
  selected: number[];
}

/** Everything the rows a find returns depend on besides the index generation (term-cache.ts). */
function matchKey(clauses: Clause[], excluded: string[]): string {
  return JSON.stringify([clauses, excluded]);
}

function* findMatches(
  source: CandidateSource,
  units: UnitTable,
  memo: SearchMemo,
  scope: Scope,
  clauses: Clause[],
  excluded: string[],
): Steps<Matches> {
  const key = matchKey(clauses, excluded);
  let found = memo.matches(key);
  if (!found) {
    const rowids = yield* ask(source.find(clauses, excluded));
    found = { rowCount: rowids.length, units: units.indexesOf(rowids) };
    memo.keepMatches(key, found);
  }
  // No status, agency or other filter (status=all): the memoised list itself, not a copy of every row.
  if (scope.admitsAll && scope.acceptsAll) return { rowCount: found.rowCount, inStatus: found.units, selected: found.units };
  const inStatus: number[] = [];
  const selected: number[] = [];
  for (const u of found.units) {
    if (!scope.admits(u)) continue;
    inStatus.push(u);
    if (scope.accepts(u)) selected.push(u);
  }
  return { rowCount: found.rowCount, inStatus, selected };
}

/** One round of matching: the literal query, or one relaxed stage (relax.ts). */
interface Stage {
  match: MatchKind;
  matches: Matches;
  /** Strings the ranking counts: the query's terms, or the stage's words and synonyms. */
  strings: string[];
  /** Ranking weight of a string (synonyms in best-partial); 1 when absent. */
  weights: Map<string, number>;
  /** Relaxed stages pooled here (empty for the literal query), and which one found each group. */
  relaxed: RelaxedStage[];
  stageOfGroup: Map<number, RelaxedStage>;
}

function emptyStage(match: MatchKind): Stage & { matches: OwnMatches } {
  return { match, matches: { rowCount: 0, inStatus: [], selected: [] }, strings: [], weights: new Map(), relaxed: [], stageOfGroup: new Map() };
}

/**
 * Per-string ranking statistics: idf over every indexed row, and (for the literal stage) which rows
 * hold the string as a jieba word. With one string and no exclusion, the matched rows are exactly
 * the string's rows; otherwise each string's rows are counted.
 */
function* termStats(source: CandidateSource, units: UnitTable, resolved: ResolvedSearch, stage: Stage): Steps<TermStats[]> {
  const { excluded } = resolved.parsed;
  // Word rows are only read for the rows being ranked: a short list filters the word's rows in the
  // database (安全 alone has 6,500 rows, 食品 安全 标准 matches 150).
  const { selected, rowCount } = stage.matches;
  const literal = stage.relaxed.length === 0;
  const ids = literal && selected.length <= WORD_FILTER_MAX ? selected.map((u) => units.provisionId[u]) : null;
  const stats: TermStats[] = [];
  for (const term of stage.strings) {
    const rowsWithTerm =
      stage.strings.length === 1 && excluded.length === 0
        ? rowCount
        : ((literal ? undefined : source.wordFrequency(term)) ?? (yield* ask(source.countLiteral(term))));
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
function* topGroups(
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
  const stored = memo.scores(key, selected.length);
  let terms: TermStats[] | null = null;
  const scores = new Float64Array(selected.length);
  const tie = new Int32Array(selected.length);
  const boosts = classBoosts();
  for (let i = 0; i < selected.length; i++) {
    const u = selected[i];
    let score = stored ? stored[u] : NaN;
    if (Number.isNaN(score)) {
      terms ??= yield* termStats(source, units, resolved, stage);
      score = unitScore(terms, u, texts.heading[u], texts.body[u], texts.length[u], texts.avgLength);
      for (const words of ordered) score *= proximityFactor(texts.body[u], words, TUNING.proximityBonus);
      if (stage.match === "partial") score *= coverageFactor(texts.heading[u], texts.body[u], concepts, TUNING.partialCoverage);
      if (stored) stored[u] = score;
    }
    scores[i] = score * boosts[scope.boostClass(u)];
    tie[i] = units.provisionId[u];
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

let thesaurusCache: { entries: ThesaurusEntry[]; index: ThesaurusIndex } | null = null;

/** The organisation's thesaurus (thesaurus.server.ts), indexed once per edit. */
function thesaurusIndex(entries: ThesaurusEntry[]): ThesaurusIndex {
  if (thesaurusCache?.entries !== entries) thesaurusCache = { entries, index: buildThesaurusIndex(entries) };
  return thesaurusCache.index;
}

/** Removes from a stage's matches the groups an earlier stage already holds; claims the rest. */
function claimGroups(units: UnitTable, matches: Matches, claimed: Uint8Array): Matches {
  const inStatus = matches.inStatus.filter((u) => !claimed[units.group[u]]);
  const selected = matches.selected.filter((u) => !claimed[units.group[u]]);
  for (const u of inStatus) claimed[units.group[u]] = 1;
  return { rowCount: matches.rowCount, inStatus, selected };
}

function countGroups(units: UnitTable, rows: readonly number[], seen: Uint8Array, mark: number): number {
  let n = 0;
  for (const u of rows) {
    const g = units.group[u];
    if (seen[g] === mark) continue;
    seen[g] = mark;
    n++;
  }
  return n;
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
 * The literal query, then (when it finds fewer than TUNING.relaxBelow articles) the relaxed stages:
 * all-words and synonym matches pooled into one ranking after the literal results (a whole-term
 * synonym such as 强制报告 -> 疑似受到侵害 must be able to outrank a split into 强制 + 报告), and
 * best-partial after them when together they found fewer than TUNING.partialBelow groups (学校欺凌报告:
 * one article holds all three words, the next ones hold two). A group belongs to the first stage
 * that found it.
 */
function* matchStages(
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
  const literalGroups = countGroups(units, exact.matches.selected, seen, 1);
  const insideWords = literalGroups >= TUNING.relaxBelow && TUNING.relaxBelow > 0 ? yield* termsOnlyInsideWords(source, units, exact) : [];
  if (literalGroups >= TUNING.relaxBelow && insideWords.length === 0) return { stages: [exact], steps };
  for (const term of insideWords) steps.push({ kind: "inside-words", term, into: [] });
  const claimed = new Uint8Array(units.groupCount);
  claimGroups(units, exact.matches, claimed);
  const pooled = emptyStage("all-words");
  const stages = [exact];
  // Which joins of a lone character to its neighbour word occur in the laws (保护 + 令 -> 保护令): one
  // literal count each, only for the few characters jieba leaves alone.
  const occurring = new Set<string>();
  for (const term of parsed.terms) {
    for (const join of loneCharacterJoins(term.folded, queryWordCutter)) if ((yield* ask(source.countLiteral(join))) > 0) occurring.add(join);
  }
  for (const planned of planRelaxation(parsed, queryWordCutter, thesaurusIndex(state.thesaurus), (s) => occurring.has(s))) {
    const partial = planned.match === "partial";
    if (partial && (literalGroups > 0 || countGroups(units, pooled.matches.inStatus, seen, 3) >= TUNING.partialBelow)) break;
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
    target.matches.inStatus.push(...matches.inStatus);
    target.matches.selected.push(...matches.selected);
    target.relaxed.push(relaxed);
    for (const u of matches.inStatus) target.stageOfGroup.set(units.group[u], relaxed);
    for (const str of new Set(relaxed.clauses.flatMap((c) => c.flat()))) if (!target.strings.includes(str)) target.strings.push(str);
    if (partial) for (const str of relaxed.fromThesaurus) target.weights.set(str, TUNING.synonymWeight);
    if (partial) stages.push(target);
  }
  if (pooled.matches.inStatus.length > 0) {
    // Rows of several stages, each ascending: ranking and grouping need one ascending list.
    pooled.matches.inStatus.sort((a, b) => a - b);
    pooled.matches.selected.sort((a, b) => a - b);
    pooled.match = pooled.relaxed[0].match;
    // Literal matches of a word only inside other words (童工 in 儿童工作) rank after what the word
    // and its equivalents find; they stay in the result set.
    stages.splice(insideWords.length > 0 ? 0 : 1, 0, pooled);
  }
  return { stages, steps };
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

/** One unit index per ranked group (its first row in the stages), in rank order. */
function rankedRows(units: UnitTable, stages: Stage[], groups: number[]): number[] {
  const wanted = new Int32Array(units.groupCount).fill(-1);
  groups.forEach((g, i) => (wanted[g] = i));
  const out: number[] = new Array(groups.length).fill(-1);
  for (const { matches } of stages) {
    for (const u of matches.selected) {
      const i = wanted[units.group[u]];
      if (i >= 0 && out[i] < 0) out[i] = u;
    }
  }
  return out.filter((u) => u >= 0);
}

export interface PipelineResult {
  resolved: ResolvedSearch;
  perWork: Map<number, number>;
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
  // the total counts groups with every filter.
  // Typed arrays, not maps, per row: a frequent term has tens of thousands of rows.
  const counted = new Uint8Array(units.groupCount);
  const workCounts = new Int32Array(units.maxWorkId + 1);
  const worksSeen: number[] = [];
  for (const { matches } of stages) {
    for (const u of matches.inStatus) {
      const g = units.group[u];
      if (counted[g]) continue;
      counted[g] = 1;
      const wid = units.workId[u];
      if (workCounts[wid]++ === 0) worksSeen.push(wid);
    }
  }
  const perWork = new Map(worksSeen.map((wid): [number, number] => [wid, workCounts[wid]]));
  const stageTotals = stages.map(({ matches }) => countGroups(units, matches.selected, counted, 2));
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
  const pageGroup = flags(units.groupCount, onPage.keys());
  for (const { matches } of stages) {
    for (const u of matches.inStatus) {
      if (!pageGroup[units.group[u]]) continue;
      const entry = onPage.get(units.group[u]);
      if (!entry) continue;
      entry.entries.push({ provisionId: units.provisionId[u], versionId: units.versionId[u] });
      const relaxed = entry.stage.stageOfGroup.get(units.group[u]);
      if (relaxed && !entry.highlight) {
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
  return { resolved, perWork, total, groups: [...onPage.values()], relaxation: { steps, suggestions }, relatedTerms };
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
