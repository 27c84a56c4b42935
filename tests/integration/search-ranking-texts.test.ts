/**
 * The folded texts search ranks with are held in memory and, after an ingest, only the new rows are
 * read (unit-texts.server.ts). A version ingested while the server runs must rank exactly as it would
 * after a restart. Invented 示例 texts only.
 */
import { useTestDatabase } from "../helpers/db";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { getSearchEngine } from "~/lib/search/engine.server";

useTestDatabase();

const encode = (s: string) => new TextEncoder().encode(s);

const FIRST = `# 示例登记条例

第一条 示例机构应当登记。

第二条 示例机构的名称应当公告。

第三条 示例机构应当每年报告工作。

第四条 示例机构应当公开收费标准。

第五条 示例机构不得泄露服务对象的信息。

第六条 示例机构应当建立投诉渠道。

第七条 本条例自公布之日起施行。
`;

const SECOND = `# 示例备案办法

## 第一章 备案

第一条 本办法所称备案，是指示例机构向主管部门报送材料。

第二条 机构变更名称、住所、负责人或者业务范围的，应当在三十日内报送变更材料，主管部门收到后予以备案并告知。

第三条 备案材料应当真实。
`;

describe("ranking after an ingest in a running process", () => {
  it("ranks a newly ingested version by its own text (definition first, heading match counted)", async () => {
    await ingestBytes(encode(FIRST), "first.md", { versionDate: "2030-01-01", slug: "sample-registration", catalogue: null });
    const engine = getSearchEngine();
    // Load the caches on the first version only; the second ingest then adds fewer rows than it
    // keeps, so only the new rows are read.
    const before = await engine.search({ q: "登记", status: "all", today: "2031-01-01" });
    expect(before.hits.map((h) => h.key)).toEqual(["art-1"]);

    await ingestBytes(encode(SECOND), "second.md", { versionDate: "2030-06-01", slug: "sample-filing", catalogue: null });
    const after = await engine.search({ q: "备案", status: "all", today: "2031-01-01" });
    // All three articles sit under the chapter 备案; article 1 defines the term.
    expect(after.hits.map((h) => `${h.work.slug}#${h.key}`)).toEqual([
      "sample-filing#art-1",
      "sample-filing#art-3",
      "sample-filing#art-2",
    ]);
  });
});
