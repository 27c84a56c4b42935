import { availableActions, canEdit, canRead, checkTransition } from "~/lib/recommendations/workflow";

const staff = { id: 1, role: "staff" as const };
const otherStaff = { id: 2, role: "staff" as const };
const lead = { id: 3, role: "lead" as const };
const admin = { id: 4, role: "admin" as const };
const partner = { id: 5, role: "partner" as const };
const draft = { status: "draft", ownerId: 1 };
const inReview = { status: "in_review", ownerId: 1 };

describe("recommendation workflow", () => {
  it("lets staff send their own draft for review, not a colleague's", () => {
    expect(checkTransition(staff, draft, "submit_for_review")).toEqual({ ok: true, to: "in_review", outcome: null });
    expect(checkTransition(otherStaff, draft, "submit_for_review")).toEqual({ ok: false, reason: "forbidden" });
    expect(checkTransition(lead, draft, "submit_for_review").ok).toBe(true);
  });

  it("keeps approval, return, submission and outcomes for leads and admins", () => {
    expect(checkTransition(staff, inReview, "approve")).toEqual({ ok: false, reason: "forbidden" });
    expect(checkTransition(partner, inReview, "approve")).toEqual({ ok: false, reason: "forbidden" });
    expect(checkTransition(lead, inReview, "approve")).toEqual({ ok: true, to: "approved", outcome: null });
    expect(checkTransition(lead, inReview, "return_to_draft")).toEqual({ ok: true, to: "draft", outcome: null });
    expect(checkTransition(admin, { status: "approved", ownerId: 1 }, "submit").ok).toBe(true);
    expect(checkTransition(staff, { status: "approved", ownerId: 1 }, "submit").ok).toBe(false);
  });

  it("refuses steps that skip the workflow", () => {
    expect(checkTransition(lead, draft, "approve")).toEqual({ ok: false, reason: "invalid-state" });
    expect(checkTransition(lead, draft, "submit")).toEqual({ ok: false, reason: "invalid-state" });
    expect(checkTransition(lead, { status: "approved", ownerId: 1 }, "close", "adopted")).toEqual({
      ok: false,
      reason: "invalid-state",
    });
  });

  it("requires an outcome to close, and lets a lead correct it later", () => {
    const submitted = { status: "submitted", ownerId: 1 };
    expect(checkTransition(lead, submitted, "close")).toEqual({ ok: false, reason: "outcome-required" });
    expect(checkTransition(lead, submitted, "close", "withdrawn")).toEqual({ ok: false, reason: "outcome-required" });
    expect(checkTransition(lead, submitted, "close", "partially_adopted")).toEqual({
      ok: true,
      to: "closed",
      outcome: "partially_adopted",
    });
    expect(checkTransition(lead, { status: "closed", ownerId: 1 }, "close", "adopted").ok).toBe(true);
    expect(checkTransition(lead, inReview, "withdraw")).toEqual({ ok: true, to: "closed", outcome: "withdrawn" });
  });

  it("lists the buttons a role may press", () => {
    expect(availableActions(staff, draft)).toEqual(["submit_for_review"]);
    expect(availableActions(lead, inReview)).toEqual(["return_to_draft", "approve", "withdraw"]);
    expect(availableActions(partner, inReview)).toEqual([]);
  });

  it("freezes wording once reviewed, except for admins", () => {
    expect(canEdit(staff, draft)).toBe(true);
    expect(canEdit(staff, inReview)).toBe(false);
    expect(canEdit(lead, inReview)).toBe(true);
    expect(canEdit(lead, { status: "approved", ownerId: 1 })).toBe(false);
    expect(canEdit(admin, { status: "submitted", ownerId: 1 })).toBe(true);
    expect(canEdit(admin, { status: "closed", ownerId: 1 })).toBe(false);
    expect(canEdit(partner, draft)).toBe(false);
  });

  it("shows partners only shared items that were approved or later", () => {
    expect(canRead("partner", { status: "approved", sharedWithPartners: true })).toBe("shared");
    expect(canRead("partner", { status: "approved", sharedWithPartners: false })).toBeNull();
    expect(canRead("partner", { status: "in_review", sharedWithPartners: true })).toBeNull();
    expect(canRead("staff", { status: "draft", sharedWithPartners: false })).toBe("internal");
  });
});
