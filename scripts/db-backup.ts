/** npm run db:backup [-- --out <file>]: a consistent backup of the configured database (SQLite or PostgreSQL). */
import { parseArgs } from "node:util";
import { databaseUrl, isPostgresConfigured } from "../app/lib/env.server";
import { backupDatabase } from "../app/lib/ops/backup.server";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
const out = values.out ?? `backups/redline-${stamp}.${isPostgresConfigured() ? "pgdump" : "db"}`;
await backupDatabase(databaseUrl(), out);
console.log(`Backup written to ${out}`);
