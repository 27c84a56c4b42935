import { createResponseCache, responseCacheKey } from "~/lib/http/response-cache.server";

const page = (body: string, init: ResponseInit = {}) => async () =>
  new Response(body, { status: 200, headers: { "content-type": "text/html" }, ...init });
const request = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });

describe("which requests may share an answer", () => {
  it("only anonymous GETs of the listed public paths, keyed by the negotiated language", () => {
    expect(responseCacheKey(request("/works/a/2020-01-01/art-1"))).toBe("zh-CN http://localhost/works/a/2020-01-01/art-1");
    expect(responseCacheKey(request("/api/search?q=x", { "accept-language": "en-US" }))).toBe("en http://localhost/api/search?q=x");
    expect(responseCacheKey(request("/search", { cookie: "lang=en" }))).toBe("en http://localhost/search");
    expect(responseCacheKey(request("/works", { cookie: "lang=en; redline_session=abc" }))).toBeNull();
    expect(responseCacheKey(request("/works", { cookie: "__Host-redline_session=abc" }))).toBeNull();
    expect(responseCacheKey(request("/works", { authorization: "Bearer x" }))).toBeNull();
    expect(responseCacheKey(request("/recommendations"))).toBeNull();
    expect(responseCacheKey(new Request("http://localhost/works", { method: "POST", body: "a=1" }))).toBeNull();
  });
});

describe("what is kept", () => {
  it("is bounded by entries and by bytes, least recently used out first", async () => {
    const cache = createResponseCache({ maxEntries: 2, maxBytes: 10_000, maxEntryBytes: 10_000 }, () => "g");
    for (const n of [1, 2, 3]) await cache.respond(request(`/works/${n}`), page(`page ${n}`));
    expect(cache.stats().entries).toBe(2);
    expect(await cache.respond(request("/works/1"), page("page 1"))).toMatchObject({ hit: false });
    const bytesCache = createResponseCache({ maxEntries: 100, maxBytes: 70, maxEntryBytes: 70 }, () => "g");
    for (const n of [1, 2, 3, 4]) await bytesCache.respond(request(`/works/${n}`), page(`page ${n}`));
    expect(bytesCache.stats().bytes).toBeLessThanOrEqual(70);
    expect(bytesCache.stats().entries).toBeGreaterThan(0);
    expect(bytesCache.stats().entries).toBeLessThan(4);
  });

  it("never keeps Set-Cookie, errors, private answers, or a render that began before the database changed", async () => {
    let generation = "1";
    const cache = createResponseCache(undefined, () => generation);
    await cache.respond(request("/works/a"), page("x", { headers: { "set-cookie": "a=1" } }));
    await cache.respond(request("/works/b"), page("x", { status: 500 }));
    await cache.respond(request("/works/c"), page("x", { headers: { "cache-control": "private" } }));
    await cache.respond(request("/works/e"), page("x", { headers: { "x-remix-error": "yes" } }));
    await cache.respond(request("/works/d"), async () => {
      generation = "2";
      return new Response("old");
    });
    expect(cache.stats().entries).toBe(0);
  });

  it("renders once for concurrent misses of one page", async () => {
    const cache = createResponseCache(undefined, () => "g");
    let renders = 0;
    const render = async () => {
      renders += 1;
      await new Promise((r) => setTimeout(r, 10));
      return new Response("same");
    };
    const outcomes = await Promise.all([1, 2, 3].map(() => cache.respond(request("/works/x"), render)));
    expect(renders).toBe(1);
    expect(outcomes.filter((o) => "hit" in o && o.hit)).toHaveLength(2);
  });
});
