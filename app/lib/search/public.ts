/**
 * The JSON the partner API returns: only public fields (no database ids), stable names.
 * See docs/search-api.md.
 */
import type { SearchResponse, VersionBadge } from "./types";

function publicVersion(v: VersionBadge) {
  return { date: v.versionDate, effectiveDate: v.effectiveDate, inForce: v.inForce };
}

export function toPublicSearchResponse(res: SearchResponse) {
  return {
    query: res.query,
    status: res.status,
    date: res.date,
    filters: res.filters,
    total: res.total,
    page: res.page,
    pageSize: res.pageSize,
    pageCount: res.pageCount,
    results: res.hits.map((h) => ({
      work: h.work,
      key: h.key,
      label: h.label,
      heading: h.heading,
      chapterPath: h.chapterPath,
      version: publicVersion(h.version),
      versions: h.versions.map(publicVersion),
      snippet: h.snippet,
      match: h.match,
      ...(h.viaSynonyms ? { viaSynonyms: h.viaSynonyms } : {}),
      matchedTerms: h.matchedTerms,
      url: h.url,
    })),
    facets: res.facets,
    relaxation: res.relaxation,
    relatedTerms: res.relatedTerms,
  };
}

export type PublicSearchResponse = ReturnType<typeof toPublicSearchResponse>;
