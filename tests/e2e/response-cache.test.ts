import { ingestBytes } from "~/lib/corpus/ingest.server";
import { createTestUser } from "../helpers/auth";
import { startApp, type RunningApp } from "./helpers";

// Issue 10, load: anonymous public pages come from the whole-response cache
// (app/lib/http/response-cache.server.ts) until the database changes; signed-in pages never do.
let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
  await ingestBytes(encode(TEXT), "sample-page-cache-rules/2031-01-01.md", { catalogue: null });
});
afterAll(() => app?.stop());

const encode = (s: string) => new TextEncoder().encode(s);
const TEXT = "# 示例页面缓存条例\n\n2031年1月1日通过\n\n第一条 示例机构应当登记。\n\n第二条 本条例自公布之日起施行。\n";
const ARTICLE = "/works/sample-page-cache-rules/2031-01-01/art-1";

async function get(pathname: string, headers: Record<string, string> = {}) {
  const res = await fetch(app.baseUrl + pathname, { headers: { "accept-language": "zh-CN", ...headers } });
  return { status: res.status, cache: res.headers.get("x-redline-cache"), etag: res.headers.get("etag"), text: await res.text() };
}

describe("anonymous article pages", () => {
  it("are served from the cache on the second request, and fresh after an ingest", async () => {
    const first = await get(ARTICLE);
    expect(first.status).toBe(200);
    expect(first.cache).toBe("miss");
    expect(first.text).toContain("第一条 示例机构应当登记。");
    const second = await get(ARTICLE);
    expect(second.cache).toBe("hit");
    expect(second.text).toBe(first.text);

    await ingestBytes(encode(TEXT.replace("应当登记", "应当登记造册")), "sample-page-cache-rules/2031-01-01.md", {
      catalogue: null,
      replace: true,
    });
    const after = await get(ARTICLE);
    expect(after.cache).toBe("miss");
    expect(after.text).toContain("第一条 示例机构应当登记造册。");
  });

  it("answers 304 to a matching If-None-Match, gzip to a browser", async () => {
    const page = await get(ARTICLE);
    const res = await fetch(app.baseUrl + ARTICLE, { headers: { "accept-language": "zh-CN", "if-none-match": page.etag! } });
    expect(res.status).toBe(304);
    // fetch unzips; the header says the stored gzip body was sent as it is.
    const zipped = await fetch(app.baseUrl + ARTICLE, { headers: { "accept-language": "zh-CN", "accept-encoding": "gzip" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(await zipped.text()).toBe(page.text);
  });

  it("keep each language apart (Accept-Language, and the lang cookie over it)", async () => {
    const zh = await get(ARTICLE);
    const en = await get(ARTICLE, { "accept-language": "en-GB,en;q=0.9" });
    const chosen = await get(ARTICLE, { cookie: "lang=en" });
    expect(zh.text).toContain('<html lang="zh-CN"');
    expect(en.text).toContain('<html lang="en"');
    expect(chosen.text).toContain('<html lang="en"');
    expect((await get(ARTICLE, { "accept-language": "en" })).cache).toBe("hit");
    expect((await get(ARTICLE, { cookie: "lang=en" })).text).toContain('<html lang="en"');
  });

  it("include the search API's answers", async () => {
    const query = `/api/search?q=${encodeURIComponent("示例机构")}&status=all`;
    const first = await get(query);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text).total).toBeGreaterThan(0);
    expect((await get(query)).cache).toBe("hit");
  });

  it("are not cached when not 200 (a missing article)", async () => {
    const missing = "/works/sample-page-cache-rules/2031-01-01/art-99";
    expect((await get(missing)).status).toBe(404);
    const again = await get(missing);
    expect(again.status).toBe(404);
    expect(again.cache).toBeNull();
  });
});

describe("signed-in pages", () => {
  it("are never served from the cache, nor carry another user's name or CSRF token", async () => {
    const anonymous = await get(ARTICLE);
    expect((await get(ARTICLE)).cache).toBe("hit");
    const alice = await createTestUser("partner", { name: "Alice Cachetest" });
    const bob = await createTestUser("partner", { name: "Bob Cachetest" });
    for (const [user, other] of [
      [alice, bob],
      [alice, bob],
      [bob, alice],
    ] as const) {
      const page = await get(ARTICLE, { cookie: `lang=zh-CN; ${user.cookie}` });
      expect(page.status).toBe(200);
      expect(page.cache).toBeNull();
      expect(page.text).toContain(user.name);
      expect(page.text).toContain(user.csrfToken);
      expect(page.text).not.toContain(other.name);
      expect(page.text).not.toContain(other.csrfToken);
    }
    expect(anonymous.text).not.toContain("Cachetest");
    expect((await get(ARTICLE)).text).not.toContain("Cachetest");
    // A data request (client navigation) of the root loader: the user's own data, never a stored one.
    const data = await get("/works/sample-page-cache-rules/2031-01-01/art-1?_data=root", { cookie: bob.cookie });
    expect(data.cache).toBeNull();
    expect(data.text).toContain(bob.csrfToken);
  });
});
