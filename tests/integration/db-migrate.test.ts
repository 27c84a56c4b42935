import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrateDatabase } from "~/lib/db.server";

describe("migrateDatabase", () => {
  it("applies every migration once, in order, and is a no-op the second time", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-migrate-"));
    const file = path.join(dir, "m.db");
    const names = fs.readdirSync(path.resolve("prisma/migrations"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(migrateDatabase(file)).toEqual(names);
    expect(migrateDatabase(file)).toEqual([]);
    const db = new Database(file);
    expect(db.prepare("SELECT count(*) AS n FROM _redline_migrations").get()).toEqual({ n: names.length });
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps existing rows when a later migration changes a table", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-migrate-"));
    const file = path.join(dir, "m.db");
    const all = path.resolve("prisma/migrations");
    const partial = path.join(dir, "migrations");
    fs.mkdirSync(partial);
    fs.cpSync(path.join(all, "20261129000000_init"), path.join(partial, "20261129000000_init"), { recursive: true });
    migrateDatabase(file, partial);
    const db = new Database(file);
    db.prepare(
      `INSERT INTO "User" (email, name, role, passwordHash, updatedAt) VALUES ('a@example.org', 'A', 'admin', 'x', CURRENT_TIMESTAMP)`,
    ).run();
    db.prepare(`INSERT INTO "Session" (id, userId, csrfToken, expiresAt) VALUES ('s1', 1, 't', CURRENT_TIMESTAMP)`).run();
    db.close();
    migrateDatabase(file, all);
    const after = new Database(file);
    expect(after.prepare(`SELECT email FROM "User"`).all()).toEqual([{ email: "a@example.org" }]);
    expect(after.prepare(`SELECT id FROM "Session"`).all()).toEqual([{ id: "s1" }]);
    after.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
