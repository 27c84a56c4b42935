/**
 * The page parameter as the README documents it: a whole number from 1 to the last page, else the
 * `bad-page` error (400 in the API, a message on the page), never silently page 1. Pure.
 */
import { SearchQueryError } from "./errors";
import { MAX_PAGE } from "./resolve";

function badPage(max: number): SearchQueryError {
  return new SearchQueryError("bad-page", `Page must be a whole number from 1 to ${max}.`, { max });
}

/** Before searching: `page` absent, or digits from 1 to MAX_PAGE. */
export function requirePageParam(url: URL): void {
  const raw = url.searchParams.get("page");
  if (raw === null) return;
  const page = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(page >= 1 && page <= MAX_PAGE)) throw badPage(MAX_PAGE);
}

/** After searching: a page past the last one (page 2 of nothing included) is an error too. */
export function requirePageInRange(result: { page: number; pageCount: number }): void {
  if (result.page > Math.max(1, result.pageCount)) throw badPage(Math.max(1, result.pageCount));
}
