/**
 * The Meilisearch engine at the HTTP layer, without a Meilisearch server (none can be installed
 * here): a local node:http server on 127.0.0.1 records every request the official client sends
 * and answers with the response shapes of the documented Meilisearch HTTP API (summarized and full
 * task objects, search responses with _formatted / _matchesPosition in BYTES, error objects).
 * What this proves: our requests (routes, bodies, settings, filters, phrases) and our handling of
 * those responses. What it cannot prove: Meilisearch's own matching and ranking (see ADR 0004).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { useTestDatabase } from "../helpers/db";
import { FIXTURE_TODAY, FIXTURE_WORKS, insertFixtureVersion } from "../fixtures/search/seed";
import { SearchUnavailableError } from "~/lib/search/errors";
import { createTestUser } from "../helpers/auth";
import { SEED_THESAURUS } from "~/lib/search/thesaurus";
import { createThesaurusEntry, deleteThesaurusEntry, listThesaurus } from "~/lib/search/thesaurus.server";
import {
  MEILI_SETTINGS,
  buildMeiliSynonyms,
  createMeiliSearchEngine,
  meiliTermPhrase,
  meiliTermTokens,
  type MeiliConfig,
  type MeiliDocument,
} from "~/lib/search/meili-engine.server";
import type { SearchEngine } from "~/lib/search/engine.server";

const db = useTestDatabase();

interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | undefined;
}

type Doc = MeiliDocument & Record<string, unknown>;

const ERROR_LINK = "https://docs.meilisearch.com/errors#";

/** Evaluates the filter forms the engine sends (documented filter syntax, subset). */
function matchesFilter(doc: Doc, filters: string[] | string | undefined): boolean {
  const list = filters === undefined ? [] : Array.isArray(filters) ? filters : [filters];
  return list.every((f) => {
    let m = /^(\w+) IN \[(.*)\]$/.exec(f);
    if (m) {
      const values = m[2].split(",").map((v) => v.trim().replace(/^"(.*)"$/, "$1"));
      return values.includes(String(doc[m[1]]));
    }
    m = /^(\w+) = (.+)$/.exec(f);
    if (m) {
      const value = m[2].replace(/^"(.*)"$/, "$1");
      const field = doc[m[1]];
      return Array.isArray(field) ? field.map(String).includes(value) : String(field) === value;
    }
    throw new Error(`fake Meilisearch: unsupported filter ${f}`);
  });
}

/**
 * Phrase semantics over whitespace-separated token attributes (what our queries rely on), and the
 * documented synonym rule for unquoted words: a run of one to three query words that is a synonyms
 * key matches its own words anywhere or any of its synonyms as a phrase.
 */
function matchesQuery(doc: Doc, q: string, attributes: string[], synonyms: Record<string, string[]>): boolean {
  const contains = (tokens: string) =>
    attributes.some((a) => ` ${String(doc[a] ?? "")} `.includes(` ${tokens} `));
  const groups: ((d: Doc) => boolean)[] = [];
  for (const m of q.matchAll(/(-?)"([^"]*)"|(\S+(?: (?!-?")\S+)*)/g)) {
    if (m[2] !== undefined) {
      const negated = m[1] === "-";
      groups.push(() => (negated ? !contains(m[2]) : contains(m[2])));
      continue;
    }
    const words = m[3].split(" ");
    for (let i = 0; i < words.length; ) {
      let n = Math.min(3, words.length - i);
      while (n > 1 && !synonyms[words.slice(i, i + n).join(" ")]) n--;
      const key = words.slice(i, i + n);
      const alternatives = synonyms[key.join(" ")] ?? [];
      groups.push(() => key.every((w) => contains(w)) || alternatives.some((alt) => contains(alt)));
      i += n;
    }
  }
  return groups.every((g) => g(doc));
}

