import { buildSuggestIndex, lawNames, nameScore, parseCitation, suggest, type SuggestWork } from "~/lib/search/suggest";

// Invented laws and articles (示例…): no statute text.
function work(slug: string, title: string, articles: [string, string, string][] = [], shortTitle: string | null = null): SuggestWork {
  return {
    slug,
    title,
    shortTitle,
    versionDate: "2020-01-01",
    articles: new Map(articles.map(([key, label, preview]) => [key, { label, preview }])),
  };
}

const WORKS = [
  work("example-minors", "中华人民共和国示例未成年人保护法", [
    ["art-11", "第十一条", "示例的第十一条开头"],
    ["art-2", "第二条", "示例的第二条开头"],
  ]),
  work("example-criminal", "中华人民共和国示例刑法", [
    ["art-236", "第二百三十六条", "示例罪名"],
    ["art-236-1", "第二百三十六条之一", "示例罪名之一"],
  ], "示刑法"),
  work("example-procedure", "中华人民共和国示例刑事诉讼法", [["art-1", "第一条", "示例程序"]]),
  work("example-rules", "示例未成年人保护法实施办法"),
];
const TERMS = [
  { term: "示例监护", count: 50 },
  { term: "示例监护人", count: 80 },
  { term: "被示例监护人", count: 5 },
  { term: "示", count: 999 },
];
const index = buildSuggestIndex(WORKS, TERMS);

describe("parseCitation", () => {
  it.each([
    ["未成年人保护法第十一条", { law: "未成年人保护法", number: 11, suffix: 0 }],
    ["刑法 236之一", { law: "刑法", number: 236, suffix: 1 }],
    ["刑法第二百三十六条之一", { law: "刑法", number: 236, suffix: 1 }],
    ["刑法236条", { law: "刑法", number: 236, suffix: 0 }],
    ["未保法11", { law: "未保法", number: 11, suffix: 0 }],
    ["刑法 第２３６条 之 1", { law: "刑法", number: 236, suffix: 1 }],
    ["刑法第一百零五条", { law: "刑法", number: 105, suffix: 0 }],
  ])("reads %s", (input, expected) => {
    expect(parseCitation(input)).toEqual(expected);
  });

  it.each(["未成年人", "第十一条", "11", "监护人 职责", "刑法第零条", ""])("is not fooled by %s", (input) => {
    expect(parseCitation(input)).toBeNull();
  });
});

describe("law names", () => {
  it("types a law without 中华人民共和国, or by its stored short title", () => {
    expect(lawNames("中华人民共和国示例刑法", "示刑法")).toEqual(["中华人民共和国示例刑法", "示例刑法", "示刑法"]);
  });

  it("ranks the whole name over a prefix over a substring over an abbreviation", () => {
    const name = "示例未成年人保护法";
    const scores = [nameScore(name, name), nameScore("示例未成年", name), nameScore("未成年人", name), nameScore("示未保法", name)];
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.every((s) => s > 0)).toBe(true);
  });

  it("reads abbreviations only from the first to the last character (未保法, 刑诉法)", () => {
    expect(nameScore("示未保法", "示例未成年人保护法")).toBeGreaterThan(0);
    expect(nameScore("示刑诉法", "示例刑事诉讼法")).toBeGreaterThan(0);
    expect(nameScore("未保", "示例未成年人保护法")).toBe(0);
    expect(nameScore("示法保", "示例未成年人保护法")).toBe(0);
  });
});

describe("suggest", () => {
  it("offers the article of a citation first, linked to its anchor in the version in force", () => {
    const [first] = suggest(index, "示例刑法 236之一");
    expect(first).toEqual({
      kind: "article",
      label: "中华人民共和国示例刑法 第二百三十六条之一",
      detail: "示例罪名之一",
      href: "/works/example-criminal/2020-01-01#art-236-1",
    });
    expect(suggest(index, "示例未成年人保护法第十一条")[0].href).toBe("/works/example-minors/2020-01-01#art-11");
    // An abbreviation works in a citation too; the main law comes before its implementing rules.
    expect(suggest(index, "示未保法第二条")[0].href).toBe("/works/example-minors/2020-01-01#art-2");
  });

  it("points to the law when the cited article does not exist, never to a dead anchor", () => {
    const [first] = suggest(index, "示例刑法第九百条");
    expect(first).toMatchObject({ kind: "law", href: "/works/example-criminal", detail: "第九百条" });
  });

  it("suggests laws by abbreviation and short title, the closest name first", () => {
    expect(suggest(index, "示未保法").filter((s) => s.kind === "law").map((s) => s.href)).toEqual([
      "/works/example-minors",
      "/works/example-rules",
    ]);
    expect(suggest(index, "示刑法")[0]).toMatchObject({ kind: "law", href: "/works/example-criminal" });
    expect(suggest(index, "示例刑事诉讼法")[0]).toMatchObject({ kind: "law", href: "/works/example-procedure" });
  });

  it("suggests frequent terms, those starting with the input first, and searches for them", () => {
    const terms = suggest(index, "示例监").filter((s) => s.kind === "term");
    expect(terms.map((s) => s.label)).toEqual(["示例监护人", "示例监护", "被示例监护人"]);
    expect(terms[0]).toMatchObject({ count: 80, href: `/search?q=${encodeURIComponent("示例监护人")}` });
    // Single characters are not offered as terms.
    expect(suggest(index, "示").some((s) => s.label === "示")).toBe(false);
  });

  it("returns at most the limit, nothing for blank input, and reads only a bounded prefix", () => {
    expect(suggest(index, "示", 3)).toHaveLength(3);
    expect(suggest(index, "   ")).toEqual([]);
    expect(() => suggest(index, "示".repeat(100_000))).not.toThrow();
  });
});
