/**
 * Builds the FTS5 MATCH strings from a parsed query. Only grams.ts tokens (hex) and the folded
 * letters/digits of single-word terms reach MATCH, each inside double quotes, so user text can
 * never be read as FTS5 syntax.
 */
import { termGramQuery } from "./grams";

const LITERAL_COLUMNS = "{heading body}";

/** One term as a literal substring of a heading or the body: the phrase of its bigrams. */
export function literalTermMatch(folded: string): string {
  return `${LITERAL_COLUMNS} : ${termGramQuery(folded)}`;
}

/**
 * The rows a stage finds (the literal query or a relaxed stage, pipeline.server.ts): every clause,
 * each as any of its alternatives, each alternative as all of its strings literally; no excluded
 * string. The `words` column never decides results; ranking reads it separately (wordTermMatch).
 */
export function buildStageMatch(clauses: string[][][], excluded: string[]): string {
  const clause = (alternatives: string[][]) =>
    alternatives.map((alt) => `(${alt.map((s) => `(${literalTermMatch(s)})`).join(" AND ")})`).join(" OR ");
  const positive = clauses.map((c) => `(${clause(c)})`).join(" AND ");
  if (excluded.length === 0) return positive;
  return `(${positive}) NOT (${excluded.map((t) => literalTermMatch(t)).join(" OR ")})`;
}

/** Rows whose jieba words include the folded term (only for terms isSingleWord accepts). */
export function wordTermMatch(folded: string): string {
  return `words : "${folded}"`;
}
