import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The Prisma CLI for the PostgreSQL schema (npm run db:postgres:sync): the JS engine with the pg
// driver adapter, like ../../prisma.config.ts for SQLite, so nothing is downloaded. migrate diff
// connects even when it only compares two schema files, hence a database URL (a throw-away cluster).
export default defineConfig({
  schema: path.join(import.meta.dirname, "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const url = process.env.REDLINE_PRISMA_POSTGRES_URL;
    if (!url) throw new Error("REDLINE_PRISMA_POSTGRES_URL is not set (scripts/db-postgres-sync.ts sets it)");
    return new PrismaPg({ connectionString: url });
  },
});
