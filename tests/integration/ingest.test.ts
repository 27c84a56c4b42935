import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Document, Packer, Paragraph } from "docx";
import iconv from "iconv-lite";
import { vi } from "vitest";
import { IngestError, VersionConflictError } from "~/lib/corpus/errors";
import { ingestBytes, ingestPaths } from "~/lib/corpus/ingest.server";
import { getSearchEngine } from "~/lib/search/engine.server";
import { useTestDatabase } from "../helpers/db";

const db = useTestDatabase();

// Invented text: a made-up regulation exercising chapters, articles, paragraphs and items.
const SAMPLE = `# 示例儿童关爱条例

2031年3月1日 示例市人民代表大会常务委员会第九次会议通过

<!-- INFO END -->

## 第一章 总则

第一条 为了示例儿童关爱工作，制定本条例。

第二条 本条例适用于示例市。

示例机构应当做好下列工作：

（一）登记；

（二）回访。

## 第二章 附则

第三条 本条例自2031年6月1日起施行。`;

const encode = (s: string) => new TextEncoder().encode(s);

async function counts() {
  const prisma = db.prisma();
  return {
    works: await prisma.work.count(),
    versions: await prisma.version.count(),
    provisions: await prisma.provision.count(),
  };
}

describe("ingest", () => {
  it("stores the work, the version with its exact text, and the provision tree", async () => {
    const result = await ingestBytes(encode(SAMPLE), "sample-care-regulation/2031-03-01.md", { catalogue: null });
    expect(result).toMatchObject({ status: "created", workSlug: "sample-care-regulation", versionDate: "2031-03-01", articleCount: 3 });
    const version = await db.prisma().version.findFirstOrThrow({ include: { work: true } });
    expect(version.sourceText).toBe(SAMPLE);
    expect(version.work.titleZh).toBe("示例儿童关爱条例");
    expect(version.work.kind).toBe("administrative_regulation");
    expect(version.effectiveDate).toBe("2031-06-01");
    expect(version.changeKind).toBe("enacted");
    const art2 = await db.prisma().provision.findFirstOrThrow({ where: { versionId: version.id, key: "art-2" } });
    expect(art2.text).toBe("第二条 本条例适用于示例市。\n示例机构应当做好下列工作：\n（一）登记；\n（二）回访。");
    const item = await db.prisma().provision.findFirstOrThrow({ where: { versionId: version.id, key: "art-2/para-2/item-1" } });
    expect(item.text).toBe("（一）登记；");
  });

  it("treats the same bytes again as a no-op", async () => {
    const before = await counts();
    const again = await ingestBytes(encode(SAMPLE), "sample-care-regulation/2031-03-01.md", { catalogue: null });
    expect(again.status).toBe("unchanged");
    expect(await counts()).toEqual(before);
  });

  it("refuses a changed text for a stored version date unless replace is given", async () => {
    const changed = SAMPLE.replace("登记；", "登记造册；");
    await expect(ingestBytes(encode(changed), "sample-care-regulation/2031-03-01.md", { catalogue: null })).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    const before = await db.prisma().version.findFirstOrThrow();
    const replaced = await ingestBytes(encode(changed), "sample-care-regulation/2031-03-01.md", { catalogue: null, replace: true });
    expect(replaced.status).toBe("replaced");
    // The row keeps its id, so recommendations anchored to this version stay attached.
    expect(replaced.versionId).toBe(before.id);
    expect(await db.prisma().version.count()).toBe(1);
    const item = await db.prisma().provision.findFirstOrThrow({ where: { key: "art-2/para-2/item-1" } });
    expect(item.text).toBe("（一）登记造册；");
  });

  it("leaves nothing behind when a version fails half-way (one transaction per version)", async () => {
    const before = await counts();
    vi.spyOn(getSearchEngine(), "indexVersionInTransaction").mockRejectedValueOnce(new Error("disk full"));
    const text = SAMPLE.replace("示例儿童关爱条例", "示例少年服务条例");
    await expect(ingestBytes(encode(text), "sample-youth-regulation/2031-03-01.md", { catalogue: null })).rejects.toThrow("disk full");
    expect(await counts()).toEqual(before);
    expect(await db.prisma().work.findUnique({ where: { slug: "sample-youth-regulation" } })).toBeNull();
  });

  it("decodes GBK text files", async () => {
    const text = SAMPLE.replace("示例儿童关爱条例", "示例家庭教育条例");
    const result = await ingestBytes(iconv.encode(text, "gbk"), "sample-family-regulation/2031-03-01.txt", { catalogue: null });
    expect(result.status).toBe("created");
    const version = await db.prisma().version.findUniqueOrThrow({ where: { id: result.versionId } });
    expect(version.sourceText).toBe(text);
    expect(result.articleCount).toBe(3);
  });

  it("reads Word documents", async () => {
    const lines = SAMPLE.replace("示例儿童关爱条例", "示例校园安全条例")
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("<!--"))
      .map((l) => l.replace(/^#+ /, ""));
    const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const result = await ingestBytes(bytes, "上传.docx", { catalogue: null, slug: "sample-school-safety" });
    expect(result).toMatchObject({ status: "created", workSlug: "sample-school-safety", versionDate: "2031-03-01", articleCount: 3 });
  });

  it("names the file when the input is unusable", async () => {
    await expect(ingestBytes(new Uint8Array(), "empty.md", { catalogue: null })).rejects.toThrow(/empty\.md: the file is empty/);
    await expect(ingestBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "broken.docx", { catalogue: null })).rejects.toThrow(
      /broken\.docx: the Word document could not be read/,
    );
    await expect(ingestBytes(encode("没有标题也没有日期的文字。"), "notes.md", { catalogue: null })).rejects.toThrow(
      /notes\.md: (title|versionDate) could not be determined/,
    );
    await expect(ingestBytes(new Uint8Array([0xff, 0xff, 0xff, 0x00, 0x81]), "garbage.txt", { catalogue: null })).rejects.toBeInstanceOf(
      IngestError,
    );
  });

  it("ingests a folder, reporting each file and carrying on after a bad one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-ingest-"));
    fs.mkdirSync(path.join(dir, "sample-elder-care"));
    fs.writeFileSync(path.join(dir, "sample-elder-care", "2032-01-01.md"), SAMPLE.replace("示例儿童关爱条例", "示例社区照护条例"));
    fs.writeFileSync(path.join(dir, "bad.md"), "");
    fs.writeFileSync(path.join(dir, "README.md"), "# not a law");
    const events: string[] = [];
    const { results, errors } = await ingestPaths([dir], { catalogue: null }, (e) => events.push(e.type));
    expect(results.map((r) => `${r.workSlug}/${r.versionDate}`)).toEqual(["sample-elder-care/2032-01-01"]);
    expect(errors.map((e) => path.basename(e.file))).toEqual(["bad.md"]);
    expect(events).toEqual(["start", "error", "file"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
