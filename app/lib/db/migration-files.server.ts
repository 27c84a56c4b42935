import fs from "node:fs";
import path from "node:path";

/** The migrations of a folder not yet in `applied`, in name order (<dir>/<name>/migration.sql). */
export function pendingMigrations(migrationsDir: string, applied: Set<string>): { name: string; sql: string }[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !applied.has(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8") }));
}
