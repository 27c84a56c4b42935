import { parseQuery } from "~/lib/search/query";
import {
  contentWords,
  fallbackSuggestions,
  matchedStrings,
  planRelaxation,
  proximityFactor,
  loneCharacterJoins,
  queryTermWords,
  stageStrings,
  wordsInOrder,
  type WordCutter,
} from "~/lib/search/relax";
import { buildThesaurusIndex } from "~/lib/search/thesaurus";

// An invented vocabulary (示例条例): the cutter splits on the words it knows, like jieba would.
const VOCABULARY = ["示例机构", "示例", "机构", "登记", "备案", "申报", "少年", "青年", "护理", "照护", "怎么办", "被"];
function cut(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const word = VOCABULARY.filter((w) => text.startsWith(w, i)).sort((a, b) => b.length - a.length)[0];
    out.push(word ?? text[i]);
    i += (word ?? text[i]).length;
  }
  return out;
}
const cutter: WordCutter = {
  precise: cut,
  forSearch: (t) => [...cut(t), ...VOCABULARY.filter((w) => t.includes(w))],
};
const thesaurus = buildThesaurusIndex([
  { terms: ["申报", "登记"], oneWay: true },
  { terms: ["少年", "青年"], oneWay: false },
]);

describe("query relaxation", () => {
  it("splits a compact phrase into its words first, then offers synonyms, then any word", () => {
    const stages = planRelaxation(parseQuery("示例机构申报"), cutter, thesaurus);
    expect(stages.map((s) => s.match)).toEqual(["all-words", "synonym", "partial"]);
    expect(stages[0].clauses).toEqual([[["示例机构", "申报"]]]);
    expect(stages[0].steps).toEqual([{ kind: "split-words", term: "示例机构申报", into: ["示例机构", "申报"] }]);
    expect(stages[1].clauses).toEqual([[["示例机构", "申报"], ["示例机构", "登记"]]]);
    expect(stageStrings(stages[2])).toEqual(expect.arrayContaining(["示例机构", "申报", "登记", "示例", "机构"]));
  });

  it("expands a whole term one way only (申报 -> 登记, never 登记 -> 申报)", () => {
    const forward = planRelaxation(parseQuery("申报"), cutter, thesaurus);
    expect(forward.find((s) => s.match === "synonym")?.clauses).toEqual([[["登记"], ["申报"]]]);
    const back = planRelaxation(parseQuery("登记"), cutter, thesaurus);
    expect(back.find((s) => s.match === "synonym")).toBeUndefined();
  });

  it("expands the words of a term through two-way entries (少年护理 -> 青年 + 护理)", () => {
    const synonym = planRelaxation(parseQuery("少年护理"), cutter, thesaurus).find((s) => s.match === "synonym")!;
    expect(synonym.clauses).toEqual([[["少年", "护理"], ["青年", "护理"]]]);
    expect(synonym.steps).toEqual([{ kind: "synonyms", term: "少年护理", into: ["青年"] }]);
  });

  it("requires every word of a several-word equivalent (俗称 -> 示例机构 + 登记)", () => {
    const index = buildThesaurusIndex([{ terms: ["俗称", "示例机构 登记"], oneWay: true }]);
    const synonym = planRelaxation(parseQuery("俗称"), cutter, index).find((s) => s.match === "synonym")!;
    expect(synonym.clauses).toEqual([[["示例机构", "登记"], ["俗称"]]]);
    expect(synonym.fromThesaurus).toEqual(["示例机构", "登记"]);
  });

  it("drops question words and joins single characters the cutter left apart", () => {
    expect(contentWords(["示例", "被", "怎么办", "，"])).toEqual(["示例"]);
    expect(queryTermWords("被甲乙怎么办", cutter, thesaurus)).toEqual(["甲乙"]);
  });

  it("joins a lone character to the word beside it when the join occurs in the laws, else drops it", () => {
    // 登记 + 证 / 证 + 备案: the cutter leaves 证 alone.
    expect(loneCharacterJoins("示例登记证备案", cutter)).toEqual(["登记证", "证备案"]);
    expect(queryTermWords("示例登记证备案", cutter, thesaurus, (s) => s === "登记证")).toEqual(["示例", "登记证", "备案"]);
    expect(queryTermWords("示例登记证备案", cutter, thesaurus, (s) => s === "证备案")).toEqual(["示例", "登记", "证备案"]);
    expect(queryTermWords("示例登记证备案", cutter, thesaurus)).toEqual(["示例", "登记", "备案"]);
    // A run of single characters is still read as one word, not joined to a neighbour.
    expect(loneCharacterJoins("示例甲乙", cutter)).toEqual([]);
  });

  it("groups best-partial's strings by what was asked: a word with its sub-words and equivalents", () => {
    const partial = planRelaxation(parseQuery("示例机构少年护理"), cutter, thesaurus).find((s) => s.match === "partial")!;
    const concepts = partial.concepts!.map((g) => [...g].sort());
    expect(concepts).toContainEqual(["少年", "青年"].sort());
    expect(concepts).toContainEqual(["示例", "示例机构", "机构"].sort());
    expect(concepts.flat().sort()).toEqual(stageStrings(partial).sort());
  });

  it("ranks words side by side in the typed order above the same words apart or reversed", () => {
    const together = proximityFactor("示例机构登记的规定", ["示例机构", "登记"], 1);
    const apart = proximityFactor("示例机构应当依照本条例的规定办理登记", ["示例机构", "登记"], 1);
    const reversed = proximityFactor("登记以后的示例机构", ["示例机构", "登记"], 1);
    const split = proximityFactor("示例机构\n登记", ["示例机构", "登记"], 1);
    expect(together).toBe(2);
    expect(together).toBeGreaterThan(apart);
    expect(apart).toBeGreaterThan(1);
    expect(reversed).toBeLessThan(together);
    expect(split).toBe(1);
    expect(wordsInOrder("登记以后的示例机构", ["示例机构", "登记"])).toBe(false);
  });

  it("reports which strings, and which synonyms, a text matched through", () => {
    const synonym = planRelaxation(parseQuery("少年护理"), cutter, thesaurus).find((s) => s.match === "synonym")!;
    expect(matchedStrings(synonym, "青年应当得到护理。", new Set(["青年"]))).toEqual({ strings: ["青年", "护理"], synonyms: ["青年"] });
  });

  it("always suggests something when nothing was found", () => {
    expect(fallbackSuggestions(parseQuery("示例机构登记"), cut)).toContain("示例机构 登记");
    expect(fallbackSuggestions(parseQuery("甲 乙"))).toEqual(["甲", "乙"]);
    expect(fallbackSuggestions(parseQuery("甲")).length).toBeGreaterThan(0);
  });
});
