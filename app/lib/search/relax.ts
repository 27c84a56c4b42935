/**
 * Query relaxation (pure): what to try when a term has few or no literal hits, and what to
 * suggest when nothing is found. See docs/decisions/0004-search.md.
 */
import type { ParsedQuery } from "./query";

/**
 * Queries worth trying when a search found nothing: each term's words on their own, the query
 * without its excluded terms, the query without one of several terms, and the term's first two
 * characters. Never empty for a parsed query.
 */
export function fallbackSuggestions(parsed: ParsedQuery, wordsOf: (term: string) => string[] = () => []): string[] {
  const out: string[] = [];
  const add = (q: string) => {
    const t = q.trim();
    if (t && !out.includes(t)) out.push(t);
  };
  const terms = parsed.terms.map((t) => t.folded);
  for (const term of terms) {
    const words = wordsOf(term);
    if (words.length > 1) add(words.join(" "));
  }
  if (parsed.excluded.length > 0) add(terms.join(" "));
  if (terms.length > 1) for (const term of terms) add(term);
  for (const term of terms) {
    const chars = [...term];
    if (chars.length > 2) add(chars.slice(0, 2).join(""));
    if (chars.length > 3) add(chars.slice(-2).join(""));
  }
  if (out.length === 0) add(terms.length > 0 ? [...terms[0]][0] : "未成年人");
  return out.slice(0, 5);
}
