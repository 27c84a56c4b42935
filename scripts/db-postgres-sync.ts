/**
 * The one command after any change to prisma/schema.prisma (docs/decisions/0012-postgresql.md):
 *   npm run db:postgres:sync [-- --name <migration-name>] [--timestamp YYYYMMDDHHMMSS]
 * derives prisma/postgres/schema.prisma, writes the PostgreSQL migration from the previous derived
 * schema to the new one (prisma migrate diff against a throw-away cluster), and generates the
 * PostgreSQL client. Nothing changes when the schemas already agree.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { derivePostgresSchema } from "../app/lib/db/postgres-schema";
import { startCluster } from "./postgres/cluster";

const { values } = parseArgs({ options: { name: { type: "string" }, timestamp: { type: "string" } } });
const root = path.resolve(import.meta.dirname, "..");
const schemaFile = path.join(root, "prisma", "postgres", "schema.prisma");
const migrationsDir = path.join(root, "prisma", "postgres", "migrations");
const config = path.join("prisma", "postgres", "prisma.config.ts");

const derived = derivePostgresSchema(fs.readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8"));
const previous = fs.existsSync(schemaFile) ? fs.readFileSync(schemaFile, "utf8") : null;

if (previous !== derived) {
  const timestamp = values.timestamp ?? new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  if (!/^\d{14}$/.test(timestamp)) throw new Error(`--timestamp: expected YYYYMMDDHHMMSS, got ${timestamp}`);
  const name = `${timestamp}_${values.name ?? (previous ? "schema_sync" : "init")}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "redline-pg-schema-"));
  const cluster = await startCluster();
  try {
    const from = path.join(tmp, "previous.prisma");
    const to = path.join(tmp, "next.prisma");
    if (previous) fs.writeFileSync(from, previous);
    fs.writeFileSync(to, derived);
    // The CLI reads the config's schema file to pick its engine: without it, it downloads one.
    fs.writeFileSync(schemaFile, derived);
    const sql = execFileSync(
      "npx",
      ["prisma", "migrate", "diff", "--config", config, ...(previous ? ["--from-schema-datamodel", from] : ["--from-empty"]), "--to-schema-datamodel", to, "--script"],
      { cwd: root, encoding: "utf8", env: { ...process.env, REDLINE_PRISMA_POSTGRES_URL: cluster.adminUrl }, stdio: ["ignore", "pipe", "inherit"] },
    );
    fs.mkdirSync(path.join(migrationsDir, name), { recursive: true });
    fs.writeFileSync(path.join(migrationsDir, name, "migration.sql"), sql);
    console.log(`PostgreSQL: wrote prisma/postgres/migrations/${name}/migration.sql (check it by hand) and prisma/postgres/schema.prisma`);
  } catch (error) {
    if (previous) fs.writeFileSync(schemaFile, previous);
    else fs.rmSync(schemaFile, { force: true });
    throw error;
  } finally {
    cluster.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
} else {
  console.log("PostgreSQL schema: already matches prisma/schema.prisma");
}
execFileSync("npx", ["prisma", "generate", "--schema", schemaFile], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
