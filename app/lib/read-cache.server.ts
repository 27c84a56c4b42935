/**
 * Caches of database reads that last until the database changes. What the corpus and compare pages
 * read changes only when something is committed, by this process or another (a CLI ingest): SQLite's
 * `PRAGMA data_version`, read on a connection of its own, changes exactly then
 * (sqlite.org/pragma.html#pragma_data_version), in microseconds. The day is part of the generation
 * too: statuses (in force, superseded) depend on today. Found by npm run bench:load (issue 10).
 */
import Database from "better-sqlite3";
import { databasePath } from "~/lib/env.server";
import { todayInChina } from "~/lib/corpus/point-in-time";

let watcher: { file: string; db: Database.Database } | null = null;

/** Changes whenever any connection commits or the China-time day turns (also read by ./http/response-cache.server.ts). */
export function databaseGeneration(): string {
  const file = databasePath();
  if (watcher?.file !== file) {
    watcher?.db.close();
    watcher = { file, db: new Database(file, { readonly: true, fileMustExist: true }) };
  }
  return `${watcher.db.pragma("data_version", { simple: true })}|${todayInChina()}`;
}

/**
 * A cache of at most `maxEntries` results, emptied when the database changes or when full. A result
 * being loaded is shared by concurrent callers; a failed load is not kept. Callers never mutate results.
 */
export function createReadCache(maxEntries: number): <T>(key: string, load: () => Promise<T>) => Promise<T> {
  let generation = "";
  let values = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const now = databaseGeneration();
    if (now !== generation) {
      generation = now;
      values = new Map();
    }
    const current = values;
    let value = current.get(key) as Promise<T> | undefined;
    if (!value) {
      if (current.size >= maxEntries) current.clear();
      value = load();
      value.catch(() => current.delete(key));
      current.set(key, value);
    }
    return value;
  };
}
