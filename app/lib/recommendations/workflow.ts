/**
 * The recommendation workflow as a pure state machine:
 *
 *   draft → in_review → approved → submitted → closed (adopted | partially_adopted | not_adopted)
 *   in_review → draft (changes requested)
 *   any open state → closed (withdrawn)
 *   closed → closed (an outcome corrected)
 *
 * Who may do what is decided by permissions (app/lib/auth/permissions.ts), so that roles are
 * defined in one place; the only rule added here is ownership (staff act on their own drafts).
 * The server calls `checkTransition` before every change; the UI uses `availableActions` only to
 * decide which buttons to show.
 */
import { can } from "~/lib/auth/permissions";
import type { Role } from "~/lib/auth/types";

export const STATUSES = ["draft", "in_review", "approved", "submitted", "closed"] as const;
export type Status = (typeof STATUSES)[number];

export const OUTCOMES = ["adopted", "partially_adopted", "not_adopted", "withdrawn"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const PRIORITIES = ["low", "medium", "high"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ACTIONS = [
  "submit_for_review",
  "return_to_draft",
  "approve",
  "submit",
  "close",
  "withdraw",
] as const;
export type TransitionAction = (typeof ACTIONS)[number];

export interface Actor {
  id: number;
  role: Role;
}

export interface WorkflowSubject {
  status: string;
  ownerId: number;
}

interface Rule {
  from: readonly Status[];
  to: Status;
  permission: Parameters<typeof can>[1];
  /** Only the owner may take this step, unless the actor reviews others' work (leads). */
  ownerOnly?: boolean;
}

const RULES: Record<TransitionAction, Rule> = {
  submit_for_review: {
    from: ["draft"],
    to: "in_review",
    permission: "recommendation.submit-for-review",
    ownerOnly: true,
  },
  return_to_draft: { from: ["in_review"], to: "draft", permission: "recommendation.reject" },
  approve: { from: ["in_review"], to: "approved", permission: "recommendation.approve" },
  submit: { from: ["approved"], to: "submitted", permission: "recommendation.submit" },
  // From "closed" too: a lead corrects a recorded outcome.
  close: { from: ["submitted", "closed"], to: "closed", permission: "recommendation.record-outcome" },
  withdraw: {
    from: ["draft", "in_review", "approved", "submitted"],
    to: "closed",
    permission: "recommendation.record-outcome",
  },
};

export type TransitionCheck =
  | { ok: true; to: Status; outcome: Outcome | null }
  | { ok: false; reason: "forbidden" | "invalid-state" | "outcome-required" };

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === "string" && (OUTCOMES as readonly string[]).includes(value);
}

export function checkTransition(
  actor: Actor,
  subject: WorkflowSubject,
  action: TransitionAction,
  outcome?: string | null,
): TransitionCheck {
  const rule = RULES[action];
  if (!can(actor.role, rule.permission)) return { ok: false, reason: "forbidden" };
  if (rule.ownerOnly && subject.ownerId !== actor.id && !can(actor.role, "recommendation.approve"))
    return { ok: false, reason: "forbidden" };
  if (!(rule.from as readonly string[]).includes(subject.status)) return { ok: false, reason: "invalid-state" };
  if (action === "close") {
    if (!isOutcome(outcome) || outcome === "withdrawn") return { ok: false, reason: "outcome-required" };
    return { ok: true, to: rule.to, outcome };
  }
  if (action === "withdraw") return { ok: true, to: rule.to, outcome: "withdrawn" };
  return { ok: true, to: rule.to, outcome: null };
}

/** Actions this actor may take now (for buttons; the server checks again). */
export function availableActions(actor: Actor, subject: WorkflowSubject): TransitionAction[] {
  return ACTIONS.filter((a) => {
    const r = checkTransition(actor, subject, a, a === "close" ? "adopted" : null);
    return r.ok;
  });
}

/**
 * Editing the wording: drafts by their owner or by colleagues holding "edit-any-draft"; items in
 * review by reviewers (leads); admins any item not yet closed. Approved and submitted wording is
 * what was reviewed or sent, so only an admin may still touch it.
 */
export function canEdit(actor: Actor, subject: WorkflowSubject): boolean {
  if (subject.status === "closed") return false;
  if (actor.role === "admin") return true;
  if (subject.status === "in_review") return can(actor.role, "recommendation.approve");
  if (subject.status !== "draft") return false;
  if (can(actor.role, "recommendation.edit-any-draft")) return true;
  return can(actor.role, "recommendation.edit-own") && subject.ownerId === actor.id;
}

/** Statuses a partner may see, and only when the item is shared. */
export const PARTNER_VISIBLE_STATUSES: readonly Status[] = ["approved", "submitted", "closed"];

export function canRead(
  role: Role,
  subject: { status: string; sharedWithPartners: boolean },
): "internal" | "shared" | null {
  if (can(role, "recommendation.read-internal")) return "internal";
  if (
    can(role, "recommendation.read-shared") &&
    subject.sharedWithPartners &&
    (PARTNER_VISIBLE_STATUSES as readonly string[]).includes(subject.status)
  )
    return "shared";
  return null;
}
