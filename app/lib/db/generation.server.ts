/**
 * A value that changes whenever anything is committed to the configured database, by this process
 * or another (a CLI ingest, a second app server): what read caches are keyed by.
 * - SQLite: `PRAGMA data_version` on a connection of its own changes exactly when another
 *   connection commits (sqlite.org/pragma.html#pragma_data_version), in microseconds.
 * - PostgreSQL: `pg_current_wal_insert_lsn()`, where the next write-ahead log record goes: every
 *   commit that changed anything inserts WAL first, so it has moved by the time the commit returns,
 *   from any server, in one round trip and without a trigger on each table. Not
 *   `pg_current_wal_lsn()` (the write position): with synchronous_commit off it lags behind commits
 *   (the compare cache served a replaced override). It also moves on writes that change no data we cache
 *   (sessions, vacuum), which only empties a cache early, never serves a stale one.
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
  const { rows } = await getPgPool(url).query<{ lsn: string }>(`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
  return rows[0].lsn;
}

export async function databaseGeneration(url = databaseUrl()): Promise<string> {
  return isPostgresUrl(url) ? postgresGeneration(url) : sqliteGeneration(url.replace(/^file:/, ""));
}
