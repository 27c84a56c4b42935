/**
 * The user's query language, parsed here and never handed to an engine raw:
 * - whitespace separates terms; every term must match (nothing is dropped);
 * - "a phrase" (ASCII, curly or corner quotes) is one term; an unclosed quote runs to the end;
 * - -term / -"phrase" excludes; a lone "-" is ignored;
 * - everything else, including FTS syntax (* NEAR( AND OR ^ :), is literal text.
 * Terms are folded with foldForMatch (typography, full-width, traditional -> simplified), the same
 * fold the index applies to statute text.
 */
import { foldForMatch } from "~/lib/text/normalize";
import { SearchQueryError } from "./errors";
import { MAX_QUERY_LENGTH } from "./types";

export { MAX_QUERY_LENGTH };

/** Meilisearch reads at most 10 query terms; both engines share the limit so they answer alike. */
export const MAX_TERMS = 10;

export interface QueryTerm {
  /** As typed (without quotes or the minus sign). */
  raw: string;
  /** Folded for matching; never empty. */
  folded: string;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  excluded: QueryTerm[];
}

const OPEN_QUOTES: Record<string, string> = {
  '"': '"',
  "\u201C": "\u201D",
  "\u300C": "\u300D",
  "\u300E": "\u300F",
  "\uFF02": "\uFF02",
};
const MINUS = new Set(["-", "\uFF0D", "\u2212"]);

function isSpace(ch: string): boolean {
  return /\s/u.test(ch) || ch === "\u200B";
}

interface Token {
  text: string;
  negated: boolean;
}

function tokenize(q: string): Token[] {
  const chars = [...q];
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    if (isSpace(chars[i])) {
      i++;
      continue;
    }
    let negated = false;
    if (MINUS.has(chars[i]) && i + 1 < chars.length && !isSpace(chars[i + 1])) {
      negated = true;
      i++;
    }
    const close = OPEN_QUOTES[chars[i]];
    let text = "";
    if (close !== undefined) {
      i++;
      while (i < chars.length && chars[i] !== close) text += chars[i++];
      i++;
    } else {
      while (i < chars.length && !isSpace(chars[i])) text += chars[i++];
    }
    tokens.push({ text, negated });
  }
  return tokens;
}

function dedupe(terms: QueryTerm[]): QueryTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => (seen.has(t.folded) ? false : (seen.add(t.folded), true)));
}

export function parseQuery(q: string): ParsedQuery {
  const trimmed = q.trim();
  if ([...trimmed].length > MAX_QUERY_LENGTH) {
    throw new SearchQueryError("too-long", `The query is longer than ${MAX_QUERY_LENGTH} characters.`, {
      max: MAX_QUERY_LENGTH,
    });
  }
  const terms: QueryTerm[] = [];
  const excluded: QueryTerm[] = [];
  for (const token of tokenize(trimmed)) {
    // A lone minus sign is punctuation, not an operator.
    if (!token.negated && MINUS.has(token.text)) continue;
    const folded = foldForMatch(token.text);
    if (!folded) continue;
    (token.negated ? excluded : terms).push({ raw: token.text, folded });
  }
  const result = { terms: dedupe(terms), excluded: dedupe(excluded) };
  if (result.terms.length === 0) {
    if (result.excluded.length > 0) {
      throw new SearchQueryError("only-excluded", "Add at least one term to search for, not only terms to exclude.");
    }
    throw new SearchQueryError("empty", "Enter a word or phrase to search for.");
  }
  if (result.terms.length + result.excluded.length > MAX_TERMS) {
    throw new SearchQueryError("too-many-terms", `Use at most ${MAX_TERMS} terms.`, { max: MAX_TERMS });
  }
  return result;
}
