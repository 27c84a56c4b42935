import { createTestUser, formData, TEST_ORIGIN, TEST_PASSWORD } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import {
  checkLoginThrottle,
  clientIp,
  InvalidCredentialsError,
  MAX_FAILURES_PER_EMAIL,
  SLOW_DOWN_AFTER_IP_FAILURES,
  slowDownMs,
  THROTTLE_WINDOW_MS,
  verifyLogin,
} from "~/lib/auth/login.server";
import { getUser } from "~/lib/auth/session.server";
import { updateUser } from "~/lib/auth/users.server";

const db = useTestDatabase();

// A fresh address per call unless a test names one, so the per-address limit of one test cannot
// leak into another.
let nextIp = 0;

async function postLogin(
  fields: Record<string, string>,
  opts: { ip?: string; headers?: HeadersInit; url?: string } = {}
) {
  const request = new Request(`${TEST_ORIGIN}${opts.url ?? "/login"}`, {
    method: "POST",
    headers: { origin: TEST_ORIGIN, ...opts.headers },
    body: formData(fields),
  });
  const result = await loginAction({
    request,
    params: {},
    context: { clientIp: opts.ip ?? `203.0.113.${nextIp++ % 250}` },
  });
  return result as Response;
}

async function errorOf(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { errors: Record<string, { key: string }> };
  return body.errors.form?.key ?? body.errors.email?.key ?? body.errors.password?.key;
}

function sessionRequest(response: Response): Request {
  const cookie = response.headers.get("set-cookie")!.split(";")[0];
  return new Request(`${TEST_ORIGIN}/`, { headers: { cookie } });
}

