import { spawnSync } from "node:child_process";
import path from "node:path";
import { useTestDatabase } from "../helpers/db";

const db = useTestDatabase();
const ROOT = path.resolve(__dirname, "..", "..");

function userCreate(args: string[], opts: { env?: Record<string, string>; input?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, ...opts.env };
  if (!opts.env?.REDLINE_PASSWORD) delete env.REDLINE_PASSWORD;
  const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/user-create.ts", ...args], {
    cwd: ROOT,
    env,
    input: opts.input ?? "",
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run user:create", () => {
  it("creates an admin with the password from REDLINE_PASSWORD", async () => {
    const result = userCreate(["--email", "Boss@Example.org", "--role", "admin", "--name", "李四"], {
      env: { REDLINE_PASSWORD: "a long admin password" },
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created admin boss@example.org");
    const user = await db.prisma().user.findUniqueOrThrow({ where: { email: "boss@example.org" } });
    expect(user).toMatchObject({ name: "李四", role: "admin", active: true });
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
  });

  it("reads the password from standard input with --password-stdin", async () => {
    const result = userCreate(["--email", "piped@example.org", "--role", "staff", "--password-stdin"], {
      input: "piped password 1\n",
    });
    expect(result.code).toBe(0);
    expect(await db.prisma().user.count({ where: { email: "piped@example.org" } })).toBe(1);
  });

  it.each([
    [
      ["--email", "x@example.org", "--role", "owner"],
      "piped password 1",
      /--role must be one of: partner, staff, lead, admin/,
    ],
    [["--role", "staff"], "piped password 1", /--email is required/],
    [["--email", "x@example.org", "--role", "staff"], "short", /at least 10 characters/],
    [["--email", "x@example.org", "--role", "staff", "--pasword-stdin"], "", /Unknown option '--pasword-stdin'/],
  ])("exits 1 with a clear message for %j", (args, password, message) => {
    const result = userCreate([...args, ...(password ? ["--password-stdin"] : [])], { input: password });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  it("refuses an email that already has an account", () => {
    const args = ["--email", "twice@example.org", "--role", "staff", "--password-stdin"];
    expect(userCreate(args, { input: "piped password 1" }).code).toBe(0);
    const again = userCreate(args, { input: "piped password 1" });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("An account with the email twice@example.org already exists.");
  });

  it("refuses to run without any password source when there is no terminal", () => {
    const result = userCreate(["--email", "nopw@example.org", "--role", "staff"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("No password given");
  });
});
