/** A query a person can fix. Routes turn it into a 400 (API) or an inline message (page). */
export type SearchQueryErrorCode =
  | "empty"
  | "too-long"
  | "too-many-terms"
  | "only-excluded"
  | "bad-date"
  | "bad-page"
  | "unknown-work"
  | "agency-unsupported";

export class SearchQueryError extends Error {
  readonly code: SearchQueryErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: SearchQueryErrorCode, message: string, params: Record<string, string | number> = {}) {
    super(message);
    this.name = "SearchQueryError";
    this.code = code;
    this.params = params;
  }
}

/** Raised when the configured engine cannot answer (Meilisearch unreachable, index missing). */
export class SearchUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SearchUnavailableError";
  }
}
