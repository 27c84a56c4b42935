/**
 * npm run bench:search -- --db postgresql://… [--runs 5] [--corpus <folder>] [--trgm]
 * The PostgreSQL engine beside the embedded SQLite engine, on the same corpus and queries, in one run:
 * ingest time (the real ingest, indexing inside each version's transaction), cache load, search()
 * latency p50/p95/max per engine with the ratio, and literal recall of each engine against a scan of
 * the folded paragraphs. The PostgreSQL database must be empty (it is filled) or already hold the
 * corpus (ingest skipped). --trgm also times the pg_trgm alternative (LIKE over a GIN trigram index)
 * for 2- and 4-character terms (docs/decisions/0012-postgresql.md).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const args = process.argv.slice(2);
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const PG_URL = argValue("--db")!;
const RUNS = Number(argValue("--runs") ?? 5);
const CORPUS = path.resolve(argValue("--corpus") ?? path.join(process.cwd(), "..", "shared", "bench-corpus"));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "redline-bench-pg-"));
const SQLITE_URL = `file:${path.join(tmp, "bench.db")}`;
delete process.env.MEILI_HOST;

const { getPrisma } = await import("~/lib/db.server");
const { migratePostgres, closePgPools } = await import("~/lib/db/postgres.server");
const { ingestPaths } = await import("~/lib/corpus/ingest.server");
const { getSearchEngine } = await import("~/lib/search/engine.server");
const sqlite = await import("~/lib/search/sqlite-engine.server");
const postgres = await import("~/lib/search/postgres-engine.server");
const { parseQuery } = await import("~/lib/search/query");
const { foldForMatch } = await import("~/lib/text/normalize");
const { loadSearchCatalog } = await import("~/lib/search/catalog-store.server");

const ms = (t0: number) => performance.now() - t0;
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const summary = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { p50: at(50), p95: at(95), max: s[s.length - 1] };
};

interface Query {
  q: string;
  status?: "current" | "all" | "asof";
  at?: string;
  kind?: string;
}
const QUERIES: Query[] = [
  ...["隐私", "拐卖", "监护", "处理", "欺凌", "网络", "赔偿", "罚款", "收养", "猥亵"].map((q) => ({ q })),
  ...["未成年人", "监护职责", "家庭暴力", "个人信息", "人民法院", "行政处罚", "刑事责任", "环境保护"].map((q) => ({ q })),
  ...["\"不满十四周岁\"", "\"依法追究刑事责任\"", "\"人身安全保护令\"", "\"最有利于未成年人\""].map((q) => ({ q })),
  ...["监护人 学校", "网络 未成年人 保护", "拐卖 儿童 妇女", "罚款 -刑事责任", "食品 安全 标准", "处理 -待处理"].map((q) => ({ q })),
  { q: "未成年人", kind: "law" },
  { q: "罚款", status: "current" },
  { q: "监护人", status: "asof", at: "2010-01-01" },
  ...["拐賣兒童", "監護人", "個人信息", "網絡"].map((q) => ({ q })),
  ...["赃", "法"].map((q) => ({ q })),
];

interface Figures {
  name: string;
  ingestMs: number | null;
  warmMs: number;
  latency: number[];
  found: number;
  truth: number;
}

async function measure(name: string, url: string, matching: (r: object) => number[] | Promise<number[]>): Promise<Figures> {
  process.env.DATABASE_URL = url;
  const prisma = getPrisma();
  let ingestMs: number | null = null;
  if ((await prisma.version.count()) === 0) {
    const t0 = performance.now();
    const result = await ingestPaths([CORPUS], { catalogue: null });
    ingestMs = ms(t0);
    console.log(`${name}: ingested ${result.results.length} versions (${result.errors.length} refused) in ${(ingestMs / 1000).toFixed(1)} s`);
  }
  // Planner statistics for the new rows (autovacuum would gather them a little later).
  if (url === PG_URL) await prisma.$executeRawUnsafe(`ANALYZE`);
  const engine = getSearchEngine();
  let t0 = performance.now();
  await engine.warmUp();
  const warmMs = ms(t0);
  const today = "2026-12-01";
  const latency: number[] = [];
  const units = await prisma.provision.findMany({ where: { isUnit: true }, select: { id: true, text: true, versionId: true }, orderBy: { id: "asc" } });
  const folded = units.map((u) => ({ id: u.id, versionId: u.versionId, text: u.text.split("\n").map((p) => foldForMatch(p)).join("\n") }));
  const catalog = await loadSearchCatalog();
  let found = 0;
  let truth = 0;
  for (const query of QUERIES) {
    const request = { status: "all" as const, ...query, today };
    await engine.search(request);
    for (let r = 0; r < RUNS; r++) {
      t0 = performance.now();
      await engine.search(request);
      latency.push(ms(t0));
    }
    const parsed = parseQuery(query.q);
    const status = query.status ?? "all";
    const versions = status === "all" ? null : catalog.inForceOn(status === "asof" ? query.at! : today);
    const works = query.kind ? new Set([...catalog.works.values()].filter((w) => w.kind === query.kind).map((w) => w.id)) : null;
    const expected = folded.filter(
      (u) =>
        (!versions || versions.has(u.versionId)) &&
        (!works || works.has(catalog.versions.get(u.versionId)!.workId)) &&
        parsed.terms.every((t) => u.text.includes(t.folded)) &&
        !parsed.excluded.some((t) => u.text.includes(t.folded)),
    );
    const got = new Set(await matching(request));
    truth += expected.length;
    found += expected.filter((u) => got.has(u.id)).length;
  }
  return { name, ingestMs, warmMs, latency, found, truth };
}

console.log(`corpus ${CORPUS}; ${QUERIES.length} queries x ${RUNS} runs; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
await migratePostgres(PG_URL);
const results = [
  await measure("SQLite FTS5 (embedded)", SQLITE_URL, (r) => sqlite.matchingProvisionIds(r as never)),
  await measure("PostgreSQL (grams GIN + strpos)", PG_URL, (r) => postgres.matchingProvisionIds(r as never)),
];

console.log(`\n${"engine".padEnd(34)} ${"ingest s".padStart(9)} ${"caches ms".padStart(10)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)}  literal recall`);
for (const f of results) {
  const s = summary(f.latency);
  console.log(
    `${f.name.padEnd(34)} ${(f.ingestMs === null ? "-" : (f.ingestMs / 1000).toFixed(1)).padStart(9)} ${fmt(f.warmMs).padStart(10)} ${fmt(s.p50).padStart(7)} ${fmt(s.p95).padStart(7)} ${fmt(s.max).padStart(7)}  ${((f.found / f.truth) * 100).toFixed(2)}% (${f.found}/${f.truth})`,
  );
}
const [a, b] = results.map((f) => summary(f.latency));
console.log(`ratio PostgreSQL/SQLite: p50 ${(b.p50 / a.p50).toFixed(2)}x, p95 ${(b.p95 / a.p95).toFixed(2)}x (goal: p95 within 3x)`);

if (args.includes("--trgm")) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
  // As the engine runs its searches (postgres-engine.server.ts).
  await client.query("SET enable_seqscan = off");
  let t0 = performance.now();
  await client.query(`CREATE INDEX IF NOT EXISTS "bench_body_trgm" ON "search_unit" USING GIN ("body" gin_trgm_ops)`);
  console.log(`\npg_trgm alternative: GIN trigram index on body built in ${fmt(ms(t0))} ms`);
  const size = await client.query(
    `SELECT pg_relation_size('"bench_body_trgm"') AS trgm, pg_relation_size('"search_unit_grams_idx"') AS grams`,
  );
  console.log(`  index size: trigram ${(Number(size.rows[0].trgm) / 1e6).toFixed(1)} MB, grams ${(Number(size.rows[0].grams) / 1e6).toFixed(1)} MB`);
  for (const q of ["隐私", "拐卖", "监护职责", "人民法院", "赃"]) {
    const grams = postgres.termGrams(q);
    const time = async (sql: string, params: unknown[]) => {
      const samples: number[] = [];
      let n = 0;
      for (let r = 0; r < RUNS; r++) {
        t0 = performance.now();
        n = Number((await client.query(sql, params)).rows[0].n);
        samples.push(ms(t0));
      }
      return { n, p50: summary(samples).p50 };
    };
    if (q === "隐私") {
      const plan = await client.query(`EXPLAIN SELECT count(*) AS n FROM "search_unit" WHERE "grams" @> $1::text[] AND strpos("body", $2) > 0`, [grams, q]);
      console.log(plan.rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n"));
    }
    const viaGrams = await time(`SELECT count(*) AS n FROM "search_unit" WHERE "grams" @> $1::text[] AND strpos("body", $2) > 0`, [grams, q]);
    const viaTrgm = await time(`SELECT count(*) AS n FROM "search_unit" WHERE "body" LIKE $1`, [`%${q}%`]);
    console.log(`  ${q.padEnd(6)} grams ${fmt(viaGrams.p50).padStart(6)} ms (${viaGrams.n})   pg_trgm LIKE ${fmt(viaTrgm.p50).padStart(6)} ms (${viaTrgm.n})`);
  }
  await client.query(`DROP INDEX "bench_body_trgm"`);
  await client.end();
}

await getPrisma().$disconnect();
await closePgPools();
fs.rmSync(tmp, { recursive: true, force: true });
if (results.some((f) => f.found !== f.truth)) process.exitCode = 1;
