/** The search page's data: the parsed query, the filter options, and the results or the error to show. */
import { isIsoDate, todayInChina } from "~/lib/corpus/point-in-time";
import { getSearchEngine } from "./engine.server";
import { SearchQueryError, SearchUnavailableError } from "./errors";
import { getSearchFilterOptions } from "./options.server";
import { hasSearch, parseSearchParams, toSearchRequest } from "./params";
import { toPublicSearchResponse, type PublicSearchResponse } from "./public";
import { requirePageInRange, requirePageParam } from "./paging";

export type SearchErrorData = { code: string; params: Record<string, string | number> };

/** The page's data and its HTTP status (400 for a query the engine rejects, 503 when search is unavailable). */
export async function loadSearchPage(url: URL) {
  const params = parseSearchParams(url);
  const searchRequest = toSearchRequest(params);
  const day = searchRequest.status === "asof" && searchRequest.at && isIsoDate(searchRequest.at) ? searchRequest.at : todayInChina();
  const options = await getSearchFilterOptions(searchRequest.work ?? null, day);
  const base = { params, options, result: null as PublicSearchResponse | null, error: null as SearchErrorData | null };
  if (!hasSearch(params)) return { data: base, status: 200 };
  try {
    requirePageParam(url);
    const result = await getSearchEngine().search(searchRequest);
    requirePageInRange(result);
    return { data: { ...base, result: toPublicSearchResponse(result) }, status: 200 };
  } catch (error) {
    if (error instanceof SearchQueryError) {
      return { data: { ...base, error: { code: error.code, params: error.params } }, status: 400 };
    }
    if (error instanceof SearchUnavailableError) {
      console.warn(`search unavailable: ${error.message}`);
      return { data: { ...base, error: { code: "unavailable", params: {} } }, status: 503 };
    }
    throw error;
  }
}
