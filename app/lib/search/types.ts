/** Search contract shared by the engines, the routes and the JSON API. Pure types. */

/** current: each work's version in force today; asof: in force on `at`; all: every version. */
export type SearchStatus = "current" | "all" | "asof";

/** Longest query accepted, in characters (the search field has this maxlength). */
export const MAX_QUERY_LENGTH = 200;

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;

export interface SearchRequest {
  q: string;
  /** Work slug. */
  work?: string | null;
  /** Work kind (law, administrative_regulation, ...). */
  kind?: string | null;
  status?: SearchStatus;
  /** YYYY-MM-DD; required when status is "asof". */
  at?: string | null;
  /** Chapter path key ("ch-3", "part-1/ch-2"); matches the chapter and everything inside it. */
  chapter?: string | null;
  /** 1-based. */
  page?: number;
  pageSize?: number;
  /** The day "in force now" means (YYYY-MM-DD); defaults to today in China. Tests pin it. */
  today?: string;
}

/**
 * Text with highlighted ranges. Offsets count Unicode code points (characters), not bytes and
 * not UTF-16 units, so every client can slice the string the same way.
 */
export interface MarkedText {
  text: string;
  highlights: { start: number; end: number }[];
}

export interface SearchSnippet extends MarkedText {
  /** True when text was cut before / after the window shown. */
  truncatedStart: boolean;
  truncatedEnd: boolean;
  /** 0-based index of the matched paragraph within the article. */
  paragraphIndex: number;
}

export interface VersionBadge {
  versionId: number;
  versionDate: string;
  effectiveDate: string | null;
  /** In force on the day the search is about (today, or `at`). */
  inForce: boolean;
}

export interface SearchHit {
  provisionId: number;
  work: { slug: string; title: string; kind: string };
  key: string;
  label: string | null;
  heading: string | null;
  /** Headings of the enclosing part / chapter / section, outermost first, exact text. */
  chapterPath: string[];
  /** The version the snippet and link come from. */
  version: VersionBadge;
  /** Every version in which this article matched with this same text, oldest first. */
  versions: VersionBadge[];
  snippet: SearchSnippet;
  /** Article anchor: /works/<slug>/<versionDate>#<key>. */
  url: string;
}

export interface WorkFacet {
  slug: string;
  title: string;
  kind: string;
  count: number;
}

export interface KindFacet {
  kind: string;
  count: number;
}

export interface SearchResponse {
  engine: "sqlite" | "meilisearch" | "postgresql";
  query: {
    q: string;
    /** The terms every result contains, as folded for matching. */
    terms: string[];
    excluded: string[];
  };
  status: SearchStatus;
  /** The day the in-force rule was applied to (today or `at`). */
  date: string;
  /** Result count (articles, identical texts across versions counted once). */
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  hits: SearchHit[];
  /** Counts with the query and status applied, ignoring the work / kind / chapter filters. */
  facets: { works: WorkFacet[]; kinds: KindFacet[] };
  /** Every work filter applied (echo, resolved). */
  filters: { work: string | null; kind: string | null; chapter: string | null };
}
