/**
 * npm run test:postgres: a throw-away PostgreSQL cluster (scripts/postgres/cluster.ts), a migrated
 * template database, then the integration and contract suites with every test file on its own copy
 * of the template; the cluster is stopped and removed whatever the outcome. Extra arguments are
 * passed to vitest (e.g. one test file).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { migratePostgres, closePgPools } from "../app/lib/db/postgres.server";
import { startCluster } from "./postgres/cluster";
import pg from "pg";

/**
 * Files about SQLite itself (its migration runner, the FTS5 engine's internals) or a Meilisearch
 * server; PostgreSQL has its own in tests/postgres/.
 */
const SQLITE_ONLY = new Set([
  "tests/integration/db-migrate.test.ts",
  "tests/integration/search-sqlite.test.ts",
  "tests/integration/search-meili-http.test.ts",
  // The header box's suggestion index reads the FTS5 vocabulary; /api/suggest answers
  // { available: false } on PostgreSQL until it has its own (issue 12).
  "tests/integration/search-suggest.test.ts",
]);

const root = path.resolve(import.meta.dirname, "..");
const explicit = process.argv.slice(2);
const files = explicit.length
  ? explicit
  : ["integration", "postgres"].filter((dir) => fs.existsSync(path.join(root, "tests", dir))).flatMap((dir) =>
      fs
        .readdirSync(path.join(root, "tests", dir))
        .filter((f) => f.endsWith(".test.ts"))
        .map((f) => `tests/${dir}/${f}`)
        .filter((f) => !SQLITE_ONLY.has(f)),
    );

// tests/postgres/two-servers.test.ts runs the built app.
if (!fs.existsSync(path.join(root, "build", "index.js"))) {
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const cluster = await startCluster();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    cluster.stop();
    process.exit(130);
  });
}
let status = 1;
try {
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "redline_template"`);
  await admin.end();
  await migratePostgres(cluster.urlOf("redline_template"));
  await closePgPools();
  console.log(`PostgreSQL ${cluster.port}: template migrated; running ${files.length} test files`);
  const result = spawnSync("npx", ["vitest", "run", ...files], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      REDLINE_TEST_POSTGRES_ADMIN_URL: cluster.adminUrl,
      REDLINE_TEST_POSTGRES_TEMPLATE: "redline_template",
    },
  });
  status = result.status ?? 1;
} finally {
  cluster.stop();
}
process.exit(status);
