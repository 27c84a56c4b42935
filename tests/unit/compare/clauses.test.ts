/**
 * The pieces the 款 stage traces (clausesOf) and the merging of links that name the same lines
 * (sameLines). Invented 示例条例 text only.
 */
import { clausesOf } from "~/lib/compare/clauses";
import { sameLines } from "~/lib/compare/align-labels";
import { GramTable, Prepared } from "~/lib/compare/similarity";
import type { ParagraphLink } from "~/lib/compare/types";
import { unit } from "./fixtures";

const pieces = (body: string, longLine?: number, minSentence?: number) => {
  const article = new Prepared(unit(3, body), 0, "ch-1", new GramTable());
  return clausesOf(article, new GramTable(), longLine, minSentence).map((c) => ({
    lines: c.lines,
    sentences: c.sentences,
    text: c.bag.unit.text,
  }));
};

const TWO_SENTENCES =
  "示例社区服务站、业主委员会应当掌握本小区内租住人员中老年人的居住、就医情况。对于租住人员中老年人独居无人照料的，应当督促其子女或者其他赡养人定期探望、照料。";

describe("clausesOf", () => {
  it("traces a 款 over 80 characters sentence by sentence", () => {
    const got = pieces(TWO_SENTENCES);
    expect(got.map((p) => p.sentences)).toEqual([[0], [1]]);
    expect(got[0].text.endsWith("就医情况。")).toBe(true);
    expect(got[1].text.startsWith("对于租住人员")).toBe(true);
  });

  it("keeps a line of 80 characters or fewer whole", () => {
    const got = pieces("示例主管部门应当建立登记制度。登记材料应当在十五个工作日内审查完毕。");
    expect(got).toEqual([{ lines: [0], sentences: undefined, text: expect.stringContaining("登记制度。登记材料") }]);
  });

  it("keeps a sentence with little content of its own (a liability tail) with the sentence before it", () => {
    const body =
      "示例社区服务站的工作人员接到老年人求助后不及时处理，严重不负责任的，由其所在单位给予批评教育，并在示例街道范围内通报，责令其向求助的老年人赔礼道歉；造成严重后果，构成犯罪的，依法追究刑事责任。";
    expect(pieces(body).map((p) => p.sentences)).toEqual([undefined]);
    // Without the rule the six-character tail 造成严重后果 would be traced on its own.
    expect(pieces(body, 80, 0).map((p) => p.sentences)).toEqual([[0], [1]]);
  });

  it("joins a short first sentence to the one after it and names both sentences", () => {
    const body = `前款规定之外的。${TWO_SENTENCES}`;
    expect(pieces(body).map((p) => p.sentences)).toEqual([[0, 1], [2]]);
  });
});

describe("sameLines", () => {
  const link = (from: ParagraphLink["from"], to: ParagraphLink["to"], kind: ParagraphLink["kind"], primary = true): ParagraphLink => ({
    from,
    to,
    kind,
    score: kind === "same" ? 1 : 0.5,
    primary,
  });
  const text = (key: string) => (key === "art-3" ? `第三条 ${TWO_SENTENCES}` : "第二条 示例。");

  it("makes one link of two sentences of a 款 traced to the same 款, naming the whole line", () => {
    const got = sameLines(
      [
        link({ key: "art-3", lines: [0], sentences: [0] }, { key: "art-2", lines: [0] }, "moved", false),
        link({ key: "art-3", lines: [0], sentences: [1] }, { key: "art-2", lines: [0] }, "modified", true),
      ],
      text,
    );
    expect(got).toEqual([{ from: { key: "art-3", lines: [0] }, to: { key: "art-2", lines: [0] }, kind: "moved", score: 0.5, primary: true }]);
  });

  it("keeps links to different lines apart", () => {
    const links = [
      link({ key: "art-3", lines: [0], sentences: [0] }, { key: "art-2", lines: [0] }, "moved"),
      link({ key: "art-3", lines: [0], sentences: [1] }, { key: "art-2", lines: [1] }, "moved"),
    ];
    expect(sameLines(links, text)).toEqual(links);
  });
});
