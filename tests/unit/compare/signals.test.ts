import { detectSignals } from "~/lib/compare/signals";
import { foldWithOffsets } from "~/lib/text/normalize";

describe("detectSignals", () => {
  it("reports an obligation swap with its direction", () => {
    expect(detectSignals("主管部门可以公示。", "主管部门应当公示。")).toEqual([
      { kind: "obligation", change: "changed", before: "可以", after: "应当", direction: "stronger" },
    ]);
  });

  it("reports a prohibition that appears", () => {
    expect(detectSignals("组织者收取押金。", "组织者不得收取押金。")).toContainEqual({ kind: "obligation", change: "added", after: "不得" });
  });

  it("reports changed fine amounts and new penalty types", () => {
    const s = detectSignals("处五千元以上五万元以下罚款。", "处一万元以上十万元以下罚款，并处拘留。");
    expect(s).toContainEqual({ kind: "penalty", change: "changed", before: "五千元以上五万元以下", after: "一万元以上十万元以下" });
    expect(s).toContainEqual({ kind: "penalty", change: "added", after: "拘留" });
  });

  it("reports a changed age threshold", () => {
    expect(detectSignals("不满十四周岁的未成年人", "不满十六周岁的未成年人")).toEqual([
      { kind: "age", change: "changed", before: "十四周岁", after: "十六周岁" },
    ]);
  });

  it("reports responsible bodies added and removed without counting 教育行政部门 as another body", () => {
    const s = detectSignals("由公安机关处理。", "由教育行政部门会同民政部门处理。");
    expect(s).toContainEqual({ kind: "body", change: "removed", before: "公安机关" });
    expect(s).toContainEqual({ kind: "body", change: "added", after: "教育行政部门" });
    expect(s).toContainEqual({ kind: "body", change: "added", after: "民政部门" });
    expect(s.some((x) => x.after === "行政部门")).toBe(false);
  });

  it("finds nothing when only typography differs", () => {
    expect(detectSignals("应当:\"公示\"", "应当：“公示”")).toEqual([]);
  });

  it("gives the same signals from folded texts the caller already has", () => {
    const a = "违反本条例的，处五千元以上五万元以下罚款；不满十四周岁的，可以训诫。";
    const b = "违反本条例的，处一万元以上十万元以下罚款，并吊销许可证；不满十六周岁的，应当训诫。";
    const folded = { old: foldWithOffsets(a).text, new: foldWithOffsets(b).text };
    expect(detectSignals(a, b, folded)).toEqual(detectSignals(a, b));
    expect(detectSignals(a, b).length).toBeGreaterThan(2);
  });
});
