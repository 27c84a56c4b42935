/**
 * Search on PostgreSQL without a search server (docs/decisions/0012-postgresql.md): the same
 * contract as the embedded SQLite engine, on what Debian's PostgreSQL 15 offers.
 *
 * Matching: search_unit.grams holds the distinct folded characters and character bigrams of a
 * unit (never across a paragraph end); a GIN index over it yields the candidates that contain
 * every gram of every term (a single character is its own gram, so 1- and 2-character terms use
 * the index too), and strpos() over the folded heading and body keeps exactly the rows that contain
 * each term as a literal substring. Exclusions are strpos() checks on those candidates.
 * Relaxation, ranking (BM25 over the folded texts cached per process), match kinds and related
 * terms are the pipeline the embedded engine uses too (pipeline.server.ts). Every cache is keyed by search_meta.generation, read in the search's own
 * snapshot, so a version ingested through any app server is seen by the next search on every other.
 */
import type pg from "pg";
import { getPgPool } from "~/lib/db/postgres.server";
import { getPrisma, sqlDialect, type Tx } from "~/lib/db.server";
import { databaseUrl } from "~/lib/env.server";
import { foldForMatch } from "~/lib/text/normalize";
import type { Catalog } from "./catalog.server";
import { readPostgresCatalog } from "./catalog-store.server";
import type { SearchEngine } from "./engine.server";
import { buildHits, buildSearchResponse, chapterPairs, pickRepresentatives, type HeadingRow, type ProvisionRow } from "./hits.server";
import { matchingIds, relatedTermsForTerm, runAsync, runPipeline, type CandidateSource, type Clause, type SearchState } from "./pipeline.server";
import { groupHash } from "./sqlite-engine.server";
import { frequentCharacters } from "./term-cache";
import { readThesaurusAsync } from "./thesaurus.server";
import type { SearchRequest, SearchResponse } from "./types";
import { foldParagraphs, unitHeadingTexts, type UnitTexts } from "./unit-texts.server";
import { buildUnitTable, type UnitRow, type UnitTable } from "./units.server";
import { indexWords } from "./words.server";

const INSERT_BATCH = 200;
/** Single characters searched once at warm-up, as the embedded engine does (term-cache.ts). */
const WARM_UP_CHARACTERS = 8;

/** The distinct characters and bigrams of folded paragraphs (no bigram spans two paragraphs). */
export function paragraphGramSet(paragraphs: string[]): string[] {
  const grams = new Set<string>();
  for (const p of paragraphs) {
    const chars = [...p];
    for (let i = 0; i < chars.length; i++) {
      grams.add(chars[i]);
      if (i + 1 < chars.length) grams.add(chars[i] + chars[i + 1]);
    }
  }
  return [...grams];
}

/** The grams every row containing `folded` must hold: its bigrams, or the character itself. */
export function termGrams(folded: string): string[] {
  const chars = [...folded];
  if (chars.length === 1) return chars;
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return [...out];
}

interface UnitSourceRow {
  id: number;
  key: string;
  heading: string | null;
  text: string;
  isUnit: boolean;
  chapterKey: string;
  workId: number;
}

async function bumpGeneration(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`UPDATE "search_meta" SET "generation" = "generation" + 1 WHERE "id" = 1`);
}

