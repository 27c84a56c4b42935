/**
 * PostgreSQL: the Prisma client generated from prisma/postgres/schema.prisma (same models as the
 * SQLite client, so it is typed as that one), a shared pg pool for the code that reads through pg
 * directly (search), and the migration runner for prisma/postgres/migrations.
 */
import path from "node:path";
import { pendingMigrations } from "./migration-files.server";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-postgres/client";
import type { PrismaClient } from "~/generated/prisma/client";

export const POSTGRES_MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "postgres", "migrations");
/** pg_advisory_lock key: app servers starting together apply migrations one at a time. */
const MIGRATION_LOCK = 724_1203;

// BIGINT (groupHash, counts) as numbers: every value we store fits in 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function createPostgresPrismaClient(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url });
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
}

declare global {
  // eslint-disable-next-line no-var
  var __redlinePgPools: Map<string, pg.Pool> | undefined;
}

/** One pool per URL per process, for direct reads that Prisma's per-query overhead would slow. */
export function getPgPool(url: string): pg.Pool {
  const pools = (globalThis.__redlinePgPools ??= new Map());
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 8 });
    pools.set(url, pool);
  }
  return pool;
}

export async function closePgPools(): Promise<void> {
  const pools = globalThis.__redlinePgPools;
  globalThis.__redlinePgPools = undefined;
  await Promise.all([...(pools?.values() ?? [])].map((p) => p.end()));
}

/** Apply the PostgreSQL migrations not yet applied, each in its own transaction; returns their names. */
export async function migratePostgres(url: string, migrationsDir = POSTGRES_MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "_redline_migrations" ("name" TEXT PRIMARY KEY, "applied_at" TEXT NOT NULL)`,
    );
    const applied = new Set(
      (await client.query<{ name: string }>(`SELECT "name" FROM "_redline_migrations"`)).rows.map((r) => r.name),
    );
    const done: string[] = [];
    for (const { name, sql } of pendingMigrations(migrationsDir, applied)) {
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(`INSERT INTO "_redline_migrations" ("name", "applied_at") VALUES ($1, $2)`, [
          name,
          new Date().toISOString(),
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`PostgreSQL migration ${name} failed: ${(error as Error).message}`);
      }
      done.push(name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}
