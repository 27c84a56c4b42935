import {
  chineseToNumber,
  formatArticleLabel,
  numberToChinese,
  parseArticleLabel,
} from "~/lib/corpus/numerals";

describe("chineseToNumber", () => {
  it.each([
    ["一", 1],
    ["十", 10],
    ["十五", 15],
    ["二十", 20],
    ["一百零五", 105],
    ["一百一十", 110],
    ["一百三十二", 132],
    ["两百", 200],
    ["三百零八", 308],
    ["四百五十二", 452],
    ["一千零一", 1001],
    ["二〇二三", 2023],
    ["132", 132],
    ["１３２", 132],
  ])("reads %s as %i", (text, n) => {
    expect(chineseToNumber(text)).toBe(n);
  });

  it("rejects text that is not a numeral", () => {
    expect(chineseToNumber("百")).toBeNull();
    expect(chineseToNumber("条例")).toBeNull();
    expect(chineseToNumber("")).toBeNull();
  });
});

describe("numberToChinese", () => {
  it("writes numbers the way statutes do", () => {
    expect(numberToChinese(10)).toBe("十");
    expect(numberToChinese(15)).toBe("十五");
    expect(numberToChinese(105)).toBe("一百零五");
    expect(numberToChinese(110)).toBe("一百一十");
    expect(numberToChinese(1001)).toBe("一千零一");
    expect(numberToChinese(1010)).toBe("一千零一十");
  });

  it("round-trips every number up to 12000", () => {
    for (let n = 0; n <= 12000; n++) expect(chineseToNumber(numberToChinese(n))).toBe(n);
  });
});

describe("article labels", () => {
  it("parses number and 之X suffix", () => {
    expect(parseArticleLabel("第一百三十二条")).toEqual({ number: 132, suffix: 0 });
    expect(parseArticleLabel("第一百二十条之二")).toEqual({ number: 120, suffix: 2 });
    expect(parseArticleLabel("第17条")).toEqual({ number: 17, suffix: 0 });
  });

  it("reads a label with a stray space inside, as in the CPL 2018 erratum", () => {
    expect(parseArticleLabel("第一百二十八 条")).toEqual({ number: 128, suffix: 0 });
  });

  it("rejects things that are not article labels", () => {
    expect(parseArticleLabel("第一章")).toBeNull();
    expect(parseArticleLabel("第条")).toBeNull();
  });

  it("formats labels back", () => {
    expect(formatArticleLabel(120, 2)).toBe("第一百二十条之二");
    expect(formatArticleLabel(5)).toBe("第五条");
    for (const [n, s] of [[1, 0], [99, 0], [133, 1], [452, 0], [287, 2]]) {
      expect(parseArticleLabel(formatArticleLabel(n, s))).toEqual({ number: n, suffix: s });
    }
  });
});
