import { getPrisma } from "~/lib/db.server";
import { burnPasswordCheck, verifyPassword } from "./password.server";
import { ROLES, type Role } from "./types";
import { normalizeEmail } from "./users.server";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;
/** Failed attempts older than this are deleted (they no longer count towards any lock). */
const FAILURE_RETENTION_MS = 24 * 60 * 60 * 1000;
/** An address we could not learn; never throttled as one address, or every visitor would share it. */
export const UNKNOWN_IP = "unknown";

/** Same message for an unknown email and a wrong password, so the form reveals no accounts. */
export class InvalidCredentialsError extends Error {
  constructor() {
    super("The email or password is not correct.");
    this.name = "InvalidCredentialsError";
  }
}

export class LoginThrottledError extends Error {
  constructor(readonly retryAt: Date) {
    super("Too many failed attempts. Wait 15 minutes, then try again.");
    this.name = "LoginThrottledError";
  }
}

/** Only said after the correct password, so it reveals nothing to someone guessing. */
export class AccountDisabledError extends Error {
  constructor() {
    super("This account has been deactivated. Ask an administrator to reactivate it.");
    this.name = "AccountDisabledError";
  }
}

/**
 * The lock ends 15 minutes after the failure that reached the limit. Refused attempts are not
 * recorded (they check no password). For an email, failures before its last successful login do not
 * count; for an address they always do, or one guesser could clear the count by logging into an
 * account of their own between guesses.
 */
async function lockedUntil(
  where: { email: string } | { ip: string },
  limit: number,
  now: number
): Promise<Date | null> {
  const prisma = getPrisma();
  const since = new Date(now - 2 * THROTTLE_WINDOW_MS);
  const lastSuccess =
    "email" in where
      ? await prisma.loginAttempt.findFirst({
          where: { ...where, ok: true, createdAt: { gte: since } },
          orderBy: { createdAt: "desc" },
        })
      : null;
  const failures = await prisma.loginAttempt.findMany({
    where: { ...where, ok: false, createdAt: { gte: lastSuccess?.createdAt ?? since } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { createdAt: true },
  });
  if (failures.length < limit) return null;
  const latest = failures[0].createdAt.getTime();
  const oldest = failures[limit - 1].createdAt.getTime();
  if (latest - oldest > THROTTLE_WINDOW_MS) return null;
  const until = latest + THROTTLE_WINDOW_MS;
  return until > now ? new Date(until) : null;
}

export async function checkLoginThrottle(email: string, ip: string, now = Date.now()): Promise<Date | null> {
  const byEmail = await lockedUntil({ email }, MAX_FAILURES_PER_EMAIL, now);
  if (byEmail) return byEmail;
  return ip === UNKNOWN_IP ? null : lockedUntil({ ip }, MAX_FAILURES_PER_IP, now);
}

export interface LoggedInUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

/**
 * Check a login. Throws LoginThrottledError, InvalidCredentialsError or AccountDisabledError.
 * Records the attempt (email, address, outcome; never the password).
 */
export async function verifyLogin(input: { email: string; password: string; ip: string }): Promise<LoggedInUser> {
  const email = normalizeEmail(input.email).slice(0, 320);
  const ip = input.ip.slice(0, 64) || UNKNOWN_IP;
  const retryAt = await checkLoginThrottle(email, ip);
  if (retryAt) throw new LoginThrottledError(retryAt);
  const prisma = getPrisma();
  const user = await prisma.user.findUnique({ where: { email } });
  let ok = false;
  if (user) ok = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password);
  await prisma.loginAttempt.create({ data: { email, ip, ok } });
  if (!user || !ok) throw new InvalidCredentialsError();
  // Failures only matter inside the throttle window; successes stay (they are the "last login").
  await prisma.loginAttempt.deleteMany({
    where: { ok: false, createdAt: { lt: new Date(Date.now() - FAILURE_RETENTION_MS) } },
  });
  if (!user.active || !(ROLES as readonly string[]).includes(user.role)) throw new AccountDisabledError();
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role };
}

/**
 * The client's address: from the server's load context when it provides one (scripts/serve.mjs),
 * else from X-Forwarded-For only when REDLINE_TRUST_PROXY=1 says a proxy we run sets it; a client
 * could otherwise write any address there.
 */
export function clientIp(request: Request, context?: unknown): string {
  const fromContext = (context as { clientIp?: unknown } | undefined)?.clientIp;
  if (typeof fromContext === "string" && fromContext) return fromContext;
  if (process.env.REDLINE_TRUST_PROXY === "1") {
    const hops = (request.headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    // The right-most entry is the one our own proxy appended.
    if (hops.length) return hops[hops.length - 1];
  }
  return UNKNOWN_IP;
}
