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
  const reader: SearchReader = {
    all<T>(sql: string, ...params: unknown[]): T[] {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        if (statements.size > 200) statements.clear();
        statements.set(sql, statement);
      }
      return statement.all(...params) as T[];
    },
  };
  globalThis.__redlineSearchReader = { file, db, reader };
  return reader;
}
