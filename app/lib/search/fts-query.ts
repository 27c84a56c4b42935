/**
 * Builds the FTS5 MATCH string from a parsed query. Only grams.ts tokens (hex) and the folded
 * letters/digits of single-word terms reach MATCH, each inside double quotes, so user text can
 * never be read as FTS5 syntax.
 */
import { termGramQuery } from "./grams";
import type { ParsedQuery } from "./query";

const LITERAL_COLUMNS = "{heading body}";

export function buildFtsMatch(parsed: ParsedQuery, isSingleWord: (folded: string) => boolean): string {
  const positive = parsed.terms
    .map((t) => {
      const literal = `${LITERAL_COLUMNS} : ${termGramQuery(t.folded)}`;
      // A word hit implies a literal hit (words come from the same folded body), so the OR only
      // adds score, never results.
      return isSingleWord(t.folded) ? `(${literal} OR words : "${t.folded}")` : `(${literal})`;
    })
    .join(" AND ");
  if (parsed.excluded.length === 0) return positive;
  const negative = parsed.excluded.map((t) => `${LITERAL_COLUMNS} : ${termGramQuery(t.folded)}`).join(" OR ");
  return `(${positive}) NOT (${negative})`;
}