async function indexVersion(tx: Tx, versionId: number): Promise<void> {
  const d = sqlDialect();
  await tx.$executeRawUnsafe(d.sql(`DELETE FROM "search_unit" WHERE "versionId" = ?`), versionId);
  const rows = await tx.$queryRawUnsafe<UnitSourceRow[]>(
    d.sql(`SELECT p."id", p."key", p."heading", p."text", p."isUnit", p."chapterKey", v."workId"
     FROM "Provision" p JOIN "Version" v ON v."id" = p."versionId"
     WHERE p."versionId" = ? AND (p."isUnit" OR p."kind" IN ('part', 'chapter', 'section', 'heading'))`),
    versionId,
  );
  const structural = new Map<string, string>();
  for (const r of rows) if (!r.isUnit) structural.set(r.key, r.heading ?? r.text);
  const units = rows.filter((r) => r.isUnit);
  for (let i = 0; i < units.length; i += INSERT_BATCH) {
    const batch = units.slice(i, i + INSERT_BATCH).map((r) => {
      const headings = unitHeadingTexts(r.chapterKey, r.heading, (k) => structural.get(k)).map((h) => foldForMatch(h));
      const paragraphs = foldParagraphs(r.text);
      const words = new Set(paragraphs.flatMap((p) => indexWords(p).split(" ")).filter(Boolean));
      return [
        Number(r.id),
        versionId,
        Number(r.workId),
        r.chapterKey,
        groupHash(r.key, paragraphs.join("")),
        headings.join("\n"),
        paragraphs.join("\n"),
        paragraphGramSet([...headings, ...paragraphs]),
        [...words],
      ];
    });
    await tx.$executeRawUnsafe(
      d.sql(
        `INSERT INTO "search_unit" ("provisionId", "versionId", "workId", "chapterKey", "groupHash", "heading", "body", "grams", "words")
         VALUES ${batch.map(() => "(?, ?, ?, ?, ?, ?, ?, ?::text[], ?::text[])").join(", ")}`,
      ),
      ...batch.flat(),
    );
  }
  await bumpGeneration(tx);
}

/** Per-process caches of one generation. */
interface Snapshot {
  stamp: string;
  catalog: Catalog;
  units: UnitTable;
  texts: UnitTexts;
  /** Rows holding each jieba word (the `words` arrays): idf of relaxed words, related terms. */
  wordFrequency: Map<string, number>;
}

async function loadSnapshot(client: pg.PoolClient, stamp: string): Promise<Snapshot> {
  const catalog = await readPostgresCatalog(client, stamp);
  const rows = await client.query({
    text: `SELECT "provisionId", "versionId", "workId", "groupHash", "chapterKey", "heading", "body" FROM "search_unit" ORDER BY "provisionId"`,
    rowMode: "array",
  });
  const unitRows = rows.rows.map((r) => [r[0], r[1], r[2], Number(r[3]), r[4]] as UnitRow);
  const heading = rows.rows.map((r) => r[5] as string);
  const body = rows.rows.map((r) => r[6] as string);
  const length = new Int32Array(rows.rows.length);
  let total = 0;
  for (let i = 0; i < length.length; i++) total += length[i] = heading[i].length + body[i].length;
  const words = await client.query({
    text: `SELECT w, count(*) FROM "search_unit", unnest("words") AS w GROUP BY w`,
    rowMode: "array",
  });
  return {
    stamp,
    catalog,
    units: buildUnitTable(unitRows),
    texts: { heading, body, length, avgLength: length.length ? total / length.length : 1 },
    wordFrequency: new Map(words.rows.map((r) => [r[0] as string, Number(r[1])])),
  };
}

/**
 * The provision ids a query returns, ascending. Sorted here, not by ORDER BY: with sequential scans
 * off, an ORDER BY "provisionId" makes the planner walk the whole primary key in order and test
 * every row, instead of using the GIN index (measured: 3 ms -> 40-120 ms).
 */
async function provisionIds(client: pg.PoolClient, text: string, values: unknown[]): Promise<number[]> {
  const { rows } = await client.query({ text, values, rowMode: "array" });
  const ids = Int32Array.from(rows, (r) => r[0] as number).sort();
  return Array.from(ids);
}

/**
 * WHERE clause (with $n from `params`): for every clause, one alternative whose strings all occur
 * literally (its grams through the GIN index, then strpos), and no excluded string.
 */
