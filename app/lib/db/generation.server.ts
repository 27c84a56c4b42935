/**
 * A value that changes whenever anything is committed to the configured database, by this process
 * or another (a CLI ingest, a second app server): what read caches are keyed by.
 * - SQLite: `PRAGMA data_version` on a connection of its own changes exactly when another
 *   connection commits (sqlite.org/pragma.html#pragma_data_version), in microseconds.
 * - PostgreSQL: `pg_current_snapshot()` (xmin:xmax:in-progress xids). A transaction that writes
 *   gets a transaction id, which moves xmax, and leaves the in-progress list when it commits, so the
 *   text changes on every commit that changed data, from any server, in one round trip and without a
 *   trigger on each table. Read-only work does not change it. The WAL insert position did: a read
 *   that prunes heap pages logs it, so two reads with nothing committed between them could miss the
 *   cache (tests/integration/read-cache.test.ts and compare-db.test.ts on PostgreSQL, now and then).
 *   The WAL write position lagged behind commits with synchronous_commit off and served a replaced
 *   override. Writes that change no data we cache (sessions) still empty a cache early, never
 *   serving a stale one.
 */
import Database from "better-sqlite3";
import { getPgPool } from "./postgres.server";
import { isPostgresUrl } from "./dialect";
import { databaseUrl } from "~/lib/env.server";

let watcher: { file: string; db: Database.Database } | null = null;

function sqliteGeneration(file: string): string {
  if (watcher?.file !== file) {
    watcher?.db.close();
    watcher = { file, db: new Database(file, { readonly: true, fileMustExist: true }) };
  }
  return String(watcher.db.pragma("data_version", { simple: true }));
}

async function postgresGeneration(url: string): Promise<string> {
  const { rows } = await getPgPool(url).query<{ snapshot: string }>(`SELECT pg_current_snapshot()::text AS snapshot`);
  return rows[0].snapshot;
}

export async function databaseGeneration(url = databaseUrl()): Promise<string> {
  return isPostgresUrl(url) ? postgresGeneration(url) : sqliteGeneration(url.replace(/^file:/, ""));
}
