import { foldForMatch, foldWithOffsets, sourceRange } from "~/lib/text/normalize";

describe("foldForMatch", () => {
  it("treats full-width and ASCII punctuation, spaces and zero-width spaces as the same", () => {
    const flk = "第一条\u3000本条例适用于示例事项:\"示例\"";
    const lawref = "第一条 本条例适用于示例事项：“示例”";
    expect(foldForMatch(flk)).toBe(foldForMatch(lawref));
    expect(foldForMatch("符合条 件\u200B")).toBe(foldForMatch("符合条件"));
  });

  it("folds traditional characters to simplified", () => {
    expect(foldForMatch("拐賣兒童")).toBe("拐卖儿童");
    expect(foldForMatch("拐賣兒童", { simplify: false })).toBe("拐賣兒童");
  });
});

describe("foldWithOffsets", () => {
  it("maps a match in folded text back to exact source characters", () => {
    const source = "示例\u3000条款：“监护人”应当";
    const folded = foldWithOffsets(source);
    const at = folded.text.indexOf("监护人");
    const [s, e] = sourceRange(folded, source, at, at + 3);
    expect(source.slice(s, e)).toBe("监护人");
  });

  it("keeps offsets right around characters outside the Basic Multilingual Plane", () => {
    const source = "示例\u{20000}条款：监护人";
    const folded = foldWithOffsets(source);
    expect(folded.text).toBe("示例\u{20000}条款:监护人");
    const at = folded.text.indexOf("监护人");
    const [s, e] = sourceRange(folded, source, at, at + 3);
    expect(source.slice(s, e)).toBe("监护人");
    expect(foldForMatch(source)).toBe(folded.text);
  });
});
