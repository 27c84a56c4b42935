/** The whole move: copy and check the rows (db-copy.server.ts), then build the target's search index. */
import { createPostgresSearchEngine } from "~/lib/search/postgres-engine.server";
import { copySqliteToPostgres, type TableCheck } from "./db-copy.server";

export async function copyInstallation(
  sqliteFile: string,
  targetUrl: string,
  onProgress: (message: string) => void = () => {},
): Promise<TableCheck[]> {
  const checks = await copySqliteToPostgres(sqliteFile, targetUrl, onProgress);
  // The search index is derived data: rebuilt from the copied provisions, inside the target.
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = targetUrl;
  try {
    await createPostgresSearchEngine(targetUrl).reindex((done, total) => {
      if (done === total) onProgress(`search index: ${total} versions`);
    });
  } finally {
    process.env.DATABASE_URL = previous;
  }
  return checks;
}
