/**
 * How the parser classifies one line (app/lib/corpus/parser/classify.ts), as tables.
 * Invented 示例条例 text only.
 */
import type { Block } from "~/lib/corpus/parser/blocks";
import {
  detectShape,
  isHeadingLike,
  isLabelled,
  isZeroWidthOnly,
  matchArticle,
  matchPlanLabel,
  matchStructure,
} from "~/lib/corpus/parser/classify";

const blocks = (...texts: string[]): Block[] => texts.map((text, i) => ({ text, line: i + 1, md: 0 }));

describe("matchArticle", () => {
  it.each([
    ["第一条 为了规范示例事项，制定本条例。", { label: "第一条", number: 1, suffix: 0, split: false, separated: true }],
    ["　　第十二条　示例主管部门负责登记。", { label: "第十二条", number: 12, suffix: 0, split: false, separated: true }],
    ["第三条之二 示例活动应当公示。", { label: "第三条之二", number: 3, suffix: 2, split: false, separated: true }],
    ["第一百二十八 条示例人员应当登记。", { label: "第一百二十八 条", number: 128, suffix: 0, split: true, separated: false }],
    ["第五条规定的示例事项，适用本条例。", { label: "第五条", number: 5, suffix: 0, split: false, separated: false }],
    // A label alone on its line counts as unseparated: it starts an article only as the next number.
    ["第九条", { label: "第九条", number: 9, suffix: 0, split: false, separated: false }],
  ])("%s", (text, expected) => {
    expect(matchArticle(text)).toEqual(expected);
  });

  it.each(["依照本条例第五条的规定处理。", "第二章 示例管理", "一、示例要求"])("%s is no article", (text) => {
    expect(matchArticle(text)).toBeNull();
  });
});

describe("matchStructure", () => {
  it.each([
    [{ text: "第二章 示例管理", md: 0 }, { kind: "chapter", label: "第二章", number: 2, heading: "示例管理" }],
    [{ text: "第一编　总则", md: 1 }, { kind: "part", label: "第一编", number: 1, heading: "总则" }],
    [{ text: "第三节", md: 0 }, { kind: "section", label: "第三节", number: 3, heading: null }],
    [{ text: "第四章示例监督", md: 2 }, { kind: "chapter", label: "第四章", number: 4, heading: "示例监督" }],
  ])("%o", (block, expected) => {
    expect(matchStructure({ ...block, line: 1 })).toEqual(expected);
  });

  it.each([
    // A bare line is a sentence unless it reads like a heading.
    { text: "第三章 规定的示例事项应当登记。", md: 0 },
    // Without a separator, a bare label followed by text is a cross-reference.
    { text: "第四章示例监督", md: 0 },
    { text: "第二条 示例", md: 0 },
  ])("$text (md $md) is no heading", (block) => {
    expect(matchStructure({ ...block, line: 1 })).toBeNull();
  });
});

describe("isHeadingLike", () => {
  it.each([
    ["附则", true],
    ["　示例促进", true],
    ["示例主管部门应当及时核查处理。", false],
    ["示例事项包括：", false],
    ["第一条 示例", false],
    ["一、示例要求", false],
    ["示例主管部门应当建立示例登记制度并对登记材料进行审查", false],
    ["\u200B", false],
  ])("%s -> %s", (text, expected) => {
    expect(isHeadingLike(text)).toBe(expected);
  });
});

describe("isLabelled and isZeroWidthOnly", () => {
  it.each([
    ["第一条 示例", true],
    ["第二章 示例管理", true],
    ["一、示例要求", true],
    ["（一）示例登记", true],
    ["1. 示例材料", true],
    ["（2）示例期限", true],
    ["2025年示例工作要点", false],
    ["示例主管部门负责本条例的实施。", false],
  ])("%s labelled: %s", (text, expected) => {
    expect(isLabelled(text)).toBe(expected);
  });

  it.each([
    ["\u200B", true],
    ["\u3000\uFEFF ", true],
    ["\u200B示例", false],
  ])("%j zero-width only: %s", (text, expected) => {
    expect(isZeroWidthOnly(text)).toBe(expected);
  });
});

describe("matchPlanLabel", () => {
  it.each([
    ["一、总体要求", { level: 1, label: "一、", number: 1 }],
    ["（二）完善示例制度", { level: 2, label: "（二）", number: 2 }],
    ["(三)加强示例监督", { level: 2, label: "(三)", number: 3 }],
    ["3．加强示例培训", { level: 3, label: "3．", number: 3 }],
    ["（4）开展示例评估", { level: 4, label: "（4）", number: 4 }],
    ["2025年示例工作要点", null],
    ["示例工作要点", null],
  ])("%s", (text, expected) => {
    expect(matchPlanLabel(text)).toEqual(expected);
  });
});

describe("detectShape", () => {
  it.each([
    ["articles", blocks("第一条 为了规范示例事项，制定本条例。", "第二条 本条例适用于示例活动。")],
    ["articles", blocks("第一条 本条例自公布之日起施行。")],
    // One quoted article that is not 第一条 is a quotation, not a law of its own.
    ["none", blocks("示例案件的裁判理由如下。", "第六条 示例主管部门应当及时处理。")],
    ["decision-items", blocks("一、将第三条修改为：“示例事项由主管部门登记。”", "二、删去第五条。")],
    ["plan", blocks("一、总体要求", "（一）完善示例制度。", "二、主要任务")],
    ["none", blocks("示例主管部门负责本条例的实施。")],
  ])("%s", (shape, input) => {
    expect(detectShape(input)).toBe(shape);
  });

  it("counts numbered items only before the first unlabelled Markdown heading", () => {
    const input: Block[] = [
      { text: "裁判要点", line: 1, md: 2 },
      { text: "一、示例主管部门应当及时处理。", line: 2, md: 0 },
    ];
    expect(detectShape(input)).toBe("none");
  });
});
