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
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import MiniSearch from "minisearch";

const args = process.argv.slice(2);
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
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

/**
 * Coordinate descent over rank.ts TUNING: each value in turn, keeping the best mean nDCG@10 on one
 * half of the judged set (even- or odd-numbered queries, --tune-on odd) and printing the other
 * half's figure beside it, so a value that only fits the queries it was chosen on shows.
 */
async function tune(
  judged: import("../../tests/fixtures/search/relevance").JudgedSet,
  engine: import("~/lib/search/engine.server").SearchEngine,
  rel: typeof import("../../tests/fixtures/search/relevance"),
): Promise<void> {
  const { TUNING } = await import("~/lib/search/rank");
  const on = argValue("--tune-on") === "odd" ? 1 : 0;
  const score = async (parity: number) => {
    const queries = judged.queries.filter((_, i) => i % 2 === parity);
    let sum = 0;
    for (const query of queries) {
      const res = await engine.search({ q: query.q, status: query.status ?? "current", today: judged.today, pageSize: 10 });
      sum += rel.ndcgAt(10, res.hits.map((h) => `${h.work.slug}#${h.key}`), query.judgments);
    }
    return sum / queries.length;
  };
  const grid: Record<string, number[]> = {
    headingWeight: [0.5, 1, 2, 4],
    wordWeight: [0, 1, 2, 4],
    headingOnly: [0.2, 0.4, 0.7, 1],
    leadBoost: [1, 1.25, 1.5, 2, 3],
    definitionBoost: [1, 1.6, 2, 3, 4],
    proximityBonus: [0, 0.5, 1, 2],
    synonymWeight: [1, 1.5, 2, 3],
    inForceBoost: [1, 1.5],
    titleBoost: [1, 1.15, 1.3],
  };
  const values = TUNING as unknown as Record<string, number>;
  console.log(`tuning on the ${on ? "odd" : "even"} half; start ${(await score(on)).toFixed(3)} / held out ${(await score(1 - on)).toFixed(3)}`);
  for (let round = 0; round < 2; round++) {
    for (const [name, candidates] of Object.entries(grid)) {
      let best = values[name];
      let bestScore = await score(on);
      for (const v of candidates) {
        values[name] = v;
        const s = await score(on);
        if (s > bestScore + 1e-9) [best, bestScore] = [v, s];
      }
      values[name] = best;
      console.log(`  ${name} = ${best}: ${bestScore.toFixed(3)} / held out ${(await score(1 - on)).toFixed(3)}`);
    }
  }
  console.log(`tuned: ${JSON.stringify(TUNING)}`);
}

