/** splitLabel's separator test by character code must be the regex it replaced, on every UTF-16 unit. */
import { isSeparator, splitLabel } from "~/lib/compare/text";

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
