/**
 * Browser tests drive the BUILT app (run `npm run build` first; `npm test` does it in pretest) in real
 * Debian Chromium through playwright-core. Each test file gets its own server on a free port and its
 * own SQLite file, so files can run in parallel.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { migrateDatabase } from "~/lib/db.server";
import { freePort } from "../../scripts/lib/free-port";

export const ROOT = path.resolve(__dirname, "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface RunningApp {
  baseUrl: string;
  dbFile: string;
  dataDir: string;
  /** What the server printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** Start the built app on a free port with a fresh migrated database. */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  if (!fs.existsSync(path.join(ROOT, "build", "index.js"))) {
    throw new Error("The app is not built: run `npm run build` (npm test does it) before browser tests.");
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-e2e-"));
  const dbFile = path.join(dataDir, "e2e.db");
  migrateDatabase(dbFile);
  // Server modules used by the test process itself (createUser, ingest) point at the same file.
  process.env.DATABASE_URL = `file:${dbFile}`;
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, "scripts", "serve.mjs")],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: `file:${dbFile}`,
        REDLINE_SHARED_DIR: path.resolve(ROOT, "..", "shared"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited early:\n${output}`);
    try {
      const res = await fetch(baseUrl + "/healthz");
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The app did not start within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    baseUrl,
    dbFile,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      await globalThis.__redlinePrisma?.$disconnect();
      globalThis.__redlinePrisma = undefined;
      globalThis.__redlineMigrated = undefined;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * One app + one browser for a test file. `ctx.page()` opens a fresh page (Chinese locale by default)
 * whose uncaught page errors fail the test.
 */
export function useBrowserApp(env: Record<string, string> = {}) {
  const ctx = {} as {
    app: RunningApp;
    browser: Browser;
    pageErrors: string[];
    page(options?: { locale?: string }): Promise<Page>;
  };
  beforeAll(async () => {
    ctx.app = await startApp(env);
    ctx.browser = await launchBrowser();
    ctx.pageErrors = [];
    ctx.page = async (options = {}) => {
      const context = await ctx.browser.newContext({
        locale: options.locale ?? "zh-CN",
        baseURL: ctx.app.baseUrl,
        extraHTTPHeaders: { "Accept-Language": options.locale ?? "zh-CN" },
      });
      const page = await context.newPage();
      page.on("pageerror", (err) => ctx.pageErrors.push(String(err)));
      return page;
    };
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.app?.stop();
  });
  return ctx;
}

/** Log in through the real login form. */
export async function loginAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/邮箱|Email/).fill(email);
  await page.getByLabel(/密码|Password/).fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: /登录|Log in/ }).click()]);
}
