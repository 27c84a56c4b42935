/**
 * URL parameters of /search and /api/search (the query and filters live in the URL), validated
 * with one zod schema shared by the page and the JSON endpoint.
 */
import { z } from "zod";
import { AGENCY_ROLES, type SearchRequest } from "./types";

const optional = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

export const searchParamsSchema = z.object({
  q: z.string().default(""),
  work: optional,
  kind: optional,
  status: z.enum(["current", "all", "asof"]).optional().catch(undefined),
  at: optional,
  chapter: optional,
  /** A plan agency (民政部): only measures naming it, as `role` (lead, supporting, any). */
  agency: optional.pipe(z.string().max(100).optional()).catch(undefined),
  role: z.enum(AGENCY_ROLES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(500).optional().catch(undefined),
  pageSize: z.coerce.number().int().min(1).max(50).optional().catch(undefined),
});

export type SearchParams = z.infer<typeof searchParamsSchema>;

export function parseSearchParams(url: URL): SearchParams {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(searchParamsSchema.shape)) {
    const value = url.searchParams.get(key);
    if (value !== null) raw[key] = value;
  }
  return searchParamsSchema.parse(raw);
}

/** Whether the page has something to search: a query, or an agency alone ("what does 民政部 lead?"). */
export function hasSearch(params: SearchParams): boolean {
  return Boolean(params.q.trim() || params.agency);
}

export function toSearchRequest(params: SearchParams): SearchRequest {
  // A date alone means "as of that date"; a status other than asof ignores any stale date.
  const status = params.status ?? (params.at ? "asof" : "current");
  return {
    // An agency alone searches for its name: every measure naming it holds the name literally.
    q: params.q.trim() || !params.agency ? params.q : params.agency,
    work: params.work ?? null,
    kind: params.kind ?? null,
    status,
    at: status === "asof" ? (params.at ?? null) : null,
    chapter: params.work ? (params.chapter ?? null) : null,
    ...(params.agency ? { agency: params.agency, agencyRole: params.role ?? "any" } : {}),
    page: params.page ?? 1,
    pageSize: params.pageSize,
  };
}

/** A /search URL with some parameters changed (undefined/null/"" removes one; page resets to 1). */
export function searchHref(current: SearchParams, changes: Partial<Record<keyof SearchParams, string | number | null | undefined>>): string {
  const merged: Record<string, string | number | null | undefined> = { ...current, page: undefined, ...changes };
  const sp = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === null || value === "") continue;
    if (key === "page" && Number(value) === 1) continue;
    sp.set(key, String(value));
  }
  const qs = sp.toString();
  return qs ? `/search?${qs}` : "/search";
}
