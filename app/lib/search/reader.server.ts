/**
 * The connection search reads through: better-sqlite3 directly, with cached prepared statements.
 * A search runs a handful of small queries; through Prisma's driver adapter each costs about a
 * millisecond of overhead, more than the FTS5 query itself (scripts/bench/search.ts). Writes
 * (indexing) stay in ingest's Prisma transaction; this connection only reads committed data
 * (WAL), and is query_only so it cannot write by mistake.
 */
import Database from "better-sqlite3";
import { getPrisma } from "~/lib/db.server";
import { databasePath } from "~/lib/env.server";

export interface SearchReader {
  all<T>(sql: string, ...params: unknown[]): T[];
  /** Rows as arrays of column values (no object per row: large results cost less). */
  raw<T extends unknown[]>(sql: string, ...params: unknown[]): T[];
  /** The first column of every row. */
  pluck<T>(sql: string, ...params: unknown[]): T[];
  /**
   * Runs fn in one read transaction: every statement sees the same committed snapshot, so the
   * cached catalogue, the unit table and the FTS matches of one search agree with each other.
   */
  snapshot<T>(fn: () => T): T;
}

declare global {
  // eslint-disable-next-line no-var
  var __redlineSearchReader: { file: string; db: Database.Database; reader: SearchReader } | undefined;
}

export function getSearchReader(): SearchReader {
  const file = databasePath();
  const current = globalThis.__redlineSearchReader;
  if (current?.file === file && current.db.open) return current.reader;
  current?.db.close();
  // getPrisma() migrates the database on first use: the search tables must exist.
  getPrisma();
  const db = new Database(file, { fileMustExist: true });
  db.pragma("query_only = ON");
  const statements = new Map<string, Database.Statement>();
  const prepared = (mode: string, sql: string): Database.Statement => {
    const cacheKey = `${mode}\u0000${sql}`;
    let statement = statements.get(cacheKey);
    if (!statement) {
      statement = db.prepare(sql);
      if (mode === "raw") statement.raw(true);
      if (mode === "pluck") statement.pluck(true);
      if (statements.size > 200) statements.clear();
      statements.set(cacheKey, statement);
    }
    return statement;
  };
  const reader: SearchReader = {
    all<T>(sql: string, ...params: unknown[]): T[] {
      return prepared("all", sql).all(...params) as T[];
    },
    raw<T extends unknown[]>(sql: string, ...params: unknown[]): T[] {
      return prepared("raw", sql).all(...params) as T[];
    },
    pluck<T>(sql: string, ...params: unknown[]): T[] {
      return prepared("pluck", sql).all(...params) as T[];
    },
    snapshot<T>(fn: () => T): T {
      // Nested calls (a search inside a snapshot) join the outer transaction.
      if (db.inTransaction) return fn();
      return db.transaction(fn).deferred();
    },
  };
  globalThis.__redlineSearchReader = { file, db, reader };
  return reader;
}
