/** Stored versions: cached alignment, overrides, article history and exports on a real SQLite file. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import JSZip from "jszip";
import { translator } from "~/i18n/i18n";
import {
  alignVersions,
  articleHistory,
  compareVersions,
  getWorkVersions,
  removeOverride,
  setOverride,
} from "~/lib/compare/compare.server";
import { InvalidOverrideError } from "~/lib/compare/errors";
import { comparisonToCsv, comparisonToDocx, comparisonToMarkdown } from "~/lib/compare/export.server";
import { ingestPaths } from "~/lib/corpus/ingest.server";
import { SHARED_CORPUS, useTestDatabase } from "../helpers/db";

const db = useTestDatabase();
const SLUG = "minors-protection-law";
const t = translator("zh-CN");

beforeAll(async () => {
  const { errors } = await ingestPaths([path.join(SHARED_CORPUS, SLUG)]);
  expect(errors).toEqual([]);
});

async function versionIds() {
  const { work, versions } = await getWorkVersions(SLUG);
  const id = (d: string) => versions.find((v) => v.versionDate === d)!.id;
  return { workId: work.id, v2012: id("2012-10-26"), v2020: id("2020-10-17"), v2024: id("2024-04-26") };
}

describe("compareVersions", () => {
  it("shows only article 9 changed between 2020 and 2024", async () => {
    const c = await compareVersions(SLUG, "2020-10-17", "2024-04-26");
    expect(c.rows.filter((r) => r.changed).map((r) => r.pair.to)).toEqual([["art-9"]]);
    expect(c.counts.unchanged).toBe(131);
  });

  it("caches the alignment and recomputes it when an override changes", async () => {
    const { v2012, v2020 } = await versionIds();
    const first = await alignVersions(v2012, v2020);
    expect(await db.prisma().alignmentCache.count({ where: { fromVersionId: v2012, toVersionId: v2020 } })).toBe(1);
    const cached = await db.prisma().alignmentCache.findFirstOrThrow({ where: { fromVersionId: v2012, toVersionId: v2020 } });

    const override = await setOverride({ fromVersionId: v2012, toVersionId: v2020, fromKey: "art-72", toKey: "art-132", createdBy: "test" });
    const after = await alignVersions(v2012, v2020);
    const manual = after.pairs.find((p) => p.from.includes("art-72"));
    expect(manual).toMatchObject({ to: ["art-132"], manual: true });
    const recached = await db.prisma().alignmentCache.findFirstOrThrow({ where: { fromVersionId: v2012, toVersionId: v2020 } });
    expect(recached.inputsHash).not.toBe(cached.inputsHash);

    await removeOverride(override.id);
    expect(await alignVersions(v2012, v2020)).toEqual(first);
  });

  it("keeps a comparison until an override changes it, then shows the override at once", async () => {
    const { v2012, v2020 } = await versionIds();
    const before = await compareVersions(SLUG, "2012-10-26", "2020-10-17");
    expect(await compareVersions(SLUG, "2012-10-26", "2020-10-17")).toBe(before);
    const override = await setOverride({ fromVersionId: v2012, toVersionId: v2020, fromKey: "art-72", toKey: "art-132", createdBy: "test" });
    const after = await compareVersions(SLUG, "2012-10-26", "2020-10-17");
    expect(after.rows.find((r) => r.old.some((u) => u.key === "art-72"))!.pair).toMatchObject({ to: ["art-132"], manual: true });
    await removeOverride(override.id);
    expect((await compareVersions(SLUG, "2012-10-26", "2020-10-17")).rows.map((r) => r.pair)).toEqual(before.rows.map((r) => r.pair));
  });

  it("refuses an override naming an article the version does not have", async () => {
    const { v2012, v2020 } = await versionIds();
    await expect(setOverride({ fromVersionId: v2012, toVersionId: v2020, fromKey: "art-999", toKey: null, createdBy: "test" })).rejects.toBeInstanceOf(
      InvalidOverrideError,
    );
  });
});

describe("npm run align:override", () => {
  it("records a correction from the command line that the next alignment uses", async () => {
    const { v2012, v2020 } = await versionIds();
    const args = ["tsx", "scripts/align-override.ts", "--work", SLUG, "--from", "2012-10-26", "--to", "2020-10-17"];
    const run = spawnSync("npx", [...args, "--old", "art-70", "--new", "-"], { encoding: "utf8", env: process.env });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Saved correction \d+: art-70 -> \(removed\)/);
    const result = await alignVersions(v2012, v2020);
    expect(result.pairs.find((p) => p.from.includes("art-70"))).toMatchObject({ to: [], label: "removed", manual: true });

    const bad = spawnSync("npx", [...args, "--old", "art-700", "--new", "-"], { encoding: "utf8", env: process.env });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('has no article "art-700"');
    const id = /correction (\d+)/.exec(run.stdout)![1];
    expect(spawnSync("npx", ["tsx", "scripts/align-override.ts", "--remove", id], { encoding: "utf8", env: process.env }).status).toBe(0);
    expect((await alignVersions(v2012, v2020)).pairs.some((p) => p.manual)).toBe(false);
    // Three CLI processes and three re-alignments of a full rewrite: slow on a loaded two-core machine.
  }, 180_000);
});

describe("articleHistory", () => {
  it("follows article 9 of 2024 back through 2020 to its 2012 origin", async () => {
    const { workId, v2024 } = await versionIds();
    const steps = await articleHistory(workId, "art-9", v2024);
    expect(steps.map((s) => s.version.versionDate)).toEqual(["2012-10-26", "2020-10-17", "2024-04-26"]);
    expect(steps[2]).toMatchObject({ kind: "modified", units: [expect.objectContaining({ key: "art-9" })] });
    expect(steps[2].segments!.some((s) => s.kind !== "equal")).toBe(true);
    expect(steps[0].segments).toBeNull();
  });
});

describe("exports", () => {
  it("writes a landscape DOCX 新旧对照表 with the exact texts, a CJK font and marked insertions and deletions", async () => {
    const c = await compareVersions(SLUG, "2020-10-17", "2024-04-26");
    const zip = await JSZip.loadAsync(await comparisonToDocx(c, t));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toMatch(/w:eastAsia="SimSun"/);
    const row = c.rows.find((r) => r.pair.to[0] === "art-9")!;
    const runText = (m: RegExpMatchArray) => m[1];
    const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/g)].map(runText);
    const texts = (pred: (r: string) => boolean) =>
      runs.filter(pred).map((r) => [...r.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("")).join("");
    const inserted = texts((r) => r.includes("<w:u ") && r.includes('w:color w:val="1A7F37"'));
    const deleted = texts((r) => r.includes("<w:strike/>"));
    expect(inserted).toBe(row.segments.filter((s) => s.kind === "insert").map((s) => s.text).join(""));
    expect(deleted).toBe(row.segments.filter((s) => s.kind === "delete").map((s) => s.text).join(""));
    // Both full article texts are present exactly (runs of the old / new cells, in order).
    const allText = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    expect(unescape(allText)).toContain(row.new[0].body.split("\n")[0]);
  });

  it("writes CSV with a BOM and exact texts, and Markdown", async () => {
    const c = await compareVersions(SLUG, "2020-10-17", "2024-04-26");
    expect(comparisonToCsv(c, t).trimEnd().split("\r\n")).toHaveLength(2);
    const csv = comparisonToCsv(c, t, c.rows);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const row95 = c.rows.find((r) => r.pair.to[0] === "art-95")!;
    expect(csv).toContain(row95.new[0].head + row95.new[0].body);
    const md = comparisonToMarkdown(c, t);
    expect(md).toContain("新旧对照表");
    expect(md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---")).length).toBe(2);
  });
});

describe("alignment cache", () => {
  it("survives concurrent first requests for the same pair", async () => {
    const { v2020, v2024 } = await versionIds();
    await db.prisma().alignmentCache.deleteMany({ where: { fromVersionId: v2020, toVersionId: v2024 } });
    const results = await Promise.all([alignVersions(v2020, v2024), alignVersions(v2020, v2024), alignVersions(v2020, v2024)]);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(await db.prisma().alignmentCache.count({ where: { fromVersionId: v2020, toVersionId: v2024 } })).toBe(1);
  });
});
