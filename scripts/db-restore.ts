/** npm run db:restore -- <backup-file>: replace the configured database's contents with a backup (stop the servers first). */
import { parseArgs } from "node:util";
import { databaseUrl } from "../app/lib/env.server";
import { restoreDatabase } from "../app/lib/ops/backup.server";

const { positionals } = parseArgs({ allowPositionals: true });
if (positionals.length !== 1) {
  console.error("Usage: npm run db:restore -- <backup-file>");
  process.exit(2);
}
await restoreDatabase(databaseUrl(), positionals[0]);
console.log(`Restored ${positionals[0]}`);
