export const ROLES = ["partner", "staff", "lead", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user as loaders and actions see it. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** Token every mutating form must echo back (see requireCsrf in app/lib/auth/session.server.ts). */
  csrfToken: string;
}