describe("login", () => {
  it("signs a user in with email (any case) and password and sends them back where they were", async () => {
    const user = await createTestUser("staff");
    const response = await postLogin({
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
      redirectTo: "/works?x=1",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/works?x=1");
    expect((await getUser(sessionRequest(response)))?.id).toBe(user.id);
  });

  it("never redirects to another site", async () => {
    const user = await createTestUser("staff");
    for (const redirectTo of [
      "https://evil.example/phish",
      "//evil.example",
      "/\\evil.example",
      "/login?redirectTo=/x",
      "/..//evil.example",
      "/.//evil.example",
      "/%2e%2e//evil.example",
    ]) {
      const response = await postLogin({ email: user.email, password: TEST_PASSWORD, redirectTo });
      expect(response.headers.get("location"), redirectTo).toBe("/");
    }
    const loaderRedirect = await loginLoader({
      request: new Request(`${TEST_ORIGIN}/login?redirectTo=${encodeURIComponent("//evil.example")}`),
      params: {},
      context: {},
    });
    expect(((await (loaderRedirect as Response).json()) as { redirectTo: string }).redirectTo).toBe("/");
  });

  it("gives the same answer for an unknown email and a wrong password", async () => {
    const user = await createTestUser("staff");
    const wrong = await postLogin({ email: user.email, password: "wrong password" });
    const unknown = await postLogin({ email: "nobody@example.org", password: "wrong password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await errorOf(wrong)).toBe("auth.error.invalidCredentials");
    expect(await errorOf(unknown)).toBe("auth.error.invalidCredentials");
  });

  it("names the field that is missing", async () => {
    const noEmail = await postLogin({ email: "", password: "x" });
    expect(noEmail.status).toBe(400);
    expect(await errorOf(noEmail)).toBe("auth.error.emailRequired");
    expect(await errorOf(await postLogin({ email: "a@b.org", password: "" }))).toBe("auth.error.passwordRequired");
  });

  it("refuses a deactivated user even with the right password", async () => {
    await createTestUser("admin");
    const user = await createTestUser("staff");
    await updateUser(user.id, { active: false });
    const response = await postLogin({ email: user.email, password: TEST_PASSWORD });
    expect(response.status).toBe(403);
    expect(await errorOf(response)).toBe("auth.error.disabled");
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a login form posted from another site", async () => {
    const user = await createTestUser("staff");
    const error = await postLogin(
      { email: user.email, password: TEST_PASSWORD },
      { headers: { origin: "https://evil.example" } }
    ).catch((e: unknown) => e);
    expect((error as Response).status).toBe(403);
  });

  it("records each attempt without the password", async () => {
    const user = await createTestUser("staff", { email: "recorded@example.org" });
    await postLogin({ email: user.email, password: "a wrong guess" }, { ip: "198.51.100.1" });
    await postLogin({ email: user.email, password: TEST_PASSWORD }, { ip: "198.51.100.1" });
    const attempts = await db.prisma().loginAttempt.findMany({ where: { email: user.email }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => [a.ip, a.ok])).toEqual([
      ["198.51.100.1", false],
      ["198.51.100.1", true],
    ]);
    expect(JSON.stringify(attempts)).not.toContain("wrong guess");
  });
});

describe("login attempt log", () => {
  it("drops failures older than a day when someone logs in, and keeps successful logins", async () => {
    const user = await createTestUser("staff", { email: "old-attempts@example.org" });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await db.prisma().loginAttempt.createMany({
      data: [
        { email: "someone@example.org", ip: "192.0.2.9", ok: false, createdAt: twoDaysAgo },
        { email: user.email, ip: "192.0.2.9", ok: true, createdAt: twoDaysAgo },
      ],
    });
    await postLogin({ email: user.email, password: TEST_PASSWORD });
    expect(await db.prisma().loginAttempt.count({ where: { createdAt: twoDaysAgo } })).toBe(1);
    expect(await db.prisma().loginAttempt.count({ where: { createdAt: twoDaysAgo, ok: true } })).toBe(1);
  });
});

describe("login throttling", () => {
  it("locks an email after 5 failures in 15 minutes, even for the right password", async () => {
    const user = await createTestUser("staff");
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect((await postLogin({ email: user.email, password: `guess ${i}` })).status).toBe(401);
    }
    const locked = await postLogin({ email: user.email, password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(await errorOf(locked)).toBe("auth.error.throttled");
    expect(locked.headers.get("set-cookie")).toBeNull();
  });

  it("locks unknown emails the same way (no account enumeration)", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await postLogin({ email: "ghost@example.org", password: `g${i}` });
    expect((await postLogin({ email: "ghost@example.org", password: "another" })).status).toBe(429);
  });

  it("lets the user in again 15 minutes after the failure that caused the lock", async () => {
    const user = await createTestUser("staff");
    const now = Date.now();
    const failedAt = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
    await db.prisma().loginAttempt.createMany({
      data: [20, 19, 18, 17, 16].map((m) => ({
        email: user.email,
        ip: "192.0.2.1",
        ok: false,
        createdAt: failedAt(m),
      })),
    });
    expect(await checkLoginThrottle(user.email, now)).toBeNull();
    expect(await checkLoginThrottle(user.email, now - 5 * 60_000)).toEqual(
      new Date(failedAt(16).getTime() + THROTTLE_WINDOW_MS)
    );
    expect((await postLogin({ email: user.email, password: TEST_PASSWORD })).status).toBe(302);
  });

  it("does not count failures spread over more than 15 minutes", async () => {
    const now = Date.now();
    await db.prisma().loginAttempt.createMany({
      data: [29, 22, 15, 8, 1].map((m) => ({
        email: "spread@example.org",
        ip: "192.0.2.2",
        ok: false,
        createdAt: new Date(now - m * 60_000),
      })),
    });
    expect(await checkLoginThrottle("spread@example.org", now)).toBeNull();
  });

  it("forgets an email's failures once its owner logs in", async () => {
    const user = await createTestUser("staff");
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await postLogin({ email: user.email, password: `guess ${i}` });
    expect((await postLogin({ email: user.email, password: TEST_PASSWORD })).status).toBe(302);
    expect((await postLogin({ email: user.email, password: "one more typo" })).status).toBe(401);
    expect((await postLogin({ email: user.email, password: TEST_PASSWORD })).status).toBe(302);
  });

  // Issue 10, defect 6: one office behind one proxy address must not lock everyone out.
  it("slows down wrong passwords from a noisy address but lets a correct one straight in", async () => {
    const ip = "198.51.100.99";
    for (let i = 0; i < SLOW_DOWN_AFTER_IP_FAILURES; i++) {
      expect((await postLogin({ email: `spray${i}@example.org`, password: "Password123" }, { ip })).status).toBe(401);
    }
    const colleague = await createTestUser("staff");
    const delays: number[] = [];
    const sleep = async (ms: number) => void delays.push(ms);
    const user = await verifyLogin({ email: colleague.email, password: TEST_PASSWORD, ip }, { sleep });
    expect(user.id).toBe(colleague.id);
    expect(delays).toEqual([]);
    const wrong = await verifyLogin({ email: colleague.email, password: "a typo", ip }, { sleep }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(InvalidCredentialsError);
    expect(delays).toEqual([500]);
    // The colleague's own account is not throttled by the address: the right password still works.
    expect((await postLogin({ email: colleague.email, password: TEST_PASSWORD }, { ip })).status).toBe(302);
  });

  it("doubles the slow-down every 5 failures, from half a second up to 10 seconds", () => {
    expect([0, 19, 20, 24, 25, 30, 45, 1000].map(slowDownMs)).toEqual([0, 0, 500, 500, 1000, 2000, 10_000, 10_000]);
  });

  it("counts parallel guesses exactly: 20 at once check the password 5 times", async () => {
    const user = await createTestUser("staff");
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => postLogin({ email: user.email, password: `parallel guess ${i}` }).then((r) => r.status))
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILURES_PER_EMAIL);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - MAX_FAILURES_PER_EMAIL);
    expect(await db.prisma().loginAttempt.count({ where: { email: user.email } })).toBe(MAX_FAILURES_PER_EMAIL);
  });

  it("takes the client address from the server's context only, never from a header", async () => {
    const request = new Request(`${TEST_ORIGIN}/login`, {
      method: "POST",
      headers: { origin: TEST_ORIGIN, "x-forwarded-for": "1.2.3.4" },
      body: formData({ email: "forwarded@example.org", password: "not the password" }),
    });
    await loginAction({ request, params: {}, context: {} });
    const attempt = await db.prisma().loginAttempt.findFirstOrThrow({ where: { email: "forwarded@example.org" } });
    expect(attempt.ip).toBe("unknown");
    expect(clientIp({ clientIp: "127.0.0.1" })).toBe("127.0.0.1");
  });
});
