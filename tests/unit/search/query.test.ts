import { SearchQueryError } from "~/lib/search/errors";
import { MAX_QUERY_LENGTH, MAX_TERMS, parseQuery } from "~/lib/search/query";

function folded(q: string) {
  const p = parseQuery(q);
  return { terms: p.terms.map((t) => t.folded), excluded: p.excluded.map((t) => t.folded) };
}

function codeOf(q: string): string | null {
  try {
    parseQuery(q);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(SearchQueryError);
    return (error as SearchQueryError).code;
  }
}

describe("parseQuery", () => {
  it("splits on ASCII and ideographic spaces; every term is kept", () => {
    expect(folded("监护人  学校\u3000网络")).toEqual({ terms: ["监护人", "学校", "网络"], excluded: [] });
  });

  it("reads a quoted phrase (ASCII, curly or corner quotes) as one term, spaces folded away", () => {
    expect(folded('"拐卖 儿童" 妇女').terms).toEqual(["拐卖儿童", "妇女"]);
    expect(folded("“依法 追究”").terms).toEqual(["依法追究"]);
    expect(folded("「人身安全保护令」").terms).toEqual(["人身安全保护令"]);
  });

  it("runs an unclosed quote to the end instead of failing", () => {
    expect(folded('监护 "未成年人 保护').terms).toEqual(["监护", "未成年人保护"]);
  });

  it("excludes -term and -\"phrase\", ignores a lone minus", () => {
    expect(folded('罚款 -刑事责任 -"行政 拘留" -')).toEqual({ terms: ["罚款"], excluded: ["刑事责任", "行政拘留"] });
    expect(folded("罚款 －拘留").excluded).toEqual(["拘留"]);
  });

  it("keeps FTS syntax as literal text", () => {
    expect(folded("NEAR(监护 AND 学校) *").terms).toEqual(["near(监护", "and", "学校)", "*"]);
    expect(folded("a:b ^c").terms).toEqual(["a:b", "^c"]);
  });

  it("folds traditional characters and full-width forms like the index does", () => {
    expect(folded("拐賣兒童 （一） ＡＢＣ").terms).toEqual(["拐卖儿童", "(一)", "abc"]);
  });

  it("drops duplicate terms", () => {
    expect(folded("监护 監護 监护").terms).toEqual(["监护"]);
  });

  it("refuses empty, only-excluded, too long and too many terms with a code a page can explain", () => {
    expect(codeOf("")).toBe("empty");
    expect(codeOf("   ")).toBe("empty");
    expect(codeOf('"')).toBe("empty");
    expect(codeOf('""')).toBe("empty");
    expect(codeOf("-")).toBe("empty");
    expect(codeOf("-监护")).toBe("only-excluded");
    expect(codeOf("监".repeat(5000))).toBe("too-long");
    expect(codeOf("监".repeat(MAX_QUERY_LENGTH))).toBeNull();
    expect(codeOf(Array.from({ length: MAX_TERMS + 1 }, (_, i) => `词${i}`).join(" "))).toBe("too-many-terms");
  });
});
