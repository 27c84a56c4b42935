/**
 * Who may correct an alignment until accounts carry finer permissions: an admin (session + CSRF),
 * or a script presenting REDLINE_ADMIN_TOKEN in the x-redline-admin-token header.
 */
import crypto from "node:crypto";
import { requireCsrf, requireUser } from "~/lib/auth/session.server";

export const ADMIN_TOKEN_HEADER = "x-redline-admin-token";

function tokenMatches(request: Request): boolean {
  const configured = process.env.REDLINE_ADMIN_TOKEN ?? "";
  const sent = request.headers.get(ADMIN_TOKEN_HEADER) ?? "";
  if (!configured || !sent) return false;
  const a = crypto.createHash("sha256").update(configured).digest();
  const b = crypto.createHash("sha256").update(sent).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Returns the name recorded as the override's author; throws a redirect/403 Response otherwise. */
export async function requireAlignmentAdmin(request: Request, formData: FormData): Promise<string> {
  if (tokenMatches(request)) return "admin-token";
  const user = await requireUser(request, { roles: ["admin"] });
  requireCsrf(request, formData, user);
  return user.email;
}