function matchClause(clauses: Clause[], excluded: string[], params: unknown[]): string {
  const bind = (v: unknown) => `$${params.push(v)}`;
  const literal = (term: string) => {
    const p = bind(term);
    return `(strpos("heading", ${p}) > 0 OR strpos("body", ${p}) > 0)`;
  };
  const alternative = (strings: string[]) =>
    [`"grams" @> ${bind([...new Set(strings.flatMap(termGrams))])}::text[]`, ...strings.map(literal)].join(" AND ");
  const parts = clauses.map((alternatives) => `(${alternatives.map((alt) => `(${alternative(alt)})`).join(" OR ")})`);
  for (const t of excluded) parts.push(`NOT ${literal(t)}`);
  return parts.join(" AND ");
}

/** GIN over character grams finds the candidates, strpos() keeps the literal matches. */
function gramSource(client: pg.PoolClient, snap: Snapshot): CandidateSource {
  return {
    find(clauses, excluded) {
      const params: unknown[] = [];
      const where = matchClause(clauses, excluded, params);
      return provisionIds(client, `SELECT "provisionId" FROM "search_unit" WHERE ${where}`, params);
    },
    async countLiteral(folded) {
      const params: unknown[] = [];
      const where = matchClause([[[folded]]], [], params);
      return Number((await client.query(`SELECT count(*) AS n FROM "search_unit" WHERE ${where}`, params)).rows[0].n);
    },
    wordRows(word, ids) {
      return provisionIds(
        client,
        `SELECT "provisionId" FROM "search_unit" WHERE "words" @> ARRAY[$1::text]${ids ? ` AND "provisionId" = ANY($2::int[])` : ""}`,
        ids ? [word, ids] : [word],
      );
    },
    wordFrequency: (word) => snap.wordFrequency.get(word),
  };
}

async function searchState(client: pg.PoolClient, snap: Snapshot): Promise<SearchState> {
  const thesaurus = await readThesaurusAsync(async (sql) => (await client.query(sql)).rows);
  return { stamp: snap.stamp, catalog: snap.catalog, units: snap.units, texts: snap.texts, thesaurus };
}

