/**
 * Two app servers (scripts/serve.mjs over the built app) on one PostgreSQL database, as behind a
 * load balancer: a corpus sync started through one is reported, searchable, browsable and
 * comparable through the other; a session created on one is valid on the other; failed logins on
 * both count towards one lock.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createUser } from "~/lib/auth/users.server";
import { SHARED_CORPUS, useTestDatabase } from "../helpers/db";
import { freePort } from "../../scripts/lib/free-port";

const db = useTestDatabase();
const ROOT = path.resolve(__dirname, "..", "..");

interface Server {
  url: string;
  child: ChildProcess;
}

async function startServer(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "serve.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: db.url,
      REDLINE_CORPUS_MIRROR: SHARED_CORPUS,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { url, child };
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Polls until `check` returns a value, or fails after `ms`. */
async function within<T>(ms: number, what: string, check: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function login(server: Server, email: string, password: string): Promise<Response> {
  return fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: server.url, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, redirectTo: "/account" }),
  });
}

let a: Server;
let b: Server;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, "build", "index.js"))) throw new Error("run npm run build first");
  [a, b] = await Promise.all([startServer(), startServer()]);
}, 60_000);

afterAll(async () => {
  for (const s of [a, b]) {
    if (s && s.child.exitCode === null) {
      const exited = new Promise((r) => s.child.once("exit", r));
      s.child.kill("SIGTERM");
      await exited;
    }
  }
});

describe("two app servers on one PostgreSQL", () => {
  it("reports, searches, browses and compares on one server what a sync through the other stored", async () => {
    const search = (q: string) =>
      fetch(`${b.url}/api/search?${new URLSearchParams({ q, status: "all" })}`).then((r) => r.json() as Promise<{ total: number }>);
    // B's search caches are loaded (and empty) before anything is ingested.
    expect((await search("监护人")).total).toBe(0);

    const started = await fetch(`${a.url}/corpus/sync`, { method: "POST", headers: { origin: a.url }, body: new URLSearchParams() });
    expect(started.status).toBe(200);

    // Progress is read from the database: B reports the job A runs.
    const seen = new Set<string>();
    const job = await within(180_000, "B reports the sync A runs as done", async () => {
      const { job } = (await (await fetch(`${b.url}/corpus/sync`)).json()) as { job: { state: string; done: number; total: number } | null };
      if (job) seen.add(job.state);
      return job?.state === "done" ? job : null;
    });
    expect(job.done).toBe(job.total);
    expect(job.total).toBeGreaterThanOrEqual(15);
    expect(seen.has("running") || seen.has("done")).toBe(true);

    const found = await within(5_000, "B finds the new texts", async () => {
      const r = await search("监护人");
      return r.total > 0 ? r : null;
    });
    expect(found.total).toBeGreaterThan(10);
    const work = await fetch(`${b.url}/works/minors-protection-law`);
    expect(work.status).toBe(200);
    expect(await work.text()).toContain("未成年人保护法");
    const compare = await fetch(`${b.url}/compare?work=minors-protection-law&from=2020-10-17&to=2024-04-26`);
    expect(compare.status).toBe(200);
    expect(await compare.text()).toContain("第九条");

    const health = await Promise.all([a, b].map((s) => fetch(`${s.url}/healthz`).then((r) => r.json())));
    for (const h of health) {
      expect(h).toMatchObject({ ok: true, database: "postgresql", search: { ok: true, engine: "postgresql" } });
    }
    expect(health[1].corpus.generation).toBe(health[0].corpus.generation);
  }, 240_000);

  it("accepts on one server the session created by signing in on the other", async () => {
    await createUser({ email: "two-servers@example.org", name: "Two Servers", role: "staff", password: "correct horse battery" });
    const res = await login(a, "two-servers@example.org", "correct horse battery");
    expect(res.status).toBe(302);
    const cookie = res.headers.get("set-cookie")!.split(";")[0];
    const onB = await fetch(`${b.url}/account`, { headers: { cookie }, redirect: "manual" });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain("two-servers@example.org");
    const anonymous = await fetch(`${b.url}/account`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
  });

  it("counts failed logins on both servers towards one lock", async () => {
    await createUser({ email: "throttled@example.org", name: "Throttled", role: "staff", password: "correct horse battery" });
    for (const server of [a, b, a, b, a]) {
      expect((await login(server, "throttled@example.org", "wrong password")).status).toBe(401);
    }
    // Five failures, spread over both servers: locked on both, even for the right password.
    expect((await login(b, "throttled@example.org", "correct horse battery")).status).toBe(429);
    expect((await login(a, "throttled@example.org", "correct horse battery")).status).toBe(429);
  });

  it("lets no more than five of many guesses sent at once to both servers check a password", async () => {
    await createUser({ email: "parallel@example.org", name: "Parallel", role: "staff", password: "correct horse battery" });
    const statuses = await Promise.all(
      [a, b, a, b, a, b, a, b, a, b, a, b].map((server) => login(server, "parallel@example.org", "wrong password").then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  }, 60_000);
});
