/**
 * Character-bigram tokens for exact substring search in FTS5 (see docs/decisions/0004-search.md).
 *
 * Each folded character becomes a fixed-shape ASCII unit (4 hex digits inside the BMP, "z" + 6
 * hex digits outside it), so the code is prefix-free and the unicode61 tokenizer keeps every token
 * whole: punctuation, digits and rare characters all index and query the same way, and no user
 * character can ever be read as FTS5 syntax.
 *
 * A paragraph of n characters yields the n-1 overlapping bigrams plus one end token
 * (last character + "y"), so:
 * - a term of k >= 2 characters is the phrase of its k-1 bigrams: consecutive bigram positions are
 *   exactly consecutive characters, i.e. a literal substring match;
 * - a single character is a prefix query on its unit: it starts a bigram, or ends a paragraph.
 * Paragraphs are separated by their end tokens, so no phrase spans two paragraphs.
 */

export function charUnit(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return cp > 0xffff ? "z" + cp.toString(16).padStart(6, "0") : cp.toString(16).padStart(4, "0");
}

const END = "y";

/** Tokens of one folded paragraph, space-separated (empty for an empty paragraph). */
export function paragraphGrams(folded: string): string {
  const chars = [...folded];
  if (chars.length === 0) return "";
  const units = chars.map(charUnit);
  const out: string[] = [];
  for (let i = 0; i + 1 < units.length; i++) out.push(units[i] + units[i + 1]);
  out.push(units[units.length - 1] + END);
  return out.join(" ");
}

/** Tokens of several folded paragraphs, each ending with its own end token. */
export function textGrams(foldedParagraphs: string[]): string {
  return foldedParagraphs
    .map(paragraphGrams)
    .filter((s) => s.length > 0)
    .join(" ");
}

/**
 * FTS5 query fragment for one folded term, always quoted: a phrase of bigrams, or a prefix query
 * for a single character. Empty input is a programming error (the parser drops empty terms).
 */
export function termGramQuery(folded: string): string {
  const chars = [...folded];
  if (chars.length === 0) throw new Error("termGramQuery: empty term");
  const units = chars.map(charUnit);
  if (units.length === 1) return `"${units[0]}"*`;
  const grams: string[] = [];
  for (let i = 0; i + 1 < units.length; i++) grams.push(units[i] + units[i + 1]);
  return `"${grams.join(" ")}"`;
}

/**
 * The same tokens spelled with letters only (hex digit d -> letter a+d; "y"/"z" unchanged), for
 * engines whose tokenizer may split runs that mix digits and letters (Meilisearch's charabia).
 */
export function lettersOnly(tokens: string): string {
  return tokens.replace(/[0-9a-f]/g, (d) => String.fromCharCode(97 + parseInt(d, 16)));
}

/** Single-character tokens of folded paragraphs, for engines without prefix queries. */
export function textUnigrams(foldedParagraphs: string[]): string {
  const seen = new Set<string>();
  for (const p of foldedParagraphs) for (const ch of p) seen.add(charUnit(ch));
  return [...seen].join(" ");
}
