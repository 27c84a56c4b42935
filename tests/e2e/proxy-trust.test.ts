import { getPrisma } from "~/lib/db.server";
import { createTestUser, TEST_PASSWORD } from "../helpers/auth";
import { startApp, type RunningApp } from "./helpers";

// Issue 10, defect 6 and the cookie items of defect 7, through the built server: forwarded headers
// count only from REDLINE_TRUSTED_PROXIES (docs/decisions/0009-limits.md, "Client address").

async function postLogin(app: RunningApp, email: string, password: string, headers: Record<string, string>) {
  return fetch(app.baseUrl + "/login", {
    method: "POST",
    redirect: "manual",
    headers,
    body: new URLSearchParams({ email, password }),
  });
}

async function recordedIp(email: string): Promise<string> {
  return (await getPrisma().loginAttempt.findFirstOrThrow({ where: { email }, orderBy: { id: "desc" } })).ip;
}

describe("behind a trusted proxy (REDLINE_TRUSTED_PROXIES=127.0.0.1)", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ REDLINE_TRUSTED_PROXIES: "127.0.0.1, ::1" });
  });
  afterAll(() => app?.stop());

  it("counts each office colleague by the address the proxy forwarded, not by the proxy's", async () => {
    await postLogin(app, "first@example.org", "wrong password", { "x-forwarded-for": "6.6.6.6, 198.51.100.7" });
    expect(await recordedIp("first@example.org")).toBe("198.51.100.7");
    await postLogin(app, "second@example.org", "wrong password", { "x-forwarded-for": "198.51.100.8" });
    expect(await recordedIp("second@example.org")).toBe("198.51.100.8");
  });

  it("lets a colleague in with the right password after 25 failures from the same office address", async () => {
    const office = { "x-forwarded-for": "198.51.100.50" };
    for (let i = 0; i < 25; i++) await postLogin(app, `guess${i}@example.org`, "Password123", office);
    const colleague = await createTestUser("staff");
    const res = await postLogin(app, colleague.email, TEST_PASSWORD, office);
    expect(res.status).toBe(302);
  }, 120_000);

  it("marks the session cookie Secure (and __Host-) when the proxy says the client used https", async () => {
    const user = await createTestUser("staff");
    const res = await postLogin(app, user.email, TEST_PASSWORD, { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.9" });
    expect(res.status).toBe(302);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Host-redline_session=/);
    expect(cookie).toContain("; Secure");
    expect(cookie).toContain("Max-Age=2592000");
  });
});

describe("without trusted proxies (the default)", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.stop());

  it("ignores X-Forwarded-For and -Proto: anyone can write them", async () => {
    await postLogin(app, "spoofer@example.org", "wrong password", { "x-forwarded-for": "192.0.2.99" });
    expect(await recordedIp("spoofer@example.org")).toBe("127.0.0.1");
    const user = await createTestUser("staff");
    const res = await postLogin(app, user.email, TEST_PASSWORD, { "x-forwarded-proto": "https" });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^redline_session=/);
    expect(cookie).not.toContain("Secure");
  });
});

describe("configuration the server refuses", () => {
  it.each([
    [{ REDLINE_TRUSTED_PROXIES: "proxy.internal" }, /Not starting: REDLINE_TRUSTED_PROXIES: "proxy.internal" is not an IP address/],
    [{ REDLINE_ADMIN_TOKEN: "short" }, /Not starting: REDLINE_ADMIN_TOKEN has 5 characters; it needs at least 32/],
  ])("%j", async (env, message) => {
    await expect(startApp(env)).rejects.toThrow(message);
  });
});
