import { json } from "@remix-run/node";
import { getPrisma } from "~/lib/db.server";
import { getSearchEngine } from "~/lib/search/engine.server";

/**
 * Liveness for deployments and the browser-test harness: the database answers (else 500) and the
 * search engine's own health (a Meilisearch outage degrades search only, so it does not fail the check).
 */
export async function loader() {
  await getPrisma().work.count();
  const search = await getSearchEngine().health();
  return json({ ok: true, search });
}
