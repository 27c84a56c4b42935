/**
 * Caches of database reads that last until the database changes. What the corpus and compare pages
 * read changes only when something is committed, by this process or another (a CLI ingest, another
 * app server): db/generation.server.ts tells, for SQLite and PostgreSQL alike. The day is part of
 * the generation too: statuses (in force, superseded) depend on today. Found by npm run bench:load
 * (issue 10).
 */
import { databaseGeneration } from "~/lib/db/generation.server";
import { todayInChina } from "~/lib/corpus/point-in-time";

/** Changes whenever any connection commits or the China-time day turns (also read by ./http/response-cache.server.ts). */
export async function cacheGeneration(): Promise<string> {
  return `${await databaseGeneration()}|${todayInChina()}`;
}

/**
 * A cache of at most `maxEntries` results, emptied when the database changes or when full. A result
 * being loaded is shared by concurrent callers; a failed load is not kept. Callers never mutate results.
 */
export function createReadCache(maxEntries: number): <T>(key: string, load: () => Promise<T>) => Promise<T> {
  let generation = "";
  let values = new Map<string, Promise<unknown>>();
  return async <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const now = await cacheGeneration();
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
