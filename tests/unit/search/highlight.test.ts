import { buildSnippet, findMatches } from "~/lib/search/highlight";
import { markedSegments } from "~/lib/search/segments";

describe("highlights on the exact source text", () => {
  it("marks a folded match on the traditional source characters", () => {
    const m = buildSnippet("严禁拐賣兒童。", ["拐卖儿童"]);
    expect(m.highlights).toEqual([{ start: 2, end: 6 }]);
    expect([...m.text].slice(2, 6).join("")).toBe("拐賣兒童");
  });

  it("covers a stray space inside the matched word", () => {
    const m = buildSnippet("符合条 件的", ["符合条件"]);
    expect(m.highlights).toEqual([{ start: 0, end: 5 }]);
  });

  it("maps full-width punctuation matches back to the source", () => {
    const m = buildSnippet("下列（一）项", ["(一)"]);
    expect(m.highlights).toEqual([{ start: 2, end: 5 }]);
  });

  it("counts offsets in characters, not UTF-16 units or bytes", () => {
    const m = buildSnippet("地名𠀀村的学校", ["学校"]);
    expect(m.highlights).toEqual([{ start: 5, end: 7 }]);
    expect(markedSegments(m)).toEqual([
      { text: "地名𠀀村的", mark: false },
      { text: "学校", mark: true },
    ]);
  });

  it("merges overlapping matches of several terms", () => {
    expect(findMatches("未成年人保护", ["未成年", "年人保"])).toEqual([[0, 5]]);
  });

  it("builds the snippet from the paragraph holding the first match", () => {
    const s = buildSnippet("第一款无关。\n第二款提到监护人。", ["监护人"]);
    expect(s.paragraphIndex).toBe(1);
    expect(s.text).toBe("第二款提到监护人。");
    expect(s.highlights).toEqual([{ start: 5, end: 8 }]);
    expect(s.truncatedStart || s.truncatedEnd).toBe(false);
  });

  it("cuts a long paragraph to a window around the match", () => {
    const text = "甲".repeat(300) + "监护人" + "乙".repeat(300);
    const s = buildSnippet(text, ["监护人"], 60);
    expect(s.truncatedStart).toBe(true);
    expect(s.truncatedEnd).toBe(true);
    expect([...s.text].length).toBeLessThanOrEqual(60);
    const h = s.highlights[0];
    expect([...s.text].slice(h.start, h.end).join("")).toBe("监护人");
  });

  it("falls back to the first paragraph when the match is only in a heading", () => {
    const s = buildSnippet("第一条 正文。\n第二款。", ["总则"]);
    expect(s.paragraphIndex).toBe(0);
    expect(s.highlights).toEqual([]);
  });
});

describe("snippet window (regression: long paragraphs opened mid-label)", () => {
  it("shows a paragraph from its start when the match is near the start", () => {
    const text = "第二百八十一条 示例机构办理示例事项，应当请示例代理人到场。" + "乙".repeat(300);
    const s = buildSnippet(text, ["示例代理人"], 120);
    expect(s.truncatedStart).toBe(false);
    expect(s.text.startsWith("第二百八十一条")).toBe(true);
    expect(s.truncatedEnd).toBe(true);
  });
});

describe("snippets inside their article", () => {
  it("shows a match in an item after the article's opening sentence, not as a bare fragment", () => {
    const text = "第九条 有下列情形之一的，示例机构应当办理：\n（一）查找不到监护人的；\n（二）其他情形。";
    const snippet = buildSnippet(text, ["监护人"]);
    expect(snippet.paragraphIndex).toBe(1);
    expect(snippet.text).toBe("（一）查找不到监护人的；");
    expect(snippet.lead).toEqual({ text: "第九条 有下列情形之一的，示例机构应当办理：", highlights: [], truncatedEnd: false });
    expect(buildSnippet(text, ["示例机构"]).lead).toBeUndefined();
  });
});
