import { anchoredDiff, diffTexts, hasChanges, newSide, oldSide } from "~/lib/compare/diff";
import { foldWithOffsets } from "~/lib/text/normalize";

const join = (segs: { text: string }[]) => segs.map((s) => s.text).join("");

describe("diffTexts", () => {
  it("marks word-level insertions and deletions and keeps both exact texts", () => {
    const a = "示例主管部门可以在十五个工作日内作出决定。";
    const b = "示例主管部门应当在十个工作日内作出书面决定。";
    const segs = diffTexts(a, b);
    expect(segs.filter((s) => s.kind === "delete").map((s) => s.text)).toContain("可以");
    expect(segs.filter((s) => s.kind === "insert").map((s) => s.text)).toContain("应当");
    expect(join(oldSide(segs))).toBe(a);
    expect(join(newSide(segs))).toBe(b);
  });

  it("does not count typography as a change but returns each side's exact text", () => {
    const a = '示例:"登记"材料\u3000应当审查（一）';
    const b = "示例：“登记”材料应当审 查(一)\u200B";
    const segs = diffTexts(a, b);
    expect(hasChanges(segs)).toBe(false);
    expect(join(oldSide(segs))).toBe(a);
    expect(join(newSide(segs))).toBe(b);
  });

  it("shows typography as changes when asked", () => {
    const segs = diffTexts("符合条件的", "符合条 件的", { showTypography: true });
    expect(hasChanges(segs)).toBe(true);
    expect(join(newSide(segs))).toBe("符合条 件的");
  });

  it("keeps punctuation as its own token", () => {
    const segs = diffTexts("登记，审查", "登记；审查");
    expect(segs).toEqual([
      { kind: "equal", text: "登记" },
      { kind: "delete", text: "，" },
      { kind: "insert", text: "；" },
      { kind: "equal", text: "审查" },
    ]);
  });

  it("falls back to a whole-text replacement when the diff times out", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `甲${i}`).join("，");
    const b = Array.from({ length: 3000 }, (_, i) => `乙${i}`).join("；");
    const segs = diffTexts(a, b, { timeout: 1 });
    expect(join(oldSide(segs))).toBe(a);
    expect(join(newSide(segs))).toBe(b);
  });

  it("gives the same segments from foldings the caller already has", () => {
    const a = "示例主管部门可以在十五个工作日内作出决定：　（一）登记；";
    const b = "示例主管部门应当在十个工作日内作出书面决定:(一)登记、公告;";
    const folded = { old: foldWithOffsets(a), new: foldWithOffsets(b) };
    expect(diffTexts(a, b, { folded })).toEqual(diffTexts(a, b));
    expect(diffTexts(a, b, { folded, showTypography: true })).toEqual(diffTexts(a, b, { showTypography: true }));
  });

  it("handles empty sides (added and removed articles)", () => {
    expect(diffTexts("", "新增条文。")).toEqual([{ kind: "insert", text: "新增条文。" }]);
    expect(diffTexts("删去条文。", "")).toEqual([{ kind: "delete", text: "删去条文。" }]);
  });
});

describe("anchoredDiff", () => {
  /** Replays an edit script: the equal and deleted tokens of a, and the equal and inserted ones of b. */
  function replay(a: string[], b: string[], ops: { kind: string; count: number }[]) {
    const fromA: string[] = [];
    const fromB: string[] = [];
    let i = 0;
    let j = 0;
    for (const op of ops) {
      for (let k = 0; k < op.count; k++) {
        if (op.kind === "equal") {
          expect(a[i]).toBe(b[j]);
          fromA.push(a[i++]);
          fromB.push(b[j++]);
        } else if (op.kind === "delete") fromA.push(a[i++]);
        else fromB.push(b[j++]);
      }
    }
    return { fromA, fromB };
  }

  it("is a complete edit script on random token lists", () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const vocabulary = ["示例", "机构", "应当", "可以", "，", "。", "登记", "公告", "十五日", "主管部门"];
    for (let run = 0; run < 200; run++) {
      const list = () => Array.from({ length: Math.floor(random() * 30) }, () => vocabulary[Math.floor(random() * vocabulary.length)]);
      const a = list();
      const b = list();
      const ops = anchoredDiff(a, b, 1000)!;
      const { fromA, fromB } = replay(a, b, ops);
      expect(fromA).toEqual(a);
      expect(fromB).toEqual(b);
    }
  });

  it("keeps words that occur once on each side in place and puts the edits between them", () => {
    const a = ["示例机构", "应当", "在", "十五日", "内", "登记", "。"];
    const b = ["示例机构", "可以", "在", "十日", "内", "登记", "并", "公告", "。"];
    const ops = anchoredDiff(a, b, 1000)!;
    expect(ops).toEqual([
      { kind: "equal", count: 1 },
      { kind: "delete", count: 1 },
      { kind: "insert", count: 1 },
      { kind: "equal", count: 1 },
      { kind: "delete", count: 1 },
      { kind: "insert", count: 1 },
      { kind: "equal", count: 2 },
      { kind: "insert", count: 2 },
      { kind: "equal", count: 1 },
    ]);
  });
});
