/**
 * The embedded engine: SQLite FTS5 in the app database (migration *_search_fts). Indexing runs
 * inside ingest's transaction, so a version and its index rows commit or roll back together.
 */
import { createHash } from "node:crypto";
import { getPrisma, type PrismaClient, type Tx } from "~/lib/db.server";
import { foldForMatch } from "~/lib/text/normalize";
import { loadCatalog } from "./catalog.server";
import type { SearchEngine } from "./engine.server";
import { buildFtsMatch, buildStageMatch, literalTermMatch, wordTermMatch } from "./fts-query";
import { textGrams } from "./grams";
import { assembleHits, buildSearchResponse, type MatchedGroup } from "./hits.server";
import { getSearchReader, type SearchReader } from "./reader.server";
import { resolveSearch, type ResolvedSearch } from "./resolve";
import type { MatchKind, RelaxationStep, SearchRequest, SearchResponse } from "./types";
import { idf, topByScore, TUNING, unitScore, type TermStats } from "./rank";
import { fallbackSuggestions, matchedStrings, planRelaxation, proximityFactor, wordsInOrder, type RelaxedStage } from "./relax";
import { relatedTermsOf, warmRelatedTerms, wordDocumentFrequency } from "./related-terms.server";
import { buildThesaurusIndex, type ThesaurusEntry, type ThesaurusIndex } from "./thesaurus";
import { readThesaurus } from "./thesaurus.server";
import { foldParagraphs, loadUnitTexts, unitHeadingTexts } from "./unit-texts.server";
import { frequentCharacters, memoMatches, memoScores } from "./term-cache";
import { loadUnitTable, type UnitTable } from "./units.server";
import { indexWords, isSingleWord, queryWordCutter } from "./words.server";

type Db = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe">;


const INSERT_BATCH = 200;
const WARM_UP_QUERIES = ["应当", "规定 -国务院", "本法"];
const WARM_UP_ROUNDS = 4;
/** Single characters searched once at warm-up (term-cache.ts frequentCharacters). */
const WARM_UP_CHARACTERS = 8;



interface UnitRow {
  id: number;
  key: string;
  heading: string | null;
  text: string;
  isUnit: number | boolean;
  chapterKey: string;
  workId: number;
}

/** 48 bits of sha1: same work + key + folded text => same group. */
export function groupHash(key: string, foldedText: string): number {
  return createHash("sha1").update(key).update("\u0000").update(foldedText).digest().readUIntBE(0, 6);
}

interface IndexRow {
  provisionId: number;
  heading: string;
  body: string;
  words: string;
  workId: number;
  chapterKey: string;
  groupHash: number;
}

/** The index rows of one version's units (pure over the rows read from the database). */
function buildIndexRows(rows: UnitRow[]): IndexRow[] {
  const structural = new Map<string, string>();
  for (const r of rows) if (!r.isUnit) structural.set(r.key, r.heading ?? r.text);
  const out: IndexRow[] = [];
  for (const r of rows) {
    if (!r.isUnit) continue;
    const headingTexts = unitHeadingTexts(r.chapterKey, r.heading, (k) => structural.get(k));
    const foldedParagraphs = foldParagraphs(r.text);
    const foldedBody = foldedParagraphs.join("");
    out.push({
      provisionId: Number(r.id),
      heading: textGrams(headingTexts.map((h) => foldForMatch(h))),
      body: textGrams(foldedParagraphs),
      // Per paragraph, like the bigrams: a word across a paragraph end would match no phrase.
      words: foldedParagraphs.map(indexWords).filter(Boolean).join(" "),
      workId: Number(r.workId),
      chapterKey: r.chapterKey,
      groupHash: groupHash(r.key, foldedBody),
    });
  }
  return out;
}

/** Search processes cache search_unit per generation (units.server.ts): every index change bumps it. */
async function bumpGeneration(db: Db): Promise<void> {
  await db.$executeRawUnsafe(`UPDATE "search_meta" SET "generation" = "generation" + 1 WHERE "id" = 1`);
}

async function removeVersion(db: Db, versionId: number): Promise<void> {
  await bumpGeneration(db);
  await db.$executeRawUnsafe(
    `DELETE FROM "search_fts" WHERE rowid IN (SELECT "provisionId" FROM "search_unit" WHERE "versionId" = ?)`,
    versionId,
  );
  await db.$executeRawUnsafe(`DELETE FROM "search_unit" WHERE "versionId" = ?`, versionId);
}

