/**
 * The embedded engine: SQLite FTS5 in the app database (migration *_search_fts). Indexing runs
 * inside ingest's transaction, so a version and its index rows commit or roll back together.
 */
import { createHash } from "node:crypto";
import { getPrisma, type PrismaClient, type Tx } from "~/lib/db.server";
import { foldForMatch } from "~/lib/text/normalize";
import { loadCatalog } from "./catalog.server";
import type { SearchEngine } from "./engine.server";
import { buildStageMatch, literalTermMatch, wordTermMatch } from "./fts-query";
import { textGrams } from "./grams";
import { assembleHits, buildSearchResponse } from "./hits.server";
import { matchingIds, relatedTermsForTerm, runPipeline, runSync, type CandidateSource, type SearchState } from "./pipeline.server";
import { getSearchReader, type SearchReader } from "./reader.server";
import type { SearchRequest, SearchResponse } from "./types";
import { warmRelatedTerms, wordDocumentFrequency } from "./related-terms.server";
import { frequentCharacters } from "./term-cache";
import { readThesaurus } from "./thesaurus.server";
import { foldParagraphs, loadUnitTexts, unitHeadingTexts } from "./unit-texts.server";
import { loadUnitTable, type UnitTable } from "./units.server";
import { indexWords } from "./words.server";

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

/** FTS5 finds the candidates (every answer synchronous: pipeline.server.ts runSync). */
function ftsSource(db: SearchReader, stamp: string, units: UnitTable): CandidateSource {
  return {
    // Bare rowids, ascending: no bm25, no join, no object per row.
    find: (clauses, excluded) => db.pluck<number>(MATCH_ROWIDS, buildStageMatch(clauses, excluded)),
    countLiteral: (folded) => Number(db.pluck<number>(COUNT_MATCH, literalTermMatch(folded))[0] ?? 0),
    wordRows: (word, ids) =>
      ids
        ? db.pluck<number>(`${MATCH_ROWIDS} AND ${IN_LIST}`, wordTermMatch(word), JSON.stringify(ids))
        : db.pluck<number>(MATCH_ROWIDS, wordTermMatch(word)),
    wordFrequency: (word) => wordDocumentFrequency(stamp, units, word),
  };
}

/** Call inside the reader's snapshot: the caches of the generation it sees. */
function searchState(db: SearchReader): SearchState {
  const catalog = loadCatalog(db);
  const units = loadUnitTable(db, catalog.stamp);
  return { stamp: catalog.stamp, catalog, units, texts: loadUnitTexts(db, units), thesaurus: readThesaurus(db) };
}

function runSearch(db: SearchReader, request: SearchRequest): SearchResponse {
  return db.snapshot(() => {
    const state = searchState(db);
    const result = runSync(runPipeline(ftsSource(db, state.stamp, state.units), state, request));
    const hits = assembleHits(db, state.catalog, result.groups, result.resolved);
    return buildSearchResponse("sqlite", request, result.resolved, state.catalog, result.perWork, result.total, hits, {
      relaxation: result.relaxation,
      relatedTerms: result.relatedTerms,
    });
  });
}

/**
 * Every provision id the request matches (no grouping, no paging): the set literal-recall checks
 * compare with a full scan.
 */
export function matchingProvisionIds(request: SearchRequest): number[] {
  const db = getSearchReader();
  return db.snapshot(() => {
    const state = searchState(db);
    return runSync(matchingIds(ftsSource(db, state.stamp, state.units), state, request));
  });
}

/** Related terms of one term over every version (the thesaurus editor). */
export function sqliteRelatedTermsFor(term: string): string[] {
  const folded = foldForMatch(term);
  if (!folded) return [];
  const db = getSearchReader();
  return db.snapshot(() => {
    const state = searchState(db);
    const source = ftsSource(db, state.stamp, state.units);
    return runSync(relatedTermsForTerm(source, state, folded));
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
    async relatedTermsFor(term) {
      return sqliteRelatedTermsFor(term);
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
      // The most frequent single characters once each: their matches and scores stay memoised
      // (pipeline.server.ts, term-cache.ts) until the index changes.
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
