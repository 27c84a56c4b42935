/**
 * The partners' JSON endpoint and the page loader, called as Remix calls them: bad queries are
 * 400s with a message (never 500), good ones carry only public fields.
 */
import { useTestDatabase } from "../helpers/db";
import { seedSearchFixture } from "../fixtures/search/seed";
import { loader as apiLoader } from "~/routes/api.search";
import { loader as pageLoader } from "~/routes/search";
import { getSearchEngine } from "~/lib/search/engine.server";

const db = useTestDatabase();

beforeAll(async () => {
  await seedSearchFixture(db.prisma(), getSearchEngine());
});

async function api(query: string): Promise<{ status: number; body: any }> {
  const res = (await apiLoader({ request: new Request(`http://x/api/search?${query}`), params: {}, context: {} })) as Response;
  return { status: res.status, body: await res.json() };
}

describe("GET /api/search", () => {
  it("answers with public fields only", async () => {
    const { status, body } = await api(`q=${encodeURIComponent("拐賣")}&status=all`);
    expect(status).toBe(200);
    expect(body.total).toBe(2);
    expect(body.results[0]).toHaveProperty("url");
    expect(JSON.stringify(body)).not.toMatch(/provisionId|versionId|"id"/);
  });

  it("turns every bad query into a 400 with a code and a message", async () => {
    const cases: [string, string][] = [
      ["q=", "empty"],
      [`q=${encodeURIComponent('"')}`, "empty"],
      ["q=-", "empty"],
      [`q=${encodeURIComponent("-监护")}`, "only-excluded"],
      [`q=${"监".repeat(5000)}`, "too-long"],
      [`q=${encodeURIComponent("监护")}&at=2021-13-01`, "bad-date"],
      [`q=${encodeURIComponent("监护")}&work=nope`, "unknown-work"],
    ];
    for (const [query, code] of cases) {
      const { status, body } = await api(query);
      expect({ query: query.slice(0, 40), status, code: body.error?.code }).toEqual({ query: query.slice(0, 40), status: 400, code });
      expect(body.error.message.length).toBeGreaterThan(0);
    }
  });

  it("reads FTS syntax as text: results or nothing, never an error", async () => {
    for (const q of ["NEAR(", "*", "AND", "OR", '"未成年人', "监护 AND 学校", "{heading}:监护"]) {
      const { status } = await api(`q=${encodeURIComponent(q)}&status=all`);
      expect(status).toBe(200);
    }
  });

  it("ignores an unknown status, and answers a bad page number with bad-page as documented", async () => {
    const ok = await api(`q=${encodeURIComponent("监护人")}&status=nonsense`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "current", page: 1 });
    for (const page of ["abc", "0", "999"]) {
      const bad = await api(`q=${encodeURIComponent("监护人")}&page=${page}`);
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: { code: "bad-page" } });
    }
  });
});

describe("search page loader", () => {
  it("renders the form without searching when there is no query", async () => {
    const res = (await pageLoader({ request: new Request("http://x/search"), params: {}, context: {} })) as Response;
    const data = await res.json();
    expect(res.status).toBe(200);
    expect(data.result).toBeNull();
    expect(data.options.works.map((w: { slug: string }) => w.slug)).toEqual(["example-law", "example-regulation"]);
  });

  it("keeps the page and shows the problem for a bad query", async () => {
    const res = (await pageLoader({ request: new Request(`http://x/search?q=${"监".repeat(5000)}`), params: {}, context: {} })) as Response;
    expect(res.status).toBe(400);
    const data = await res.json();
    expect(data.error).toEqual({ code: "too-long", params: { max: 200 } });
  });

  it("offers the chapters of the chosen work", async () => {
    const res = (await pageLoader({
      request: new Request(`http://x/search?q=${encodeURIComponent("监护")}&work=example-regulation`),
      params: {},
      context: {},
    })) as Response;
    const data = await res.json();
    expect(data.options.chapters.map((c: { key: string }) => c.key)).toEqual(["ch-1", "ch-2"]);
    expect(data.result.filters.work).toBe("example-regulation");
  });
});
