/** splitLabel's separator test by character code must be the regex it replaced, on every UTF-16 unit; own-instrument references. */
import { isSeparator, ownReferences, splitLabel, withoutFormulas } from "~/lib/compare/text";

describe("isSeparator", () => {
  it("is /[\\s\\u3000\\u200B]/ for every UTF-16 unit", () => {
    const re = /[\s\u3000\u200B]/;
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSeparator(c) !== re.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });
});

describe("splitLabel", () => {
  it("keeps the label's separator in the head and the exact rest as the body", () => {
    expect(splitLabel("第五条\u3000 \u200B示例条文。", "第五条")).toEqual({ head: "第五条\u3000 \u200B", body: "示例条文。" });
    expect(splitLabel("第五条示例条文。", "第五条")).toEqual({ head: "第五条", body: "示例条文。" });
    expect(splitLabel("第五条 ", "第五条")).toEqual({ head: "第五条 ", body: "" });
    expect(splitLabel("第十条之一 示例。")).toEqual({ head: "第十条之一 ", body: "示例。" });
    expect(splitLabel("示例。", "第五条")).toEqual({ head: "", body: "示例。" });
  });
});

describe("ownReferences", () => {
  it("reads a run of the instrument's own articles with their 款, and never another law's", () => {
    expect(ownReferences("相关经营者违反本法第五十八条、第五十九条第一款、第六十条规定的，依照刑法第二百三十六条处罚")).toEqual([
      { number: 58, suffix: 0, clause: 0 },
      { number: 59, suffix: 0, clause: 1 },
      { number: 60, suffix: 0, clause: 0 },
    ]);
    expect(ownReferences("违反本条例第一百二十条之一规定的")).toEqual([{ number: 120, suffix: 1, clause: 0 }]);
    expect(ownReferences("违反本法规定，构成犯罪的，依法追究刑事责任")).toEqual([]);
  });
});

describe("withoutFormulas", () => {
  it("drops the criminal-liability formula and a bare 违反本法规定 from matching, keeps a cited article and the rest", () => {
    expect(withoutFormulas("违反本法规定，构成犯罪的，依法追究刑事责任。")).toBe("。。");
    expect(withoutFormulas("示例人员违反本条例第二条的规定，不予制止的，给予警告；构成犯罪的，依法追究刑事责任。")).toBe(
      "示例人员违反本条例第二条的规定，不予制止的，给予警告；。。",
    );
    // 尚不构成犯罪的 alone is the condition of an administrative penalty, not the formula: kept.
    expect(withoutFormulas("尚不构成犯罪的，由示例部门给予警告。")).toBe("尚不构成犯罪的，由示例部门给予警告。");
    expect(withoutFormulas("示例条文。")).toBe("示例条文。");
  });
});
