/** The compare routes' answers to bad input, and the export resource route, on a real SQLite file. */
import path from "node:path";
import { adminTokenFromEnv, MAX_WRONG_TOKENS } from "~/lib/compare/admin.server";
import { ingestPaths } from "~/lib/corpus/ingest.server";
import { loader as compareLoader, action as compareAction } from "~/routes/compare";
import { loader as exportLoader } from "~/routes/compare.export";
import { loader as rowsLoader } from "~/routes/compare.rows";
import { loader as historyLoader } from "~/routes/works.$slug.history.$key";
import { SHARED_CORPUS, useTestDatabase } from "../helpers/db";

useTestDatabase();

beforeAll(async () => {
  const { errors } = await ingestPaths([path.join(SHARED_CORPUS, "minors-protection-law")]);
  expect(errors).toEqual([]);
});

const args = (url: string, params: Record<string, string> = {}) => ({
  request: new Request(`http://localhost${url}`),
  params,
  context: {},
});

async function thrown(p: Promise<unknown>): Promise<Response> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected a thrown Response");
}

describe("compare routes", () => {
  it("gives the rows after the first screen as JSON, the same rows the page would show there", async () => {
    const query = "work=minors-protection-law&from=2012-10-26&to=2020-10-17";
    const page = (await (await compareLoader(args(`/compare?${query}`))).json()).page!;
    const all = (await (await compareLoader(args(`/compare?${query}&limit=5000`))).json()).page!;
    const rest = await (await rowsLoader(args(`/compare/rows?${query}&offset=${page.rows.length}&limit=5000`))).json();
    expect(rest.matching).toBe(page.matching);
    expect(rest.rows.length).toBe(page.matching - page.rows.length);
    expect([...page.rows, ...rest.rows]).toEqual(all.rows);
    const bad = await thrown(rowsLoader(args("/compare/rows?work=minors-protection-law")));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Give work, from and to");
  });

  it("answers 404 with a readable message for an unknown law or version, 400 for a malformed date", async () => {
    const unknown = await thrown(compareLoader(args("/compare?work=no-such-law&from=2020-10-17&to=2024-04-26")));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("no-such-law");
    const noVersion = await thrown(compareLoader(args("/compare?work=minors-protection-law&from=2019-01-01&to=2024-04-26")));
    expect(noVersion.status).toBe(404);
    expect(await noVersion.text()).toContain("2019-01-01");
    const badDate = await thrown(compareLoader(args("/compare?work=minors-protection-law&from=2020&to=2024-04-26")));
    expect(badDate.status).toBe(400);
  });

  it("fills in the two latest versions when only the law is given", async () => {
    const res = await thrown(compareLoader(args("/compare?work=minors-protection-law")));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/compare?work=minors-protection-law&from=2020-10-17&to=2024-04-26");
  });

  it("sends an anonymous correction to the login page and stores nothing", async () => {
    const request = new Request("http://localhost/compare", {
      method: "POST",
      body: new URLSearchParams({ intent: "remove", id: "1" }),
    });
    const res = await thrown(compareAction({ request, params: {}, context: {} }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
  });

  it("serves the CSV export as an attachment with a BOM", async () => {
    const res = (await exportLoader(args("/compare/export?work=minors-protection-law&from=2020-10-17&to=2024-04-26&format=csv"))) as Response;
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain('filename="minors-protection-law_2020-10-17_2024-04-26.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("refuses an export without a format", async () => {
    const res = await thrown(exportLoader(args("/compare/export?work=minors-protection-law&from=2020-10-17&to=2024-04-26")));
    expect(res.status).toBe(400);
  });

  it("answers 404 for the history of an article that does not exist", async () => {
    const res = await thrown(historyLoader(args("/works/minors-protection-law/history/art-999", { slug: "minors-protection-law", key: "art-999" })));
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("art-999");
  });
});

// Issue 10, defect 7: the admin token is a long secret, compared in constant time, with guesses throttled.
describe("the admin token for scripts", () => {
  const LONG_TOKEN = "a-32-character-admin-token-12345";
  /** The action's answer, returned or thrown. */
  const post = (token: string, ip: string): Promise<Response> =>
    compareAction({
      request: new Request("http://localhost/compare", {
        method: "POST",
        headers: { "x-redline-admin-token": token },
        body: new URLSearchParams({ intent: "remove", id: "999999" }),
      }),
      params: {},
      context: { clientIp: ip },
    }).then(
      (r) => r as Response,
      (e: unknown) => {
        if (e instanceof Response) return e;
        throw e;
      },
    );
  afterEach(() => {
    delete process.env.REDLINE_ADMIN_TOKEN;
  });

  it("refuses a token shorter than 32 characters, naming the variable", async () => {
    process.env.REDLINE_ADMIN_TOKEN = "x";
    expect(adminTokenFromEnv().problem).toMatch(/REDLINE_ADMIN_TOKEN has 1 characters; it needs at least 32/);
    expect((await post("x", "192.0.2.40")).status).toBe(403);
    expect(adminTokenFromEnv({ REDLINE_ADMIN_TOKEN: LONG_TOKEN })).toEqual({ token: LONG_TOKEN, problem: null });
  });

  it("accepts the right token and throttles an address after 5 wrong ones, even for the right one", async () => {
    process.env.REDLINE_ADMIN_TOKEN = LONG_TOKEN;
    // Removing an override that does not exist: the token was accepted, the id was not found.
    expect((await post(LONG_TOKEN, "192.0.2.41")).status).not.toBe(403);
    for (let i = 0; i < MAX_WRONG_TOKENS; i++) expect((await post(`guess-${i}`, "192.0.2.42")).status).toBe(403);
    const throttled = await post(LONG_TOKEN, "192.0.2.42");
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect((await post(LONG_TOKEN, "192.0.2.43")).status).not.toBe(429);
  });
});
