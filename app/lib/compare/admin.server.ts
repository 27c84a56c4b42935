/**
 * Who may correct an alignment until accounts carry finer permissions: an admin (session + CSRF),
 * or a script presenting REDLINE_ADMIN_TOKEN in the x-redline-admin-token header. The token is a
 * password that never expires, so it must be long (32+ characters), is compared in constant time,
 * and wrong guesses from one address are throttled (docs/decisions/0009-limits.md).
 */
import crypto from "node:crypto";
import { requireCsrf, requireUser } from "~/lib/auth/session.server";

export const ADMIN_TOKEN_HEADER = "x-redline-admin-token";
export const MIN_ADMIN_TOKEN_LENGTH = 32;
export const MAX_WRONG_TOKENS = 5;
const WRONG_TOKEN_WINDOW_MS = 15 * 60 * 1000;

/**
 * The configured token, or why it is refused (the server will not start with a short one, and the
 * token path stays shut if it somehow runs with one).
 */
export function adminTokenFromEnv(env: Record<string, string | undefined> = process.env): { token: string | null; problem: string | null } {
  const value = env.REDLINE_ADMIN_TOKEN ?? "";
  if (!value) return { token: null, problem: null };
  if (value.length < MIN_ADMIN_TOKEN_LENGTH)
    return {
      token: null,
      problem: `REDLINE_ADMIN_TOKEN has ${value.length} characters; it needs at least ${MIN_ADMIN_TOKEN_LENGTH} (for example \`openssl rand -base64 33\`).`,
    };
  return { token: value, problem: null };
}

// Wrong tokens per client address, kept in memory: a restart forgets them, which only gives a
// guesser 5 more tries against a 32-character secret.
const wrongTokens = new Map<string, number[]>();

function recentWrongTokens(address: string, now: number): number[] {
  const recent = (wrongTokens.get(address) ?? []).filter((t) => now - t < WRONG_TOKEN_WINDOW_MS);
  if (recent.length) wrongTokens.set(address, recent);
  else wrongTokens.delete(address);
  return recent;
}

function tokensEqual(configured: string, sent: string): boolean {
  // Digests have equal lengths, so timingSafeEqual never throws and the length is not revealed.
  const a = crypto.createHash("sha256").update(configured).digest();
  const b = crypto.createHash("sha256").update(sent).digest();
  return crypto.timingSafeEqual(a, b);
}

function plain(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
}

/**
 * Returns the name recorded as the override's author; throws a redirect/403/429 Response otherwise.
 * `clientAddress` is the server's view of the client (context.clientIp).
 */
export async function requireAlignmentAdmin(request: Request, formData: FormData, clientAddress: string): Promise<string> {
  const sent = request.headers.get(ADMIN_TOKEN_HEADER);
  if (sent === null) {
    const user = await requireUser(request, { roles: ["admin"] });
    requireCsrf(request, formData, user);
    return user.email;
  }
  const now = Date.now();
  const recent = recentWrongTokens(clientAddress, now);
  if (recent.length >= MAX_WRONG_TOKENS) {
    const retryAfter = Math.ceil((recent[0] + WRONG_TOKEN_WINDOW_MS - now) / 1000);
    throw plain(429, "Too many wrong admin tokens from this address. Wait 15 minutes.", { "Retry-After": String(retryAfter) });
  }
  const { token } = adminTokenFromEnv();
  if (token && tokensEqual(token, sent)) return "admin-token";
  wrongTokens.set(clientAddress, [...recent, now]);
  throw plain(403, "The admin token is not correct, or no token is configured.");
}
