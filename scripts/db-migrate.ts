import { migrateDatabase } from "../app/lib/db.server";
import { databasePath } from "../app/lib/env.server";

const applied = migrateDatabase();
console.log(
  applied.length ? `Database ${databasePath()}: applied ${applied.join(", ")}` : `Database ${databasePath()}: up to date`,
);
