import { similarity, suggestOutcome } from "~/lib/recommendations/outcome";

// Invented text (a made-up 示例条例).
const ORIGINAL = "第七条 示例机关应当及时处理投诉。";
const PROPOSED = "第七条 示例机关应当在七日内处理投诉，并书面答复投诉人。";

describe("outcome suggestion", () => {
  it("scores folded similarity: punctuation width and spaces do not count", () => {
    expect(similarity("示例（一）：报告", "示例(一): 报 告")).toBe(1);
    expect(similarity("甲乙丙丁", "戊己庚辛")).toBe(0);
  });

  it("suggests adopted when the new text is the proposal", () => {
    expect(suggestOutcome({ originalText: ORIGINAL, proposedText: PROPOSED, newText: PROPOSED })).toMatchObject({
      outcome: "adopted",
      score: 1,
    });
  });

  it("suggests adopted when the proposed edits appear with small drafting changes", () => {
    const next = "第七条 示例机关应当在七日内处理投诉，并书面答复投诉人和有关单位。";
    const s = suggestOutcome({ originalText: ORIGINAL, proposedText: PROPOSED, newText: next });
    expect(s.outcome).toBe("adopted");
    expect(s.coverage).toBeGreaterThanOrEqual(0.85);
  });

  it("suggests partially adopted when only some edits made it", () => {
    const next = "第七条 示例机关应当在七日内处理投诉。";
    const s = suggestOutcome({ originalText: ORIGINAL, proposedText: PROPOSED, newText: next });
    expect(s.outcome).toBe("partially_adopted");
    expect(s.coverage).toBeGreaterThan(0);
    expect(s.coverage).toBeLessThan(0.85);
  });

  it("suggests not adopted when the text did not change", () => {
    expect(suggestOutcome({ originalText: ORIGINAL, proposedText: PROPOSED, newText: ORIGINAL }).outcome).toBe(
      "not_adopted",
    );
  });

  it("suggests not adopted when the text changed another way", () => {
    const next = "第七条 示例委员会负责统筹协调相关工作。";
    expect(suggestOutcome({ originalText: ORIGINAL, proposedText: PROPOSED, newText: next }).outcome).toBe(
      "not_adopted",
    );
  });

  it("treats a removed provision as adopted only when the proposal was to delete it", () => {
    expect(suggestOutcome({ originalText: ORIGINAL, proposedText: "", newText: null }).outcome).toBe("adopted");
    expect(suggestOutcome({ originalText: ORIGINAL, proposedText: PROPOSED, newText: null }).outcome).toBe(
      "not_adopted",
    );
  });
});
