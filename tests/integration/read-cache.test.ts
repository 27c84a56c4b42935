/**
 * The corpus, compare and search reads kept in memory (read-cache.server.ts, browse.server.ts): a replaced text, or anything
 * another process commits, must be shown on the next read, never the kept copy.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { getVersionView, getWork } from "~/lib/corpus/browse.server";
import { dialectFor, isPostgresUrl } from "~/lib/db/dialect";
import { loader as searchApi } from "~/routes/api.search";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { useTestDatabase } from "../helpers/db";

const { url } = useTestDatabase();

/** One statement committed on a connection of its own, as `npm run ingest` or another app server would. */
async function commitElsewhere(sql: string, ...params: string[]): Promise<void> {
  if (isPostgresUrl(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(dialectFor(url).sql(sql), params);
    await client.end();
    return;
  }
  const other = new Database(url.replace(/^file:/, ""));
  other.prepare(sql).run(...params);
  other.close();
}

const encode = (s: string) => new TextEncoder().encode(s);
const TEXT = "# 示例缓存条例\n\n2031年1月1日通过\n\n第一条 示例机构应当登记。\n\n第二条 本条例自公布之日起施行。\n";

describe("version view cache", () => {
  it("serves a replaced text, not the one read before", async () => {
    await ingestBytes(encode(TEXT), "sample-cache-regulation/2031-01-01.md", { catalogue: null });
    const first = await getVersionView("sample-cache-regulation", "2031-01-01");
    expect(first!.provisions.find((p) => p.key === "art-1")!.text).toBe("第一条 示例机构应当登记。");
    expect((await getVersionView("sample-cache-regulation", "2031-01-01"))!.provisions).toBe(first!.provisions);

    const changed = TEXT.replace("应当登记", "应当登记造册");
    await ingestBytes(encode(changed), "sample-cache-regulation/2031-01-01.md", { catalogue: null, replace: true });
    const second = await getVersionView("sample-cache-regulation", "2031-01-01");
    expect(second!.provisions.find((p) => p.key === "art-1")!.text).toBe("第一条 示例机构应当登记造册。");
  });
});

describe("corpus reads kept until the database changes", () => {
  it("shows a version stored by another connection (a CLI ingest) on the next read", async () => {
    const work = await getWork("sample-cache-regulation");
    expect(work!.versions.map((v) => v.versionDate)).toEqual(["2031-01-01"]);
    expect(await getWork("sample-cache-regulation")).toBe(work);
    await commitElsewhere(`UPDATE "Work" SET "titleZh" = ? WHERE "slug" = ?`, "示例缓存条例（修订）", "sample-cache-regulation");
    expect((await getWork("sample-cache-regulation"))!.titleZh).toBe("示例缓存条例（修订）");
  });
});

describe("search API answers kept until the database changes", () => {
  it("finds a version stored after the same query was answered", async () => {
    const ask = async () => {
      const response = (await searchApi({ request: new Request("http://localhost/api/search?q=%E7%A4%BA%E4%BE%8B%E6%9C%BA%E6%9E%84&status=all"), params: {}, context: {} })) as Response;
      return ((await response.json()) as { total: number }).total;
    };
    const before = await ask();
    expect(await ask()).toBe(before);
    await ingestBytes(encode(TEXT.replace("示例缓存条例", "示例另一条例")), "sample-other-regulation/2031-01-01.md", { catalogue: null });
    expect(await ask()).toBeGreaterThan(before);
  });
});
