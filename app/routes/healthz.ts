import { json } from "@remix-run/node";
import { getPrisma, sqlDialect } from "~/lib/db.server";
import { getSearchEngine } from "~/lib/search/engine.server";

/**
 * Liveness for deployments and the browser-test harness: the database answers (else 500), which
 * database it is, the corpus generation every server's caches follow (equal on every app server of
 * one installation once they have caught up), and the search engine's own health (a Meilisearch
 * outage degrades search only, so it does not fail the check).
 */
export async function loader() {
  const prisma = getPrisma();
  await prisma.work.count();
  const [meta] = await prisma.$queryRawUnsafe<{ generation: number | bigint }[]>(
    `SELECT "generation" FROM "search_meta" WHERE "id" = 1`,
  );
  const search = await getSearchEngine().health();
  return json({
    ok: true,
    database: sqlDialect().name,
    corpus: { generation: Number(meta?.generation ?? 0) },
    search,
  });
}
