import { parseLawText } from "~/lib/corpus/parse";

// A repeated label is kept (never dropped) under a numbered duplicate key. Numbering each duplicate
// by counting up from ~2 made such documents quadratic: 8,000 repeated 第一条 took seconds
// (issue 10); the keys must stay exactly what they were.
describe("repeated labels", () => {
  it("numbers every repeat of an article in order and warns for each", () => {
    const n = 5000;
    const source = "# 示例条例\n\n" + Array.from({ length: n }, (_, i) => `第一条 示例内容${i}。`).join("\n\n");
    const doc = parseLawText(source);
    const articles = doc.provisions.filter((p) => p.kind === "article");
    expect(articles).toHaveLength(n);
    expect(articles.slice(0, 3).map((a) => a.key)).toEqual(["art-1", "art-1~2", "art-1~3"]);
    expect(articles.at(-1)!.key).toBe(`art-1~${n}`);
    expect(articles.at(-1)!.text).toBe(`第一条 示例内容${n - 1}。`);
    expect(new Set(doc.provisions.map((p) => p.key)).size).toBe(doc.provisions.length);
    expect(doc.warnings.filter((w) => w.kind === "duplicate-key")).toHaveLength(n - 1);
  });

  it("numbers repeated items under one paragraph independently of other keys", () => {
    const source = "示例条例\n第一条 示例机构应当做好下列工作：\n（一）登记；\n（一）回访；\n（一）归档。\n第二条 其他。\n（一）登记；";
    const keys = parseLawText(source, { format: "text" }).provisions.map((p) => p.key);
    expect(keys).toEqual([
      "art-1",
      "art-1/para-1",
      "art-1/para-1/item-1",
      "art-1/para-1/item-1~2",
      "art-1/para-1/item-1~3",
      "art-2",
      "art-2/para-1",
      "art-2/para-1/item-1",
    ]);
  });
});

// Found by the import fuzz (tests/integration/import-fuzz.test.ts): remark ends a line at a lone CR,
// the parser's own line split does not, and every block after one lost its text.
describe("a lone carriage return", () => {
  it("stays inside its line, and every later line keeps its text", () => {
    const source = "# 示例条例\n\n<!-- a\n-->\n\n第一条 示例\r内容。\n\n第二条 其他内容。";
    for (const markdownEngine of ["auto", "remark"] as const) {
      const doc = parseLawText(source, { markdownEngine });
      expect(doc.provisions.filter((p) => p.kind === "article").map((p) => p.text)).toEqual(["第一条 示例\r内容。", "第二条 其他内容。"]);
    }
  });
});