/** Relevance on the judged set over ../shared/corpus, beside the bigram BM25 baseline. */
async function runRelevance(): Promise<void> {
  const keep = argValue("--rel-db");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-bench-relevance-"));
  process.env.DATABASE_URL = `file:${keep ? path.resolve(keep) : path.join(dir, "relevance.db")}`;
  delete process.env.MEILI_HOST;
  const { getPrisma } = await import("~/lib/db.server");
  const { ingestPaths } = await import("~/lib/corpus/ingest.server");
  const { getSearchEngine } = await import("~/lib/search/engine.server");
  const { loadCatalog } = await import("~/lib/search/catalog.server");
  const { getSearchReader } = await import("~/lib/search/reader.server");
  const rel = await import("../../tests/fixtures/search/relevance");
  const prisma = getPrisma();
  if ((await prisma.version.count()) === 0) {
    const { errors } = await ingestPaths([path.join(process.cwd(), "..", "shared", "corpus")]);
    if (errors.length) throw new Error(`ingest failed: ${errors.map((e) => e.file).join(", ")}`);
  }
  const judged = rel.loadJudgedSet();
  const engine = getSearchEngine();
  await engine.warmUp();
  const catalog = loadCatalog(getSearchReader());
  const rows = await prisma.$queryRawUnsafe<{ key: string; heading: string | null; text: string; versionId: number; slug: string }[]>(
    `SELECT p."key", p."heading", p."text", p."versionId", w."slug" FROM "Provision" p JOIN "Version" v ON v."id" = p."versionId"
     JOIN "Work" w ON w."id" = v."workId" WHERE p."isUnit" = 1`,
  );
  const inForce = catalog.inForceOn(judged.today);
  const docsOf = (all: boolean) => {
    const seen = new Set<string>();
    return rows
      .filter((r) => all || inForce.has(Number(r.versionId)))
      .map((r) => ({ key: `${r.slug}#${r.key}`, text: `${r.heading ?? ""}\n${r.text}` }))
      .filter((d) => (seen.has(d.key) ? false : (seen.add(d.key), true)));
  };
  const baselines = { current: rel.createBigramBm25(docsOf(false)), all: rel.createBigramBm25(docsOf(true)) };
  if (args.includes("--tune")) await tune(judged, engine, rel);
  const ours: import("../../tests/fixtures/search/relevance").QueryScore[] = [];
  const base: typeof ours = [];
  for (const query of judged.queries) {
    const res = await engine.search({ q: query.q, status: query.status ?? "current", today: judged.today, pageSize: 20 });
    const ranked = res.hits.map((h) => `${h.work.slug}#${h.key}`);
    ours.push({ q: query.q, kind: query.kind, ndcg: rel.ndcgAt(10, ranked, query.judgments), recall: rel.recallAt(20, ranked, query.judgments), results: res.total });
    const b = baselines[query.status === "all" ? "all" : "current"](query.q, 20);
    base.push({ q: query.q, kind: query.kind, ndcg: rel.ndcgAt(10, b, query.judgments), recall: rel.recallAt(20, b, query.judgments), results: b.length });
    if (args.includes("--per-query")) {
      const steps = res.relaxation.steps.map((s) => s.kind).join(",");
      console.log(`  ${query.kind.padEnd(11)} ${query.q.padEnd(16)} nDCG ${rel.ndcgAt(10, ranked, query.judgments).toFixed(2)} (bigram ${rel.ndcgAt(10, b, query.judgments).toFixed(2)})  ${res.total} results ${steps}  top: ${ranked.slice(0, 3).join(" ")}`);
    }
  }
  // Before this revision: main's ranking weights and no relaxation (literal matches only).
  const { TUNING } = await import("~/lib/search/rank");
  const tuned = { ...TUNING };
  Object.assign(TUNING, { headingWeight: 4, wordWeight: 2, headingOnly: 1, leadBoost: 1, definitionBoost: 1.6, titleBoost: 1.3, proximityBonus: 0, relaxBelow: 0 });
  const before: typeof ours = [];
  for (const query of judged.queries) {
    const res = await engine.search({ q: query.q, status: query.status ?? "current", today: judged.today, pageSize: 20 });
    const ranked = res.hits.map((h) => `${h.work.slug}#${h.key}`);
    before.push({ q: query.q, kind: query.kind, ndcg: rel.ndcgAt(10, ranked, query.judgments), recall: rel.recallAt(20, ranked, query.judgments), results: res.total });
  }
  Object.assign(TUNING, tuned);
  const a = rel.summarize(ours);
  const bb = rel.summarize(base);
  const bf = rel.summarize(before);
  console.log(`relevance: ${judged.queries.length} judged queries over ../shared/corpus (current versions on ${judged.today}); load average ${os.loadavg()[0].toFixed(1)}`);
  const cell = (r: { ndcg: number; recall: number; zero: number }) =>
    `${r.ndcg.toFixed(3).padStart(7)} ${r.recall.toFixed(3).padStart(6)} ${String(r.zero).padStart(5)}`;
  console.log(`  ${"".padEnd(16)}  ${"Redline".padEnd(20)}   ${"bigram BM25, OR".padEnd(20)}   ${"before (literal only)".padEnd(20)}`);
  console.log(`  ${"queries".padEnd(12)} ${"n".padStart(3)}  ${"nDCG@10   R@20 empty   ".repeat(3)}`);
  a.forEach((r, i) => console.log(`  ${r.name.padEnd(12)} ${String(r.count).padStart(3)}  ${cell(r)}   ${cell(bb[i])}   ${cell(bf[i])}`));
  // Held-out check: the same figures on the even- and odd-numbered halves (tuning uses one, checks the other).
  for (const [name, half] of [["even half", ours.filter((_, i) => i % 2 === 0)], ["odd half", ours.filter((_, i) => i % 2 === 1)]] as const) {
    const s = rel.summarize(half);
    console.log(`  ${name}: nDCG@10 ${s[0].ndcg.toFixed(3)}, concept ${s[1].ndcg.toFixed(3)}`);
  }
  await prisma.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
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
const { parseQuery } = await import("~/lib/search/query");
const { foldForMatch } = await import("~/lib/text/normalize");
const { indexWords } = await import("~/lib/search/words.server");
const { loadCatalog } = await import("~/lib/search/catalog.server");
const { todayInChina } = await import("~/lib/corpus/point-in-time");

type Status = "current" | "all" | "asof";
interface BenchQuery {
  group: "2-char" | "4-char" | "phrase" | "multi-term" | "filtered" | "traditional" | "1-char" | "concept";
  q: string;
  status?: Status;
  at?: string;
  work?: string;
  kind?: string;
}

const prisma = getPrisma();
const engine = getSearchEngine();
const ms = (t0: number) => performance.now() - t0;
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

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

const QUERIES: BenchQuery[] = [
  ...["隐私", "拐卖", "监护", "处理", "欺凌", "网络", "赔偿", "罚款", "遗嘱", "收养", "沉迷", "猥亵"].map(
    (q) => ({ group: "2-char" as const, q }),
  ),
  ...["未成年人", "监护职责", "家庭暴力", "个人信息", "人民法院", "行政处罚", "劳动合同", "刑事责任", "社会保险", "环境保护"].map(
    (q) => ({ group: "4-char" as const, q }),
  ),
  ...["\"不满十四周岁\"", "\"依法追究刑事责任\"", "\"人身安全保护令\"", "\"应当予以保密\"", "\"最有利于未成年人\"", "\"处理涉及未成年人事项\""].map(
    (q) => ({ group: "phrase" as const, q }),
  ),
  ...["监护人 学校", "网络 未成年人 保护", "拐卖 儿童 妇女", "隐私 个人信息", "罚款 -刑事责任", "食品 安全 标准", "处理 -待处理"].map(
    (q) => ({ group: "multi-term" as const, q }),
  ),
  { group: "filtered", q: "监护", work: minorsSlug },
  { group: "filtered", q: "未成年人", kind: "law" },
  { group: "filtered", q: "罚款", status: "current" },
  { group: "filtered", q: "监护人", status: "asof", at: "2010-01-01" },
  { group: "filtered", q: "儿童", work: criminalSlug },
  { group: "filtered", q: "个人信息", kind: "administrative_regulation" },
  ...["拐賣兒童", "監護人", "個人信息", "網絡", "隱私", "刑事責任"].map((q) => ({ group: "traditional" as const, q })),
  ...["赃", "法", "的", "人"].map((q) => ({ group: "1-char" as const, q })),
  // Queries as policy officers type them (relaxation and thesaurus at work), from the judged set.
  ...["家暴", "网瘾", "霸凌", "打工", "虐待兒童", "未成年人入住旅馆", "学校周边烟酒", "强制报告", "学校发现学生被家暴怎么办", "未成年人能进网吧吗"].map(
    (q) => ({ group: "concept" as const, q }),
  ),
];

const { getSearchReader } = await import("~/lib/search/reader.server");
const catalog = loadCatalog(getSearchReader());
const today = todayInChina();

function versionFilter(query: BenchQuery): Set<number> | null {
  const status = query.status ?? "all";
  if (status === "all") return null;
  return catalog.inForceOn(status === "asof" && query.at ? query.at : today);
}
function workFilter(query: BenchQuery): Set<number> | null {
  if (query.work) return new Set([catalog.worksBySlug.get(query.work)!.id]);
  if (query.kind) return new Set([...catalog.works.values()].filter((w) => w.kind === query.kind).map((w) => w.id));
  return null;
}

async function likeIds(query: BenchQuery): Promise<number[]> {
  const parsed = parseQuery(query.q);
  const where: string[] = [`p."isUnit" = 1`];
  const params: unknown[] = [];
  for (const t of parsed.terms) {
    where.push(`p."text" LIKE ?`);
    params.push(`%${t.folded}%`);
  }
  for (const t of parsed.excluded) {
    where.push(`p."text" NOT LIKE ?`);
    params.push(`%${t.folded}%`);
  }
  const versions = versionFilter(query);
  if (versions) {
    where.push(`p."versionId" IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify([...versions]));
  }
  const works = workFilter(query);
  if (works) {
    where.push(`v."workId" IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify([...works]));
  }
  const rows = await prisma.$queryRawUnsafe<{ id: number }[]>(
    `SELECT p."id" FROM "Provision" p JOIN "Version" v ON v."id" = p."versionId" WHERE ${where.join(" AND ")}`,
    ...params,
  );
  return rows.map((r) => Number(r.id));
}

function foldedScanIds(query: BenchQuery): number[] {
  const parsed = parseQuery(query.q);
  const versions = versionFilter(query);
  const works = workFilter(query);
  return foldedUnits
    .filter(
      (u) =>
        (!versions || versions.has(u.versionId)) &&
        (!works || works.has(u.workId)) &&
        parsed.terms.every((t) => u.folded.includes(t.folded)) &&
        !parsed.excluded.some((t) => u.folded.includes(t.folded)),
    )
    .map((u) => u.id);
}

function miniSearch(query: BenchQuery): number[] {
  const parsed = parseQuery(query.q);
  const positive = parsed.terms.map((t) => t.folded).join(" ");
  let ids = mini.search(positive, { combineWith: "AND" }).map((r) => Number(r.id));
  if (parsed.excluded.length) {
    const excluded = new Set(mini.search(parsed.excluded.map((t) => t.folded).join(" ")).map((r) => Number(r.id)));
    ids = ids.filter((id) => !excluded.has(id));
  }
  return ids;
}

function request(query: BenchQuery) {
  return {
    q: query.q,
    status: query.status ?? ("all" as const),
    at: query.at,
    work: query.work,
    kind: query.kind,
    today,
  };
}

// 5. Latency, side by side, same process. First the per-process caches the server loads once it
// listens (catalogue, unit table, folded texts for ranking, jieba), timed on their own.
t0 = performance.now();
await engine.warmUp();
console.log(
  `\nsearch caches (catalogue, unit table, ranking texts, jieba) and warm-up searches: ${fmt(ms(t0))} ms, once per process (after an ingest only the new rows); heap now ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
);
// CPU time beside wall time: on a machine shared with other work, wall time mostly measures waiting.
const lat = { engine: [] as number[], engineCpu: [] as number[], like: [] as number[], mini: [] as number[] };
const perGroupCpu = new Map<string, number[]>();
const perGroup = new Map<string, number[]>();
const perQuery: { q: string; total: number; median: number; samples: number[] }[] = [];
const recall: { q: string; like: number; engine: number; missedLike: number; folded: number; missedFolded: number; mini: number }[] = [];

for (const query of QUERIES) {
  const { total } = await engine.search(request(query));
  const own: number[] = [];
  // Each contender runs its RUNS in a row, so the garbage one allocates is collected during its own
  // runs rather than during another's (interleaving them put MiniSearch's and Prisma's collections
  // on the engine's timings).
  for (let r = 0; r < RUNS; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await engine.search(request(query));
    const e = ms(t);
    const used = process.cpuUsage(c);
    const cpu = (used.user + used.system) / 1000;
    lat.engineCpu.push(cpu);
    perGroupCpu.set(query.group, [...(perGroupCpu.get(query.group) ?? []), cpu]);
    lat.engine.push(e);
    own.push(e);
    const g = perGroup.get(query.group) ?? [];
    g.push(e);
    perGroup.set(query.group, g);
  }
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    await likeIds(query);
    lat.like.push(ms(t));
  }
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    miniSearch(query);
    lat.mini.push(ms(t));
  }
  perQuery.push({ q: query.q, total, median: [...own].sort((a, b) => a - b)[Math.floor(own.length / 2)], samples: own });
  const truthLike = await likeIds(query);
  const truthFolded = foldedScanIds(query);
  const found = new Set(matchingProvisionIds(request(query)));
  const miniFound = new Set(miniSearch(query));
  recall.push({
    q: `${query.q}${query.work ? ` work=${query.work}` : ""}${query.kind ? ` kind=${query.kind}` : ""}${query.status ? ` ${query.status}` : ""}${query.at ? `@${query.at}` : ""}`,
    like: truthLike.length,
    engine: found.size,
    missedLike: truthLike.filter((id) => !found.has(id)).length,
    folded: truthFolded.length,
    missedFolded: truthFolded.filter((id) => !found.has(id)).length,
    mini: truthFolded.filter((id) => miniFound.has(id)).length,
  });
}

function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] };
}
const se = summary(lat.engine);
const sl = summary(lat.like);
const sm = summary(lat.mini);
console.log(`\nlatency over ${QUERIES.length} queries x ${RUNS} runs (ms); load average now ${os.loadavg()[0].toFixed(1)}`);
console.log(`  ${"".padEnd(34)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)}`);
console.log(`  ${"FTS5 engine search() (page+facets)".padEnd(34)} ${fmt(se.p50).padStart(8)} ${fmt(se.p95).padStart(8)} ${fmt(se.max).padStart(8)}`);
const sc = summary(lat.engineCpu);
console.log(`  ${"  the same, CPU time (cpuUsage)".padEnd(34)} ${fmt(sc.p50).padStart(8)} ${fmt(sc.p95).padStart(8)} ${fmt(sc.max).padStart(8)}`);
console.log(`  ${"LIKE '%q%' scan (ids only)".padEnd(34)} ${fmt(sl.p50).padStart(8)} ${fmt(sl.p95).padStart(8)} ${fmt(sl.max).padStart(8)}`);
console.log(`  ${"MiniSearch (ids only)".padEnd(34)} ${fmt(sm.p50).padStart(8)} ${fmt(sm.p95).padStart(8)} ${fmt(sm.max).padStart(8)}`);
console.log(`  ratio LIKE/engine: p50 ${(sl.p50 / se.p50).toFixed(1)}x, p95 ${(sl.p95 / se.p95).toFixed(1)}x`);
console.log(`  ratio MiniSearch/engine: p50 ${(sm.p50 / se.p50).toFixed(1)}x, p95 ${(sm.p95 / se.p95).toFixed(1)}x`);
console.log(`  engine by query group (p50 / p95 ms; CPU time p50 / p95):`);
for (const [group, values] of perGroup) {
  const s = summary(values);
  const c = summary(perGroupCpu.get(group)!);
  console.log(`    ${group.padEnd(12)} ${fmt(s.p50)} / ${fmt(s.p95)}; CPU ${fmt(c.p50)} / ${fmt(c.p95)}`);
}

const over10 = new Map<string, number>();
for (const r of perQuery) for (const t of r.samples) if (t > 10) over10.set(r.q, (over10.get(r.q) ?? 0) + 1);
console.log(
  `  samples over 10 ms: ${[...over10].reduce((s, [, n]) => s + n, 0)} of ${lat.engine.length} (${[...over10].map(([q, n]) => `${q} ${n}`).join(", ") || "none"})`,
);
console.log(`  slowest queries (engine median ms, results):`);
for (const r of [...perQuery].sort((a, b) => b.median - a.median).slice(0, 8)) {
  console.log(`    ${r.q.padEnd(24)} ${fmt(r.median).padStart(7)}  ${r.total}`);
}

const totalLike = recall.reduce((s, r) => s + r.like, 0);
const missedLike = recall.reduce((s, r) => s + r.missedLike, 0);
const totalFolded = recall.reduce((s, r) => s + r.folded, 0);
const missedFolded = recall.reduce((s, r) => s + r.missedFolded, 0);
const miniFoundTotal = recall.reduce((s, r) => s + r.mini, 0);
console.log(`\nliteral recall (articles containing the query text)`);
console.log(`  vs LIKE ground truth:        ${(((totalLike - missedLike) / totalLike) * 100).toFixed(2)}% (${totalLike - missedLike}/${totalLike})`);
console.log(`  vs folded-text scan:         ${(((totalFolded - missedFolded) / totalFolded) * 100).toFixed(2)}% (${totalFolded - missedFolded}/${totalFolded})`);
console.log(`  MiniSearch (words) vs folded: ${((miniFoundTotal / totalFolded) * 100).toFixed(2)}% (${miniFoundTotal}/${totalFolded})`);
for (const r of recall) {
  const flag = r.missedLike || r.missedFolded ? "  <-- MISSED" : "";
  console.log(
    `  ${r.q.padEnd(44)} LIKE ${String(r.like).padStart(6)}  folded ${String(r.folded).padStart(6)}  engine ${String(r.engine).padStart(6)}  MiniSearch ${String(r.mini).padStart(6)}${flag}`,
  );
}

await prisma.$disconnect();
fs.rmSync(tmp, { recursive: true, force: true });
if (missedLike || missedFolded) process.exitCode = 1;
