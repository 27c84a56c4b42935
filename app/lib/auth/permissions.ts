import type { Role } from "./types";

/**
 * Everything a route may ask about. Public pages (browse, search, compare) also work for anonymous
 * visitors; these permissions describe what a signed-in role may do.
 */
export const PERMISSIONS = [
  "corpus.read",
  "corpus.import",
  "search.read",
  "compare.read",
  "alignment.override",
  "recommendation.read-shared",
  "recommendation.read-internal",
  "recommendation.create",
  "recommendation.edit-own",
  "recommendation.edit-any-draft",
  "recommendation.comment",
  /** The partner discussion of a shared recommendation: partners and staff alike. */
  "recommendation.discuss",
  "recommendation.submit-for-review",
  "recommendation.approve",
  "recommendation.reject",
  "recommendation.submit",
  "recommendation.record-outcome",
  "recommendation.change-owner",
  "submission.read",
  "submission.manage",
  "submission.export",
  "consultation.read",
  "consultation.manage",
  "dashboard.read",
  "users.manage",
  "settings.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const PARTNER: readonly Permission[] = ["corpus.read", "search.read", "compare.read", "recommendation.read-shared", "recommendation.discuss"];

const STAFF: readonly Permission[] = [
  ...PARTNER,
  "recommendation.read-internal",
  "recommendation.create",
  "recommendation.edit-own",
  "recommendation.edit-any-draft",
  "recommendation.comment",
  "recommendation.submit-for-review",
  "submission.read",
  "consultation.read",
  "dashboard.read",
];

const LEAD: readonly Permission[] = [
  ...STAFF,
  "corpus.import",
  "recommendation.approve",
  "recommendation.reject",
  "recommendation.submit",
  "recommendation.record-outcome",
  // Who owns an item decides who may send it for review; handing it over is a lead's decision.
  "recommendation.change-owner",
  "submission.manage",
  "submission.export",
  "consultation.manage",
];

// Admins run the installation, and in a small NGO the admin is also a senior lead, so the role is a
// superset rather than a separate silo (docs/decisions/0006-auth.md).
const ADMIN: readonly Permission[] = [...LEAD, "alignment.override", "users.manage", "settings.manage"];

const MATRIX: Record<Role, ReadonlySet<Permission>> = {
  partner: new Set(PARTNER),
  staff: new Set(STAFF),
  lead: new Set(LEAD),
  admin: new Set(ADMIN),
};

export function can(role: Role, action: Permission): boolean {
  return MATRIX[role]?.has(action) ?? false;
}

/** Roles holding a permission, e.g. for `requireUser(request, { roles: rolesWith("submission.manage") })`. */
export function rolesWith(action: Permission): Role[] {
  return (Object.keys(MATRIX) as Role[]).filter((role) => MATRIX[role].has(action));
}
