/**
 * Highlights and snippets computed on the EXACT source text: terms are found in the folded text
 * and mapped back with foldWithOffsets/sourceRange, so a match of 拐卖 in 拐賣, of a full-width
 * （一） in (一) or across a stray space is marked on exactly the source characters. Engines'
 * own highlight offsets (bytes, tokens) are never used.
 */
import { foldWithOffsets, sourceRange } from "~/lib/text/normalize";
import type { MarkedText, SearchSnippet } from "./types";

/** [start, end) ranges in UTF-16 units of `source`, sorted and merged. */
export function findMatches(source: string, foldedTerms: readonly string[]): [number, number][] {
  const folded = foldWithOffsets(source);
  const ranges: [number, number][] = [];
  for (const term of foldedTerms) {
    if (!term) continue;
    let from = 0;
    for (;;) {
      const at = folded.text.indexOf(term, from);
      if (at < 0) break;
      ranges.push(sourceRange(folded, source, at, at + term.length));
      from = at + 1;
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Number of code points in s[0, index). */
function codePointIndex(s: string, index: number): number {
  let n = 0;
  for (let i = 0; i < index; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

function toMarked(text: string, ranges: [number, number][]): MarkedText {
  return {
    text,
    highlights: ranges.map(([s, e]) => ({ start: codePointIndex(text, s), end: codePointIndex(text, e) })),
  };
}

/** Never cut a surrogate pair in half. */
function snapStart(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return i > 0 && c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
}

/**
 * The paragraph (article text is its paragraphs joined by "\n") holding the first match, cut to a
 * window of about `width` characters around that match. Falls back to the first paragraph when
 * the match is only in a heading.
 */
export function buildSnippet(unitText: string, foldedTerms: readonly string[], width = 120): SearchSnippet {
  const paragraphs = unitText.split("\n");
  let index = 0;
  let ranges: [number, number][] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const found = findMatches(paragraphs[i], foldedTerms);
    if (found.length > 0) {
      index = i;
      ranges = found;
      break;
    }
  }
  const paragraph = paragraphs[index] ?? "";
  // A match in an item or a later 款 is shown after its article's opening, not as a bare fragment.
  const opening = index > 0 ? leadOf(paragraphs[0], foldedTerms, Math.floor(width / 2)) : undefined;
  const withLead = (snippet: SearchSnippet): SearchSnippet => (opening ? { ...snippet, lead: opening } : snippet);
  if (paragraph.length <= width) {
    return withLead({ ...toMarked(paragraph, ranges), truncatedStart: false, truncatedEnd: false, paragraphIndex: index });
  }
  const first = ranges[0] ?? [0, 0];
  const lead = Math.floor(width / 3);
  // A match near the start shows from the start: the reader sees which article and how it opens.
  const wanted = first[1] <= width - lead ? 0 : Math.max(0, Math.min(first[0] - lead, paragraph.length - width));
  let start = snapStart(paragraph, wanted);
  let end = snapStart(paragraph, Math.min(paragraph.length, start + width));
  if (end < first[1]) end = first[1];
  if (start > first[0]) start = first[0];
  const text = paragraph.slice(start, end);
  const inside = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): [number, number] => [Math.max(s, start) - start, Math.min(e, end) - start]);
  return withLead({ ...toMarked(text, inside), truncatedStart: start > 0, truncatedEnd: end < paragraph.length, paragraphIndex: index });
}

/** The first `width` characters of an article's opening paragraph, with the terms it holds marked. */
function leadOf(first: string, foldedTerms: readonly string[], width: number): MarkedText & { truncatedEnd: boolean } {
  const end = first.length <= width ? first.length : snapStart(first, width);
  const ranges = findMatches(first, foldedTerms)
    .filter(([s]) => s < end)
    .map(([s, e]): [number, number] => [s, Math.min(e, end)]);
  return { ...toMarked(first.slice(0, end), ranges), truncatedEnd: end < first.length };
}
