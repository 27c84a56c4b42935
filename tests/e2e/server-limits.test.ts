import http from "node:http";
import { createTestUser } from "../helpers/auth";
import { startApp, type RunningApp } from "./helpers";

// Issue 10, defects 3 and 7, against the built server (scripts/serve.mjs): bodies are bounded before
// they are read, cross-site posts and unknown URLs get clean answers, nothing logs a stack trace.
let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.stop());

const MiB = 1024 * 1024;

/**
 * POST `total` bytes in 64 KB chunks (declared with Content-Length, or chunked), stopping as soon as
 * the server answers. Resolves with the status and how many bytes were written by then.
 */
function postLarge(pathname: string, total: number, opts: { chunked?: boolean } = {}) {
  return new Promise<{ status: number; sent: number }>((resolve, reject) => {
    const url = new URL(pathname, app.baseUrl);
    const headers: http.OutgoingHttpHeaders = { "content-type": "application/x-www-form-urlencoded" };
    if (!opts.chunked) headers["content-length"] = total;
    const req = http.request(url, { method: "POST", headers });
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, "a");
    req.on("response", (res) => {
      answered = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, sent });
    });
    // The server closes the connection after refusing; writes still in flight may fail then.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

async function healthy(): Promise<boolean> {
  const res = await fetch(app.baseUrl + "/healthz");
  return res.ok;
}

describe("request bodies are bounded", () => {
  it("refuses a 300 MB login form from its Content-Length, before reading it", async () => {
    const { status, sent } = await postLarge("/login", 300 * MiB);
    expect(status).toBe(413);
    expect(sent).toBeLessThan(100 * MiB);
    await expect(healthy()).resolves.toBe(true);
  });

  it("refuses a chunked body once it passes 1 MB, and keeps answering meanwhile", async () => {
    const [first, second] = await Promise.all([
      postLarge("/login", 300 * MiB, { chunked: true }),
      postLarge("/login", 300 * MiB, { chunked: true }),
      healthy(),
    ]);
    expect([first.status, second.status]).toEqual([413, 413]);
    expect(Math.max(first.sent, second.sent)).toBeLessThan(100 * MiB);
    await expect(healthy()).resolves.toBe(true);
    const res = await fetch(app.baseUrl + "/login", {
      method: "POST",
      body: new URLSearchParams({ email: "someone@example.org", password: "wrong password" }),
    });
    expect(res.status).toBe(401);
  });

  it("allows the import its documented 20 MB upload limit", async () => {
    // 3 MB is over the form limit and under the upload limit: the import route itself answers
    // (an anonymous visitor is sent to the login page), not the body limit.
    const { status } = await postLarge("/import", 3 * MiB);
    expect(status).not.toBe(413);
    expect((await postLarge("/import", 40 * MiB)).status).toBe(413);
  });
});

describe("answers without stack traces", () => {
  it("refuses a form posted from another site with 403 on any route", async () => {
    const staff = await createTestUser("staff");
    for (const [pathname, headers] of [
      ["/login", { origin: "https://evil.test" }],
      ["/login", { origin: "null" }],
      ["/login", { origin: "not a url" }],
      ["/recommendations/new", { origin: "https://evil.test", cookie: staff.cookie }],
      ["/no-such-page", { origin: "https://evil.test" }],
      ["/login", { "sec-fetch-site": "cross-site" }],
      // A made-up forwarded host does not make a foreign origin look local.
      ["/login", { origin: "https://evil.test", "x-forwarded-host": "evil.test" }],
    ] as const) {
      const res = await fetch(app.baseUrl + pathname, {
        method: "POST",
        headers,
        body: new URLSearchParams({ email: "a@example.org", password: "whatever-it-is" }),
      });
      expect(res.status, `${pathname} ${JSON.stringify(headers)}`).toBe(403);
    }
  });

  it("answers an unknown URL with a 404 page in the visitor's language", async () => {
    const english = await fetch(app.baseUrl + "/no/such/page", { headers: { cookie: "lang=en" } });
    expect(english.status).toBe(404);
    const html = await english.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("That page or item does not exist.");
    const chinese = await fetch(app.baseUrl + "/no/such/page", { headers: { "accept-language": "zh-CN" } });
    expect(await chinese.text()).toContain("找不到该页面或资源。");
    const posted = await fetch(app.baseUrl + "/no/such/page", { method: "POST", body: new URLSearchParams({ a: "1" }) });
    expect(posted.status).toBe(404);
    // A page without a form: "method not allowed", which is not a server error either.
    const noAction = await fetch(app.baseUrl + "/works", { method: "POST", body: new URLSearchParams({ a: "1" }) });
    expect(noAction.status).toBe(405);
  });

  it("logs no stack trace for any of the above", () => {
    expect(app.output()).not.toMatch(/\n\s+at /);
    expect(app.output()).not.toMatch(/Error:/);
  });
});
