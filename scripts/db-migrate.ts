import { closeDatabaseConnections, migrateConfiguredDatabase } from "../app/lib/db.server";
import { databaseUrl, isPostgresConfigured } from "../app/lib/env.server";

const applied = await migrateConfiguredDatabase();
// Never print a PostgreSQL URL: it may hold a password.
const name = isPostgresConfigured() ? "PostgreSQL" : `Database ${databaseUrl().replace(/^file:/, "")}`;
console.log(applied.length ? `${name}: applied ${applied.join(", ")}` : `${name}: up to date`);
await closeDatabaseConnections();
