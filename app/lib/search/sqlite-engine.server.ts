/**
 * The embedded engine: SQLite FTS5 in the app database (migration *_search_fts). Indexing runs
 * inside ingest's transaction, so a version and its index rows commit or roll back together.
 */
import { createHash } from "node:crypto";
import { getPrisma, type PrismaClient, type Tx } from "~/lib/db.server";
import { foldForMatch } from "~/lib/text/normalize";
import { loadCatalog } from "./catalog.server";
import type { SearchEngine } from "./engine.server";
import { buildFtsMatch } from "./fts-query";
import { textGrams } from "./grams";
import { assembleHits, buildSearchResponse, type MatchedGroup } from "./hits.server";
import { getSearchReader, type SearchReader } from "./reader.server";
import { resolveSearch, type ResolvedSearch } from "./resolve";
import type { SearchRequest, SearchResponse } from "./types";
import { loadUnitTable, type UnitTable } from "./units.server";
import { indexWords, isSingleWord } from "./words.server";

type Db = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

/**
 * bm25 column weights: heading, body, words. Checked on tests/fixtures/search/relevance.json
 * (nDCG@10 moves by less than 0.01 between 1..10 for heading and 0..5 for words).
 */
export const COLUMN_WEIGHTS = [4, 1, 2] as const;
/** Score multipliers (bm25 is negative: larger multiplier = better rank). */
export const IN_FORCE_BOOST = 1.5;
export const TITLE_BOOST = 1.3;

const INSERT_BATCH = 200;

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
    const headingTexts: string[] = [];
    if (r.chapterKey) {
      const parts = r.chapterKey.split("/");
      for (let i = 1; i <= parts.length; i++) {
        const h = structural.get(parts.slice(0, i).join("/"));
        if (h) headingTexts.push(h);
      }
    }
    if (r.heading) headingTexts.push(r.heading);
    const foldedParagraphs = r.text.split("\n").map((p) => foldForMatch(p));
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
const BM25 = `bm25("search_fts", ${COLUMN_WEIGHTS.join(", ")})`;
// "+rowid": these lists filter rows before bm25 runs; a bare rowid IN would become FTS5 rowid
// lookups (one evaluation of the whole query per listed id).
const IN_LIST = `+rowid IN (SELECT value FROM json_each(?))`;
const NOT_IN_LIST = `+rowid NOT IN (SELECT value FROM json_each(?))`;

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
const BOOSTS = [1, TITLE_BOOST, IN_FORCE_BOOST, IN_FORCE_BOOST * TITLE_BOOST];

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
    accepts(u: number): boolean {
      if (works && !works[units.workId[u]]) return false;
      if (!chapterState) return true;
      const c = units.chapter[u];
      if (!chapterState[c]) chapterState[c] = chapterMatches(units.chapters[c], chapter!) ? 1 : 2;
      return chapterState[c] === 1;
    },
    /** Index into BOOSTS. */
    boostClass(u: number): number {
      return (inForce[units.versionId[u]] << 1) | title[units.workId[u]];
    },
  };
}

type Scope = ReturnType<typeof scopeOf>;

interface Matches {
  /** Rowids FTS5 returned. */
  rowids: number[];
  /** Unit indexes of the rows the status allows, ascending provision id. */
  inStatus: number[];
  /** Of those, the rows the work / kind / chapter filters allow. */
  selected: number[];
}

/**
 * The query without the `words` alternatives: the same rows (a word hit implies a literal hit,
 * fts-query.ts), found without reading the word column's position lists. Only ranking needs them.
 */
function literalMatch(resolved: ResolvedSearch): string {
  return buildFtsMatch(resolved.parsed, () => false);
}

/** Every matched row, as bare rowids: no bm25, no join, no object per row. */
function findMatches(db: SearchReader, units: UnitTable, scope: Scope, match: string): Matches {
  const rowids = db.pluck<number>(MATCH_ROWIDS, match);
  const inStatus: number[] = [];
  const selected: number[] = [];
  let hint = 0;
  for (const pid of rowids) {
    const u = units.locate(pid, hint);
    // Index and unit table come from one snapshot and are written together; a row without its
    // unit is skipped rather than failing the search.
    if (u < 0) continue;
    hint = u;
    if (scope.status && !scope.status[units.versionId[u]]) continue;
    inStatus.push(u);
    if (scope.accepts(u)) selected.push(u);
  }
  return { rowids, inStatus, selected };
}