class FakeMeilisearch {
  requests: Recorded[] = [];
  docs = new Map<number, Doc>();
  indexExists = false;
  tasks: Record<string, unknown>[] = [];
  failTaskType: string | null = null;
  rejectKey: string | null = null;
  synonyms: Record<string, string[]> = {};
  private server = http.createServer((req, res) => this.handle(req, res));
  url = "";

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private enqueue(indexUid: string, type: string) {
    const uid = this.tasks.length;
    const now = new Date().toISOString();
    const failed = this.failTaskType === type;
    this.tasks.push({
      uid,
      batchUid: uid,
      indexUid,
      status: failed ? "failed" : "succeeded",
      type,
      canceledBy: null,
      details: {},
      error: failed
        ? {
            message: "Attribute `versionId` is not filterable.",
            code: "invalid_document_filter",
            type: "invalid_request",
            link: `${ERROR_LINK}invalid_document_filter`,
          }
        : null,
      duration: "PT0.001S",
      enqueuedAt: now,
      startedAt: now,
      finishedAt: now,
    });
    return { taskUid: uid, indexUid, status: "enqueued", type, enqueuedAt: now };
  }

  private search(body: Record<string, unknown>) {
    const q = String(body.q ?? "");
    const attributes = (body.attributesToSearchOn as string[] | undefined) ?? ["headGrams", "bodyGrams", "chars"];
    let hits = [...this.docs.values()].filter(
      (d) => matchesFilter(d, body.filter as string[]) && matchesQuery(d, q, attributes, this.synonyms),
    );
    const facetDistribution: Record<string, Record<string, number>> = {};
    for (const facet of (body.facets as string[] | undefined) ?? []) {
      facetDistribution[facet] = {};
      for (const d of hits) facetDistribution[facet][String(d[facet])] = (facetDistribution[facet][String(d[facet])] ?? 0) + 1;
    }
    // distinctAttribute (declared in settings): one document per group.
    const seen = new Set<string>();
    hits = hits.filter((d) => (seen.has(d.groupId) ? false : (seen.add(d.groupId), true)));
    const page = Number(body.page ?? 1);
    const hitsPerPage = Number(body.hitsPerPage ?? body.limit ?? 20);
    const slice = hits.slice((page - 1) * hitsPerPage, page * hitsPerPage);
    const retrieve = body.attributesToRetrieve as string[] | undefined;
    return {
      indexUid: body.indexUid,
      hits: slice.map((d) => {
        const out: Record<string, unknown> = {};
        for (const k of retrieve ?? Object.keys(d)) out[k] = d[k];
        // Documented shapes; offsets in bytes (UTF-8), deliberately unlike character offsets.
        out._formatted = { ...out, text: `<em>${d.text}</em>` };
        out._matchesPosition = { text: [{ start: Buffer.byteLength(d.text.slice(0, 4)), length: 6 }] };
        return out;
      }),
      query: q,
      processingTimeMs: 1,
      hitsPerPage,
      page,
      totalPages: Math.ceil(hits.length / hitsPerPage),
      totalHits: hits.length,
      ...(body.facets ? { facetDistribution, facetStats: {} } : {}),
    };
  }

