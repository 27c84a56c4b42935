import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { getPrisma, type PrismaClient } from "~/lib/db.server";
import { closePgPools } from "~/lib/db/postgres.server";

/**
 * Set by `npm run test:postgres` (scripts/test-postgres.ts): the throw-away cluster's admin URL and
 * a migrated template database that each test file's database is copied from.
 */
const POSTGRES_ADMIN_URL = process.env.REDLINE_TEST_POSTGRES_ADMIN_URL;
const POSTGRES_TEMPLATE = process.env.REDLINE_TEST_POSTGRES_TEMPLATE ?? "redline_template";

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh PostgreSQL database for this test file, copied from the migrated template. */
function useTestPostgresDatabase(): { prisma: () => PrismaClient; file: string; url: string } {
  const name = `redline_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(POSTGRES_ADMIN_URL!);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${POSTGRES_TEMPLATE}"`);
  });
  afterAll(async () => {
    await globalThis.__redlinePrisma?.$disconnect();
    globalThis.__redlinePrisma = undefined;
    globalThis.__redlineMigrated = undefined;
    globalThis.__redlineSearchEngine = undefined;
    await closePgPools();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  return { prisma: () => getPrisma(), file: url.toString(), url: url.toString() };
}

/**
 * A fresh, migrated SQLite file for this test file (real SQLite, never a mock), or a fresh
 * PostgreSQL database under `npm run test:postgres`. Sets DATABASE_URL so
 * that every server module in the process uses it. Removed after the file's tests.
 */
/** `url` is the DATABASE_URL the file's servers and CLIs use. */
export function useTestDatabase(): { prisma: () => PrismaClient; file: string; url: string } {
  if (POSTGRES_ADMIN_URL) return useTestPostgresDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-test-"));
  const file = path.join(dir, "test.db");
  process.env.DATABASE_URL = `file:${file}`;
  afterAll(async () => {
    await globalThis.__redlinePrisma?.$disconnect();
    globalThis.__redlinePrisma = undefined;
    globalThis.__redlineMigrated = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { prisma: () => getPrisma(), file, url: `file:${file}` };
}

/** Absolute path of the shared data folder beside the repository (../shared). */
export const SHARED_DIR = path.resolve(__dirname, "..", "..", "..", "shared");
export const SHARED_CORPUS = path.join(SHARED_DIR, "corpus");
export const BENCH_CORPUS = path.join(SHARED_DIR, "bench-corpus");