/**
 * The groups (same work, key and text) of result positions [0, needed), best first: bm25 with the
 * boosts, sorted inside SQLite with a LIMIT, so only about a page of rowids reaches JS. Rows are
 * ordered by boosted bm25 then provision id; a group ranks at its best row. The status and
 * filters, and the boosts, enter the SQL as lists of rowids (json_each), the shorter way round.
 */
function topGroups(db: SearchReader, units: UnitTable, scope: Scope, match: string, matches: Matches, needed: number): number[] {
  const { rowids, selected } = matches;
  if (selected.length === 0 || needed <= 0) return [];
  const where: string[] = [];
  const params: unknown[] = [match];
  const isSelected = new Uint8Array(units.size);
  for (const u of selected) isSelected[u] = 1;
  if (selected.length < rowids.length) {
    const selectedIds = selected.map((u) => units.provisionId[u]);
    if (selectedIds.length * 2 <= rowids.length) {
      where.push(IN_LIST);
      params.push(JSON.stringify(selectedIds));
    } else {
      const keep = new Set(selectedIds);
      where.push(NOT_IN_LIST);
      params.push(JSON.stringify(rowids.filter((id) => !keep.has(id))));
    }
  }
  // Rows per boost class; the commonest class is the CASE's ELSE, the others are listed.
  const byClass: number[][] = [[], [], [], []];
  for (const u of selected) byClass[scope.boostClass(u)].push(units.provisionId[u]);
  const common = byClass.reduce((best, ids, c) => (ids.length > byClass[best].length ? c : best), 0);
  const cases: string[] = [];
  const caseParams: unknown[] = [];
  byClass.forEach((ids, c) => {
    if (c === common || ids.length === 0) return;
    cases.push(`WHEN ${IN_LIST} THEN ${BOOSTS[c]}`);
    caseParams.push(JSON.stringify(ids));
  });
  // bm25 is negative: a larger boost moves a row up.
  const score = cases.length ? `${BM25} * (CASE ${cases.join(" ")} ELSE ${BOOSTS[common]} END)` : BM25;
  const sql = `SELECT rowid FROM "search_fts" WHERE "search_fts" MATCH ?${where.map((w) => ` AND ${w}`).join("")}
    ORDER BY ${score}, rowid LIMIT ?`;

  // A group may hold several rows (one per version with the same text): widen the window until
  // it holds `needed` groups or every row.
  let limit = Math.max(needed * 2, 40);
  for (;;) {
    const ordered = db.pluck<number>(sql, ...params, ...caseParams, limit);
    const seen = new Set<number>();
    const groups: number[] = [];
    for (const pid of ordered) {
      const u = units.locate(pid, 0);
      if (u < 0 || !isSelected[u]) continue;
      const g = units.group[u];
      if (seen.has(g)) continue;
      seen.add(g);
      groups.push(g);
      if (groups.length === needed) return groups;
    }
    if (ordered.length < limit) return groups;
    limit *= 4;
  }
}

function runSearch(db: SearchReader, request: SearchRequest): SearchResponse {
  return db.snapshot(() => {
    const catalog = loadCatalog(db);
    const units = loadUnitTable(db, catalog.stamp);
    const resolved = resolveSearch(request, catalog);
    const match = buildFtsMatch(resolved.parsed, isSingleWord);
    const scope = scopeOf(units, resolved);
    const matches = findMatches(db, units, scope, literalMatch(resolved));

    // Facets count groups with the status applied and the work / kind / chapter filters ignored;
    // the total counts groups with every filter.
    const counted = new Uint8Array(units.groupCount);
    const perWork = new Map<number, number>();
    for (const u of matches.inStatus) {
      const g = units.group[u];
      if (counted[g]) continue;
      counted[g] = 1;
      const wid = units.workId[u];
      perWork.set(wid, (perWork.get(wid) ?? 0) + 1);
    }
    let total = 0;
    for (const u of matches.selected) {
      const g = units.group[u];
      if (counted[g] === 2) continue;
      counted[g] = 2;
      total++;
    }

    const offset = (resolved.page - 1) * resolved.pageSize;
    const ranked = offset < total ? topGroups(db, units, scope, match, matches, offset + resolved.pageSize) : [];
    const page = ranked.slice(offset);
    const onPage = new Map<number, MatchedGroup>(page.map((g) => [g, { entries: [] }]));
    for (const u of matches.inStatus) {
      onPage.get(units.group[u])?.entries.push({ provisionId: units.provisionId[u], versionId: units.versionId[u] });
    }
    const hits = assembleHits(db, catalog, [...onPage.values()], resolved);

    return buildSearchResponse("sqlite", request, resolved, catalog, perWork, total, hits);
  });
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
    const matches = findMatches(db, units, scopeOf(units, resolved), literalMatch(resolved));
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
