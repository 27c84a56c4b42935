import { formatCitation, linkReferences } from "~/lib/corpus/references";

const keys = new Set(["art-1", "art-2", "art-3", "art-3/para-1", "art-3/para-2", "art-3/para-3", "art-10", "art-10-1"]);
const exists = (k: string) => keys.has(k);

describe("linkReferences", () => {
  it("links 本法第X条, 第X条之一 and 本条第X款 without changing the text", () => {
    const text = "违反本法第十条规定的，依照第十条之一处理；本条第二款另有规定的除外。";
    const segments = linkReferences(text, { articleKey: "art-3", paragraph: 3, exists });
    expect(segments.map((s) => s.text).join("")).toBe(text);
    expect(segments.filter((s) => s.targetKey).map((s) => [s.text, s.targetKey])).toEqual([
      ["本法第十条", "art-10"],
      ["第十条之一", "art-10-1"],
      ["本条第二款", "art-3/para-2"],
    ]);
  });

  it("links 前款 and 前两款 to earlier paragraphs of the same article, 前条 to the previous article", () => {
    const a = linkReferences("有前款情形的", { articleKey: "art-3", paragraph: 3, exists });
    expect(a.find((s) => s.targetKey)?.targetKey).toBe("art-3/para-2");
    const b = linkReferences("前两款规定", { articleKey: "art-3", paragraph: 3, exists });
    expect(b.find((s) => s.targetKey)?.targetKey).toBe("art-3/para-1");
    const c = linkReferences("依照前条规定", { articleKey: "art-3", paragraph: 1, exists });
    expect(c.find((s) => s.targetKey)?.targetKey).toBe("art-2");
  });

  it("leaves references to other instruments, missing targets and the article's own label as text", () => {
    const text = "第三条 依照《示例法》第二条和刑法第一条，参照第九十九条。";
    const segments = linkReferences(text, { articleKey: "art-3", paragraph: 1, exists });
    expect(segments.every((s) => !s.targetKey)).toBe(true);
    expect(segments.map((s) => s.text).join("")).toBe(text);
  });
});

describe("formatCitation", () => {
  it("cites a provision with the edition", () => {
    expect(formatCitation("中华人民共和国示例保护法", { versionDate: "2020-10-17", changeKind: "revised" }, "第十五条")).toBe(
      "《中华人民共和国示例保护法》（2020年修订）第十五条",
    );
    expect(formatCitation("示例条例", { versionDate: "2015-12-27", changeKind: "enacted" }, "第一条")).toBe(
      "《示例条例》（2015年）第一条",
    );
  });
});
