/**
 * npm run search:reindex: rebuild the search index of the configured engine (SQLite FTS5, or
 * Meilisearch when MEILI_HOST is set) from every version in the database. A progress bar on a
 * terminal, plain progress lines otherwise. Exit code 1 when the engine is not healthy afterwards.
 */
import { createProgress } from "../app/lib/cli/progress";
import { closeDatabaseConnections } from "../app/lib/db.server";
import { getSearchEngine } from "../app/lib/search/engine.server";

const engine = getSearchEngine();
const started = Date.now();
const bars: ReturnType<typeof createProgress>[] = [];
try {
  await engine.reindex((done, total) => {
    if (!bars.length) bars.push(createProgress(total, `reindex (${engine.name})`));
    bars[0].update(done);
  });
  bars[0]?.finish();
} catch (error) {
  console.error(`search:reindex: ${(error as Error).message}`);
  process.exit(1);
}
const health = await engine.health();
console.log(
  `search:reindex: ${engine.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s; ${health.message ?? (health.ok ? "ok" : "not ok")}`,
);
await closeDatabaseConnections();
if (!health.ok) process.exit(1);
