/**
 * The relevance part of bench:search, run in a child process over ../shared/corpus (the laws the
 * judged set is about): nDCG@10, recall@20 and empty results on the judged set
 * (tests/fixtures/search/relevance.json) beside bigram BM25 and the ranking before relaxation;
 * --tune runs a coordinate descent over rank.ts TUNING first.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { args, argValue } from "./args";

/**
 * Coordinate descent over rank.ts TUNING: each value in turn, keeping the best mean nDCG@10 on one
 * half of the judged set (even- or odd-numbered queries, --tune-on odd) and printing the other
 * half's figure beside it, so a value that only fits the queries it was chosen on shows.
 */
async function tune(
  judged: import("../../../tests/fixtures/search/relevance").JudgedSet,
  engine: import("~/lib/search/engine.server").SearchEngine,
  rel: typeof import("../../../tests/fixtures/search/relevance"),
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
    k1: [1.2, 2, 3],
    headingWeight: [0.5, 1, 2, 4],
    wordWeight: [0, 1, 2, 4],
    headingOnly: [0.2, 0.4, 0.7, 1],
    leadBoost: [1, 1.25, 1.5, 2, 3],
    definitionBoost: [1, 1.6, 2, 3, 4],
    subjectBoost: [1, 1.1, 1.2, 1.5],
    proximityBonus: [0, 0.5, 1, 2],
    synonymWeight: [1, 1.5, 2, 3],
    inForceBoost: [1, 1.5],
    titleBoost: [1, 1.15, 1.3],
    listStem: [0, 0.5, 1, 2],
    partialCoverage: [0, 0.5, 1, 2],
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
export async function runRelevance(): Promise<void> {
  const keep = argValue("--rel-db");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-bench-relevance-"));
  process.env.DATABASE_URL = `file:${keep ? path.resolve(keep) : path.join(dir, "relevance.db")}`;
  delete process.env.MEILI_HOST;
  const { getPrisma } = await import("~/lib/db.server");
  const { ingestPaths } = await import("~/lib/corpus/ingest.server");
  const { getSearchEngine } = await import("~/lib/search/engine.server");
  const { loadCatalog } = await import("~/lib/search/catalog.server");
  const { getSearchReader } = await import("~/lib/search/reader.server");
  const rel = await import("../../../tests/fixtures/search/relevance");
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
  const ours: import("../../../tests/fixtures/search/relevance").QueryScore[] = [];
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
