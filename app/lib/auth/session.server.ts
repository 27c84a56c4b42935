/**
 * Sessions are database rows; the browser holds only a random token in an http-only cookie.
 * See docs/decisions/0006-auth.md for the choices (cookie flags, expiry, CSRF, throttling).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { redirect } from "@remix-run/node";
import { getPrisma } from "~/lib/db.server";
import { readCookie } from "~/lib/http.server";
import { can, type Permission } from "./permissions";
import { safeRedirectTo } from "./redirect";
import { ROLES, type Role, type SessionUser } from "./types";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Renew the row at most once a day: sliding expiry without a write on every request. */
const RENEW_AFTER_MS = 24 * 60 * 60 * 1000;
/**
 * The cookie lives as long as the row: 30 days, and both slide together. Loaders cannot set cookies
 * through getUser, so a renewal is remembered by token here and the server entry re-sends the cookie
 * on that request's response (renewedSessionCookie).
 */
const COOKIE_MAX_AGE_S = SESSION_TTL_MS / 1000;
const renewedTokens = new Set<string>();

const COOKIE_BASE = "redline_session";

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || process.env.REDLINE_SECURE_COOKIES === "1";
}

/** `__Host-` pins the cookie to this exact host and path; browsers accept it only with Secure. */
export function sessionCookieName(request: Request): string {
  return isHttps(request) ? `__Host-${COOKIE_BASE}` : COOKIE_BASE;
}

function cookieAttributes(request: Request, maxAge: number): string {
  return ["Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`, ...(isHttps(request) ? ["Secure"] : [])].join(
    "; "
  );
}

export function serializeSessionCookie(request: Request, token: string): string {
  return `${sessionCookieName(request)}=${token}; ${cookieAttributes(request, COOKIE_MAX_AGE_S)}`;
}

/**
 * The Set-Cookie that slides the cookie's own expiry when this request renewed its session row, once;
 * null otherwise (called by app/entry.server.tsx for every page and data response).
 */
export function renewedSessionCookie(request: Request): string | null {
  const token = readCookie(request, sessionCookieName(request));
  if (!token || !renewedTokens.delete(token)) return null;
  return serializeSessionCookie(request, token);
}

function clearSessionCookie(request: Request): string {
  return `${sessionCookieName(request)}=; ${cookieAttributes(request, 0)}`;
}

function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Rows store a digest of the cookie token, so a leaked database copy holds no usable session. */
export function sessionIdFor(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function forbidden(): Response {
  return new Response("Forbidden", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

// Root and route loaders run for the same Request; look the session up once.
const userByRequest = new WeakMap<Request, Promise<SessionUser | null>>();

export function getUser(request: Request): Promise<SessionUser | null> {
  let pending = userByRequest.get(request);
  if (!pending) {
    pending = loadUser(request);
    userByRequest.set(request, pending);
  }
  return pending;
}

async function loadUser(request: Request): Promise<SessionUser | null> {
  const token = readCookie(request, sessionCookieName(request));
  if (!token) return null;
  const prisma = getPrisma();
  const id = sessionIdFor(token);
  const session = await prisma.session.findUnique({ where: { id }, include: { user: true } });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  const { user } = session;
  if (!user.active || !isRole(user.role)) return null;
  if (session.expiresAt.getTime() - now < SESSION_TTL_MS - RENEW_AFTER_MS) {
    await prisma.session.updateMany({ where: { id }, data: { expiresAt: new Date(now + SESSION_TTL_MS) } });
    renewedTokens.add(token);
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role, csrfToken: session.csrfToken };
}

/** Path and query of the current request, for sending the user back after login. */
function currentPath(request: Request): string {
  const url = new URL(request.url);
  // Client-side navigations fetch "/path.data?_routes=…"; Remix strips ".data" but not the route list.
  url.searchParams.delete("_routes");
  return url.pathname + url.search;
}

export async function requireUser(request: Request, opts: { roles?: Role[] } = {}): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    throw redirect(`/login?${new URLSearchParams({ redirectTo: currentPath(request) })}`);
  }
  if (opts.roles && !opts.roles.includes(user.role)) throw forbidden();
  return user;
}

export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user.role, permission)) throw forbidden();
  return user;
}

/**
 * A browser tells where a request came from (Sec-Fetch-Site, Origin); anything but this very origin
 * is refused, by either header. A request with neither header is not from a browser and so carries no victim's
 * cookies; for signed-in users the form token below still has to match.
 */
export function isSameOriginRequest(request: Request): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  try {
    // Host, not scheme: behind a TLS-terminating proxy the app itself sees http.
    return new URL(origin).host === new URL(request.url).host;
  } catch {
    return false; // "null" (sandboxed frames, privacy redirects) or garbage
  }
}

function tokensMatch(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every mutating action calls this. Anonymous forms (login) are protected by the origin check and
 * SameSite=Lax; signed-in users' forms must also echo the session's token in the `csrf` field.
 */
export function requireCsrf(request: Request, formData: FormData, user: SessionUser | null): void {
  if (!isSameOriginRequest(request)) throw forbidden();
  if (!user) return;
  const sent = formData.get("csrf");
  if (typeof sent !== "string" || !tokensMatch(sent, user.csrfToken)) throw forbidden();
}

/** The token `<CsrfInput />` renders; empty for anonymous visitors (see requireCsrf). */
export async function getCsrfToken(request: Request): Promise<string> {
  return (await getUser(request))?.csrfToken ?? "";
}

/** Create the row and return its cookie token (also used by tests/helpers/auth.ts). */
export async function createSession(userId: number): Promise<{ token: string; csrfToken: string }> {
  const prisma = getPrisma();
  const token = randomToken();
  const csrfToken = randomToken();
  const now = Date.now();
  await prisma.session.deleteMany({ where: { expiresAt: { lte: new Date(now) } } });
  await prisma.session.create({
    data: { id: sessionIdFor(token), userId, csrfToken, expiresAt: new Date(now + SESSION_TTL_MS) },
  });
  return { token, csrfToken };
}

/**
 * Start a fresh session (a new id on every login, so a planted cookie is never promoted) and redirect
 * to `redirectTo` if it is a path on this site.
 */
export async function createUserSession(userId: number, request: Request, redirectTo: string): Promise<Response> {
  const previous = readCookie(request, sessionCookieName(request));
  if (previous) await getPrisma().session.deleteMany({ where: { id: sessionIdFor(previous) } });
  const { token } = await createSession(userId);
  return redirect(safeRedirectTo(redirectTo), { headers: { "Set-Cookie": serializeSessionCookie(request, token) } });
}

export async function logout(request: Request, redirectTo = "/"): Promise<Response> {
  const token = readCookie(request, sessionCookieName(request));
  if (token) await getPrisma().session.deleteMany({ where: { id: sessionIdFor(token) } });
  return redirect(safeRedirectTo(redirectTo), { headers: { "Set-Cookie": clearSessionCookie(request) } });
}

/** Delete every session of the user (all browsers); returns how many there were. */
export async function logoutEverywhere(userId: number): Promise<number> {
  const { count } = await getPrisma().session.deleteMany({ where: { userId } });
  return count;
}
