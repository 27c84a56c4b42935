import { findQuote, selectorAt, selectorForQuote } from "~/lib/recommendations/anchor";

// Invented text (a made-up 示例条例), never statute text.
const TEXT = "第三条 示例机关应当建立报告制度，示例机关应当在二十四小时内报告。";

describe("quote anchoring", () => {
  it("stores the quote with up to ten characters of context", () => {
    const start = TEXT.indexOf("报告制度");
    expect(selectorAt(TEXT, start, start + 4)).toEqual({
      quote: "报告制度",
      prefix: "条 示例机关应当建立",
      suffix: "，示例机关应当在二十",
    });
  });

  it("refuses a quote that is not in the provision exactly", () => {
    expect(selectorForQuote(TEXT, "不存在的文字")).toBeNull();
  });

  it("uses the browser selection offset to pick one of several occurrences", () => {
    const second = TEXT.lastIndexOf("示例机关应当");
    const sel = selectorForQuote(TEXT, "示例机关应当", second);
    expect(sel?.prefix).toBe("关应当建立报告制度，");
    const again = findQuote(TEXT, sel!);
    expect(again).toEqual({ status: "found", match: { start: second, end: second + 6, method: "exact", score: 1 } });
  });

  it("finds an exact quote again after text around it changed", () => {
    const sel = selectorForQuote(TEXT, "二十四小时内")!;
    const next = "第四条 示例机关应当建立报告制度。示例机关应当在二十四小时内向上级报告。";
    const r = findQuote(next, sel);
    expect(r.status).toBe("found");
    if (r.status === "found") expect(next.slice(r.match.start, r.match.end)).toBe("二十四小时内");
  });

  it("finds the quote through punctuation width and spaces (folded match), returning the exact source span", () => {
    const sel = selectorForQuote("第五条 示例（一）：报告；", "示例（一）：报告")!;
    const next = "第五条 示例(一): 报 告；";
    const r = findQuote(next, sel);
    expect(r.status).toBe("found");
    if (r.status === "found") {
      expect(r.match.method).toBe("folded");
      expect(next.slice(r.match.start, r.match.end)).toBe("示例(一): 报 告");
    }
  });

  it("falls back to an approximate match when a few characters changed", () => {
    const sel = selectorForQuote(TEXT, "示例机关应当在二十四小时内报告")!;
    const next = "第三条 示例机关应当建立报告制度，示例部门应当在二十四小时以内报告。";
    const r = findQuote(next, sel);
    expect(r.status).toBe("found");
    if (r.status === "found") {
      expect(r.match.method).toBe("fuzzy");
      expect(r.match.score).toBeGreaterThanOrEqual(0.75);
      expect(next.slice(r.match.start, r.match.end)).toContain("二十四小时以内报告");
    }
  });

  it("reports the quote missing when it was rewritten", () => {
    const sel = selectorForQuote(TEXT, "示例机关应当在二十四小时内报告")!;
    expect(findQuote("第三条 有关部门依法处理。", sel)).toEqual({ status: "missing" });
  });

  it("is ambiguous when the quote appears twice and the context cannot tell them apart", () => {
    const sel = { quote: "报告", prefix: "", suffix: "" };
    const r = findQuote("甲报告乙报告", sel);
    expect(r.status).toBe("ambiguous");
    if (r.status === "ambiguous") expect(r.matches).toHaveLength(2);
  });

  it("uses prefix and suffix to pick between repeated quotes", () => {
    const sel = selectorForQuote(TEXT, "示例机关应当", TEXT.lastIndexOf("示例机关应当"))!;
    const next = "第九条 示例机关应当建立报告制度，另外，示例机关应当在二十四小时内报告。";
    const r = findQuote(next, sel);
    expect(r.status).toBe("found");
    if (r.status === "found") expect(r.match.start).toBe(next.lastIndexOf("示例机关应当"));
  });
});
