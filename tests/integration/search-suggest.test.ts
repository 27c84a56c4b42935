/**
 * Search-as-you-type over a real SQLite file with the invented 示例 fixture indexed by the embedded
 * engine: the index is built from the catalogue, the version in force and FTS5's word vocabulary,
 * follows a new version and a thesaurus edit, and the route bounds its input.
 */
import { createTestUser } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";
import { FIXTURE_TODAY, seedSearchFixture } from "../fixtures/search/seed";
import { createSqliteSearchEngine } from "~/lib/search/sqlite-engine.server";
import { loadSuggestIndex } from "~/lib/search/suggest.server";
import { suggest } from "~/lib/search/suggest";
import { createThesaurusEntry } from "~/lib/search/thesaurus.server";
import { loader } from "~/routes/api.suggest";

const db = useTestDatabase();

beforeAll(async () => {
  await seedSearchFixture(db.prisma(), createSqliteSearchEngine());
  await db.prisma().work.update({ where: { slug: "example-law" }, data: { shortTitle: "示保法" } });
});

describe("suggestion index", () => {
  it("cites an article of the version in force, and finds a law by its stored short title", () => {
    const index = loadSuggestIndex(FIXTURE_TODAY);
    expect(suggest(index, "示例条例第二条")[0]).toMatchObject({
      kind: "article",
      label: "示例条例 第二条",
      href: "/works/example-regulation/2020-06-01#art-2",
    });
    expect(suggest(index, "示例条例第二条")[0].detail).toMatch(/^监护人应当依法履行/);
    expect(suggest(index, "示保法")[0]).toMatchObject({ kind: "law", href: "/works/example-law" });
    expect(suggest(index, "示保法 2")[0]).toMatchObject({ kind: "article", href: "/works/example-law/2015-05-05#art-2" });
  });

  it("offers words of the index, most frequent first, with their article counts", () => {
    const terms = suggest(loadSuggestIndex(FIXTURE_TODAY), "未成年").filter((s) => s.kind === "term");
    expect(terms[0]).toMatchObject({ label: "未成年人" });
    expect(terms[0].count).toBeGreaterThan(1);
  });

  it("follows a thesaurus edit without a restart", async () => {
    const before = loadSuggestIndex(FIXTURE_TODAY);
    await createThesaurusEntry(await createTestUser("admin"), { terms: ["示例看护者", "监护人"], oneWay: true, note: null });
    const after = loadSuggestIndex(FIXTURE_TODAY);
    expect(after).not.toBe(before);
    expect(suggest(after, "示例看").map((s) => s.label)).toContain("示例看护者");
  });

  it("answers the route with public JSON and reads at most 40 characters", async () => {
    const res = (await loader({ request: new Request(`http://localhost/api/suggest?q=${encodeURIComponent("示例条例".repeat(50))}`), params: {}, context: {} })) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = await res.json();
    expect([...body.q]).toHaveLength(40);
    const empty = (await loader({ request: new Request("http://localhost/api/suggest?q="), params: {}, context: {} })) as Response;
    await expect(empty.json()).resolves.toEqual({ q: "", available: true, suggestions: [] });
  });
});
