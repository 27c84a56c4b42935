/**
 * One alignment everywhere: the article page's "this article in other versions" follows the content
 * alignment, not the article number (real corpus, real SQLite, the route's loader).
 */
import path from "node:path";
import { articleHistory, getWorkVersions } from "~/lib/compare/compare.server";
import { ingestPaths } from "~/lib/corpus/ingest.server";
import { loader as provisionLoader } from "~/routes/works.$slug.$date.$";
import { SHARED_CORPUS, useTestDatabase } from "../helpers/db";

useTestDatabase();

beforeAll(async () => {
  const { errors } = await ingestPaths([path.join(SHARED_CORPUS, "minors-protection-law")]);
  expect(errors).toEqual([]);
}, 120_000);

interface Other {
  versionDate: string;
  units: { key: string; label: string | null; text: string }[];
}

async function others(date: string, key: string): Promise<Other[]> {
  const res = (await provisionLoader({
    request: new Request(`http://localhost/works/minors-protection-law/${date}/${key}`),
    params: { slug: "minors-protection-law", date, "*": key },
    context: {},
  })) as Response;
  return ((await res.json()) as { others: Other[] }).others;
}

describe("this article in other versions", () => {
  it("does not pair 2020 第十一条 (强制报告) with 2012 第十一条, which is another provision", async () => {
    const list = await others("2020-10-17", "art-11");
    // 2012 第十一条 is about parents' duties; the reporting duty grew out of 2012 第六条 (its second 款).
    const in2012 = list.find((o) => o.versionDate === "2012-10-26")!.units.map((u) => u.key);
    expect(in2012).not.toContain("art-11");
    expect(in2012).toContain("art-6");
    const in2024 = list.find((o) => o.versionDate === "2024-04-26");
    expect(in2024?.units.map((u) => u.key)).toEqual(["art-11"]);
  });

  it("follows a renumbered article to its predecessor: 2020 第十五条 came from 2012 第十条", async () => {
    const list = await others("2020-10-17", "art-15");
    expect(list.find((o) => o.versionDate === "2012-10-26")?.units.map((u) => u.label)).toEqual(["第十条"]);
  });

  it("follows an amended article back through every version", async () => {
    // 2020 第九条 (the coordination mechanism) was amended in 2024; its 2012 lineage is by content.
    const list = await others("2024-04-26", "art-9");
    const in2020 = list.find((o) => o.versionDate === "2020-10-17");
    expect(in2020?.units.map((u) => u.key)).toEqual(["art-9"]);
    expect(list.map((o) => o.versionDate)).toContain("2012-10-26");
  });

  it("says where each 款 of an article came from", async () => {
    const { work, versions } = await getWorkVersions("minors-protection-law");
    const v2024 = versions.find((v) => v.versionDate === "2024-04-26")!;
    const steps = await articleHistory(work.id, "art-9", v2024.id);
    const last = steps.at(-1)!;
    expect(last.kind).toBe("modified");
    // Amended in place: every 款 of 2024 第九条 came from 2020 第九条.
    const [origins] = last.origins;
    expect(origins.paragraphs.length).toBeGreaterThan(0);
    for (const p of origins.paragraphs) expect(p.from.filter((f) => f.primary).map((f) => f.text.slice(0, 3))).toEqual(["第九条"]);
  });
});
