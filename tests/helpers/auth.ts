/**
 * Signed-in requests for integration tests: call loaders and actions directly with a real session.
 *
 *   const staff = await createTestUser("staff");
 *   await loader({ request: authedRequest(staff, "/recommendations"), params: {}, context: {} });
 *   const body = new FormData(); body.set("title", "…");
 *   await action({ request: authedRequest(staff, "/recommendations/new", { method: "POST", body }), … });
 *
 * POST form bodies (FormData or URLSearchParams) get the session's `csrf` field unless they already
 * have one; pass `csrf: false` to leave it out (for CSRF tests).
 */
import { createSession, sessionCookieName } from "~/lib/auth/session.server";
import type { Role, SessionUser } from "~/lib/auth/types";
import { createUser } from "~/lib/auth/users.server";

export const TEST_ORIGIN = "http://localhost";
export const TEST_PASSWORD = "correct horse battery";

export interface TestUser extends SessionUser {
  password: string;
  /** Cookie header value that authenticates as this user. */
  cookie: string;
}

let counter = 0;

export async function createTestUser(
  role: Role,
  opts: { email?: string; name?: string; password?: string; organisation?: string } = {}
): Promise<TestUser> {
  counter += 1;
  const email = opts.email ?? `${role}-${counter}-${process.pid}@example.org`;
  const password = opts.password ?? TEST_PASSWORD;
  const user = await createUser({ email, name: opts.name ?? `Test ${role} ${counter}`, role, password, organisation: opts.organisation });
  const { token, csrfToken } = await createSession(user.id);
  const cookie = `${sessionCookieName(new Request(TEST_ORIGIN))}=${token}`;
  return { id: user.id, email: user.email, name: user.name, role, csrfToken, password, cookie };
}

export function authedRequest(
  user: TestUser | null,
  url: string,
  init: RequestInit & { csrf?: boolean } = {}
): Request {
  const { csrf = true, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (user) {
    const existing = headers.get("cookie");
    headers.set("cookie", existing ? `${existing}; ${user.cookie}` : user.cookie);
  }
  let body = rest.body;
  if (user && csrf && (body instanceof FormData || body instanceof URLSearchParams) && !body.has("csrf")) {
    body = body instanceof FormData ? cloneForm(body) : new URLSearchParams(body);
    body.set("csrf", user.csrfToken);
  }
  return new Request(new URL(url, TEST_ORIGIN), { ...rest, headers, body });
}

function cloneForm(form: FormData): FormData {
  const copy = new FormData();
  for (const [key, value] of form) copy.append(key, value);
  return copy;
}

/** Build a FormData from a plain object (repeated keys: pass an array). */
export function formData(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  return form;
}

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

/** Call a loader or action as `user` (POST when a body is given); a thrown Response is returned, not thrown. */
export async function callRoute(
  fn: unknown,
  user: TestUser | null,
  url: string,
  params: Record<string, string> = {},
  body?: FormData,
): Promise<Response> {
  const request = authedRequest(user, url, body ? { method: "POST", body } : {});
  try {
    return (await (fn as RouteFn)({ request, params, context: {} })) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}
