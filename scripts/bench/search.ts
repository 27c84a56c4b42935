/**
 * Search benchmark: ingests the bench corpus (1,564 laws) into a temporary database through the
 * real ingest (which indexes inside each version's transaction), then prints
 * - ingest time, a separate full index rebuild time (npm run search:reindex path) and index size;
 * - the one-off load of the search caches and the warm-up searches the server runs when it starts, then
 * - latency p50/p95/max of the embedded engine's search() over a fixed query set, side by side
 *   with a LIKE '%q%' scan and an in-process MiniSearch index (jieba words), with ratios;
 * - literal recall against the LIKE ground truth and against a scan of the folded text;
 * and first, in a child process over ../shared/corpus (the laws the judged set is about):
 * - relevance on the judged set (tests/fixtures/search/relevance.json): nDCG@10, recall@20 and
 *   queries without results, overall, on concept queries and per query kind, beside BM25 over
 *   character bigrams with OR semantics (the baseline in /work/shared/BASELINES.md).
 *
 *   npm run bench:search [-- --runs 5] [-- --corpus <folder>] [-- --db <file>]
 * --db keeps the database in <file> and, when it already holds the corpus, skips the ingest;
 * --no-reindex then skips the timed rebuild too (for latency runs).
 *   --relevance-only [--rel-db <file>] [--per-query]: only the relevance part.
 * --db postgresql://… compares the PostgreSQL engine with the embedded one instead (search-postgres.ts).
 *
 * The relevance part, the query set, the baselines, the measurement loop and the tables are in
 * scripts/bench/search/; this file runs them in order.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import MiniSearch from "minisearch";
import { args, argValue } from "./search/args";
import { createContenders } from "./search/contenders";
import { measureQueries } from "./search/measure";
import { benchQueries } from "./search/queries";
import { printLatency, printRecall } from "./search/report";
import { runRelevance } from "./search/relevance";
import { fmt, ms } from "./search/stats";

// --db postgresql://…: the PostgreSQL engine beside the embedded one (search-postgres.ts).
if (/^postgres(ql)?:\/\//.test(argValue("--db") ?? "")) {
  await import("./search-postgres");
  process.exit();
}

if (args.includes("--relevance-only")) {
  await runRelevance();
  process.exit(process.exitCode ?? 0);
}
{
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], "--relevance-only"], { stdio: "inherit" });
  if (child.status !== 0) process.exitCode = 1;
}

const RUNS = Number(argValue("--runs") ?? 5);
const CORPUS = path.resolve(argValue("--corpus") ?? path.join(process.cwd(), "..", "shared", "bench-corpus"));

const KEEP_DB = argValue("--db");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "redline-bench-search-"));
process.env.DATABASE_URL = `file:${KEEP_DB ? path.resolve(KEEP_DB) : path.join(tmp, "bench.db")}`;
delete process.env.MEILI_HOST;

const { getPrisma } = await import("~/lib/db.server");
const { ingestPaths } = await import("~/lib/corpus/ingest.server");
const { getSearchEngine } = await import("~/lib/search/engine.server");
const { matchingProvisionIds } = await import("~/lib/search/sqlite-engine.server");
const { foldForMatch } = await import("~/lib/text/normalize");
const { indexWords } = await import("~/lib/search/words.server");
const { loadCatalog } = await import("~/lib/search/catalog.server");
const { todayInChina } = await import("~/lib/corpus/point-in-time");

const prisma = getPrisma();
const engine = getSearchEngine();

// 1. Ingest (parse + store + index inside each transaction).
console.log(`bench corpus: ${CORPUS}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
let t0 = performance.now();
const existing = await prisma.version.count();
if (existing > 0) {
  console.log(`ingest: skipped, ${existing} versions already in ${process.env.DATABASE_URL}`);
} else {
  let lastPrint = 0;
  const ingest = await ingestPaths([CORPUS], { catalogue: null }, (e) => {
    if ((e.type === "file" || e.type === "error") && (e.index + 1 === e.total || performance.now() - lastPrint > 10_000)) {
      lastPrint = performance.now();
      console.log(`  ingest ${e.index + 1}/${e.total}`);
    }
  });
  const ingestMs = ms(t0);
  const units = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*) AS n FROM "Provision" WHERE "isUnit" = 1`);
  console.log(
    `ingest: ${ingest.results.length} versions (${ingest.errors.length} files refused), ${Number(units[0].n)} units, ${(ingestMs / 1000).toFixed(1)} s including indexing`,
  );
}

// 2. Index build alone (the reindex path) and size.
t0 = performance.now();
if (!args.includes("--no-reindex")) await engine.reindex();
const reindexMs = ms(t0);
const sizeRows = await prisma.$queryRawUnsafe<{ name: string; bytes: number }[]>(
  `SELECT name, SUM(pgsize) AS bytes FROM dbstat WHERE name LIKE 'search_%' GROUP BY name`,
);
const indexBytes = sizeRows.reduce((s, r) => s + Number(r.bytes), 0);
const textBytes = await prisma.$queryRawUnsafe<{ n: number }[]>(
  `SELECT SUM(length(CAST("text" AS BLOB))) AS n FROM "Provision" WHERE "isUnit" = 1`,
);
console.log(
  `index build (reindex, all versions): ${(reindexMs / 1000).toFixed(2)} s; index size ${(indexBytes / 1e6).toFixed(1)} MB for ${(Number(textBytes[0].n) / 1e6).toFixed(1)} MB of article text`,
);
for (const r of sizeRows) console.log(`  ${r.name}: ${(Number(r.bytes) / 1e6).toFixed(1)} MB`);

// 3. Baseline B: MiniSearch over jieba words of the folded text.
const unitRows = await prisma.$queryRawUnsafe<{ id: number; text: string; versionId: number; workId: number }[]>(
  `SELECT p."id", p."text", p."versionId", v."workId" FROM "Provision" p JOIN "Version" v ON v."id" = p."versionId" WHERE p."isUnit" = 1`,
);
t0 = performance.now();
const mini = new MiniSearch<{ id: number; text: string }>({
  fields: ["text"],
  tokenize: (text) => indexWords(text).split(" ").filter(Boolean),
  processTerm: (term) => term,
});
mini.addAll(unitRows.map((r) => ({ id: Number(r.id), text: foldForMatch(r.text) })));
const miniBuildMs = ms(t0);
console.log(`MiniSearch build (jieba words): ${(miniBuildMs / 1000).toFixed(2)} s`);

// Folded text once, for the strongest ground truth (typography, traditional, stray spaces).
const foldedUnits = unitRows.map((r) => ({
  id: Number(r.id),
  versionId: Number(r.versionId),
  workId: Number(r.workId),
  folded: foldForMatch(r.text),
}));

// 4. Query set.
const minorsSlug =
  (
    await prisma.$queryRawUnsafe<{ slug: string }[]>(
      `SELECT "slug" FROM "Work" WHERE "titleZh" LIKE '%未成年人保护法%' ORDER BY length("titleZh") LIMIT 1`,
    )
  )[0]?.slug ?? undefined;
const criminalSlug =
  (
    await prisma.$queryRawUnsafe<{ slug: string }[]>(
      `SELECT "slug" FROM "Work" WHERE "titleZh" LIKE '%刑法%' ORDER BY length("titleZh") LIMIT 1`,
    )
  )[0]?.slug ?? undefined;

const QUERIES = benchQueries(minorsSlug, criminalSlug);

const { getSearchReader } = await import("~/lib/search/reader.server");
const catalog = loadCatalog(getSearchReader());
const today = todayInChina();
const contenders = createContenders({ prisma, catalog, today, mini, foldedUnits });

// 5. Latency, side by side, same process. First the per-process caches the server loads once it
// listens (catalogue, unit table, folded texts for ranking, jieba), timed on their own.
t0 = performance.now();
await engine.warmUp();
console.log(
  `\nsearch caches (catalogue, unit table, ranking texts, jieba) and warm-up searches: ${fmt(ms(t0))} ms, once per process (after an ingest only the new rows); heap now ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
);
const { lat, perGroup, perGroupCpu, perQuery, recall } = await measureQueries(
  QUERIES,
  RUNS,
  today,
  engine,
  contenders,
  matchingProvisionIds,
);
printLatency(lat, perGroup, perGroupCpu, perQuery, QUERIES.length, RUNS);
printRecall(recall);

await prisma.$disconnect();
fs.rmSync(tmp, { recursive: true, force: true });
if (recall.some((r) => r.missedLike || r.missedFolded)) process.exitCode = 1;
