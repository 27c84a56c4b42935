import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseLawText } from "~/lib/corpus/parse";
import type { ParsedDocument } from "~/lib/corpus/types";

const fixturesDir = fileURLToPath(new URL("../../fixtures/parse", import.meta.url));

/** The body's text blocks as a reader sees them: non-blank lines, headings without `# `. */
function sourceBlocks(source: string, doc: ParsedDocument, markdown: boolean): string[] {
  // A draft's 说明 is stored apart (doc.explanation), not as provisions.
  const inExplanation = (n: number) =>
    doc.explanation !== undefined && n >= doc.explanation.startLine && n <= doc.explanation.endLine;
  return source
    .split(/\r?\n/)
    .map((l, i) => (inExplanation(i + 1) ? "" : l))
    .slice(doc.bodyStartLine - 1)
    .filter((l) => /[^ \t]/.test(l) && !(markdown && /^\s*<!--.*-->\s*$/.test(l)))
    .map((l) => (markdown ? l.replace(/^ {0,3}#{1,6}(?:[ \t]|$)/, "") : l));
}

function storedBlocks(doc: ParsedDocument): string[] {
  return doc.provisions.filter((p) => p.kind !== "article").map((p) => p.text);
}

const byKey = (doc: ParsedDocument, key: string) => doc.provisions.find((p) => p.key === key);

describe("fixtures", () => {
  for (const name of fs.readdirSync(fixturesDir).sort()) {
    it(name, () => {
      const dir = path.join(fixturesDir, name);
      const markdown = fs.existsSync(path.join(dir, "input.md"));
      const source = fs.readFileSync(path.join(dir, markdown ? "input.md" : "input.txt"), "utf8");
      const doc = parseLawText(source, { format: markdown ? "markdown" : "text" });

      // Whatever the shape, no text is lost, invented or reordered.
      expect(storedBlocks(doc)).toEqual(sourceBlocks(source, doc, markdown));
      expect(new Set(doc.provisions.map((p) => p.key)).size).toBe(doc.provisions.length);
      if (markdown) expect(parseLawText(source, { markdownEngine: "remark" })).toEqual(doc);

      const expectedPath = path.join(dir, "expected.json");
      if (process.env.UPDATE === "1" || !fs.existsSync(expectedPath)) {
        fs.writeFileSync(expectedPath, `${JSON.stringify(doc, null, 2)}\n`);
      }
      expect(doc).toEqual(JSON.parse(fs.readFileSync(expectedPath, "utf8")));
    });
  }
});

function fixture(name: string, file = "input.md"): string {
  return fs.readFileSync(path.join(fixturesDir, name, file), "utf8");
}

describe("laws with articles", () => {
  const doc = parseLawText(fixture("articles-basic"));

  it("reads title and enactment history, exactly", () => {
    expect(doc.title).toBe("示例城市公园管理条例");
    expect(doc.history).toEqual([
      "2001年3月1日 示例市第一届人民代表大会常务委员会第三次会议通过",
      "2010年6月30日 示例市第二届人民代表大会常务委员会第九次会议修正",
    ]);
    expect(doc.shape).toBe("articles");
  });

  it("splits an article into paragraphs, items and sub-items", () => {
    const art = byKey(doc, "art-2")!;
    expect(art.text).toBe(
      "第二条 本条例适用于本市行政区域内的公园。\n本条例所称公园，包括：\n（一）综合公园；\n（二）专类公园，包括：\n1．儿童公园；\n2．植物园；\n（三）社区公园。",
    );
    expect(byKey(doc, "art-2/para-1")!.text).toBe("第二条 本条例适用于本市行政区域内的公园。");
    expect(byKey(doc, "art-2/para-2/item-2")!.label).toBe("（二）");
    expect(byKey(doc, "art-2/para-2/item-2/sub-2")!.text).toBe("2．植物园；");
    expect(byKey(doc, "art-2/para-2/item-3")!.parentKey).toBe("art-2/para-2");
  });

  it("keys 之一 articles and 删去 placeholders", () => {
    const zhi = byKey(doc, "art-3-1")!;
    expect([zhi.label, zhi.number, zhi.suffix]).toEqual(["第三条之一", 3, 1]);
    expect(byKey(doc, "art-4")!.text).toBe("第四条 （删去）");
    expect(doc.warnings).toEqual([]);
  });

  it("nests sections in chapters and gives an unnumbered 附则 its own chapter key", () => {
    expect(byKey(doc, "art-5")!.chapterKey).toBe("ch-2/sec-2");
    expect(byKey(doc, "ch-u3")!.heading).toBe("附则");
    expect(byKey(doc, "art-6")!.parentKey).toBe("ch-u3");
  });

  it("keeps a paragraph that starts with a cross-reference inside its article", () => {
    expect(byKey(doc, "art-5/para-2")!.text).toBe("第五条规定的游园规则由管理机构公示。");
    expect(doc.articleCount).toBe(7);
  });
});

describe("damaged structure", () => {
  const doc = parseLawText(fixture("bare-headings"));
  const kinds = (kind: string) => doc.warnings.filter((w) => w.kind === kind);

  it("turns a bare title after a zero-width paragraph into an unnumbered chapter", () => {
    expect(byKey(doc, "ch-u2")).toMatchObject({ kind: "chapter", heading: "借阅服务", text: "借阅服务" });
    expect(byKey(doc, "art-3")!.chapterKey).toBe("ch-u2");
    expect(kinds("bare-heading").map((w) => w.line)).toEqual([15, 29]);
  });

  it("keeps zero-width paragraphs as notes, never as articles", () => {
    const notes = doc.provisions.filter((p) => p.text === "\u200B");
    expect(notes.map((n) => n.kind)).toEqual(["note", "note"]);
    expect(kinds("zero-width").map((w) => w.line)).toEqual([5, 13]);
  });

  it("reports the wrapped heading's orphan line and keeps it as a note", () => {
    expect(kinds("orphan-heading").map((w) => w.line)).toEqual([23]);
    expect(doc.provisions.find((p) => p.text === "赔偿责任")!.kind).toBe("note");
  });

  it("recovers an article whose label has a stray space, with exact text", () => {
    expect(byKey(doc, "art-6")!.text).toBe("第六 条居民逾期归还图书的，暂停借阅资格七日。");
    expect(byKey(doc, "art-6")!.label).toBe("第六 条");
    expect(kinds("split-label").map((w) => w.line)).toEqual([27]);
  });

  it("warns about a gap and a repeat in numbering and keeps keys unique", () => {
    expect(kinds("numbering-gap").map((w) => w.line)).toEqual([31]);
    expect(kinds("numbering-repeat").map((w) => w.line)).toEqual([33]);
    expect(byKey(doc, "art-8~2")!.text).toBe("第八条 本办法由示例街道办事处负责解释。");
    expect(doc.articleCount).toBe(8);
  });
});

describe("decisions and amending instruments", () => {
  const doc = parseLawText(fixture("decision-items"));

  it("makes numbered items the units and quoted articles their paragraphs", () => {
    expect(doc.shape).toBe("decision-items");
    expect(doc.articleCount).toBe(0);
    expect(doc.provisions.filter((p) => p.kind === "decision-item").map((p) => p.key)).toEqual([
      "item-1",
      "item-2",
      "item-3",
      "item-4",
    ]);
    expect(byKey(doc, "item-2/para-2")).toMatchObject({ kind: "paragraph", text: "“第三条之二 公园应当设置母婴室。" });
    expect(byKey(doc, "item-1/para-2")!.text).toBe("“（一）维护园容园貌；");
  });

  it("nests （一） under the paragraph that introduces it", () => {
    expect(byKey(doc, "item-3/para-2/item-2")!.text).toBe("（二）临时开放的公园。");
  });

  it("keeps the preamble as a note", () => {
    expect(doc.provisions[0]).toMatchObject({ kind: "note", parentKey: null });
    expect(doc.warnings.map((w) => w.kind)).toEqual(["text-before-first-unit"]);
  });

  it("can be forced to read articles instead", () => {
    const forced = parseLawText(fixture("decision-items"), { shape: "articles" });
    expect(forced.shape).toBe("articles");
    expect(forced.articleCount).toBe(0);
    expect(forced.warnings.some((w) => w.kind === "no-units")).toBe(true);
  });
});

describe("action plans", () => {
  const doc = parseLawText(fixture("action-plan"));

  it("nests 一、（一）1.（1） as four levels of units", () => {
    expect(doc.shape).toBe("plan");
    expect(byKey(doc, "p1-1/p2-2/p3-2/p4-2")).toMatchObject({ kind: "plan4", label: "（2）", isUnit: true });
    expect(byKey(doc, "p1-2/p2-1/p3-1")!.text).toBe("1．开展示例宣传教育。");
    expect(byKey(doc, "p1-1/p2-1/para-1")!.text).toBe("坚持预防为主、防治结合。");
    expect(byKey(doc, "p1-3/para-1")!.parentKey).toBe("p1-3");
    expect(doc.unitCount).toBe(12);
  });
});

describe("documents without units", () => {
  it("keeps a court case as notes and says so", () => {
    const doc = parseLawText(fixture("court-case"));
    expect(doc.shape).toBe("none");
    expect(doc.unitCount).toBe(0);
    expect(doc.provisions.every((p) => p.kind === "note")).toBe(true);
    expect(doc.warnings.map((w) => w.kind)).toEqual(["no-units"]);
  });

  it("survives empty and header-only input", () => {
    expect(parseLawText("").provisions).toEqual([]);
    expect(parseLawText("# 示例办法\n").title).toBe("示例办法");
    expect(parseLawText("---\ntitle: x\n").warnings.map((w) => w.kind)).toContain("unclosed-front-matter");
  });
});

describe("raw flk shape", () => {
  const doc = parseLawText(fixture("flk-raw"));

  it("skips front matter, the repeated title and the table of contents", () => {
    expect(doc.title).toBe("示例乡村道路养护条例");
    expect(doc.history).toHaveLength(1);
    expect(doc.bodyStartLine).toBe(23);
    expect(doc.provisions[0]).toMatchObject({ kind: "chapter", key: "ch-1", heading: "总则" });
  });

  it("reads indented articles and bare headings", () => {
    expect(doc.articleCount).toBe(4);
    expect(byKey(doc, "art-1")!.label).toBe("第一条");
    expect(byKey(doc, "art-3/para-1/item-2")!.text).toBe("　　（二）修补坑槽。");
    expect(byKey(doc, "ch-u3")!.heading).toBe("附则");
  });
});

describe("plain text", () => {
  const doc = parseLawText(fixture("text-format", "input.txt"), { format: "text" });

  it("reads one paragraph per line without blank lines or markers", () => {
    expect(doc.title).toBe("示例校园安全管理规定");
    expect(doc.history).toEqual(["2022年9月1日示例教育局发布　自2022年10月1日起施行"]);
    expect(doc.provisions.filter((p) => p.kind === "chapter")).toHaveLength(2);
    expect(doc.warnings).toEqual([]);
  });

  it("accepts an article label followed directly by text", () => {
    expect(byKey(doc, "art-3")!.text).toBe("第三条为了预防事故，学校应当每学期开展安全演练。");
    expect(doc.articleCount).toBe(4);
  });
});

describe("Markdown constructs that hide lines from the top level", () => {
  const source = [
    "# 示例办法",
    "",
    "<!-- INFO END -->",
    "",
    "## 第一章 总则",
    "",
    "第一条 示例内容。",
    "",
    "```",
    "# 第二章 示例代码",
    "```",
    "",
    "<div>",
    "## 第三章 示例区块",
    "</div>",
    "",
    "第二条 示例内容。",
  ].join("\n");

  it("does not read headings inside fenced code or HTML blocks, and keeps their text", () => {
    const doc = parseLawText(source);
    expect(doc.provisions.filter((p) => p.kind === "chapter").map((p) => p.key)).toEqual(["ch-1"]);
    expect(doc.provisions.find((p) => p.key === "art-1")!.text).toContain("# 第二章 示例代码");
    expect(doc.articleCount).toBe(2);
    expect(parseLawText(source, { markdownEngine: "remark" })).toEqual(doc);
  });
});
