import fs from "node:fs";
import path from "node:path";
import { isPostgresUrl } from "./db/dialect";

/**
 * The database. DATABASE_URL is a SQLite file ("file:/abs/path.db" or a plain path; default
 * data/redline.db under the project folder, git-ignored) or a PostgreSQL server
 * ("postgresql://user:password@host:port/database", docs/decisions/0012-postgresql.md).
 */
export function databaseUrl(): string {
  const raw = process.env.DATABASE_URL?.trim();
  if (raw && isPostgresUrl(raw)) return raw;
  if (raw) return raw.startsWith("file:") ? raw : `file:${raw}`;
  return `file:${path.resolve(process.cwd(), "data", "redline.db")}`;
}

export function isPostgresConfigured(): boolean {
  return isPostgresUrl(databaseUrl());
}

/** The SQLite file (only meaningful when DATABASE_URL is not a PostgreSQL URL). */
export function databasePath(): string {
  return databaseUrl().replace(/^file:/, "");
}

export function ensureDataDir(): void {
  if (isPostgresConfigured()) return;
  const dir = path.dirname(databasePath());
  if (dir && dir !== ":memory:") fs.mkdirSync(dir, { recursive: true });
}
