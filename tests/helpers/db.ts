import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { getPrisma, type PrismaClient } from "~/lib/db.server";

/**
 * A fresh, migrated SQLite file for this test file (real SQLite, never a mock). Sets DATABASE_URL so
 * that every server module in the process uses it. Removed after the file's tests.
 */
export function useTestDatabase(): { prisma: () => PrismaClient; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-test-"));
  const file = path.join(dir, "test.db");
  process.env.DATABASE_URL = `file:${file}`;
  afterAll(async () => {
    await globalThis.__redlinePrisma?.$disconnect();
    globalThis.__redlinePrisma = undefined;
    globalThis.__redlineMigrated = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { prisma: () => getPrisma(), file };
}

/** Absolute path of the shared data folder beside the repository (../shared). */
export const SHARED_DIR = path.resolve(__dirname, "..", "..", "..", "shared");
export const SHARED_CORPUS = path.join(SHARED_DIR, "corpus");
export const BENCH_CORPUS = path.join(SHARED_DIR, "bench-corpus");
