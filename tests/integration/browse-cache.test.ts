/**
 * The version pages keep the provisions of recently read versions in memory (browse.server.ts):
 * a replaced text must be shown at once, never the cached one.
 */
import { getVersionView } from "~/lib/corpus/browse.server";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { useTestDatabase } from "../helpers/db";

useTestDatabase();

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
