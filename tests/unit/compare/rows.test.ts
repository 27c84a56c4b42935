import { alignArticles } from "~/lib/compare/align";
import { buildRows } from "~/lib/compare/rows";
import { newSide, oldSide, segmentsPerUnit } from "~/lib/compare/segments";
import { unitsFromProvisions } from "~/lib/compare/units";
import { BODIES as B, unit } from "./fixtures";

describe("buildRows", () => {
  it("gives a split row each new unit's exact text and its own share of the diff", () => {
    const old = [unit(1, B.duty + B.report)];
    const neu = [unit(1, B.duty), unit(2, B.report.replace("及时", "立即"))];
    const [row] = buildRows(old, neu, alignArticles(old, neu));
    expect(row.pair.label).toBe("split");
    expect(row.new.map((u) => u.head + u.body)).toEqual(neu.map((u) => u.text));
    const parts = segmentsPerUnit(row.new, newSide(row.segments));
    expect(parts.map((p) => p.map((s) => s.text).join(""))).toEqual([B.duty, B.report.replace("及时", "立即")]);
    expect(parts[1].some((s) => s.kind === "insert" && s.text === "立即")).toBe(true);
    expect(oldSide(row.segments).map((s) => s.text).join("")).toBe(B.duty + B.report);
  });

  it("attaches signals to changed rows only and marks unchanged rows", () => {
    const old = [unit(1, B.purpose), unit(2, B.fee.replace("不得", "可以"))];
    const neu = [unit(1, B.purpose), unit(2, B.fee)];
    const rows = buildRows(old, neu, alignArticles(old, neu));
    expect(rows[0]).toMatchObject({ changed: false, signals: [] });
    expect(rows[1].changed).toBe(true);
    expect(rows[1].signals).toContainEqual({ kind: "obligation", change: "changed", before: "可以", after: "不得", direction: "stronger" });
  });
});

describe("unitsFromProvisions", () => {
  it("spells out the chapter path of each unit from the structural headings", () => {
    const units = unitsFromProvisions([
      { key: "part-1", kind: "part", label: "第一编", number: 1, suffix: 0, text: "第一编 总则", isUnit: false, chapterKey: "" },
      { key: "part-1/ch-2", kind: "chapter", label: "第二章", number: 2, suffix: 0, text: "第二章 示例", isUnit: false, chapterKey: "part-1" },
      { key: "art-3", kind: "article", label: "第三条", number: 3, suffix: 0, text: "第三条 示例。", isUnit: true, chapterKey: "part-1/ch-2" },
      { key: "art-3/para-1", kind: "paragraph", label: null, number: null, suffix: 0, text: "示例。", isUnit: false, chapterKey: "part-1/ch-2" },
    ]);
    expect(units).toEqual([
      { key: "art-3", label: "第三条", number: 3, suffix: 0, chapterKey: "part-1/ch-2", chapterLabel: "第一编 总则 第二章 示例", text: "第三条 示例。" },
    ]);
  });
});
