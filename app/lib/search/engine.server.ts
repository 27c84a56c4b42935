/**
 * The one search interface the routes, ingest and scripts use. The engine is chosen by
 * configuration: SQLite FTS5 inside the app database (default), or Meilisearch when MEILI_HOST
 * is set. See docs/decisions/0004-search.md.
 */
import type { Tx } from "~/lib/db.server";
import type { SearchRequest, SearchResponse } from "./types";
import { createSqliteSearchEngine } from "./sqlite-engine.server";
import { createMeiliSearchEngine, meiliConfigFromEnv } from "./meili-engine.server";
import { createPostgresSearchEngine } from "./postgres-engine.server";
import { isPostgresConfigured } from "~/lib/env.server";

export type { SearchRequest, SearchResponse };

export interface SearchEngine {
  readonly name: "sqlite" | "meilisearch" | "postgresql";
  /** Called by ingest INSIDE the version's transaction; the embedded engine indexes here. */
  indexVersionInTransaction(tx: Tx, versionId: number): Promise<void>;
  /** Called by ingest inside the transaction that deletes/replaces a version. */
  removeVersionInTransaction(tx: Tx, versionId: number): Promise<void>;
  /** Called after the transaction committed (Meilisearch syncs here; sqlite: no-op). */
  afterVersionCommitted(versionId: number): Promise<void>;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Words that articles holding `term` share (the thesaurus editor's suggestions). */
  relatedTermsFor(term: string): Promise<string[]>;
  reindex(onProgress?: (done: number, total: number) => void): Promise<void>;
  health(): Promise<{ ok: boolean; engine: string; message?: string }>;
  /** Loads per-process caches ahead of the first search (the server calls it once it listens). */
  warmUp(): Promise<void>;
}

declare global {
  // eslint-disable-next-line no-var
  var __redlineSearchEngine: { key: string; engine: SearchEngine } | undefined;
}

/**
 * Meilisearch when MEILI_HOST is set, else the engine inside the configured database (SQLite FTS5,
 * or PostgreSQL). One instance per process and configuration.
 */
export function getSearchEngine(): SearchEngine {
  const meili = meiliConfigFromEnv();
  const postgres = isPostgresConfigured();
  const key = meili ? `meili:${meili.host}` : postgres ? `postgresql:${process.env.DATABASE_URL}` : "sqlite";
  if (globalThis.__redlineSearchEngine?.key !== key) {
    globalThis.__redlineSearchEngine = {
      key,
      engine: meili ? createMeiliSearchEngine(meili) : postgres ? createPostgresSearchEngine() : createSqliteSearchEngine(),
    };
  }
  return globalThis.__redlineSearchEngine.engine;
}
