import { diffTexts, hasChanges, newSide, oldSide } from "~/lib/compare/diff";

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

  it("handles empty sides (added and removed articles)", () => {
    expect(diffTexts("", "新增条文。")).toEqual([{ kind: "insert", text: "新增条文。" }]);
    expect(diffTexts("删去条文。", "")).toEqual([{ kind: "delete", text: "删去条文。" }]);
  });
});
