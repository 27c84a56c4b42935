import { alignArticles } from "~/lib/compare/align";
import type { AlignedPair } from "~/lib/compare/types";
import { BODIES as B, unit } from "./fixtures";

const pairOf = (pairs: AlignedPair[], fromKey: string) => pairs.find((p) => p.from.includes(fromKey));

describe("alignArticles", () => {
  it("labels a version compared with itself unchanged throughout", () => {
    const units = [unit(1, B.purpose), unit(2, B.scope), unit(3, B.duty)];
    const result = alignArticles(units, units);
    expect(result.counts.unchanged).toBe(3);
    expect(result.pairs.every((p) => p.label === "unchanged" && p.score === 1)).toBe(true);
  });

  it("treats typography-only differences (U+3000, ASCII colon and quotes, zero-width, stray space) as unchanged", () => {
    const old = [unit(1, 'ABC示例:"登记"材料\u200B应当审查。', "第一章　总则", "\u3000")];
    const neu = [unit(1, "ABC示例：“登记”材料应当 审查。", "第一章 总则")];
    const [p] = alignArticles(old, neu).pairs;
    expect(p.label).toBe("unchanged");
  });

  it("pairs a renumbered article by content, not by number", () => {
    const old = [unit(1, B.purpose), unit(2, B.scope), unit(3, B.duty)];
    const neu = [unit(1, B.purpose), unit(2, B.training), unit(3, B.scope), unit(4, B.duty)];
    const result = alignArticles(old, neu);
    expect(pairOf(result.pairs, "art-2")).toMatchObject({ to: ["art-3"], label: "renumbered", renumbered: true });
    expect(pairOf(result.pairs, "art-3")).toMatchObject({ to: ["art-4"], label: "renumbered" });
    expect(result.pairs.find((p) => p.to[0] === "art-2")).toMatchObject({ from: [], label: "added" });
    expect(result.counts).toMatchObject({ unchanged: 1, renumbered: 2, added: 1, removed: 0 });
  });

  it("labels an article whose text changed as modified, with its similarity", () => {
    const old = [unit(1, B.duty)];
    const neu = [unit(1, B.duty.replace("十五个工作日", "十个工作日").replace("审查", "形式审查"))];
    const [p] = alignArticles(old, neu).pairs;
    expect(p.label).toBe("modified");
    expect(p.score).toBeGreaterThan(0.8);
    expect(p.score).toBeLessThan(1);
  });

  it("labels an article moved to another chapter even when all chapters were renumbered", () => {
    const old = [unit(1, B.purpose, "第一章 总则"), unit(2, B.fee, "第二章 登记"), unit(3, B.record, "第二章 登记"), unit(4, B.report, "第二章 登记")];
    const neu = [
      unit(1, B.purpose, "第一章 总则"),
      unit(2, B.training, "第二章 培训"),
      unit(3, B.fee, "第三章 登记"),
      unit(4, B.record, "第三章 登记"),
      unit(5, B.report, "第四章 监督"),
    ];
    const result = alignArticles(old, neu);
    expect(pairOf(result.pairs, "art-2")).toMatchObject({ label: "renumbered", moved: false });
    expect(pairOf(result.pairs, "art-4")).toMatchObject({ to: ["art-5"], label: "moved", moved: true, renumbered: true });
  });

  it("does not call the articles of a renamed chapter moved", () => {
    const old = [unit(1, B.purpose, "第一章 总则"), unit(2, B.fee, "第二章 管理"), unit(3, B.record, "第二章 管理")];
    const neu = [unit(1, B.purpose, "第一章 总则"), unit(2, B.fee, "第二章 登记管理"), unit(3, B.record, "第二章 登记管理")];
    const result = alignArticles(old, neu);
    expect(result.pairs.map((p) => p.label)).toEqual(["unchanged", "unchanged", "unchanged"]);
  });

  it("detects a split: one old article carried into two new ones", () => {
    const old = [unit(1, B.purpose), unit(2, B.duty + B.report), unit(3, B.effect)];
    const neu = [unit(1, B.purpose), unit(2, B.duty), unit(3, B.report), unit(4, B.effect)];
    const result = alignArticles(old, neu);
    expect(pairOf(result.pairs, "art-2")).toMatchObject({ from: ["art-2"], to: ["art-2", "art-3"], label: "split" });
    expect(result.counts.split).toBe(1);
    expect(result.counts.added).toBe(0);
  });

  it("detects a merge: two old articles combined into one", () => {
    const old = [unit(1, B.purpose), unit(2, B.fee), unit(3, B.record), unit(4, B.effect)];
    const neu = [unit(1, B.purpose), unit(2, B.fee + B.record), unit(3, B.effect)];
    const result = alignArticles(old, neu);
    expect(result.pairs.find((p) => p.label === "merged")).toMatchObject({ from: ["art-2", "art-3"], to: ["art-2"] });
    expect(result.counts.removed).toBe(0);
  });

  it("labels articles without a counterpart added and removed, in reading order", () => {
    const old = [unit(1, B.purpose), unit(2, B.minors), unit(3, B.duty)];
    const neu = [unit(1, B.purpose), unit(2, B.duty), unit(3, B.training)];
    const result = alignArticles(old, neu);
    expect(result.pairs.map((p) => [p.label, p.from.join(), p.to.join()])).toEqual([
      ["unchanged", "art-1", "art-1"],
      ["removed", "art-2", ""],
      ["renumbered", "art-3", "art-2"],
      ["added", "", "art-3"],
    ]);
  });

  it("labels a change of cross-reference numbers that follows its renumbered target a reference-update", () => {
    const old = [unit(1, B.purpose), unit(2, B.scope), unit(3, B.duty), unit(4, B.penalty)];
    const neu = [unit(1, B.purpose), unit(2, B.training), unit(3, B.scope), unit(4, B.duty), unit(5, B.penalty.replace("第三条", "第四条"))];
    const result = alignArticles(old, neu);
    expect(pairOf(result.pairs, "art-4")).toMatchObject({ to: ["art-5"], label: "reference-update" });
  });

  it("keeps a changed reference whose target was not renumbered that way a modification", () => {
    const old = [unit(1, B.purpose), unit(2, B.scope), unit(3, B.duty), unit(4, B.penalty)];
    const neu = [unit(1, B.purpose), unit(2, B.scope), unit(3, B.duty), unit(4, B.penalty.replace("第三条", "第二条"))];
    expect(pairOf(alignArticles(old, neu).pairs, "art-4")?.label).toBe("modified");
  });

  it("lets overrides replace automatic pairs, flagged manual", () => {
    const old = [unit(1, B.purpose), unit(2, B.scope), unit(3, B.duty)];
    const neu = [unit(1, B.purpose), unit(2, B.scope), unit(3, B.duty)];
    const result = alignArticles(old, neu, {
      overrides: [
        { fromKey: "art-2", toKey: "art-3" },
        { fromKey: "art-3", toKey: null },
        { fromKey: null, toKey: "art-2" },
      ],
    });
    expect(pairOf(result.pairs, "art-2")).toMatchObject({ to: ["art-3"], manual: true, label: "modified" });
    expect(pairOf(result.pairs, "art-3")).toMatchObject({ to: [], manual: true, label: "removed" });
    expect(result.pairs.find((p) => p.to[0] === "art-2")).toMatchObject({ from: [], manual: true, label: "added" });
    expect(pairOf(result.pairs, "art-1")).toMatchObject({ manual: false, label: "unchanged" });
  });

  it("ignores overrides naming articles that no longer exist", () => {
    const units = [unit(1, B.purpose)];
    const result = alignArticles(units, units, { overrides: [{ fromKey: "art-9", toKey: "art-1" }] });
    expect(result.pairs).toEqual([expect.objectContaining({ from: ["art-1"], to: ["art-1"], manual: false })]);
  });

  it("is deterministic", () => {
    const old = [unit(1, B.purpose), unit(2, B.duty + B.report), unit(3, B.fee), unit(4, B.record)];
    const neu = [unit(1, B.purpose), unit(2, B.duty), unit(3, B.report), unit(4, B.fee + B.record), unit(5, B.minors)];
    expect(alignArticles(old, neu)).toEqual(alignArticles(old, neu));
  });
});
