import fs from "node:fs";
import path from "node:path";

/**
 * The SQLite database file. DATABASE_URL ("file:/abs/path.db" or a plain path) overrides the
 * default data/redline.db under the project folder (git-ignored).
 */
export function databaseUrl(): string {
  const raw = process.env.DATABASE_URL;
  if (raw && raw.trim()) return raw.startsWith("file:") ? raw : `file:${raw}`;
  return `file:${path.resolve(process.cwd(), "data", "redline.db")}`;
}

export function databasePath(): string {
  return databaseUrl().replace(/^file:/, "");
}

export function ensureDataDir(): void {
  const dir = path.dirname(databasePath());
  if (dir && dir !== ":memory:") fs.mkdirSync(dir, { recursive: true });
}
