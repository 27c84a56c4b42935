/**
 * The search memo (term-cache.ts, used by pipeline.server.ts for both database engines) keeps the
 * rows a stage finds and their scores per index generation. A change to the data must show in the
 * next search even while the memo holds the old answer: a re-ingested version (search_meta
 * generation) and a thesaurus edit (the entries the search reads). Memoised answers must equal
 * computed ones. Here every result is memoised (MEMO.minRows 0), not only the frequent ones.
 * Invented 示例 texts only.
 */
import { createTestUser, type TestUser } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { getSearchEngine } from "~/lib/search/engine.server";
import { MEMO, memoStats } from "~/lib/search/term-cache";
import { createThesaurusEntry, deleteThesaurusEntry, ensureThesaurusSeeded } from "~/lib/search/thesaurus.server";
import type { SearchRequest, SearchResponse } from "~/lib/search/types";

useTestDatabase();

const TODAY = "2031-06-01";
const PATH = "sample-memo-regulation/2031-03-01.md";
const encode = (s: string) => new TextEncoder().encode(s);
const text = (articles: string[]) => `# 示例备忘条例\n\n${articles.map((a, i) => `第${"一二三四五六七八九"[i]}条 ${a}`).join("\n\n")}\n`;

const FIRST = text([
  "示例机构应当登记备忘事项。",
  "示例机构应当公告备忘事项和登记结果。",
  "示例机构应当每年报告工作。",
  "示例机构不得泄露服务对象的信息。",
  "本条例自公布之日起施行。",
]);
// The same version re-ingested: 备忘 leaves the first two articles and enters the third and fourth.
const SECOND = text([
  "示例机构应当登记事项。",
  "示例机构应当公告事项和登记结果。",
  "示例机构应当每年报告备忘工作。",
  "示例机构不得泄露备忘服务对象的信息。",
  "本条例自公布之日起施行。",
]);

const search = (q: string, extra: Partial<SearchRequest> = {}) => getSearchEngine().search({ q, status: "all", today: TODAY, ...extra });
const keys = (r: SearchResponse) => r.hits.map((h) => h.key);

const saved = { ...MEMO };
let admin: TestUser;
beforeAll(async () => {
  MEMO.minRows = 0;
  admin = await createTestUser("admin");
  await ensureThesaurusSeeded();
  expect((await ingestBytes(encode(FIRST), PATH, { catalogue: null })).status).toBe("created");
});
afterAll(() => {
  Object.assign(MEMO, saved);
});

/** Searches q twice; the second must be answered from the memo, and equal the first. */
async function searchHeld(q: string): Promise<SearchResponse> {
  const first = await search(q);
  const hits = memoStats.matchHits;
  const second = await search(q);
  expect(memoStats.matchHits).toBeGreaterThan(hits);
  expect(second).toEqual(first);
  return second;
}

describe("search memo", () => {
  it("answers from the memo exactly what it computes, with and without filters", async () => {
    const requests: [string, Partial<SearchRequest>][] = [
      ["示例机构", {}],
      ["示例机构", { status: "current" }],
      ["示例机构", { work: "sample-memo-regulation", pageSize: 2, page: 2 }],
      ["应当 -登记", {}],
      ["事项", { pageSize: 1 }],
      ["机构泄露", {}],
      ["条", {}],
    ];
    MEMO.minRows = Infinity;
    const computed = [];
    for (const [q, extra] of requests) computed.push(await search(q, extra));
    MEMO.minRows = 0;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < requests.length; i++) expect(await search(...requests[i])).toEqual(computed[i]);
    }
  });

  it("shows a re-ingested version on the next search although the memo holds the old rows", async () => {
    expect(keys(await searchHeld("备忘"))).toEqual(expect.arrayContaining(["art-1", "art-2"]));
    expect((await searchHeld("备忘")).total).toBe(2);
    const exact = (r: SearchResponse) => keys(r).filter((_, i) => r.hits[i].match === "exact");
    expect(exact(await searchHeld("登记备忘"))).toEqual(["art-1"]);
    const replaced = await ingestBytes(encode(SECOND), PATH, { catalogue: null, replace: true });
    expect(replaced.status).toBe("replaced");
    const after = await search("备忘");
    expect(after.total).toBe(2);
    expect(keys(after).sort()).toEqual(["art-3", "art-4"]);
    // Facet counts are kept with the memoised rows: the new generation's rows count afresh.
    expect(after.facets.works.map((w) => [w.slug, w.count])).toEqual([["sample-memo-regulation", 2]]);
    // The texts changed too: hits show the new text, never the memoised generation's.
    expect(after.hits.every((h) => JSON.stringify(h.snippet).includes("备忘"))).toBe(true);
    expect(exact(await search("登记备忘"))).toEqual([]);
  });

  it("applies a thesaurus edit on the next search although the memo holds the old answer", async () => {
    const before = await searchHeld("甲乙丙丁");
    expect(before.total).toBe(0);
    const entry = await createThesaurusEntry(admin, { terms: ["甲乙丙丁", "公告"], oneWay: true, note: null });
    const found = await search("甲乙丙丁");
    expect(found.total).toBe(1);
    expect(found.hits[0].key).toBe("art-2");
    expect(found.relaxation.steps.map((s) => s.kind)).toContain("synonyms");
    await searchHeld("甲乙丙丁");
    await deleteThesaurusEntry(admin, entry.id, entry.revision);
    expect((await search("甲乙丙丁")).total).toBe(0);
  });
});
