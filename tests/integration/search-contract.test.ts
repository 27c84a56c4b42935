/**
 * The contract every search engine must pass, run on each configured engine: the engine inside
 * the database under test (SQLite FTS5, or PostgreSQL under npm run test:postgres) always, Meilisearch too whenever MEILI_HOST is set (against that live server).
 * Data: the invented 示例条例 fixture (tests/fixtures/search/seed.ts).
 */
import { useTestDatabase } from "../helpers/db";
import { FIXTURE_TODAY, seedSearchFixture } from "../fixtures/search/seed";
import type { SearchEngine } from "~/lib/search/engine.server";
import { createSqliteSearchEngine } from "~/lib/search/sqlite-engine.server";
import { createMeiliSearchEngine, meiliConfigFromEnv } from "~/lib/search/meili-engine.server";
import { createPostgresSearchEngine } from "~/lib/search/postgres-engine.server";
import { isPostgresConfigured } from "~/lib/env.server";
import { SearchQueryError } from "~/lib/search/errors";
import type { SearchHit, SearchRequest } from "~/lib/search/types";

const db = useTestDatabase();

// The engine inside the database under test: SQLite FTS5 (npm test) or PostgreSQL (npm run test:postgres).
const engines: { name: string; create: () => SearchEngine }[] = isPostgresConfigured()
  ? [{ name: "postgresql", create: () => createPostgresSearchEngine() }]
  : [{ name: "sqlite", create: () => createSqliteSearchEngine() }];
const meili = meiliConfigFromEnv();
if (meili) {
  engines.push({
    name: "meilisearch",
    create: () => createMeiliSearchEngine({ ...meili, indexUid: `redline-contract-${process.pid}` }),
  });
}

function keysOf(hits: SearchHit[]): string[] {
  return hits.map((h) => `${h.work.slug}#${h.key}@${h.version.versionDate}`).sort();
}

function marked(hit: SearchHit): string[] {
  const chars = [...hit.snippet.text];
  return hit.snippet.highlights.map((h) => chars.slice(h.start, h.end).join(""));
}

