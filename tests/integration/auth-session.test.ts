import { authedRequest, createTestUser, formData, TEST_ORIGIN } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";
import {
  createUserSession,
  getCsrfToken,
  getUser,
  logout,
  logoutEverywhere,
  renewedSessionCookie,
  requireCsrf,
  requireUser,
  SESSION_TTL_MS,
  sessionIdFor,
} from "~/lib/auth/session.server";
import { updateUser } from "~/lib/auth/users.server";

const db = useTestDatabase();

async function thrown(fn: () => unknown): Promise<Response> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

function setCookieOf(response: Response): string {
  const header = response.headers.get("set-cookie");
  expect(header).toBeTruthy();
  return header!;
}

function tokenFrom(setCookie: string): string {
  return setCookie.split(";")[0].split("=").slice(1).join("=");
}

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax, Path=/ and not Secure over plain http", async () => {
    const user = await createTestUser("staff");
    const response = await createUserSession(user.id, new Request(`${TEST_ORIGIN}/login`), "/works");
    const cookie = setCookieOf(response);
    expect(cookie).toMatch(/^redline_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Secure");
    expect(cookie).not.toContain("Domain=");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/works");
  });

  it("uses the __Host- prefix and Secure under https, and reads only that name there", async () => {
    const user = await createTestUser("staff");
    const response = await createUserSession(user.id, new Request("https://redline.example/login"), "/");
    const cookie = setCookieOf(response);
    expect(cookie).toMatch(/^__Host-redline_session=/);
    expect(cookie).toContain("Secure");
    const token = tokenFrom(cookie);
    const https = new Request("https://redline.example/", { headers: { cookie: `__Host-redline_session=${token}` } });
    expect((await getUser(https))?.id).toBe(user.id);
    const plainName = new Request("https://redline.example/", { headers: { cookie: `redline_session=${token}` } });
    expect(await getUser(plainName)).toBeNull();
  });

  it("stores a digest of the cookie token, never the token itself", async () => {
    const user = await createTestUser("staff");
    const token = tokenFrom(setCookieOf(await createUserSession(user.id, new Request(TEST_ORIGIN), "/")));
    const rows = await db.prisma().session.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => r.id)).toContain(sessionIdFor(token));
    expect(rows.map((r) => r.id)).not.toContain(token);
    expect(rows.every((r) => r.csrfToken.length >= 43)).toBe(true);
  });

  it("redirects only to paths on this site after login", async () => {
    const user = await createTestUser("staff");
    const request = new Request(`${TEST_ORIGIN}/login`);
    for (const target of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      expect((await createUserSession(user.id, request, target)).headers.get("location")).toBe("/");
    }
  });
});