  private route(method: string, path: string, query: URLSearchParams, body: any): [number, unknown] {
    let m: RegExpExecArray | null;
    if (method === "GET" && path === "/health") return [200, { status: "available" }];
    if (method === "GET" && (m = /^\/tasks\/(\d+)$/.exec(path))) return [200, this.tasks[Number(m[1])]];
    if (method === "POST" && path === "/indexes") {
      this.indexExists = true;
      return [202, this.enqueue(body.uid, "indexCreation")];
    }
    if (method === "POST" && path === "/multi-search") {
      return [200, { results: (body.queries as Record<string, unknown>[]).map((q) => this.search(q)) }];
    }
    if (!(m = /^\/indexes\/([\w-]+)(\/.*)?$/.exec(path))) return [404, { message: "not found", code: "not_found", type: "invalid_request", link: ERROR_LINK }];
    const uid = m[1];
    const rest = m[2] ?? "";
    if (!this.indexExists) {
      return [404, { message: `Index \`${uid}\` not found.`, code: "index_not_found", type: "invalid_request", link: `${ERROR_LINK}index_not_found` }];
    }
    if (method === "GET" && rest === "") {
      return [200, { uid, primaryKey: "id", createdAt: "2026-11-29T09:00:00Z", updatedAt: "2026-11-29T09:00:00Z" }];
    }
    if (method === "GET" && rest === "/stats") {
      return [200, { numberOfDocuments: this.docs.size, isIndexing: false, fieldDistribution: {} }];
    }
    if (method === "PATCH" && rest === "/settings") {
      if (body.synonyms) this.synonyms = body.synonyms;
      return [202, this.enqueue(uid, "settingsUpdate")];
    }
    if (method === "PUT" && rest === "/settings/synonyms") {
      this.synonyms = body;
      return [202, this.enqueue(uid, "settingsUpdate")];
    }
    if (method === "POST" && rest === "/documents") {
      for (const d of body as Doc[]) this.docs.set(d.id, d);
      return [202, this.enqueue(uid, "documentAdditionOrUpdate")];
    }
    if (method === "DELETE" && rest === "/documents") {
      this.docs.clear();
      return [202, this.enqueue(uid, "documentDeletion")];
    }
    if (method === "POST" && rest === "/documents/delete") {
      for (const d of [...this.docs.values()]) if (matchesFilter(d, body.filter)) this.docs.delete(d.id);
      return [202, this.enqueue(uid, "documentDeletion")];
    }
    if (method === "POST" && rest === "/documents/fetch") {
      const results = [...this.docs.values()]
        .filter((d) => matchesFilter(d, body.filter))
        .map((d) => Object.fromEntries((body.fields as string[]).map((f) => [f, d[f]])));
      return [200, { results, offset: 0, limit: body.limit, total: results.length }];
    }
    return [404, { message: `fake: no route ${method} ${path}`, code: "not_found", type: "invalid_request", link: ERROR_LINK }];
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", this.url);
      const text = Buffer.concat(chunks).toString("utf8");
      const body = text ? JSON.parse(text) : undefined;
      const authorization = req.headers.authorization;
      this.requests.push({ method: req.method ?? "", path: url.pathname, query: url.searchParams, body, authorization });
      let status: number;
      let payload: unknown;
      if (this.rejectKey && authorization !== `Bearer ${this.rejectKey}`) {
        status = 401;
        payload = {
          message: "The provided API key is invalid.",
          code: "invalid_api_key",
          type: "auth",
          link: `${ERROR_LINK}invalid_api_key`,
        };
      } else {
        [status, payload] = this.route(req.method ?? "", url.pathname, url.searchParams, body);
      }
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(payload));
    });
  }
}

const fake = new FakeMeilisearch();
let engine: SearchEngine;
let config: MeiliConfig;
const versionIds = new Map<string, number>();

beforeAll(async () => {
  await fake.start();
  // Generous: on a loaded shared machine a local answer can take seconds; nothing here waits on them.
  config = { host: fake.url, apiKey: "test-key", indexUid: "redline-test", timeoutMs: 30_000, taskTimeoutMs: 30_000 };
  engine = createMeiliSearchEngine(config);
  for (const work of FIXTURE_WORKS) {
    for (const version of work.versions) {
      versionIds.set(`${work.slug}@${version.versionDate}`, await insertFixtureVersion(db.prisma(), engine, work, version));
    }
  }
});

afterAll(async () => {
  await fake.stop();
});

