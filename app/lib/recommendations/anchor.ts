/**
 * Quote anchoring (pure): a recommendation may point at an exact span of a provision, stored as
 * the quote plus ~10 characters before and after it (a W3C TextQuoteSelector). When the text
 * changes, the span is found again by exact match, then on folded text (full-width/ASCII
 * punctuation, spaces, traditional characters), then by approximate matching. Several equally
 * good places that the prefix/suffix cannot tell apart make the result ambiguous: we never guess.
 */
import { foldForMatch, foldWithOffsets, sourceRange } from "~/lib/text/normalize";

export const QUOTE_CONTEXT = 10;
/** Quotes shorter than this (folded) are too short for approximate matching to mean anything. */
const FUZZY_MIN_LENGTH = 6;
/** Share of the quote that must survive (1 - edits/length) for an approximate match. */
export const FUZZY_THRESHOLD = 0.75;
/** Beyond this many DP cells approximate matching is skipped (a quote against a huge text). */
const FUZZY_MAX_CELLS = 20_000_000;

export interface QuoteSelector {
  quote: string;
  prefix: string;
  suffix: string;
}

export type MatchMethod = "exact" | "folded" | "fuzzy";

export interface QuoteMatch {
  /** [start, end) in the source text (UTF-16 offsets). */
  start: number;
  end: number;
  method: MatchMethod;
  /** 1 for exact and folded matches; 1 - edits/length for approximate ones. */
  score: number;
}

export type QuoteResult =
  | { status: "found"; match: QuoteMatch }
  | { status: "ambiguous"; matches: QuoteMatch[] }
  | { status: "missing" };

/** The selector for text[start, end). */
export function selectorAt(text: string, start: number, end: number, context = QUOTE_CONTEXT): QuoteSelector {
  return {
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
  };
}

/**
 * The selector for a quote typed or selected by the user in `text`. `hintStart` (from a browser
 * selection) picks the occurrence when the quote appears several times. Null when the quote is not
 * in the text exactly: an anchor must quote the statute as it stands.
 */
export function selectorForQuote(text: string, quote: string, hintStart?: number | null): QuoteSelector | null {
  if (!quote) return null;
  if (hintStart != null && hintStart >= 0 && text.slice(hintStart, hintStart + quote.length) === quote)
    return selectorAt(text, hintStart, hintStart + quote.length);
  const at = text.indexOf(quote);
  return at < 0 ? null : selectorAt(text, at, at + quote.length);
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function allOccurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  let at = haystack.indexOf(needle);
  while (at >= 0) {
    out.push(at);
    at = haystack.indexOf(needle, at + 1);
  }
  return out;
}

/**
 * Keep the candidates whose surroundings agree best with the stored prefix/suffix (compared
 * folded). One winner: found. A tie: ambiguous.
 */
function decide(text: string, selector: QuoteSelector, candidates: QuoteMatch[]): QuoteResult {
  if (candidates.length === 0) return { status: "missing" };
  if (candidates.length === 1) return { status: "found", match: candidates[0] };
  const prefix = foldForMatch(selector.prefix);
  const suffix = foldForMatch(selector.suffix);
  const scored = candidates.map((m) => {
    const before = foldForMatch(text.slice(Math.max(0, m.start - QUOTE_CONTEXT * 3), m.start));
    const after = foldForMatch(text.slice(m.end, m.end + QUOTE_CONTEXT * 3));
    return { m, context: commonSuffixLength(before, prefix) + commonPrefixLength(after, suffix), q: m.score };
  });
  scored.sort((a, b) => b.q - a.q || b.context - a.context);
  const best = scored.filter((s) => s.q === scored[0].q && s.context === scored[0].context);
  if (best.length === 1) return { status: "found", match: best[0].m };
  return { status: "ambiguous", matches: best.map((s) => s.m) };
}

/**
 * Approximate substring match (Sellers' algorithm): the least edit distance between the quote and
 * any substring of the text, with where each best substring starts. Both strings are folded.
 */
function fuzzyRanges(text: string, quote: string): { start: number; end: number; distance: number }[] {
  const n = text.length;
  const m = quote.length;
  if (m < FUZZY_MIN_LENGTH || n === 0 || n * m > FUZZY_MAX_CELLS) return [];
  let dist = new Int32Array(n + 1);
  let start = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) start[j] = j;
  let nextDist = new Int32Array(n + 1);
  let nextStart = new Int32Array(n + 1);
  for (let i = 1; i <= m; i++) {
    nextDist[0] = i;
    nextStart[0] = 0;
    const qc = quote.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const substitute = dist[j - 1] + (text.charCodeAt(j - 1) === qc ? 0 : 1);
      const skipQuote = dist[j] + 1;
      const skipText = nextDist[j - 1] + 1;
      if (substitute <= skipQuote && substitute <= skipText) {
        nextDist[j] = substitute;
        nextStart[j] = start[j - 1];
      } else if (skipQuote <= skipText) {
        nextDist[j] = skipQuote;
        nextStart[j] = start[j];
      } else {
        nextDist[j] = skipText;
        nextStart[j] = nextStart[j - 1];
      }
    }
    [dist, nextDist] = [nextDist, dist];
    [start, nextStart] = [nextStart, start];
  }
  let best = Infinity;
  for (let j = 1; j <= n; j++) best = Math.min(best, dist[j]);
  if (1 - best / m < FUZZY_THRESHOLD) return [];
  // Several end positions share one start (a trailing character more or less); keep one range per
  // start, and drop ranges overlapping an earlier kept one: they are the same place.
  const ranges: { start: number; end: number; distance: number }[] = [];
  for (let j = 1; j <= n; j++) {
    if (dist[j] !== best) continue;
    const s = start[j];
    const last = ranges[ranges.length - 1];
    if (last && s < last.end) continue;
    ranges.push({ start: s, end: j, distance: best });
  }
  return ranges;
}

/**
 * Find the quote again in `text`: exact, then folded, then approximate (unless `fuzzy` is false:
 * approximate matching over a whole long statute costs too much to do for every article).
 */
export function findQuote(text: string, selector: QuoteSelector, options: { fuzzy?: boolean } = {}): QuoteResult {
  const { quote } = selector;
  if (!quote) return { status: "missing" };

  const exact = allOccurrences(text, quote).map(
    (start): QuoteMatch => ({ start, end: start + quote.length, method: "exact", score: 1 }),
  );
  if (exact.length) return decide(text, selector, exact);

  const folded = foldWithOffsets(text);
  const foldedQuote = foldForMatch(quote);
  if (!foldedQuote) return { status: "missing" };
  const foldedHits = allOccurrences(folded.text, foldedQuote).map((at): QuoteMatch => {
    const [start, end] = sourceRange(folded, text, at, at + foldedQuote.length);
    return { start, end, method: "folded", score: 1 };
  });
  if (foldedHits.length) return decide(text, selector, foldedHits);

  if (options.fuzzy === false) return { status: "missing" };
  const fuzzy = fuzzyRanges(folded.text, foldedQuote).map((r): QuoteMatch => {
    const [start, end] = sourceRange(folded, text, r.start, r.end);
    return { start, end, method: "fuzzy", score: Math.round((1 - r.distance / foldedQuote.length) * 1000) / 1000 };
  });
  return decide(text, selector, fuzzy);
}
