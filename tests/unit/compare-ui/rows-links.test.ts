import { translator } from "~/i18n/i18n";
import { rowNotes } from "~/lib/compare/export.server";
import { buildRows, summarizeRows, toRowView } from "~/lib/compare/rows";
import type { AlignedPair, AlignmentResult, AlignUnit } from "~/lib/compare/types";

// Invented 示例条例: old 第六条 (three 款) became new 第十条 and 第十一条; new 第十一条 also draws on old 第七条.
const unit = (key: string, label: string, text: string): AlignUnit => ({
  key,
  label,
  number: null,
  suffix: 0,
  chapterKey: "ch-1",
  chapterLabel: "第一章 总则",
  text,
});
const old = [
  unit("art-6", "第六条", "第六条 示例甲应当登记。\n示例乙应当报告。\n示例丙应当公示。"),
  unit("art-7", "第七条", "第七条 示例丁应当备案。"),
];
const neu = [unit("art-10", "第十条", "第十条 示例甲应当登记。"), unit("art-11", "第十一条", "第十一条 示例乙应当及时报告，示例丙应当公示并备案。")];

const group: AlignedPair = {
  from: ["art-6", "art-7"],
  to: ["art-10", "art-11"],
  label: "split",
  renumbered: true,
  moved: false,
  score: 0.6,
  manual: false,
  links: [
    { from: { key: "art-6", lines: [0] }, to: { key: "art-10", lines: [0] }, kind: "same", score: 1, primary: true },
    { from: { key: "art-6", lines: [1, 2] }, to: { key: "art-11", lines: [0] }, kind: "moved", score: 0.7, primary: true },
    { from: { key: "art-7", lines: [0] }, to: { key: "art-11", lines: [0] }, kind: "modified", score: 0.2, primary: false },
  ],
  secondary: [{ from: "art-7", to: "art-11", primary: false, score: 0.2 }],
};
const alignment: AlignmentResult = { pairs: [group], counts: {} as AlignmentResult["counts"], links: [] };

describe("a many-to-many group", () => {
  const [row] = buildRows(old, neu, alignment);

  it("is one row naming all its articles, of one kind, with renumbering as an attribute", () => {
    expect(row.old.map((u) => u.label)).toEqual(["第六条", "第七条"]);
    expect(row.new.map((u) => u.label)).toEqual(["第十条", "第十一条"]);
    expect(row.kind).toBe("regrouped");
    expect(row.flags).toEqual(["renumbered"]);
    expect(summarizeRows([row]).kinds.regrouped).toBe(1);
  });

  it("names which 款 went where, and what the new text also draws on", () => {
    expect(row.links).toEqual([
      { from: "第六条第一款", to: "第十条", kind: "same" },
      { from: "第六条第二款、第三款", to: "第十一条", kind: "moved" },
    ]);
    expect(row.alsoDrawsOn).toEqual(["第十一条 ← 第七条"]);
    expect(toRowView(row, "side")).toMatchObject({ links: row.links, alsoDrawsOn: row.alsoDrawsOn });
  });

  it("carries the same links into the exports' notes", () => {
    const notes = rowNotes(row, translator("zh-CN"));
    expect(notes).toContain("第六条第二款、第三款 → 第十一条（移入他条）");
    expect(notes).toContain("另参考：第十一条 ← 第七条");
    expect(notes[0]).toBe("拆分并合并");
  });
});

describe("links named by 款", () => {
  it("are listed once when several line links (a 款 and its items) read the same", () => {
    const items = unit("art-5", "第五条", "第五条 示例原则：\n（一）示例甲；\n（二）示例乙。");
    const items2 = unit("art-4", "第四条", "第四条 示例原则：\n（一）示例甲；\n（二）示例乙；\n（三）示例丙。");
    const pair: AlignedPair = {
      ...group,
      from: ["art-5"],
      to: ["art-4"],
      label: "modified",
      links: [0, 1, 2].map((i) => ({ from: { key: "art-5", lines: [i] }, to: { key: "art-4", lines: [i] }, kind: "moved" as const, score: 0.9, primary: true })),
      secondary: [],
    };
    const [row] = buildRows([items], [items2], { ...alignment, pairs: [pair] });
    expect(row.links).toEqual([{ from: "第五条", to: "第四条", kind: "moved" }]);
  });
});
