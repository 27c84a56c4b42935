import { parseThesaurusForm, splitTerms, TERM_MAX_CHARS, TERMS_PER_ENTRY_MAX } from "~/lib/search/thesaurus-form";

describe("thesaurus form", () => {
  it("splits terms the way people list them and drops duplicates after folding, keeping the typed text", () => {
    expect(splitTerms(" 示甲、示乙，示丙; 示丁\n示戊 , 示甲,示乙")).toEqual(["示甲", "示乙", "示丙", "示丁", "示戊"]);
    // 兒童 and 儿童 are one term for matching: the first spelling typed is kept.
    expect(splitTerms("兒童、儿童、少年")).toEqual(["兒童", "少年"]);
    // A space joins the words of one term (all must occur).
    expect(splitTerms("虐童、虐待   示甲")).toEqual(["虐童", "虐待 示甲"]);
  });

  it("reads a valid entry", () => {
    expect(parseThesaurusForm({ terms: "示甲、示乙", direction: "one-way", note: "  why  " })).toEqual({
      ok: true,
      value: { terms: ["示甲", "示乙"], oneWay: true, note: "why" },
    });
    expect(parseThesaurusForm({ terms: "示甲,示乙", direction: "two-way", note: "" })).toMatchObject({ value: { oneWay: false, note: null } });
  });

  it.each([
    [{ terms: "示甲", direction: "two-way" }, "terms", "search.thesaurus.error.tooFewTerms", {}],
    [{ terms: "示甲、示甲", direction: "two-way" }, "terms", "search.thesaurus.error.tooFewTerms", {}],
    [{ terms: `示甲、${"长".repeat(TERM_MAX_CHARS + 1)}`, direction: "two-way" }, "terms", "search.thesaurus.error.termTooLong", { max: TERM_MAX_CHARS, term: "长".repeat(TERM_MAX_CHARS + 1) }],
    [{ terms: '示甲、"示乙"', direction: "two-way" }, "terms", "search.thesaurus.error.termSyntax", { term: '"示乙"' }],
    [{ terms: "示甲、-示乙", direction: "two-way" }, "terms", "search.thesaurus.error.termSyntax", { term: "-示乙" }],
    [{ terms: "示甲、示乙 -示丙", direction: "two-way" }, "terms", "search.thesaurus.error.termSyntax", { term: "示乙 -示丙" }],
    [{ terms: Array.from({ length: TERMS_PER_ENTRY_MAX + 1 }, (_, i) => `示${i}`).join("、"), direction: "two-way" }, "terms", "search.thesaurus.error.tooManyTerms", { max: TERMS_PER_ENTRY_MAX }],
    [{ terms: "示".repeat(1000), direction: "two-way" }, "terms", "search.thesaurus.error.termsTooLong", { max: 400 }],
    [{ terms: "示甲、示乙", direction: "sideways" }, "direction", "search.thesaurus.error.direction", {}],
    [{ terms: "示甲、示乙", direction: "two-way", note: "说".repeat(501) }, "note", "search.thesaurus.error.noteTooLong", { max: 500 }],
  ])("names the field at fault for %j", (raw, field, key, params) => {
    const parsed = parseThesaurusForm(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toEqual({ field, key, params });
  });
});