describe("getUser and requireUser", () => {
  it("returns the signed-in user with the session's CSRF token", async () => {
    const user = await createTestUser("lead", { name: "张三" });
    const request = authedRequest(user, "/dashboard");
    expect(await getUser(request)).toEqual({
      id: user.id,
      email: user.email,
      name: "张三",
      role: "lead",
      csrfToken: user.csrfToken,
    });
    expect(await getCsrfToken(request)).toBe(user.csrfToken);
  });

  it("treats a missing or forged cookie as anonymous", async () => {
    expect(await getUser(new Request(`${TEST_ORIGIN}/`))).toBeNull();
    const forged = new Request(`${TEST_ORIGIN}/`, { headers: { cookie: "redline_session=forged" } });
    expect(await getUser(forged)).toBeNull();
    expect(await getCsrfToken(forged)).toBe("");
  });

  it("sends anonymous visitors to the login page with the path to come back to", async () => {
    const response = await thrown(() => requireUser(new Request(`${TEST_ORIGIN}/recommendations/4?tab=comments`)));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Frecommendations%2F4%3Ftab%3Dcomments");
  });

  it("leaves Remix's internal route list out of the path to come back to", async () => {
    const response = await thrown(() =>
      requireUser(new Request(`${TEST_ORIGIN}/account?_routes=root%2Croutes%2Faccount&tab=1`))
    );
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Faccount%3Ftab%3D1");
  });

  it("answers 403 to a signed-in user of the wrong role", async () => {
    const partner = await createTestUser("partner");
    const response = await thrown(() =>
      requireUser(authedRequest(partner, "/submissions"), { roles: ["staff", "lead"] })
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("Forbidden");
    await expect(requireUser(authedRequest(partner, "/works"), { roles: ["partner"] })).resolves.toMatchObject({
      id: partner.id,
    });
  });

  it("ends an expired session and deletes its row", async () => {
    const user = await createTestUser("staff");
    const id = (await db.prisma().session.findFirstOrThrow({ where: { userId: user.id } })).id;
    await db.prisma().session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getUser(authedRequest(user, "/"))).toBeNull();
    expect(await db.prisma().session.count({ where: { id } })).toBe(0);
  });

  it("slides the expiry forward when a session is used after a day", async () => {
    const user = await createTestUser("staff");
    const id = (await db.prisma().session.findFirstOrThrow({ where: { userId: user.id } })).id;
    const inTwentyDays = new Date(Date.now() + 20 * 24 * 3600 * 1000);
    await db.prisma().session.update({ where: { id }, data: { expiresAt: inTwentyDays } });
    expect(await getUser(authedRequest(user, "/"))).not.toBeNull();
    const renewed = await db.prisma().session.findUniqueOrThrow({ where: { id } });
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_TTL_MS - 60_000);
    // Issue 10: the cookie slides with the row (30 days, not the browsers' 400-day cap), once.
    const sameBrowser = authedRequest(user, "/works");
    expect(renewedSessionCookie(sameBrowser)).toMatch(/^redline_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000$/);
    expect(renewedSessionCookie(sameBrowser)).toBeNull();
  });

  it("stops working at once for a deactivated user", async () => {
    await createTestUser("admin");
    const user = await createTestUser("staff");
    expect(await getUser(authedRequest(user, "/"))).not.toBeNull();
    await updateUser(user.id, { active: false });
    expect(await getUser(authedRequest(user, "/"))).toBeNull();
    expect(await db.prisma().session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("sees a role change on the next request", async () => {
    await createTestUser("admin");
    const user = await createTestUser("staff");
    await updateUser(user.id, { role: "lead" });
    expect((await getUser(authedRequest(user, "/")))?.role).toBe("lead");
  });
});

describe("logout", () => {
  it("deletes the session row and clears the cookie", async () => {
    const user = await createTestUser("staff");
    const response = await logout(authedRequest(user, "/logout", { method: "POST" }));
    expect(response.status).toBe(302);
    expect(setCookieOf(response)).toMatch(/^redline_session=; .*Max-Age=0/);
    expect(await db.prisma().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getUser(authedRequest(user, "/"))).toBeNull();
  });

  it("logs out everywhere: every session of that user, and nobody else's", async () => {
    const user = await createTestUser("staff");
    const other = await createTestUser("staff");
    await createUserSession(user.id, new Request(TEST_ORIGIN), "/");
    await createUserSession(user.id, new Request(TEST_ORIGIN), "/");
    expect(await logoutEverywhere(user.id)).toBe(3);
    expect(await getUser(authedRequest(user, "/"))).toBeNull();
    expect(await getUser(authedRequest(other, "/"))).not.toBeNull();
  });

  it("replaces the session a browser already had when it logs in again", async () => {
    const user = await createTestUser("staff");
    await createUserSession(user.id, authedRequest(user, "/login"), "/");
    expect(await getUser(authedRequest(user, "/"))).toBeNull();
    expect(await db.prisma().session.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("requireCsrf", () => {
  it("accepts the session's token", async () => {
    const user = await createTestUser("staff");
    const request = authedRequest(user, "/x", { method: "POST", headers: { origin: TEST_ORIGIN } });
    expect(() => requireCsrf(request, formData({ csrf: user.csrfToken }), user)).not.toThrow();
  });

  it.each([
    ["missing", {}],
    ["wrong", { csrf: "A".repeat(43) }],
    ["empty", { csrf: "" }],
  ])("refuses a %s token with 403", async (_label, fields) => {
    const user = await createTestUser("staff");
    const request = authedRequest(user, "/x", { method: "POST" });
    const response = await thrown(() => requireCsrf(request, formData(fields), user));
    expect(response.status).toBe(403);
  });

  it("refuses another user's token", async () => {
    const user = await createTestUser("staff");
    const other = await createTestUser("staff");
    const response = await thrown(() =>
      requireCsrf(authedRequest(user, "/x", { method: "POST" }), formData({ csrf: other.csrfToken }), user)
    );
    expect(response.status).toBe(403);
  });

  it.each([
    ["a cross-site Origin", { origin: "https://evil.example" }],
    ["an opaque Origin", { origin: "null" }],
    ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site same-site", { "sec-fetch-site": "same-site", origin: TEST_ORIGIN }],
  ])("refuses %s even with the right token, and for anonymous forms", async (_label, headers) => {
    const user = await createTestUser("staff");
    const signedIn = authedRequest(user, "/x", { method: "POST", headers });
    expect((await thrown(() => requireCsrf(signedIn, formData({ csrf: user.csrfToken }), user))).status).toBe(403);
    const anonymous = new Request(`${TEST_ORIGIN}/login`, { method: "POST", headers });
    expect((await thrown(() => requireCsrf(anonymous, formData({}), null))).status).toBe(403);
  });

  it("accepts same-origin browser posts and posts from non-browser clients", async () => {
    const variants: Record<string, string>[] = [{ "sec-fetch-site": "same-origin" }, { origin: TEST_ORIGIN }, {}];
    for (const headers of variants) {
      const request = new Request(`${TEST_ORIGIN}/login`, { method: "POST", headers });
      expect(() => requireCsrf(request, formData({}), null)).not.toThrow();
    }
  });
});