describe.each(engines)("search contract: $name", ({ create }) => {
  let engine: SearchEngine;
  const search = (request: SearchRequest) => engine.search({ today: FIXTURE_TODAY, ...request });

  beforeAll(async () => {
    engine = create();
    await engine.reindex();
    await seedSearchFixture(db.prisma(), engine);
  });

  it("reports itself healthy once indexed", async () => {
    const health = await engine.health();
    expect(health.ok).toBe(true);
  });

  it("finds a term inside a longer word (处理 in 待处理), not only word prefixes", async () => {
    const r = await search({ q: "处理", status: "all" });
    expect(keysOf(r.hits)).toEqual([
      "example-law#art-2@2015-05-05",
      "example-regulation#art-1@2030-01-01",
      "example-regulation#art-3@2010-01-01",
      "example-regulation#art-3@2020-06-01",
    ]);
  });

  it("finds a 2-character term in simplified and in traditional source text", async () => {
    const r = await search({ q: "拐卖", status: "all" });
    expect(keysOf(r.hits)).toEqual(["example-regulation#art-4@2010-01-01", "example-regulation#art-4@2020-06-01"]);
    const traditional = r.hits.find((h) => h.version.versionDate === "2010-01-01")!;
    expect(marked(traditional)).toEqual(["拐賣"]);
  });

  it("finds simplified text for a traditional query (拐賣兒童 -> 拐卖儿童)", async () => {
    const r = await search({ q: "拐賣兒童", status: "current" });
    expect(keysOf(r.hits)).toEqual(["example-regulation#art-4@2020-06-01"]);
    expect(marked(r.hits[0])).toEqual(["拐卖儿童"]);
  });

  it("finds a single character, including at the very end of a paragraph", async () => {
    const r = await search({ q: "卖", status: "all" });
    expect(r.total).toBe(2);
    const end = await search({ q: "施", status: "current" });
    expect(keysOf(end.hits)).toEqual(["example-law#art-3@2015-05-05"]);
    const last = await search({ q: "登记。", status: "all" });
    expect(keysOf(last.hits)).toEqual(["example-regulation#art-3@2010-01-01"]);
  });

  it("matches a quoted phrase literally, across a stray space in the source", async () => {
    const r = await search({ q: '"符合 条件"' });
    expect(keysOf(r.hits)).toEqual(["example-regulation#art-5@2020-06-01"]);
    expect(marked(r.hits[0])).toEqual(["符合条 件"]);
  });

  it("requires every term and honours exclusions", async () => {
    const both = await search({ q: "监护人 人身安全", status: "all" });
    expect(keysOf(both.hits)).toEqual(["example-regulation#art-2@2020-06-01"]);
    const without = await search({ q: "监护人 -人身安全", status: "all" });
    expect(keysOf(without.hits)).toEqual([
      "example-regulation#art-1@2030-01-01",
      "example-regulation#art-2@2010-01-01",
    ]);
  });

  it("searches the law in force today by default, never a draft", async () => {
    const r = await search({ q: "监护人" });
    expect(r.status).toBe("current");
    expect(keysOf(r.hits)).toEqual(["example-regulation#art-2@2020-06-01"]);
    expect(r.hits[0].version.inForce).toBe(true);
  });

  it("searches as of a date: only the provisions in force that day", async () => {
    const before = await search({ q: "监护人", at: "2015-01-01" });
    expect(before.status).toBe("asof");
    expect(keysOf(before.hits)).toEqual(["example-regulation#art-2@2010-01-01"]);
    // Adopted 2020-06-01 but in force only from 2021-01-01.
    const between = await search({ q: "监护人", at: "2020-12-31" });
    expect(keysOf(between.hits)).toEqual(["example-regulation#art-2@2010-01-01"]);
    const none = await search({ q: "监护人", at: "2009-12-31" });
    expect(none.total).toBe(0);
  });

  it("shows an article unchanged across versions once, with a badge per version", async () => {
    const r = await search({ q: "合法权益", status: "all" });
    expect(r.total).toBe(1);
    expect(r.hits[0].versions.map((v) => v.versionDate)).toEqual(["2010-01-01", "2020-06-01"]);
    expect(r.hits[0].version.versionDate).toBe("2020-06-01");
    expect(r.hits[0].url).toBe("/works/example-regulation/2020-06-01#art-1");
  });

  it("highlights in characters, even after a character outside the BMP", async () => {
    const r = await search({ q: "学校" });
    expect(r.hits).toHaveLength(1);
    // 第六条 地名𠀀村的学校: 学 is the 10th character (index 9), the 11th UTF-16 unit.
    expect(r.hits[0].snippet.highlights).toEqual([{ start: 9, end: 11 }]);
    expect(marked(r.hits[0])).toEqual(["学校"]);
  });

  it("filters by work, kind and chapter, and counts per work and kind", async () => {
    const all = await search({ q: "未成年人", status: "all" });
    expect(all.facets.works.map((w) => [w.slug, w.count])).toEqual([
      ["example-law", 2],
      ["example-regulation", 1],
    ]);
    expect(all.facets.kinds).toEqual([
      { kind: "law", count: 2 },
      { kind: "administrative_regulation", count: 1 },
    ]);
    const byWork = await search({ q: "未成年人", status: "all", work: "example-law" });
    expect(byWork.total).toBe(2);
    expect(byWork.facets.works).toHaveLength(2);
    const byKind = await search({ q: "未成年人", status: "all", kind: "administrative_regulation" });
    expect(keysOf(byKind.hits)).toEqual(["example-regulation#art-1@2020-06-01"]);
    const byChapter = await search({ q: "应当", work: "example-regulation", chapter: "ch-2" });
    expect(keysOf(byChapter.hits)).toEqual(["example-regulation#art-3@2020-06-01"]);
    expect(byChapter.hits[0].chapterPath).toEqual(["第二章 网络保护"]);
  });

  it("finds articles by the heading of their chapter", async () => {
    const r = await search({ q: "网络保护" });
    expect(keysOf(r.hits)).toEqual([
      "example-regulation#art-3@2020-06-01",
      "example-regulation#art-4@2020-06-01",
      "example-regulation#art-5@2020-06-01",
      "example-regulation#art-6@2020-06-01",
    ]);
  });

  it("pages through results", async () => {
    const first = await search({ q: "第", status: "all", pageSize: 5 });
    const second = await search({ q: "第", status: "all", pageSize: 5, page: 2 });
    expect(first.total).toBe(second.total);
    expect(first.pageCount).toBe(Math.ceil(first.total / 5));
    expect(first.hits).toHaveLength(5);
    const overlap = second.hits.filter((h) => first.hits.some((f) => f.provisionId === h.provisionId));
    expect(overlap).toEqual([]);
    const beyond = await search({ q: "第", status: "all", pageSize: 5, page: 40 });
    expect(beyond.hits).toEqual([]);
    expect(beyond.total).toBe(first.total);
  });

  it("relaxes a phrase that is nowhere literally into its words, in any order, and says so", async () => {
    // 职责履行 stands nowhere; 2020 第二条 has 履行 … 监护职责 (the other order).
    const r = await search({ q: "职责履行", status: "all" });
    expect(keysOf(r.hits)).toContain("example-regulation#art-2@2020-06-01");
    expect(r.hits.every((h) => h.match === "all-words")).toBe(true);
    expect(r.relaxation.steps.map((s) => s.kind)).toEqual(expect.arrayContaining(["split-words", "any-order"]));
    expect(r.relaxation.steps.find((s) => s.kind === "split-words")).toMatchObject({ term: "职责履行", into: ["职责", "履行"] });
  });

  it("answers hostile or malformed queries with results or a SearchQueryError, never anything else", async () => {
    const queries = ['"', "*", "NEAR(", "NEAR(监护 学校, 2)", "AND", "监护 OR 学校", '"未成年人', "-", "--", "^监护", "监护:", "{heading}: 监护", "'", "\\", "监".repeat(5000), ""];
    for (const q of queries) {
      try {
        const r = await search({ q, status: "all" });
        expect(r.total).toBeGreaterThanOrEqual(0);
      } catch (error) {
        expect(error).toBeInstanceOf(SearchQueryError);
      }
    }
    const unbalanced = await search({ q: '"未成年人', status: "all" });
    expect(unbalanced.total).toBe(3);
  });

  it("refuses a bad date, an unknown work and a bad page with a message", async () => {
    await expect(search({ q: "监护", at: "2020-02-30" })).rejects.toMatchObject({ code: "bad-date" });
    await expect(search({ q: "监护", status: "asof" })).rejects.toMatchObject({ code: "bad-date" });
    await expect(search({ q: "监护", work: "no-such-work" })).rejects.toMatchObject({ code: "unknown-work" });
    await expect(search({ q: "监护", page: 0 })).rejects.toMatchObject({ code: "bad-page" });
  });
});
