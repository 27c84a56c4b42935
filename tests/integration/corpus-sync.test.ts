import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadCatalogue, type Catalogue } from "~/lib/corpus/catalogue.server";
import { syncCorpus, type SyncEvent } from "~/lib/corpus/sync.server";
import { getVersionView, listWorks } from "~/lib/corpus/browse.server";
import { SHARED_CORPUS, useTestDatabase } from "../helpers/db";

const db = useTestDatabase();
const manifest = JSON.parse(fs.readFileSync(path.join(SHARED_CORPUS, "manifest.json"), "utf8")) as {
  files: { path: string; counts: { article_paragraphs: number } }[];
};

describe("corpus sync from a local mirror", () => {
  it("ingests every catalogued version with the article counts of the manifest", async () => {
    const events: SyncEvent["type"][] = [];
    const summary = await syncCorpus({ from: SHARED_CORPUS }, (e) => events.push(e.type));
    expect(summary.failed).toEqual([]);
    expect(summary.created).toBe(manifest.files.length);
    expect(events.filter((e) => e === "done")).toHaveLength(manifest.files.length);
    const versions = await db.prisma().version.findMany({ include: { work: true } });
    const byPath = new Map(versions.map((v) => [`${v.work.slug}/${v.versionDate}.md`, v]));
    const expected: Record<string, number> = {
      "minors-protection-law/2012-10-26.md": 72,
      "minors-protection-law/2020-10-17.md": 132,
      "minors-protection-law/2024-04-26.md": 132,
      "criminal-procedure-law/2012-03-14.md": 290,
      // The manifest's regex counts 307 because of the 第一百二十八 条 erratum; the parser recovers it.
      "criminal-procedure-law/2018-10-26.md": 308,
    };
    for (const [file, n] of Object.entries(expected)) expect(byPath.get(file)?.articleCount, file).toBe(n);
    for (const f of manifest.files) {
      const v = byPath.get(f.path);
      expect(v, f.path).toBeDefined();
      if (f.counts.article_paragraphs && !(f.path in expected)) expect(v!.articleCount, f.path).toBe(f.counts.article_paragraphs);
    }
  });

  it("stores the exact source bytes and the history lines", async () => {
    const view = await getVersionView("minors-protection-law", "2024-04-26");
    expect(view).not.toBeNull();
    const row = await db.prisma().version.findUniqueOrThrow({ where: { id: view!.version.id } });
    expect(row.sourceText).toBe(fs.readFileSync(path.join(SHARED_CORPUS, "minors-protection-law/2024-04-26.md"), "utf8"));
    expect(view!.version.history.length).toBeGreaterThanOrEqual(4);
    expect(view!.version.effectiveDate).toBe("2024-04-26");
  });

  it("computes which version is in force", async () => {
    const works = await listWorks();
    const minors = works.find((w) => w.slug === "minors-protection-law")!;
    expect(minors.versions.map((v) => v.status)).toEqual(["superseded", "superseded", "in_force"]);
    expect(minors.inForce?.versionDate).toBe("2024-04-26");
  });

  it("lists laws first, each kind in pinyin order of its title", async () => {
    const works = await listWorks();
    const kinds = works.map((w) => w.kind);
    expect(kinds[0]).toBe("law");
    expect(kinds.lastIndexOf("law")).toBeLessThan(kinds.indexOf("administrative_regulation"));
    const laws = works.filter((w) => w.kind === "law").map((w) => w.titleZh);
    expect(laws).toEqual([...laws].sort(new Intl.Collator("zh-CN").compare));
    // Pinyin, not code point: 反家庭暴力法 (fan) before 未成年人保护法 (wei) before 预防未成年人犯罪法 (yu).
    const at = (part: string) => laws.findIndex((t) => t.includes(part));
    expect(at("反家庭暴力法")).toBeLessThan(at("未成年人保护法"));
    expect(at("未成年人保护法")).toBeLessThan(at("预防未成年人犯罪法"));
  });

  it("is a no-op the second time", async () => {
    const summary = await syncCorpus({ from: SHARED_CORPUS });
    expect(summary.unchanged).toBe(manifest.files.length);
    expect(summary.created + summary.replaced + summary.failed.length).toBe(0);
  });

  it("refuses a mirror file whose sha256 differs from the catalogue", async () => {
    const mirror = fs.mkdtempSync(path.join(os.tmpdir(), "redline-mirror-"));
    fs.mkdirSync(path.join(mirror, "anti-domestic-violence-law"));
    fs.writeFileSync(path.join(mirror, "anti-domestic-violence-law", "2015-12-27.md"), "# 示例被篡改的文本\n");
    const summary = await syncCorpus({ from: mirror, works: ["anti-domestic-violence-law"] });
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0].message).toMatch(/sha256 .* the catalogue expects/);
    fs.rmSync(mirror, { recursive: true, force: true });
  });

  it("names the failing URL and suggests --from when the network is unreachable", async () => {
    const catalogue: Catalogue = loadCatalogue();
    const one = {
      ...catalogue,
      works: [
        {
          ...catalogue.works[0],
          versions: [{ ...catalogue.works[0].versions[0], sourceUrl: "http://127.0.0.1:9/minors-protection-law.md" }],
        },
      ],
    };
    const summary = await syncCorpus({ catalogue: one, timeoutMs: 5000 });
    expect(summary.failed[0].message).toContain("http://127.0.0.1:9/minors-protection-law.md");
    expect(summary.failed[0].message).toContain("--from");
  });
});
