/**
 * What only the embedded engine promises: its index rows live and die with the version's
 * transaction, survive no deleted version, can be rebuilt, and a new version is searchable at once.
 */
import { useTestDatabase } from "../helpers/db";
import { FIXTURE_TODAY, FIXTURE_WORKS, insertFixtureVersion, seedSearchFixture } from "../fixtures/search/seed";
import { createSqliteSearchEngine } from "~/lib/search/sqlite-engine.server";

const db = useTestDatabase();
const engine = createSqliteSearchEngine();

async function indexedUnits(versionId: number): Promise<number> {
  const rows = await db.prisma().$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*) AS n FROM "search_unit" WHERE "versionId" = ?`,
    versionId,
  );
  return Number(rows[0].n);
}

let ids: Map<string, number>;

beforeAll(async () => {
  ids = await seedSearchFixture(db.prisma(), engine);
});

describe("SQLite FTS5 engine", () => {
  it("indexes inside the version's transaction: a rolled-back ingest leaves no index rows", async () => {
    const prisma = db.prisma();
    const work = await prisma.work.findUniqueOrThrow({ where: { slug: "example-law" } });
    let createdId = 0;
    await expect(
      prisma.$transaction(async (tx) => {
        const v = await tx.version.create({
          data: {
            workId: work.id,
            versionDate: "2026-01-01",
            changeKind: "amended",
            title: "示例保护法",
            sourceFormat: "markdown",
            sha256: "rollback",
            sourceText: "第一条 回滚测试专用词。",
          },
        });
        createdId = v.id;
        await tx.provision.create({
          data: { versionId: v.id, key: "art-1", kind: "article", text: "第一条 回滚测试专用词。", isUnit: true, position: 0, depth: 0, startLine: 1, endLine: 1 },
        });
        await engine.indexVersionInTransaction(tx, v.id);
        // Searches run on their own connection: uncommitted index rows are not visible to them.
        const during = await engine.search({ q: "回滚测试专用词", status: "all", today: FIXTURE_TODAY });
        expect(during.total).toBe(0);
        throw new Error("ingest failed after indexing");
      }),
    ).rejects.toThrow("ingest failed after indexing");
    expect(await indexedUnits(createdId)).toBe(0);
    const r = await engine.search({ q: "回滚测试专用词", status: "all", today: FIXTURE_TODAY });
    expect(r.total).toBe(0);
  });

  it("drops a version's index rows when the version is deleted by any path", async () => {
    const draft = ids.get("example-regulation@2030-01-01")!;
    expect(await indexedUnits(draft)).toBe(1);
    await db.prisma().version.delete({ where: { id: draft } });
    expect(await indexedUnits(draft)).toBe(0);
    const r = await engine.search({ q: "草案中的监护人", status: "all", today: FIXTURE_TODAY });
    // Nothing matches literally any more; what relaxation offers instead never comes from the draft.
    expect(r.hits.filter((h) => h.match === "exact")).toEqual([]);
    expect(r.hits.map((h) => h.version.versionDate)).not.toContain("2030-01-01");
  });

  it("finds a newly ingested version on the next search (the catalogue cache follows)", async () => {
    const before = await engine.search({ q: "公布之日", status: "all", today: FIXTURE_TODAY });
    expect(before.total).toBe(1);
    const law = FIXTURE_WORKS.find((w) => w.slug === "example-law")!;
    await insertFixtureVersion(db.prisma(), engine, law, {
      ...law.versions[0],
      versionDate: "2024-02-02",
      changeKind: "amended",
      articles: [{ key: "art-3", chapter: "", text: "第三条 本法自公布之日起三十日后施行。" }],
    });
    const current = await engine.search({ q: "公布之日", today: FIXTURE_TODAY });
    expect(current.hits.map((h) => h.version.versionDate)).toEqual(["2024-02-02"]);
    expect(current.hits[0].version.inForce).toBe(true);
  });

  it("never matches across a paragraph end, not even through the word column (regression)", async () => {
    const law = FIXTURE_WORKS.find((w) => w.slug === "example-law")!;
    await insertFixtureVersion(db.prisma(), engine, law, {
      ...law.versions[0],
      versionDate: "2025-05-05",
      articles: [{ key: "art-9", chapter: "", text: "第九条 甲方应当及时登记和处\n理乙方的请求。" }],
    });
    const r = await engine.search({ q: "处理", status: "all", today: FIXTURE_TODAY });
    expect(r.hits.map((h) => h.version.versionDate)).not.toContain("2025-05-05");
    const within = await engine.search({ q: "登记和处", status: "all", today: FIXTURE_TODAY });
    expect(within.hits.map((h) => h.version.versionDate)).toEqual(["2025-05-05"]);
  });

  it("pages through every result exactly once, and its facets add up to the total", async () => {
    const seen: number[] = [];
    const first = await engine.search({ q: "第", status: "all", pageSize: 2, today: FIXTURE_TODAY });
    for (let page = 1; page <= first.pageCount; page++) {
      const r = await engine.search({ q: "第", status: "all", pageSize: 2, page, today: FIXTURE_TODAY });
      expect(r.total).toBe(first.total);
      seen.push(...r.hits.map((h) => h.provisionId));
    }
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(first.total);
    expect(first.facets.works.reduce((s, w) => s + w.count, 0)).toBe(first.total);
  });

  it("says when the index is out of step, and search:reindex repairs it with progress", async () => {
    const prisma = db.prisma();
    await prisma.$executeRawUnsafe(`INSERT INTO "search_fts" ("search_fts") VALUES ('delete-all')`);
    await prisma.$executeRawUnsafe(`DELETE FROM "search_unit"`);
    const stale = await engine.health();
    expect(stale.ok).toBe(false);
    expect(stale.message).toMatch(/npm run search:reindex/);
    expect((await engine.search({ q: "监护人", status: "all", today: FIXTURE_TODAY })).total).toBe(0);

    const progress: [number, number][] = [];
    await engine.reindex((done, total) => progress.push([done, total]));
    const versions = await prisma.version.count();
    expect(progress[0]).toEqual([0, versions]);
    expect(progress[progress.length - 1]).toEqual([versions, versions]);
    expect((await engine.health()).ok).toBe(true);
    expect((await engine.search({ q: "监护人", status: "all", today: FIXTURE_TODAY })).total).toBe(2);
  });
});
