/**
 * Turns a SearchRequest into what an engine executes: the parsed query, the day the in-force rule
 * applies to, and the version / work sets the filters allow. Shared by every engine so that they
 * answer the same request identically.
 */
import type { Catalog, CatalogWork } from "./catalog.server";
import { SearchQueryError } from "./errors";
import { isIsoDate, todayInChina } from "~/lib/corpus/point-in-time";
import { parseQuery, type ParsedQuery } from "./query";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type AgencyRole, type SearchRequest, type SearchStatus } from "./types";

export const MAX_PAGE = 500;

export interface ResolvedSearch {
  parsed: ParsedQuery;
  status: SearchStatus;
  date: string;
  /** Versions in force on `date`. */
  inForce: Set<number>;
  /** Versions the status allows; null = all versions. */
  statusVersionIds: Set<number> | null;
  work: CatalogWork | null;
  kind: string | null;
  /** Works of the requested kind; null when no kind filter. */
  kindWorkIds: Set<number> | null;
  chapter: string | null;
  /** Only plan measures naming this agency in this role (search/agency-filter.ts). */
  agency: { name: string; role: AgencyRole } | null;
  /** Works whose title contains a query term: their articles rank higher. */
  titleWorkIds: Set<number>;
  page: number;
  pageSize: number;
}

const CHAPTER_KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

export function resolveSearch(request: SearchRequest, catalog: Catalog): ResolvedSearch {
  const parsed = parseQuery(request.q ?? "");
  const at = request.at?.trim() || null;
  const status: SearchStatus = request.status ?? (at ? "asof" : "current");
  if (status === "asof" && !at) {
    throw new SearchQueryError("bad-date", "Choose the date to search as of (YYYY-MM-DD).");
  }
  if (at && !isIsoDate(at)) {
    throw new SearchQueryError("bad-date", `"${at}" is not a date in the form YYYY-MM-DD.`, { value: at });
  }
  const date = status === "asof" && at ? at : (request.today ?? todayInChina());
  const inForce = catalog.inForceOn(date);

  const page = request.page ?? 1;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) {
    throw new SearchQueryError("bad-page", `Page must be a whole number from 1 to ${MAX_PAGE}.`, { max: MAX_PAGE });
  }
  const pageSize = Math.min(Math.max(1, Math.floor(request.pageSize ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);

  let work: CatalogWork | null = null;
  if (request.work) {
    work = catalog.worksBySlug.get(request.work) ?? null;
    if (!work) throw new SearchQueryError("unknown-work", `No work "${request.work}".`, { value: request.work });
  }
  const kind = request.kind || null;
  let kindWorkIds: Set<number> | null = null;
  if (kind) {
    kindWorkIds = new Set([...catalog.works.values()].filter((w) => w.kind === kind).map((w) => w.id));
  }
  const chapter = request.chapter && CHAPTER_KEY.test(request.chapter) ? request.chapter : null;

  const agencyName = request.agency?.trim();
  const agency = agencyName ? { name: agencyName, role: request.agencyRole ?? "any" } : null;

  // Once per search over every work: no closure or iterator result per work.
  const titleWorkIds = new Set<number>();
  const titleTerms = parsed.terms.map((t) => t.folded).filter((f) => f.length >= 2);
  if (titleTerms.length > 0) {
    catalog.works.forEach((w) => {
      for (const f of titleTerms) {
        if (!w.foldedTitle.includes(f)) continue;
        titleWorkIds.add(w.id);
        return;
      }
    });
  }

  return {
    parsed,
    status,
    date,
    inForce,
    statusVersionIds: status === "all" ? null : inForce,
    work,
    kind,
    kindWorkIds,
    chapter,
    agency,
    titleWorkIds,
    page,
    pageSize,
  };
}
