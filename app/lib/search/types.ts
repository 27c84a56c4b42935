/** Search contract shared by the engines, the routes and the JSON API. Pure types. */

/** current: each work's version in force today; asof: in force on `at`; all: every version. */
export type SearchStatus = "current" | "all" | "asof";

/** Longest query accepted, in characters (the search field has this maxlength). */
export const MAX_QUERY_LENGTH = 200;

export const DEFAULT_PAGE_SIZE = 20;

/** Which of a plan measure's agencies the agency filter looks at (search/agency-filter.ts). */
export const AGENCY_ROLES = ["any", "lead", "supporting"] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];
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
  /**
   * Only plan measures naming this agency in their closing parenthesis (（甲部负责，乙部配合）), as
   * lead, supporting or either (`agencyRole`, default any). Names are compared whole and folded.
   */
  agency?: string | null;
  agencyRole?: AgencyRole;
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
  /**
   * The article's opening paragraph (exact text, cut like the snippet) when the match is in a later
   * paragraph (an item （一）… or a later 款), so the match is read inside its article rather than as
   * a bare fragment. Absent when the match is in the first paragraph.
   */
  lead?: MarkedText & { truncatedEnd: boolean };
}

export interface VersionBadge {
  versionId: number;
  versionDate: string;
  effectiveDate: string | null;
  /** In force on the day the search is about (today, or `at`). */
  inForce: boolean;
}

/**
 * How a hit matched the query: every term literally ("exact"); every jieba word of a term somewhere
 * in the article ("all-words"); only through a thesaurus equivalent ("synonym"); some words or
 * character pairs of the query ("partial", best-partial ranking).
 */
export type MatchKind = "exact" | "all-words" | "synonym" | "partial";

/**
 * One relaxation the engine applied because a term had few or no literal hits, in order:
 * split-words (the term's jieba words must all occur in the article, closer together ranks higher),
 * any-order (the same words in any order or in other sentences of the article), synonyms (thesaurus
 * equivalents of the term or its words), partial (best-partial: any word or character pair).
 */
export interface RelaxationStep {
  kind: "inside-words" | "split-words" | "any-order" | "synonyms" | "partial";
  /** The folded query term that was relaxed. */
  term: string;
  /** What it was relaxed into: its words, or its thesaurus equivalents. */
  into: string[];
  /**
   * Set when the literal query did find some articles, but fewer than a first screen: how many. They
   * are listed first; the relaxed matches follow.
   */
  afterExact?: number;
}

export interface SearchRelaxation {
  /** Empty when the literal query sufficed. */
  steps: RelaxationStep[];
  /** Queries worth trying instead (never empty when there are no results). */
  suggestions: string[];
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
  /** How this article matched (see MatchKind). */
  match: MatchKind;
  /** The thesaurus terms that produced the hit, when match is "synonym" (folded). */
  viaSynonyms?: string[];
  /** Folded strings highlighted in the snippet (query terms, their words or synonyms). */
  matchedTerms: string[];
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
  filters: { work: string | null; kind: string | null; chapter: string | null; agency: { name: string; role: AgencyRole } | null };
  /** What the engine did when the literal query found few or no articles (see RelaxationStep). */
  relaxation: SearchRelaxation;
  /** Terms that co-occur with the query's terms in the loaded laws ("相关词"), best first. */
  relatedTerms: string[];
}