describe("Meilisearch engine over HTTP (documented API shapes)", () => {
  it("creates the index once, with the settings declared in code, before the first sync", () => {
    const first = fake.requests.slice(0, 5).map((r) => `${r.method} ${r.path}`);
    expect(first).toEqual([
      "GET /indexes/redline-test",
      "POST /indexes",
      "GET /tasks/0",
      "PATCH /indexes/redline-test/settings",
      "GET /tasks/1",
    ]);
    expect(fake.requests[1].body).toEqual({ uid: "redline-test", primaryKey: "id" });
    expect(fake.requests[3].body).toEqual(
      JSON.parse(JSON.stringify({ ...MEILI_SETTINGS, synonyms: buildMeiliSynonyms(SEED_THESAURUS) })),
    );
    const settings = fake.requests[3].body as typeof MEILI_SETTINGS;
    expect(settings.typoTolerance).toEqual({ enabled: false });
    expect(settings.distinctAttribute).toBe("groupId");
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(["versionId", "workId", "kind", "chapterPrefixes"]));
    expect(settings.dictionary).toContain("未成年人");
    expect(fake.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
  });

  it("sends the API key as a bearer token on every request", () => {
    expect(fake.requests.every((r) => r.authorization === "Bearer test-key")).toBe(true);
  });

  it("replaces a committed version's documents: delete by filter, then add with primary key id", () => {
    const v2010 = versionIds.get("example-regulation@2010-01-01")!;
    const deletes = fake.requests.filter((r) => r.path.endsWith("/documents/delete"));
    expect(deletes[0].body).toEqual({ filter: `versionId = ${v2010}` });
    const adds = fake.requests.filter((r) => r.method === "POST" && r.path === "/indexes/redline-test/documents");
    expect(adds[0].query.get("primaryKey")).toBe("id");
    const docs = adds[0].body as MeiliDocument[];
    expect(docs.map((d) => d.key)).toEqual(["art-1", "art-2", "art-3", "art-4"]);
    const art4 = docs.find((d) => d.key === "art-4")!;
    // Exact source text stays as it is; matching tokens are folded and spelled in letters.
    expect(art4.text).toBe("第四条 严禁拐賣兒童。");
    expect(art4.bodyGrams).toMatch(/^[a-pyz ]+$/);
    expect(art4.chapterPrefixes).toEqual(["ch-2"]);
    expect(art4.heading).toBe("案件办理");
  });

  it("gives identical articles of two versions the same distinct group", () => {
    const art1 = [...fake.docs.values()].filter((d) => d.workSlug === "example-regulation" && d.key === "art-1");
    expect(art1).toHaveLength(3);
    const [a2010, a2020, draft] = art1.sort((a, b) => a.versionDate.localeCompare(b.versionDate));
    expect(a2010.groupId).toBe(a2020.groupId);
    expect(draft.groupId).not.toBe(a2010.groupId);
  });

  it("sends every term as an exact phrase, all required, filtered to the versions in force", async () => {
    fake.requests.length = 0;
    const res = await engine.search({ q: "拐賣兒童 -收买", today: FIXTURE_TODAY });
    const multi = fake.requests.find((r) => r.path === "/multi-search")!;
    const [main, facets] = (multi.body as { queries: Record<string, unknown>[] }).queries;
    expect(main.q).toBe(`${meiliTermPhrase("拐卖儿童")} -${meiliTermPhrase("收买")}`);
    expect(main.matchingStrategy).toBe("all");
    expect(main.attributesToSearchOn).toEqual(["headGrams", "bodyGrams", "chars"]);
    const inForce = [versionIds.get("example-regulation@2020-06-01"), versionIds.get("example-law@2015-05-05")].sort();
    const filter = (main.filter as string[])[0];
    expect(filter.startsWith("versionId IN [")).toBe(true);
    expect(filter.match(/\d+/g)!.map(Number).sort()).toEqual(inForce);
    expect(main).toMatchObject({ page: 1, hitsPerPage: 20, indexUid: "redline-test" });
    expect(facets).toMatchObject({ facets: ["workId"], limit: 0 });
    // 2020 art-4 mentions 收买: excluded.
    expect(res.total).toBe(0);
  });

  it("builds hits from the database with character highlights, ignoring byte offsets in the response", async () => {
    const res = await engine.search({ q: "学校", today: FIXTURE_TODAY });
    expect(res.engine).toBe("meilisearch");
    expect(res.total).toBe(1);
    const hit = res.hits[0];
    expect(hit.url).toBe("/works/example-regulation/2020-06-01#art-6");
    expect(hit.snippet.highlights).toEqual([{ start: 9, end: 11 }]);
    expect(hit.chapterPath).toEqual(["第二章 网络保护"]);
    expect(res.facets.works).toEqual([
      { slug: "example-regulation", title: "示例条例", kind: "administrative_regulation", count: 1 },
    ]);
  });

  it("lists every version of a distinct group through the documents route, for version badges", async () => {
    fake.requests.length = 0;
    const res = await engine.search({ q: "合法权益", status: "all", today: FIXTURE_TODAY });
    expect(res.total).toBe(1);
    expect(res.hits[0].versions.map((v) => v.versionDate)).toEqual(["2010-01-01", "2020-06-01"]);
    const fetch = fake.requests.find((r) => r.path.endsWith("/documents/fetch"))!;
    expect((fetch.body as { filter: string[] }).filter[0]).toMatch(/^groupId IN \["\d+-\d+"\]$/);
  });

  it("sends work, kind and chapter filters in the documented filter syntax", async () => {
    fake.requests.length = 0;
    await engine.search({ q: "应当", work: "example-regulation", kind: "administrative_regulation", chapter: "ch-2", today: FIXTURE_TODAY });
    const multi = fake.requests.find((r) => r.path === "/multi-search")!;
    const [main, facets] = (multi.body as { queries: Record<string, unknown>[] }).queries;
    const workId = (await db.prisma().work.findUniqueOrThrow({ where: { slug: "example-regulation" } })).id;
    expect((main.filter as string[]).slice(1)).toEqual([
      `workId = ${workId}`,
      'kind = "administrative_regulation"',
      'chapterPrefixes = "ch-2"',
    ]);
    expect(facets.filter as string[]).toHaveLength(1);
  });

  it("refuses the plans' agency filter with a message instead of ignoring it (no agencies in its documents)", async () => {
    fake.requests.length = 0;
    await expect(engine.search({ q: "应当", agency: "甲部", agencyRole: "lead", today: FIXTURE_TODAY })).rejects.toMatchObject({
      name: "SearchQueryError",
      code: "agency-unsupported",
    });
    expect(fake.requests.find((r) => r.path === "/multi-search")).toBeUndefined();
  });

  it("removes a deleted version's documents after the commit, and restores nothing for it", async () => {
    const draftId = versionIds.get("example-regulation@2030-01-01")!;
    await db.prisma().$transaction(async (tx) => {
      await engine.removeVersionInTransaction(tx, draftId);
      await tx.version.delete({ where: { id: draftId } });
    });
    fake.requests.length = 0;
    const lawId = versionIds.get("example-law@2015-05-05")!;
    await engine.afterVersionCommitted(lawId);
    const deletes = fake.requests.filter((r) => r.path.endsWith("/documents/delete")).map((r) => r.body);
    expect(deletes).toEqual(expect.arrayContaining([{ filter: `versionId = ${draftId}` }, { filter: `versionId = ${lawId}` }]));
    expect([...fake.docs.values()].some((d) => d.versionId === draftId)).toBe(false);
    expect([...fake.docs.values()].filter((d) => d.versionId === lawId)).toHaveLength(3);
  });

  it("reports a failed task with Meilisearch's own error message", async () => {
    fake.failTaskType = "documentAdditionOrUpdate";
    try {
      const lawId = versionIds.get("example-law@2015-05-05")!;
      const error = await engine.afterVersionCommitted(lawId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SearchUnavailableError);
      expect((error as Error).message).toContain("Attribute `versionId` is not filterable.");
      expect((error as Error).message).toContain("failed");
    } finally {
      fake.failTaskType = null;
    }
  });

  it("turns an API error response (invalid key) into a clear unavailable error", async () => {
    fake.rejectKey = "another-key";
    try {
      const error = await engine.search({ q: "监护", today: FIXTURE_TODAY }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SearchUnavailableError);
      expect((error as Error).message).toContain("The provided API key is invalid.");
      const health = await engine.health();
      expect(health.ok).toBe(false);
    } finally {
      fake.rejectKey = null;
    }
  });

  it("is healthy when the server answers, with the document count", async () => {
    const health = await engine.health();
    expect(health).toMatchObject({ ok: true, engine: "meilisearch" });
    expect(health.message).toContain(`${fake.docs.size} documents`);
  });

  it("says clearly when the server is unreachable", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = createMeiliSearchEngine({ ...config, host: `http://127.0.0.1:${port}`, timeoutMs: 2000 });
    const health = await down.health();
    expect(health.ok).toBe(false);
    expect(health.message).toMatch(/unreachable.*MEILI_HOST/);
    await expect(down.search({ q: "监护", today: FIXTURE_TODAY })).rejects.toBeInstanceOf(SearchUnavailableError);
  });

  it("maps the thesaurus to synonyms in token form: two-way both ways, one-way from its first term only", () => {
    const synonyms = buildMeiliSynonyms([
      { terms: ["示甲", "示乙"], oneWay: false },
      { terms: ["示丙", "示丁戊", "示己"], oneWay: true },
      // Meilisearch looks synonyms up only for 1-3 query words: a five-character key is left out.
      { terms: ["示例条例甲", "示庚"], oneWay: true },
      // A term of several words (all must occur) has no synonym form.
      { terms: ["示辛", "示壬 示癸"], oneWay: true },
    ]);
    const t = meiliTermTokens;
    expect(synonyms).toEqual({
      [t("示甲")]: [t("示乙")],
      [t("示乙")]: [t("示甲")],
      [t("示丙")]: [t("示丁戊"), t("示己")],
    });
    expect(t("示丁戊").split(" ")).toHaveLength(2);
    expect(Object.keys(synonyms).every((k) => /^[a-pyz ]+$/.test(k))).toBe(true);
  });

  it("pushes the synonyms again after an admin edits the thesaurus, and sends such a term unquoted", async () => {
    const admin = await createTestUser("admin");
    const entry = await createThesaurusEntry(admin, { terms: ["网服", "网络服务"], oneWay: true, note: null });
    fake.requests.length = 0;
    const res = await engine.search({ q: "网服", today: FIXTURE_TODAY });
    const put = fake.requests.filter((r) => r.method === "PUT" && r.path === "/indexes/redline-test/settings/synonyms");
    expect(put).toHaveLength(1);
    expect((put[0].body as Record<string, string[]>)[meiliTermTokens("网服")]).toEqual([meiliTermTokens("网络服务")]);
    expect((put[0].body as Record<string, string[]>)[meiliTermTokens("网络服务")]).toBeUndefined();
    const multi = fake.requests.find((r) => r.path === "/multi-search")!;
    expect((multi.body as { queries: { q: string }[] }).queries[0].q).toBe(meiliTermTokens("网服"));
    // Found only through the synonym: marked, highlighted on the equivalent, explained.
    expect(res.hits.map((h) => h.url)).toEqual(["/works/example-regulation/2020-06-01#art-3"]);
    expect(res.hits[0]).toMatchObject({ match: "synonym", viaSynonyms: ["网络服务"], matchedTerms: ["网络服务"] });
    expect(res.hits[0].snippet.highlights).toHaveLength(1);
    expect(res.relaxation.steps).toEqual([{ kind: "synonyms", term: "网服", into: ["网络服务"] }]);

    fake.requests.length = 0;
    const reverse = await engine.search({ q: "网络服务", today: FIXTURE_TODAY });
    expect(fake.requests.some((r) => r.path.endsWith("/settings/synonyms"))).toBe(false);
    const again = fake.requests.find((r) => r.path === "/multi-search")!;
    expect((again.body as { queries: { q: string }[] }).queries[0].q).toBe(meiliTermPhrase("网络服务"));
    expect(reverse.hits[0]).toMatchObject({ match: "exact" });
    expect(reverse.relaxation.steps).toEqual([]);

    await deleteThesaurusEntry(admin, entry.id, entry.revision);
    await engine.search({ q: "网服", today: FIXTURE_TODAY });
    const last = fake.requests.filter((r) => r.path.endsWith("/settings/synonyms")).at(-1)!;
    expect((last.body as Record<string, string[]>)[meiliTermTokens("网服")]).toBeUndefined();
    expect((await listThesaurus()).length).toBe(SEED_THESAURUS.length);
  });
});
