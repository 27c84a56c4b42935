import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "./app/lib/env.server";

// Offline-only Prisma: the JS engine with the better-sqlite3 driver adapter, so the CLI never
// downloads an engine binary (see docs/decisions/0001-stack.md).
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaBetterSQLite3({ url: databaseUrl() }, { shadowDatabaseUrl: ":memory:" });
  },
});
