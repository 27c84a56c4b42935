/**
 * Two processes ingesting the same version at once (two app servers on one PostgreSQL, or a CLI
 * beside the server): the unique constraints keep one copy, the other ingest reports "unchanged"
 * for the same bytes and a clear conflict for a different text. PostgreSQL only (npm run
 * test:postgres): one SQLite file has one writer at a time. Each "process" is its own Prisma client.
 */
import { createPrismaClient } from "~/lib/db.server";
import { VersionConflictError } from "~/lib/corpus/errors";
import { prepareVersion, storeVersion } from "~/lib/corpus/ingest.server";
import { useTestDatabase } from "../helpers/db";

const db = useTestDatabase();

// Invented text.
const SAMPLE = `# 示例并发条例

2032年1月1日 示例市人民代表大会常务委员会第一次会议通过

## 第一章 总则

第一条 为了示例并发写入，制定本条例。

第二条 本条例自2032年2月1日起施行。`;

const encode = (s: string) => new TextEncoder().encode(s);

describe("concurrent ingest of one version", () => {
  it("stores it once; the other ingest sees it as unchanged", async () => {
    const first = createPrismaClient(db.url);
    const second = createPrismaClient(db.url);
    try {
      const prepared = await prepareVersion(encode(SAMPLE), "sample-concurrent/2032-01-01.md", { catalogue: null });
      const results = await Promise.all([
        storeVersion(prepared, { prisma: first }),
        storeVersion(prepared, { prisma: second }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["created", "unchanged"]);
      expect(await db.prisma().version.count()).toBe(1);
      expect(await db.prisma().work.count()).toBe(1);
      expect(results[0].versionId).toBe(results[1].versionId);
    } finally {
      await first.$disconnect();
      await second.$disconnect();
    }
  });

  it("refuses a different text stored meanwhile with a message naming the version", async () => {
    const changed = await prepareVersion(encode(SAMPLE.replace("示例并发写入", "示例并发修改")), "sample-concurrent/2032-01-01.md", {
      catalogue: null,
    });
    await expect(storeVersion(changed)).rejects.toThrow(VersionConflictError);
    await expect(storeVersion(changed)).rejects.toThrow(/sample-concurrent for 2032-01-01/);
  });
});
