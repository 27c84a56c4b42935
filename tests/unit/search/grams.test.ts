import { charUnit, lettersOnly, paragraphGrams, termGramQuery, textGrams, textUnigrams } from "~/lib/search/grams";

describe("character bigram tokens", () => {
  it("encodes characters as a prefix-free ASCII code", () => {
    expect(charUnit("中")).toBe("4e2d");
    expect(charUnit("a")).toBe("0061");
    expect(charUnit("𠀀")).toBe("z020000");
  });

  it("emits overlapping bigrams and one end token per paragraph", () => {
    expect(paragraphGrams("监护人")).toBe("76d162a4 62a44eba 4ebay");
    expect(paragraphGrams("人")).toBe("4ebay");
    expect(paragraphGrams("")).toBe("");
    expect(textGrams(["甲乙", "", "丙"])).toBe("75324e59 4e59y 4e19y");
  });

  it("makes a k-character term the quoted phrase of its k-1 bigrams, a single character a prefix query", () => {
    expect(termGramQuery("监护人")).toBe('"76d162a4 62a44eba"');
    expect(termGramQuery("人")).toBe('"4eba"*');
    expect(termGramQuery('a"b')).toBe('"00610022 00220062"');
  });

  it("never lets a quote, star or parenthesis through", () => {
    for (const term of ['"', "*", "NEAR(", ")", "a:b", "^"]) {
      expect(termGramQuery(term)).toMatch(/^"[0-9a-fz ]+"\*?$/);
    }
  });

  it("spells tokens in letters only for Meilisearch, keeping them distinct", () => {
    expect(lettersOnly("4e2d 4ebay")).toBe("eocn eolky");
    expect(textUnigrams(["人人", "大"])).toBe("4eba 5927");
  });

  it("rejects an empty term (the parser never produces one)", () => {
    expect(() => termGramQuery("")).toThrow();
  });
});
