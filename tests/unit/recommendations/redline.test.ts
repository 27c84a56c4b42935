import { redline } from "~/lib/recommendations/redline";

// Invented text.
const join = (parts: ReturnType<typeof redline>, kind: "del" | "ins") =>
  parts
    .filter((p) => p.kind === "same" || p.kind === kind)
    .map((p) => p.text)
    .join("");

describe("redline", () => {
  it("rebuilds both texts exactly from its parts", () => {
    const before = "第二条 示例机关应当及时处理投诉。";
    const after = "第二条 示例部门应当在七日内处理投诉，并答复。";
    const parts = redline(before, after);
    expect(join(parts, "del")).toBe(before);
    expect(join(parts, "ins")).toBe(after);
  });

  it("folds single shared characters inside a rewritten passage into the change", () => {
    const parts = redline("县级以上人民政府应当建立协调机制", "各级人民政府应当重视和加强保护工作");
    expect(parts.filter((p) => p.kind !== "same").length).toBeLessThanOrEqual(4);
    expect(parts[0]).toEqual({ kind: "del", text: "县级以上" });
  });

  it("marks a pure insertion and an unchanged text plainly", () => {
    expect(redline("甲乙", "甲丙乙")).toEqual([
      { kind: "same", text: "甲" },
      { kind: "ins", text: "丙" },
      { kind: "same", text: "乙" },
    ]);
    expect(redline("甲", "甲")).toEqual([{ kind: "same", text: "甲" }]);
  });
});
