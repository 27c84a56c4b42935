/**
 * npm run db:copy -- --to postgresql://… [--from <sqlite-file>]: move a SQLite installation (default:
 * the configured DATABASE_URL) into an empty PostgreSQL database, rebuild its search index, and check
 * every table's row count and content hash. Exit code 1 when any table differs.
 */
import { parseArgs } from "node:util";
import { isPostgresUrl } from "../app/lib/db/dialect";
import { closeDatabaseConnections } from "../app/lib/db.server";
import { databaseUrl } from "../app/lib/env.server";
import { copyInstallation } from "../app/lib/ops/db-copy-run.server";

const { values } = parseArgs({ options: { to: { type: "string" }, from: { type: "string" } } });
const from = values.from ?? databaseUrl();
if (!values.to || !isPostgresUrl(values.to) || isPostgresUrl(from)) {
  console.error("Usage: npm run db:copy -- --to postgresql://user:password@host/db [--from data/redline.db]");
  process.exit(2);
}
const checks = await copyInstallation(from.replace(/^file:/, ""), values.to, (m) => console.log(m));
for (const c of checks) console.log(`${c.ok ? "ok  " : "DIFF"} ${c.table.padEnd(22)} ${String(c.rows).padStart(7)} rows  sha256 ${c.targetHash.slice(0, 16)}`);
await closeDatabaseConnections();
const bad = checks.filter((c) => !c.ok);
if (bad.length) {
  console.error(`${bad.length} table(s) differ after the copy: ${bad.map((c) => c.table).join(", ")}`);
  process.exit(1);
}
console.log(`Copied and checked ${checks.length} tables.`);
