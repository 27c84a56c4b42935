import { describeSide, informativeLinks, numberingOf, paragraphNumbers, paragraphOrigins, predecessorsOf, successorPairs, successorsOf } from "~/lib/compare/lineage";
import type { AlignedPair, ParagraphLink } from "~/lib/compare/types";

// Invented text (示例条例): three 款, the second with two items.
const OLD = "第六条 示例甲应当登记。\n示例乙应当报告：\n（一）时间；\n（二）地点。\n示例丙应当公示。";
const NEW_A = "第十条 示例甲应当登记。";
const NEW_B = "第十一条 示例乙应当及时报告：\n（一）时间；\n（二）地点。";

const link = (from: number[], toKey: string, to: number[], extra: Partial<ParagraphLink> = {}): ParagraphLink => ({
  from: { key: "art-6", lines: from },
  to: { key: toKey, lines: to },
  kind: "modified",
  score: 0.8,
  primary: true,
  ...extra,
});

const split: AlignedPair = {
  from: ["art-6"],
  to: ["art-10", "art-11"],
  label: "split",
  renumbered: true,
  moved: false,
  score: 0.7,
  manual: false,
  links: [link([0], "art-10", [0], { kind: "same" }), link([1, 2, 3], "art-11", [0, 1, 2]), link([4], "art-11", [0], { primary: false, score: 0.3 })],
};
const texts = { old: new Map([["art-6", OLD]]), new: new Map([["art-10", NEW_A], ["art-11", NEW_B]]) };

describe("款 lineage", () => {
  it("numbers 款 with their items, and names a link side as a reader would", () => {
    expect(paragraphNumbers(OLD)).toEqual([1, 2, 2, 2, 3]);
    expect(describeSide({ key: "art-6", lines: [1, 2, 3] }, "第六条", OLD)).toBe("第六条第二款");
    expect(describeSide({ key: "art-6", lines: [1, 4] }, "第六条", OLD)).toBe("第六条第二款、第三款");
    expect(describeSide({ key: "art-6", lines: [4], sentences: [0] }, "第六条", OLD)).toBe("第六条第三款第1句");
    expect(describeSide({ key: "art-10", lines: [0] }, "第十条", NEW_A)).toBe("第十条");
  });

  it("numbers each article of a comparison once, as paragraphNumbers would", () => {
    const numbering = numberingOf(texts);
    expect(numbering.old("art-6")).toEqual(paragraphNumbers(OLD));
    expect(numbering.new("art-11")).toEqual(paragraphNumbers(NEW_B));
    expect(numbering.new("art-11")).toBe(numbering.new("art-11"));
    expect(numbering.new("art-99")).toEqual(paragraphNumbers(""));
    expect(describeSide({ key: "art-6", lines: [1, 4] }, "第六条", OLD, numbering.old("art-6"))).toBe("第六条第二款、第三款");
  });

  it("says where each 款 of a new article came from, primary before 'also draws on'", () => {
    const origins = paragraphOrigins(split, { key: "art-11", label: "第十一条", text: NEW_B }, new Map([["art-6", { label: "第六条", text: OLD }]]));
    expect(origins).toEqual([
      {
        paragraph: "第一款",
        from: [
          { text: "第六条第二款", primary: true, kind: "modified" },
          { text: "第六条第三款", primary: false, kind: "modified" },
        ],
      },
    ]);
  });

  it("follows primary article links first, secondary ones only when there is nothing else", () => {
    const links = [
      { from: "art-6", to: "art-10", primary: true, score: 1 },
      { from: "art-6", to: "art-11", primary: false, score: 0.3 },
      { from: "art-7", to: "art-11", primary: false, score: 0.2 },
    ];
    expect(successorsOf(links, "art-6")).toEqual(["art-10"]);
    expect(predecessorsOf(links, "art-11")).toEqual(["art-6", "art-7"]);
  });

  it("keeps a group's links when they tell more than the row, drops them for an article redrafted in place", () => {
    expect(informativeLinks(split, texts)).toHaveLength(3);
    const inPlace: AlignedPair = { ...split, to: ["art-10"], label: "modified", links: [link([0], "art-10", [0])] };
    expect(informativeLinks(inPlace, texts)).toEqual([]);
  });
});

describe("successorPairs", () => {
  it("re-cuts a group per old article, keeping that article's own successors", () => {
    const group: AlignedPair = { ...split, from: ["art-6", "art-7"], to: ["art-10", "art-11"], label: "merged", links: [] };
    const pairs = successorPairs({
      pairs: [group],
      counts: {} as never,
      links: [
        { from: "art-6", to: "art-10", primary: true, score: 0.9 },
        { from: "art-7", to: "art-11", primary: true, score: 0.8 },
        { from: "art-6", to: "art-11", primary: false, score: 0.2 },
      ],
    });
    expect(pairs.map((p) => [p.from, p.to])).toEqual([
      [["art-6"], ["art-10"]],
      [["art-7"], ["art-11"]],
    ]);
  });
});
