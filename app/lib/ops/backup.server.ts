/**
 * Backups of either database (npm run db:backup / db:restore). SQLite: the online backup API
 * (better-sqlite3), consistent while the server runs. PostgreSQL: pg_dump's custom format and
 * pg_restore, from Debian's postgresql-client (on PATH, PG_BIN, or /usr/lib/postgresql/<n>/bin).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { isPostgresUrl } from "~/lib/db/dialect";

function postgresTool(name: string): string {
  if (process.env.PG_BIN) return path.join(process.env.PG_BIN, name);
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const candidate = path.join(root, v, "bin", name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return name;
}

function run(tool: string, args: string[]): void {
  const result = spawnSync(postgresTool(tool), args, { encoding: "utf8" });
  if (result.error) throw new Error(`${tool} could not run (${result.error.message}): install postgresql-client or set PG_BIN`);
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr.trim()}`);
}

export async function backupDatabase(url: string, out: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  if (isPostgresUrl(url)) {
    run("pg_dump", ["--format=custom", "--no-owner", "--file", out, "--dbname", url]);
    return;
  }
  const db = new Database(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
  try {
    await db.backup(out);
  } finally {
    db.close();
  }
}

/** Replaces the database's contents with the backup's (stop the app servers first). */
export async function restoreDatabase(url: string, backup: string): Promise<void> {
  if (!fs.existsSync(backup)) throw new Error(`${backup}: no such backup file`);
  if (isPostgresUrl(url)) {
    run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", url, backup]);
    return;
  }
  const source = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await source.backup(url.replace(/^file:/, ""));
  } finally {
    source.close();
  }
}
