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
import { assembleHits, type MatchedGroup } from "./hits.server";
import { getSearchReader, type SearchReader } from "./reader.server";
import { resolveSearch, type ResolvedSearch } from "./resolve";
import type { KindFacet, SearchRequest, SearchResponse, WorkFacet } from "./types";
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

async function removeVersion(db: Db, versionId: number): Promise<void> {
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

const FROM_MATCH = `FROM "search_fts" f JOIN "search_unit" u ON u."provisionId" = f.rowid WHERE "search_fts" MATCH ?`;

/** The status filter (versions in force on the day) as SQL; the other filters apply in JS. */
function statusSql(resolved: ResolvedSearch): { sql: string; params: unknown[] } {
  if (!resolved.statusVersionIds) return { sql: "", params: [] };
  return {
    sql: ` AND u."versionId" IN (SELECT value FROM json_each(?))`,
    params: [JSON.stringify([...resolved.statusVersionIds])],
  };
}

function chapterMatches(chapterKey: string, chapter: string): boolean {
  return chapterKey === chapter || chapterKey.startsWith(`${chapter}/`);
}

interface MatchRow {
  pid: number;
  vid: number;
  wid: number;
  gh: number;
  ck: string;
  score: number;
}

interface Group {
  wid: number;
  best: number;
  first: number;
  entries: { provisionId: number; versionId: number }[];
  chapters: string[];
}

/**
 * One pass over the matches, grouped here (same work, key and text) rather than in SQL: the
 * boosts are set lookups in JS (an IN (json_each) per row cost more than bm25 itself), and
 * facets (which ignore the work / kind / chapter filters), those filters, ordering and paging
 * all run over these groups, so the FTS5 query runs once per search.
 */
function matchGroups(db: SearchReader, resolved: ResolvedSearch, match: string): Group[] {
  const status = statusSql(resolved);
  const rows = db.all<MatchRow>(
    `SELECT u."provisionId" AS pid, u."versionId" AS vid, u."workId" AS wid, u."groupHash" AS gh,
            u."chapterKey" AS ck, bm25("search_fts", ${COLUMN_WEIGHTS.join(", ")}) AS score
     ${FROM_MATCH}${status.sql}`,
    match,
    ...status.params,
  );
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const score =
      r.score * (resolved.inForce.has(r.vid) ? IN_FORCE_BOOST : 1) * (resolved.titleWorkIds.has(r.wid) ? TITLE_BOOST : 1);
    const id = `${r.wid}:${r.gh}`;
    const g = groups.get(id);
    if (!g) {
      groups.set(id, {
        wid: r.wid,
        best: score,
        first: r.pid,
        entries: [{ provisionId: r.pid, versionId: r.vid }],
        chapters: [r.ck],
      });
      continue;
    }
    if (score < g.best) g.best = score;
    if (r.pid < g.first) g.first = r.pid;
    g.entries.push({ provisionId: r.pid, versionId: r.vid });
    g.chapters.push(r.ck);
  }
  return [...groups.values()];
}

function runSearch(db: SearchReader, request: SearchRequest): SearchResponse {
  const catalog = loadCatalog(db);
  const resolved = resolveSearch(request, catalog);
  const rows = matchGroups(db, resolved, buildFtsMatch(resolved.parsed, isSingleWord));

  const perWork = new Map<number, number>();
  for (const r of rows) perWork.set(r.wid, (perWork.get(r.wid) ?? 0) + 1);

  const selected = rows.filter(
    (r) =>
      (!resolved.work || r.wid === resolved.work.id) &&
      (!resolved.kindWorkIds || resolved.kindWorkIds.has(r.wid)) &&
      (!resolved.chapter || r.chapters.some((c) => chapterMatches(c, resolved.chapter!))),
  );
  selected.sort((a, b) => a.best - b.best || a.first - b.first);
  const total = selected.length;
  const offset = (resolved.page - 1) * resolved.pageSize;
  const groups: MatchedGroup[] = selected.slice(offset, offset + resolved.pageSize);
  const hits = assembleHits(db, catalog, groups, resolved);

  const works: WorkFacet[] = [];
  const kinds = new Map<string, number>();
  for (const [wid, count] of perWork) {
    const w = catalog.works.get(wid);
    if (!w) continue;
    works.push({ slug: w.slug, title: w.title, kind: w.kind, count });
    kinds.set(w.kind, (kinds.get(w.kind) ?? 0) + count);
  }
  works.sort((a, b) => b.count - a.count || a.title.localeCompare(b.title, "zh-CN"));
  const kindFacets: KindFacet[] = [...kinds].map(([kind, count]) => ({ kind, count }));
  kindFacets.sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));

  return {
    engine: "sqlite",
    query: {
      q: request.q,
      terms: resolved.parsed.terms.map((t) => t.folded),
      excluded: resolved.parsed.excluded.map((t) => t.folded),
    },
    status: resolved.status,
    date: resolved.date,
    total,
    page: resolved.page,
    pageSize: resolved.pageSize,
    pageCount: Math.ceil(total / resolved.pageSize),
    hits,
    facets: { works, kinds: kindFacets },
    filters: { work: resolved.work?.slug ?? null, kind: resolved.kind, chapter: resolved.chapter },
  };
}

/**
 * Every provision id the request matches (no grouping, no paging): the set literal-recall checks
 * compare with a full scan.
 */
export function matchingProvisionIds(request: SearchRequest): number[] {
  const db = getSearchReader();
  const resolved = resolveSearch(request, loadCatalog(db));
  const status = statusSql(resolved);
  const rows = db.all<{ id: number; wid: number; ck: string }>(
    `SELECT u."provisionId" AS id, u."workId" AS wid, u."chapterKey" AS ck ${FROM_MATCH}${status.sql}`,
    buildFtsMatch(resolved.parsed, isSingleWord),
    ...status.params,
  );
  return rows
    .filter(
      (r) =>
        (!resolved.work || r.wid === resolved.work.id) &&
        (!resolved.kindWorkIds || resolved.kindWorkIds.has(r.wid)) &&
        (!resolved.chapter || chapterMatches(r.ck, resolved.chapter)),
    )
    .map((r) => r.id);
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
