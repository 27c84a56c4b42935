import { getPrisma, type PrismaClient, type Tx } from "~/lib/db.server";
import { isPostgresConfigured } from "~/lib/env.server";
import { burnPasswordCheck, verifyPassword } from "./password.server";
import { ROLES, type Role } from "./types";
import { normalizeEmail } from "./users.server";

type Db = PrismaClient | Tx;

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
/** Failures from one address in the window before its wrong passwords are answered slowly. */
export const SLOW_DOWN_AFTER_IP_FAILURES = 20;
/** The slow-down doubles every 5 failures beyond the threshold, from 0.5 s up to 10 s. */
const SLOW_DOWN_BASE_MS = 500;
const SLOW_DOWN_MAX_MS = 10_000;
/** Failed attempts older than this are deleted (they no longer count towards any lock). */
const FAILURE_RETENTION_MS = 24 * 60 * 60 * 1000;
/** An address we could not learn; never slowed down as one address, or every visitor would share it. */
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
 * An email is locked 15 minutes after the failure that reached the limit. Refused attempts are not
 * recorded (they check no password), so the lock really ends. Failures before the email's last
 * successful login do not count.
 */
export async function checkLoginThrottle(email: string, now = Date.now(), prisma: Db = getPrisma()): Promise<Date | null> {
  const since = new Date(now - 2 * THROTTLE_WINDOW_MS);
  const lastSuccess = await prisma.loginAttempt.findFirst({
    where: { email, ok: true, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
  });
  const failures = await prisma.loginAttempt.findMany({
    where: { email, ok: false, createdAt: { gte: lastSuccess?.createdAt ?? since } },
    orderBy: { createdAt: "desc" },
    take: MAX_FAILURES_PER_EMAIL,
    select: { createdAt: true },
  });
  if (failures.length < MAX_FAILURES_PER_EMAIL) return null;
  const latest = failures[0].createdAt.getTime();
  const oldest = failures[MAX_FAILURES_PER_EMAIL - 1].createdAt.getTime();
  if (latest - oldest > THROTTLE_WINDOW_MS) return null;
  const until = latest + THROTTLE_WINDOW_MS;
  return until > now ? new Date(until) : null;
}

/**
 * How long to hold back the answer to a wrong password from an address with `failures` failures in
 * the window. One office behind one proxy address shares this count, so it only ever delays wrong
 * passwords: a colleague typing the right one is never held up by someone else's guessing.
 */
export function slowDownMs(failures: number): number {
  if (failures < SLOW_DOWN_AFTER_IP_FAILURES) return 0;
  const doublings = Math.floor((failures - SLOW_DOWN_AFTER_IP_FAILURES) / 5);
  return Math.min(SLOW_DOWN_MAX_MS, SLOW_DOWN_BASE_MS * 2 ** doublings);
}

/** Failures from one address in the window; successes do not reset it (a guesser could log into their own account). */
async function recentFailuresFrom(ip: string, now: number): Promise<number> {
  if (ip === UNKNOWN_IP) return 0;
  return getPrisma().loginAttempt.count({ where: { ip, ok: false, createdAt: { gte: new Date(now - THROTTLE_WINDOW_MS) } } });
}

// Check, verify and record run one at a time per email, so parallel guesses see each other's
// failures: without this, 20 requests sent together all passed the check before any was recorded.
// In one process an in-process queue orders them; on PostgreSQL several app servers share the
// database, so each attempt also holds a transaction-scoped advisory lock on the email while it
// checks, verifies and records (the record is committed before the lock is released).
const attemptsInFlight = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, task: (db: Db) => Promise<T>): Promise<T> {
  const run = (attemptsInFlight.get(key) ?? Promise.resolve()).then(
    () => acrossServers(key, task),
    () => acrossServers(key, task),
  );
  const settled = run.catch(() => undefined);
  attemptsInFlight.set(key, settled);
  try {
    return await run;
  } finally {
    if (attemptsInFlight.get(key) === settled) attemptsInFlight.delete(key);
  }
}

/** Advisory lock namespace (first key of pg_advisory_xact_lock(int, int)) for login attempts. */
const LOGIN_LOCK = 724_1204;

/** Runs task on the connection that holds the lock (a second one per attempt could exhaust the pool). */
async function acrossServers<T>(email: string, task: (db: Db) => Promise<T>): Promise<T> {
  if (!isPostgresConfigured()) return task(getPrisma());
  return getPrisma().$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, LOGIN_LOCK, email);
      return task(tx);
    },
    // Waiting for the other servers' attempts on this email and one password check.
    { timeout: 60_000, maxWait: 60_000 },
  );
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
export async function verifyLogin(
  input: { email: string; password: string; ip: string },
  options: { sleep?: (ms: number) => Promise<void> } = {}
): Promise<LoggedInUser> {
  const email = normalizeEmail(input.email).slice(0, 320);
  const ip = input.ip.slice(0, 64) || UNKNOWN_IP;
  const prisma = getPrisma();
  const { user, ok } = await oneAtATime(email, async (db) => {
    const retryAt = await checkLoginThrottle(email, Date.now(), db);
    if (retryAt) throw new LoginThrottledError(retryAt);
    const user = await db.user.findUnique({ where: { email } });
    let ok = false;
    if (user) ok = await verifyPassword(user.passwordHash, input.password);
    else await burnPasswordCheck(input.password);
    await db.loginAttempt.create({ data: { email, ip, ok } });
    return { user, ok };
  });
  if (!user || !ok) {
    const delay = slowDownMs(await recentFailuresFrom(ip, Date.now()));
    if (delay) await (options.sleep ?? sleep)(delay);
    throw new InvalidCredentialsError();
  }
  // Failures only matter inside the throttle window; successes stay (they are the "last login").
  await prisma.loginAttempt.deleteMany({
    where: { ok: false, createdAt: { lt: new Date(Date.now() - FAILURE_RETENTION_MS) } },
  });
  if (!user.active || !(ROLES as readonly string[]).includes(user.role)) throw new AccountDisabledError();
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The client's address, as the server's Node handler worked it out from the socket and the trusted
 * proxies' X-Forwarded-For (app/lib/http/proxy.server.ts); unknown without that context.
 */
export function clientIp(context?: unknown): string {
  const fromContext = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof fromContext === "string" && fromContext ? fromContext : UNKNOWN_IP;
}
