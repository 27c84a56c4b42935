import fs from "node:fs";
import path from "node:path";
import { pendingMigrations } from "./db/migration-files.server";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { dialectFor, isPostgresUrl, type SqlDialect } from "./db/dialect";
import { closePgPools, createPostgresPrismaClient, migratePostgres } from "./db/postgres.server";
import { databasePath, databaseUrl, ensureDataDir } from "./env.server";

export type { PrismaClient };
/** The client handed to an interactive transaction callback. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");

/**
 * Apply prisma/migrations/<name>/migration.sql files that have not been applied yet, in name order,
 * each in its own transaction. We run them ourselves (not `prisma migrate deploy`) because every
 * test file gets a fresh database and spawning the Prisma CLI for each would cost a second apiece;
 * the SQL files are the same ones Prisma writes (see docs/decisions/0001-stack.md).
 */
export function migrateDatabase(file = databasePath(), migrationsDir = MIGRATIONS_DIR): string[] {
  ensureDataDir();
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(
      "CREATE TABLE IF NOT EXISTS _redline_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
    );
    const applied = new Set(
      (db.prepare("SELECT name FROM _redline_migrations").all() as { name: string }[]).map((r) => r.name),
    );
    const done: string[] = [];
    for (const { name, sql } of pendingMigrations(migrationsDir, applied)) {
      // Table redefinitions (copy, drop, rename) must not cascade deletes: foreign keys are off
      // while a migration runs (the pragma has no effect inside a transaction) and checked after.
      db.pragma("foreign_keys = OFF");
      try {
        db.transaction(() => {
          db.exec(sql);
          const broken = db.pragma("foreign_key_check") as unknown[];
          if (broken.length) throw new Error(`migration ${name} leaves ${broken.length} broken foreign key(s)`);
          db.prepare("INSERT INTO _redline_migrations (name, applied_at) VALUES (?, ?)").run(
            name,
            new Date().toISOString(),
          );
        })();
      } finally {
        db.pragma("foreign_keys = ON");
      }
      done.push(name);
    }
    return done;
  } finally {
    db.close();
  }
}

/** The configured database's migrations (npm run setup): SQLite file or PostgreSQL server. */
export async function migrateConfiguredDatabase(url = databaseUrl()): Promise<string[]> {
  return isPostgresUrl(url) ? migratePostgres(url) : migrateDatabase(url.replace(/^file:/, ""));
}

/** How raw SQL is spelled for the configured database (db/dialect.ts). */
export function sqlDialect(): SqlDialect {
  return dialectFor(databaseUrl());
}

export function createPrismaClient(url = databaseUrl()): PrismaClient {
  if (isPostgresUrl(url)) return createPostgresPrismaClient(url);
  const adapter = new PrismaBetterSQLite3({ url });
  return new PrismaClient({ adapter });
}

declare global {
  // eslint-disable-next-line no-var
  var __redlinePrisma: PrismaClient | undefined;
  // eslint-disable-next-line no-var
  var __redlineMigrated: string | undefined;
}

/**
 * The process-wide client; migrates a SQLite database on first use. A PostgreSQL server is migrated
 * by `npm run setup` (which `npm start` runs first): its migrations are asynchronous.
 */
export function getPrisma(): PrismaClient {
  const url = databaseUrl();
  if (globalThis.__redlineMigrated !== url) {
    if (!isPostgresUrl(url)) migrateDatabase(databasePath());
    globalThis.__redlineMigrated = url;
    globalThis.__redlinePrisma = undefined;
  }
  if (!globalThis.__redlinePrisma) globalThis.__redlinePrisma = createPrismaClient(url);
  return globalThis.__redlinePrisma;
}

/**
 * Closes this process's connections, so a CLI ends when its work is done: PostgreSQL pools keep the
 * event loop alive (a SQLite file does not).
 */
export async function closeDatabaseConnections(): Promise<void> {
  await globalThis.__redlinePrisma?.$disconnect();
  globalThis.__redlinePrisma = undefined;
  globalThis.__redlineMigrated = undefined;
  await closePgPools();
}
