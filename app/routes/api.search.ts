/**
 * GET /api/search: the partners' JSON endpoint (no login; public fields only). See README, Search API.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { getSearchEngine } from "~/lib/search/engine.server";
import { SearchQueryError, SearchUnavailableError } from "~/lib/search/errors";
import { requirePageInRange, requirePageParam } from "~/lib/search/paging";
import { parseSearchParams, toSearchRequest } from "~/lib/search/params";
import { toPublicSearchResponse } from "~/lib/search/public";
import { createReadCache } from "~/lib/read-cache.server";

const HEADERS = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" };

// The same query (a popular term, a partner's page polling) is answered from memory until the
// database changes (a new version is indexed) or the day does: ranking costs milliseconds of CPU a
// query, the main cost of this endpoint under load (npm run bench:load).
const answers = createReadCache(256);

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const params = parseSearchParams(url);
  try {
    requirePageParam(url);
    const search = toSearchRequest(params);
    const body = await answers(JSON.stringify(search), async () => {
      const result = await getSearchEngine().search(search);
      requirePageInRange(result);
      return toPublicSearchResponse(result);
    });
    return json(body, { headers: HEADERS });
  } catch (error) {
    if (error instanceof SearchQueryError) {
      return json({ error: { code: error.code, message: error.message } }, { status: 400, headers: HEADERS });
    }
    if (error instanceof SearchUnavailableError) {
      console.warn(`search unavailable: ${error.message}`);
      return json(
        { error: { code: "unavailable", message: "Search is unavailable right now; please try again shortly." } },
        { status: 503, headers: HEADERS },
      );
    }
    throw error;
  }
}