async function indexVersion(db: Db, versionId: number): Promise<void> {
  await removeVersion(db, versionId);
  const rows = await db.$queryRawUnsafe<UnitRow[]>(
    `SELECT p."id", p."key", p."heading", p."text", p."isUnit", p."chapterKey", v."workId"
     FROM "Provision" p JOIN "Version" v ON v."id" = p."versionId"
     WHERE p."versionId" = ? AND (p."isUnit" = 1 OR p."kind" IN ('part', 'chapter', 'section', 'heading'))`,
    versionId,
  );
  const index = buildIndexRows(rows);
  for (let i = 0; i < index.length; i += INSERT_BATCH) {
    const batch = index.slice(i, i + INSERT_BATCH);
    await db.$executeRawUnsafe(
      `INSERT INTO "search_fts" (rowid, "heading", "body", "words") VALUES ${batch.map(() => "(?, ?, ?, ?)").join(", ")}`,
      ...batch.flatMap((r) => [r.provisionId, r.heading, r.body, r.words]),
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "search_unit" ("provisionId", "versionId", "workId", "chapterKey", "groupHash") VALUES ${batch
        .map(() => "(?, ?, ?, ?, ?)")
        .join(", ")}`,
      ...batch.flatMap((r) => [r.provisionId, versionId, r.workId, r.chapterKey, r.groupHash]),
    );
  }
}

const MATCH_ROWIDS = `SELECT rowid FROM "search_fts" WHERE "search_fts" MATCH ?`;
const COUNT_MATCH = `SELECT count(*) FROM "search_fts" WHERE "search_fts" MATCH ?`;
// "+rowid": SQLite filters the rows FTS5 returns; a bare rowid IN would become FTS5 rowid lookups
// (one evaluation of the whole query per listed id).
const IN_LIST = `+rowid IN (SELECT value FROM json_each(?))`;
const WORD_FILTER_MAX = 2000;

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
function scopeOf(units: UnitTable, resolved: ResolvedSearch) {
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
  return {
    status,
    /** True when accepts() is true for every unit. */
    acceptsAll: !works && !chapterState,
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
  /** Rows FTS5 returned. */
  rowCount: number;
  /** Unit indexes of the rows the status allows, ascending provision id. Shared: never mutated. */
  inStatus: readonly number[];
  /** Of those, the rows the work / kind / chapter filters allow. Shared: never mutated. */
  selected: readonly number[];
}

/** Every matched row, as bare rowids: no bm25, no join, no object per row. */
function findMatches(db: SearchReader, units: UnitTable, scope: Scope, match: string): Matches {
  const found = memoMatches(units, match, () => {
    const rowids = db.pluck<number>(MATCH_ROWIDS, match);
    return { rowCount: rowids.length, units: units.indexesOf(rowids) };
  });
  // No status and no filter (status=all): the memoised list itself, not a copy of every row.
  if (!scope.status && scope.acceptsAll) return { rowCount: found.rowCount, inStatus: found.units, selected: found.units };
  const inStatus: number[] = [];
  const selected: number[] = [];
  for (const u of found.units) {
    if (scope.status && !scope.status[units.versionId[u]]) continue;
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

/**
 * Per-string ranking statistics: idf over every indexed row, and (for the literal stage) which rows
 * hold the string as a jieba word. With one string and no exclusion, the matched rows are exactly
 * the string's rows; otherwise each string's rows are counted (a bare count, no position lists).
 */
function termStats(db: SearchReader, units: UnitTable, resolved: ResolvedSearch, stage: Stage, stamp: string): TermStats[] {
  const { excluded } = resolved.parsed;
  // Word rows are only read for the rows being ranked: a short list filters the word's doclist
  // inside SQLite (安全 alone has 6,500 rows, 食品 安全 标准 matches 150).
  const { selected, rowCount } = stage.matches;
  const literal = stage.relaxed.length === 0;
  const inList = literal && selected.length <= WORD_FILTER_MAX ? JSON.stringify(selected.map((u) => units.provisionId[u])) : null;
  return stage.strings.map((term) => {
    const rowsWithTerm =
      stage.strings.length === 1 && excluded.length === 0
        ? rowCount
        : ((literal ? undefined : wordDocumentFrequency(stamp, units, term)) ??
          Number(db.pluck<number>(COUNT_MATCH, literalTermMatch(term))[0] ?? 0));
    let wordRows: Uint8Array | null = null;
    if (literal && isSingleWord(term)) {
      wordRows = new Uint8Array(units.size);
      const rows = inList
        ? db.pluck<number>(`${MATCH_ROWIDS} AND ${IN_LIST}`, wordTermMatch(term), inList)
        : db.pluck<number>(MATCH_ROWIDS, wordTermMatch(term));
      for (const u of units.indexesOf(rows)) wordRows[u] = 1;
    }
    return { term, idf: idf(units.size, rowsWithTerm), wordRows, weight: stage.weights.get(term) ?? 1 };
  });
}

/**
 * The groups (same work, key and text) of a stage's result positions [0, needed), best first: BM25
 * over the in-memory folded texts (rank.ts) times the boosts, ties broken by provision id; a group
 * ranks at its best row. All-words matches rank higher the closer together their words stand.
 */
function topGroups(
  db: SearchReader,
  stamp: string,
  units: UnitTable,
  scope: Scope,
  resolved: ResolvedSearch,
  stage: Stage,
  needed: number,
): number[] {
  const { selected } = stage.matches;
  if (selected.length === 0 || needed <= 0) return [];
  const texts = loadUnitTexts(db, units);
  const ordered = stage.relaxed.flatMap((r) => r.ordered).filter((w) => w.length > 1);
  // Everything a unit's unboosted score depends on (termStats: idf from the row counts, which the
  // strings, the stage and the exclusions determine), and the weights (the bench's --tune changes them).
  const key = JSON.stringify([stage.match, stage.relaxed.length === 0, stage.strings, [...stage.weights], ordered, resolved.parsed.excluded.map((t) => t.folded), TUNING]);
  const memo = memoScores(units, key, units.size, selected.length);
  let terms: TermStats[] | null = null;
  const scores = new Float64Array(selected.length);
  const tie = new Int32Array(selected.length);
  const boosts = classBoosts();
  for (let i = 0; i < selected.length; i++) {
    const u = selected[i];
    let score = memo ? memo[u] : NaN;
    if (Number.isNaN(score)) {
      terms ??= termStats(db, units, resolved, stage, stamp);
      score = unitScore(terms, u, texts.heading[u], texts.body[u], texts.length[u], texts.avgLength);
      for (const words of ordered) score *= proximityFactor(texts.body[u], words, TUNING.proximityBonus);
      if (memo) memo[u] = score;
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

let thesaurusCache: { entries: ThesaurusEntry[]; index: ThesaurusIndex } | null = null;

/** The organisation's thesaurus (thesaurus.server.ts), indexed once per edit. */
function thesaurusIndex(db: SearchReader): ThesaurusIndex {
  const entries = readThesaurus(db);
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
function withoutCommonWords(stage: RelaxedStage, units: UnitTable, stamp: string): RelaxedStage {
  const limit = units.size * TUNING.partialMaxShare;
  const words = stage.clauses[0].map((alt) => alt[0]);
  const df = (w: string) => wordDocumentFrequency(stamp, units, w) ?? 0;
  const kept = words.filter((w) => df(w) <= limit);
  if (kept.length === 0 || kept.length === words.length) return stage;
  return { ...stage, clauses: [kept.map((w) => [w])], steps: stage.steps.map((st) => ({ ...st, into: kept })) };
}

/**
 * The literal query, then (when it finds fewer than TUNING.relaxBelow articles) the relaxed stages:
 * all-words and synonym matches pooled into one ranking after the literal results (a whole-term
 * synonym such as 强制报告 -> 疑似受到侵害 must be able to outrank a split into 强制 + 报告), and
 * best-partial only when neither found anything. A group belongs to the first stage that found it.
 */
function matchStages(
  db: SearchReader,
  stamp: string,
  units: UnitTable,
  scope: Scope,
  resolved: ResolvedSearch,
): { stages: Stage[]; steps: RelaxationStep[] } {
  const { parsed } = resolved;
  const literal = findMatches(db, units, scope, buildFtsMatch(parsed));
  const exact: Stage = {
    match: "exact",
    matches: literal,
    strings: parsed.terms.map((t) => t.folded),
    weights: new Map(),
    relaxed: [],
    stageOfGroup: new Map(),
  };
  const steps: RelaxationStep[] = [];
  const seen = new Uint8Array(units.groupCount);
  if (countGroups(units, literal.selected, seen, 1) >= TUNING.relaxBelow) return { stages: [exact], steps };
  const claimed = new Uint8Array(units.groupCount);
  claimGroups(units, literal, claimed);
  const texts = loadUnitTexts(db, units);
  const pooled: Stage = { match: "all-words", matches: { rowCount: 0, inStatus: [], selected: [] }, strings: [], weights: new Map(), relaxed: [], stageOfGroup: new Map() };
  const stages = [exact];
  for (const planned of planRelaxation(parsed, queryWordCutter, thesaurusIndex(db))) {
    const partial = planned.match === "partial";
    if (partial && pooled.matches.inStatus.length > 0) break;
    const relaxed = partial ? withoutCommonWords(planned, units, stamp) : planned;
    const matches = claimGroups(units, findMatches(db, units, scope, buildStageMatch(relaxed.clauses, parsed.excluded)), claimed);
    if (matches.inStatus.length === 0) continue;
    steps.push(...relaxed.steps);
    for (const words of relaxed.match === "all-words" ? relaxed.ordered : []) {
      if (words.length > 1 && matches.selected.some((u) => !wordsInOrder(texts.body[u], words))) {
        steps.push({ kind: "any-order", term: relaxed.steps.find((s) => s.into === words)?.term ?? words.join(""), into: words });
      }
    }
    const target: Stage = partial
      ? { match: "partial", matches: { rowCount: 0, inStatus: [], selected: [] }, strings: [], weights: new Map(), relaxed: [], stageOfGroup: new Map() }
      : pooled;
    target.matches = {
      rowCount: 0,
      inStatus: [...target.matches.inStatus, ...matches.inStatus],
      selected: [...target.matches.selected, ...matches.selected],
    };
    target.relaxed.push(relaxed);
    for (const u of matches.inStatus) target.stageOfGroup.set(units.group[u], relaxed);
    for (const str of new Set(relaxed.clauses.flatMap((c) => c.flat()))) if (!target.strings.includes(str)) target.strings.push(str);
    if (partial) for (const str of relaxed.fromThesaurus) target.weights.set(str, TUNING.synonymWeight);
    if (partial) stages.push(target);
  }
  if (pooled.matches.inStatus.length > 0) {
    // Rows of several stages, each ascending: ranking and grouping need one ascending list.
    pooled.matches = {
      rowCount: 0,
      inStatus: [...pooled.matches.inStatus].sort((a, b) => a - b),
      selected: [...pooled.matches.selected].sort((a, b) => a - b),
    };
    pooled.match = pooled.relaxed[0].match;
    stages.splice(1, 0, pooled);
  }
  return { stages, steps };
}

function runSearch(db: SearchReader, request: SearchRequest): SearchResponse {
  return db.snapshot(() => {
    const catalog = loadCatalog(db);
    const units = loadUnitTable(db, catalog.stamp);
    const resolved = resolveSearch(request, catalog);
    const scope = scopeOf(units, resolved);
    const { stages, steps } = matchStages(db, catalog.stamp, units, scope, resolved);

    // Facets count groups with the status applied and the work / kind / chapter filters ignored;
    // the total counts groups with every filter.
    // Typed arrays, not maps, per row: a frequent term has tens of thousands of rows.
    const counted = new Uint8Array(units.groupCount);
    const workCounts = new Int32Array(units.maxWorkId + 1);
    const worksSeen: number[] = [];
    const stageTotals: number[] = [];
    for (const { matches } of stages) {
      for (const u of matches.inStatus) {
        const g = units.group[u];
        if (counted[g]) continue;
        counted[g] = 1;
        const wid = units.workId[u];
        if (workCounts[wid]++ === 0) worksSeen.push(wid);
      }
    }
    const perWork = worksSeen.map((wid): [number, number] => [wid, workCounts[wid]]);
    for (const { matches } of stages) stageTotals.push(countGroups(units, matches.selected, counted, 2));
    const total = stageTotals.reduce((s, n) => s + n, 0);

    // Stages in order (literal first), each ranked on its own, paged over as one list.
    const offset = (resolved.page - 1) * resolved.pageSize;
    const needed = offset + resolved.pageSize;
    const ranked: { group: number; stage: Stage }[] = [];
    stages.forEach((stage, i) => {
      if (ranked.length >= needed || stageTotals[i] === 0) return;
      for (const group of topGroups(db, catalog.stamp, units, scope, resolved, stage, needed - ranked.length)) ranked.push({ group, stage });
    });
    const page = ranked.slice(offset);
    const texts = page.some((p) => p.stage.relaxed.length > 0) ? loadUnitTexts(db, units) : null;
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
        if (texts && relaxed && !entry.highlight) {
          const found = matchedStrings(relaxed, `${texts.heading[u]}\n${texts.body[u]}`, synonyms);
          entry.match = relaxed.match;
          entry.highlight = found.strings;
          if (found.synonyms.length > 0) entry.viaSynonyms = found.synonyms;
        }
      }
    }
    const hits = assembleHits(db, catalog, [...onPage.values()], resolved);

    const rankedUnits = page.length > 0 ? rankedRows(units, stages, page.map((p) => p.group)) : [];
    const queryStrings = [...resolved.parsed.terms.map((t) => t.folded), ...steps.flatMap((s) => s.into)];
    const relatedTerms = relatedTermsOf(db, catalog.stamp, units, rankedUnits, queryStrings);
    const suggestions =
      total === 0
        ? [...new Set([...fallbackSuggestions(resolved.parsed, queryWordCutter.precise), ...relatedTerms])].slice(0, 5)
        : [];
    return buildSearchResponse("sqlite", request, resolved, catalog, perWork, total, hits, {
      relaxation: { steps, suggestions },
      relatedTerms,
    });
  });
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

/**
 * Every provision id the request matches (no grouping, no paging): the set literal-recall checks
 * compare with a full scan.
 */
export function matchingProvisionIds(request: SearchRequest): number[] {
  const db = getSearchReader();
  return db.snapshot(() => {
    const catalog = loadCatalog(db);
    const units = loadUnitTable(db, catalog.stamp);
    const resolved = resolveSearch(request, catalog);
    const matches = findMatches(db, units, scopeOf(units, resolved), buildFtsMatch(resolved.parsed));
    return matches.selected.map((u) => units.provisionId[u]);
  });
}

export function createSqliteSearchEngine(getDb: () => PrismaClient = getPrisma): SearchEngine {
  return {
    name: "sqlite",
    async indexVersionInTransaction(tx: Tx, versionId: number) {
      await indexVersion(tx, versionId);
    },
    async removeVersionInTransaction(tx: Tx, versionId: number) {
      await removeVersion(tx, versionId);
    },
    async afterVersionCommitted() {
      // The index rows committed with the version itself.
    },
    async search(request) {
      return runSearch(getSearchReader(), request);
    },
    async reindex(onProgress) {
      const prisma = getDb();
      const versions = await prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT "id" FROM "Version" ORDER BY "id"`);
      const total = versions.length;
      onProgress?.(0, total);
      // One transaction: readers keep the old index until the new one is complete.
      await prisma.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe(`INSERT INTO "search_fts" ("search_fts") VALUES ('delete-all')`);
          await tx.$executeRawUnsafe(`DELETE FROM "search_unit"`);
          await bumpGeneration(tx);
          let done = 0;
          for (const v of versions) {
            await indexVersion(tx, Number(v.id));
            onProgress?.(++done, total);
          }
        },
        { timeout: 30 * 60_000, maxWait: 60_000 },
      );
    },
    async warmUp() {
      const db = getSearchReader();
      const frequent = db.snapshot(() => {
        const stamp = loadCatalog(db).stamp;
        const units = loadUnitTable(db, stamp);
        const texts = loadUnitTexts(db, units);
        warmRelatedTerms(stamp, units);
        return frequentCharacters(texts.body, WARM_UP_CHARACTERS);
      });
      // A few searches for words every statute uses, so the matching and ranking code is compiled
      // before the first user arrives: the first dozen searches with thousands of matches ran 2-3x
      // slower than the rest (处理: 11-17 ms, then 5 ms).
      // One search at a time, yielding between them, so requests arriving meanwhile are served.
      for (let i = 0; i < WARM_UP_ROUNDS; i++) {
        for (const q of WARM_UP_QUERIES) {
          await new Promise((resolve) => setImmediate(resolve));
          runSearch(db, { q, status: "all" });
        }
      }
      // The most frequent single characters once each: their matches and scores stay memoised.
      for (const q of frequent) {
        await new Promise((resolve) => setImmediate(resolve));
        runSearch(db, { q, status: "all" });
      }
    },
    async health() {
      try {
        const rows = await getDb().$queryRawUnsafe<{ indexed: number; units: number }[]>(
          `SELECT (SELECT count(*) FROM "search_unit") AS indexed,
                  (SELECT count(*) FROM "Provision" WHERE "isUnit" = 1) AS units`,
        );
        const indexed = Number(rows[0]?.indexed ?? 0);
        const units = Number(rows[0]?.units ?? 0);
        if (indexed !== units) {
          return {
            ok: false,
            engine: "sqlite",
            message: `${indexed} of ${units} articles are indexed; run npm run search:reindex.`,
          };
        }
        return { ok: true, engine: "sqlite", message: `${indexed} articles indexed.` };
      } catch (error) {
        return { ok: false, engine: "sqlite", message: `Search index unavailable: ${(error as Error).message}` };
      }
    },
  };
}
