import { isSafeUrl, optionalDate } from "~/lib/forms/fields";
import { RecommendationFieldsSchema, fieldErrors, parseEvidence } from "~/lib/recommendations/schema";

describe("recommendation form rules", () => {
  it("accepts only http(s) links", () => {
    expect(isSafeUrl("https://example.org/a")).toBe(true);
    expect(isSafeUrl("http://example.org")).toBe(true);
    for (const bad of ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "ftp://example.org", "https://"])
      expect(isSafeUrl(bad)).toBe(false);
  });

  it("refuses a day that does not exist instead of rolling it over (2026-02-30)", () => {
    expect(optionalDate.safeParse("2026-02-28").success).toBe(true);
    expect(optionalDate.safeParse("").data).toBeNull();
    for (const bad of ["2026-02-30", "2026-13-01", "2023-02-29", "2026-2-3"]) {
      const r = optionalDate.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0].message).toBe("recommendations.error.date");
    }
  });

  it("reads evidence lines as links or corpus provisions, with optional labels", () => {
    expect(parseEvidence("https://example.org/r 年度报告\n\nminors-protection-law/2024-04-26#art-9\n/works/criminal-law/2023-12-29#art-240 刑法")).toEqual({
      ok: true,
      items: [
        { kind: "url", ref: "https://example.org/r", label: "年度报告" },
        { kind: "provision", ref: "minors-protection-law/2024-04-26#art-9", label: "" },
        { kind: "provision", ref: "criminal-law/2023-12-29#art-240", label: "刑法" },
      ],
    });
  });

  it("names the line of a bad evidence entry", () => {
    expect(parseEvidence("https://example.org\njavascript:alert(1)")).toEqual({ ok: false, line: 2, key: "recommendations.error.evidenceUrl" });
    expect(parseEvidence("见第九条")).toEqual({ ok: false, line: 1, key: "recommendations.error.evidenceFormat" });
  });

  it("reports a too-long rationale with its field and limit", () => {
    const r = RecommendationFieldsSchema.safeParse({ title: "t", proposedText: "", rationale: "x".repeat(20_001), priority: "low" });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrors(r.error)).toEqual([{ field: "rationale", key: "recommendations.error.tooLong", params: { max: 20_000 } }]);
  });
});
