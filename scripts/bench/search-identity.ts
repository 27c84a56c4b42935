/**
 * Fingerprints of whole search responses, to show that a speed change changed no result: every
 * bench query and every judged query (tests/fixtures/search/relevance.json) under nine requests
 * (status all / current / as of 2010, kind law, three works, page 2, page 3 of 50), each searched
 * twice (computed, then answered from the memo of term-cache.ts). Prints one line per response
 * (request, sha1 of the JSON response) and a hash of all of them; diff two outputs before and after.
 *
 *   npx tsx scripts/bench/search-identity.ts --db <bench db> [--memo-all] > before.txt
 * --memo-all memoises every result (MEMO.minRows 0), so small results take the memoised path too.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { args, argValue } from "./search/args";
import { benchQueries } from "./search/queries";

const db = argValue("--db");
if (!db) throw new Error("--db <file> is required (a database bench:search --db kept)");
process.env.DATABASE_URL = `file:${path.resolve(db)}`;
delete process.env.MEILI_HOST;

const { getPrisma } = await import("~/lib/db.server");
const { getSearchEngine } = await import("~/lib/search/engine.server");
const { MEMO } = await import("~/lib/search/term-cache");
if (args.includes("--memo-all")) MEMO.minRows = 0;

const prisma = getPrisma();
const engine = getSearchEngine();
const judged = JSON.parse(fs.readFileSync(path.join(process.cwd(), "tests/fixtures/search/relevance.json"), "utf8")) as {
  today: string;
  queries: { q: string }[];
};
const slugs = (
  await prisma.$queryRawUnsafe<{ slug: string }[]>(
    `SELECT "slug" FROM "Work" WHERE "titleZh" LIKE '%未成年人保护法%' OR "titleZh" LIKE '%刑法%' OR "titleZh" LIKE '%民法典%' ORDER BY length("titleZh"), "slug" LIMIT 3`,
  )
).map((r) => r.slug);
const queries = [...new Set([...benchQueries(slugs[0], slugs[1]).map((b) => b.q), ...judged.queries.map((j) => j.q)])];
const today = judged.today;
const variants: Record<string, unknown>[] = [
  { status: "all" },
  { status: "current" },
  { status: "asof", at: "2010-01-01" },
  { status: "all", kind: "law" },
  ...slugs.map((work) => ({ status: "all", work })),
  { status: "current", page: 2 },
  { status: "all", page: 3, pageSize: 50 },
];

const all = createHash("sha1");
for (const q of queries) {
  for (const variant of variants) {
    for (let round = 0; round < 2; round++) {
      const response = await engine.search({ q, today, ...variant });
      const digest = createHash("sha1").update(JSON.stringify(response)).digest("hex");
      all.update(digest);
      console.log(`${JSON.stringify({ q, ...variant, round })}\t${response.total}\t${digest}`);
    }
  }
}
console.log(`${queries.length} queries x ${variants.length} requests x 2: ${all.digest("hex")}`);
await prisma.$disconnect();