async function runSearch(client: pg.PoolClient, snap: Snapshot, request: SearchRequest): Promise<SearchResponse> {
  const state = await searchState(client, snap);
  const result = await runAsync(runPipeline(gramSource(client, snap), state, request));
  const { catalog } = snap;
  const reps = pickRepresentatives(catalog, result.groups, result.resolved);
  let hits: SearchResponse["hits"] = [];
  if (reps.length) {
    const rows = await client.query<ProvisionRow>(
      `SELECT "id", "versionId", "key", "label", "heading", "text", "chapterKey" FROM "Provision" WHERE "id" = ANY($1::int[])`,
      [reps.map((r) => r.rep.provisionId)],
    );
    const pairs = chapterPairs(rows.rows);
    const headingRows = pairs.length
      ? await client.query<HeadingRow>(
          `SELECT p."versionId", p."key", p."label", p."heading", p."text"
           FROM unnest($1::int[], $2::text[]) AS j("versionId", "key")
           JOIN "Provision" p ON p."versionId" = j."versionId" AND p."key" = j."key"`,
          [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
        )
      : { rows: [] };
    hits = buildHits(catalog, reps, rows.rows, headingRows.rows, result.resolved);
  }
  return buildSearchResponse("postgresql", request, result.resolved, catalog, result.perWork, result.total, hits, {
    relaxation: result.relaxation,
    relatedTerms: result.relatedTerms,
  });
}

/**
 * Every provision id the request matches (no grouping, no paging): the set literal-recall checks
 * compare with a full scan (like sqlite-engine.server.ts matchingProvisionIds).
 */
export function matchingProvisionIds(request: SearchRequest): Promise<number[]> {
  return postgresSnapshots(databaseUrl()).run(async (client, snap) =>
    runAsync(matchingIds(gramSource(client, snap), await searchState(client, snap), request)),
  );
}

/** One cache per database URL per process, shared by the engine and matchingProvisionIds. */
const snapshotStores = new Map<string, ReturnType<typeof createSnapshotStore>>();
function postgresSnapshots(url: string) {
  let store = snapshotStores.get(url);
  if (!store) snapshotStores.set(url, (store = createSnapshotStore(url)));
  return store;
}

function createSnapshotStore(url: string) {
  let snapshot: Snapshot | null = null;
  let loading: { stamp: string; promise: Promise<Snapshot> } | null = null;

  /** Runs fn in one read-only snapshot with the caches of the generation that snapshot sees. */
  async function withSnapshot<T>(fn: (client: pg.PoolClient, snap: Snapshot) => Promise<T>): Promise<T> {
    const client = await getPgPool(url).connect();
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      // The planner prices "grams @> …" as cheap per row and scans the table; each row's gram array
      // is thousands of entries, so the GIN index is always the faster path (bench: 35 ms -> see ADR 0012).
      await client.query("SET LOCAL enable_seqscan = off");
      const stamp = String((await client.query(`SELECT "generation" FROM "search_meta" WHERE "id" = 1`)).rows[0].generation);
      let snap = snapshot?.stamp === stamp ? snapshot : null;
      if (!snap) {
        // Concurrent requests of one generation share one load.
        if (loading?.stamp !== stamp) loading = { stamp, promise: loadSnapshot(client, stamp) };
        snap = await loading.promise;
        snapshot = snap;
      }
      const result = await fn(client, snap);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  return { run: withSnapshot };
}

export function createPostgresSearchEngine(url = databaseUrl()): SearchEngine {
  const withSnapshot = postgresSnapshots(url).run;
  return {
    name: "postgresql",
    async indexVersionInTransaction(tx, versionId) {
      await indexVersion(tx, versionId);
    },
    async removeVersionInTransaction(tx, versionId) {
      await tx.$executeRawUnsafe(`DELETE FROM "search_unit" WHERE "versionId" = $1`, versionId);
      await bumpGeneration(tx);
    },
    async afterVersionCommitted() {
      // The index rows committed with the version itself.
    },
    search(request) {
      return withSnapshot((client, snap) => runSearch(client, snap, request));
    },
    relatedTermsFor(term) {
      const folded = foldForMatch(term);
      if (!folded) return Promise.resolve([]);
      return withSnapshot(async (client, snap) =>
        runAsync(relatedTermsForTerm(gramSource(client, snap), await searchState(client, snap), folded)),
      );
    },
    async reindex(onProgress) {
      const prisma = getPrisma();
      const versions = await prisma.version.findMany({ select: { id: true }, orderBy: { id: "asc" } });
      onProgress?.(0, versions.length);
      await prisma.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe(`DELETE FROM "search_unit"`);
          let done = 0;
          for (const v of versions) {
            await indexVersion(tx, v.id);
            onProgress?.(++done, versions.length);
          }
        },
        { timeout: 30 * 60_000, maxWait: 60_000 },
      );
      // Fresh planner statistics, or the first searches may scan instead of using the GIN index.
      await prisma.$executeRawUnsafe(`ANALYZE "search_unit"`);
    },
    async warmUp() {
      const frequent = await withSnapshot(async (_client, snap) => frequentCharacters(snap.texts.body, WARM_UP_CHARACTERS));
      // Their matches and scores stay memoised (pipeline.server.ts) until the generation changes.
      for (const q of frequent) await withSnapshot((client, snap) => runSearch(client, snap, { q, status: "all" }));
    },
    async health() {
      try {
        const { rows } = await getPgPool(url).query(
          `SELECT (SELECT count(*) FROM "search_unit") AS indexed, (SELECT count(*) FROM "Provision" WHERE "isUnit") AS units`,
        );
        const indexed = Number(rows[0].indexed);
        const unitCount = Number(rows[0].units);
        if (indexed !== unitCount) {
          return { ok: false, engine: "postgresql", message: `${indexed} of ${unitCount} articles are indexed; run npm run search:reindex.` };
        }
        return { ok: true, engine: "postgresql", message: `${indexed} articles indexed.` };
      } catch (error) {
        return { ok: false, engine: "postgresql", message: `Search index unavailable: ${(error as Error).message}` };
      }
    },
  };
}
