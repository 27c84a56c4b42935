/**
 * Search-as-you-type suggestions (pure; the index is built by suggest.server.ts from the catalogue):
 * laws by title or short title (未保法 -> 未成年人保护法), articles by citation (未成年人保护法第十一条,
 * 刑法 236之一, 刑法第二百三十六条之一) and frequent terms. Everything is matched on folded text;
 * labels are shown exactly as stored. See docs/decisions/0004-search.md.
 */
import { chineseToNumber, formatArticleLabel, NUMERAL_CLASS } from "~/lib/corpus/numerals";
import { foldForMatch } from "~/lib/text/normalize";

/** Longest input the suggester reads (a citation with a long title fits; a paragraph does not). */
export const SUGGEST_MAX_CHARS = 40;
export const SUGGEST_LIMIT = 8;

export interface SuggestWork {
  slug: string;
  title: string;
  shortTitle: string | null;
  /** Date of the version in force (else the latest), for article links. */
  versionDate: string | null;
  /** Article keys of that version with their labels and a short opening, for citations. */
  articles: Map<string, { label: string; preview: string }>;
}

export interface SuggestTerm {
  term: string;
  /** How many articles hold it: frequent terms first. */
  count: number;
}

export interface Suggestion {
  kind: "law" | "article" | "term";
  /** What the option shows (exact title or label). */
  label: string;
  /** Secondary line: an article's opening, a law's short title. */
  detail: string | null;
  /** For terms: how many articles hold it. */
  count?: number;
  /** Where choosing it goes: the law, the article anchor, or a search for the term. */
  href: string;
}

interface IndexedWork extends SuggestWork {
  /** Folded names a person may type: the title, it without 中华人民共和国, the stored short title. */
  names: string[];
}

export interface SuggestIndex {
  works: IndexedWork[];
  terms: { term: string; folded: string; count: number }[];
}

const STATE_PREFIX = "中华人民共和国";

/** The names a law is typed by: 中华人民共和国刑法 -> 刑法; a stored short title as it is. */
export function lawNames(title: string, shortTitle: string | null): string[] {
  const folded = foldForMatch(title);
  const names = [folded];
  if (folded.startsWith(STATE_PREFIX) && folded.length > STATE_PREFIX.length + 1) names.push(folded.slice(STATE_PREFIX.length));
  if (shortTitle) names.push(foldForMatch(shortTitle));
  return [...new Set(names)];
}

export function buildSuggestIndex(works: SuggestWork[], terms: SuggestTerm[]): SuggestIndex {
  const seen = new Set<string>();
  const indexedTerms: SuggestIndex["terms"] = [];
  for (const t of [...terms].sort((a, b) => b.count - a.count)) {
    const folded = foldForMatch(t.term);
    if ([...folded].length < 2 || seen.has(folded)) continue;
    seen.add(folded);
    indexedTerms.push({ term: t.term, folded, count: t.count });
  }
  return { works: works.map((w) => ({ ...w, names: lawNames(w.title, w.shortTitle) })), terms: indexedTerms };
}

/**
 * How well a typed name fits a law's name, 0 = not at all. Whole name > prefix > substring >
 * abbreviation: the typed characters in order with gaps (未保法 in 未成年人保护法, 刑诉法 in
 * 刑事诉讼法), which must start where the name starts and end where it ends, as abbreviations do.
 */
export function nameScore(typed: string, name: string): number {
  if (!typed) return 0;
  if (typed === name) return 100;
  if (name.startsWith(typed)) return 80 - Math.min(20, name.length - typed.length);
  if (name.includes(typed)) return 60 - Math.min(20, name.length - typed.length);
  const t = [...typed];
  const n = [...name];
  if (t.length < 2 || t[0] !== n[0] || t[t.length - 1] !== n[n.length - 1]) return 0;
  let j = 1;
  for (let i = 1; i < n.length - 1 && j < t.length - 1; i++) if (n[i] === t[j]) j++;
  if (j < t.length - 1) return 0;
  // Every character of the name not typed is a gap: the fewer, the closer.
  return 40 - Math.min(30, n.length - t.length);
}

export interface Citation {
  /** The folded text before the article number: the law as typed. */
  law: string;
  number: number;
  suffix: number;
}

const N = `[${NUMERAL_CLASS}]+`;
// 未成年人保护法第十一条, 刑法第二百三十六条之一, 刑法 236之一, 刑法236条, 未保法11, 刑法 第236条 之1
const CITATION = new RegExp(`^(.*?[^${NUMERAL_CLASS}\\s第])\\s*第?\\s*(${N})\\s*条?\\s*(?:之\\s*(${N}))?$`, "u");

/** A citation typed in the search box, or null. The law part is folded for matching. */
export function parseCitation(input: string): Citation | null {
  const m = CITATION.exec(input.trim());
  if (!m) return null;
  const law = foldForMatch(m[1]).replace(/\s+/g, "");
  const number = chineseToNumber(m[2]);
  const suffix = m[3] === undefined ? 0 : chineseToNumber(m[3]);
  if (!law || number === null || suffix === null || number < 1 || number > 2000) return null;
  return { law, number, suffix };
}

function articleKey(number: number, suffix: number): string {
  return suffix ? `art-${number}-${suffix}` : `art-${number}`;
}

function lawHref(slug: string): string {
  return `/works/${encodeURIComponent(slug)}`;
}

function bestNameScore(typed: string, w: IndexedWork): number {
  return Math.max(...w.names.map((n) => nameScore(typed, n)));
}

/** Laws best first: score, then the shorter title (the main law before its implementing rules). */
function rankWorks(index: SuggestIndex, typed: string): IndexedWork[] {
  return index.works
    .map((w) => ({ w, score: bestNameScore(typed, w) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.w.title.length - b.w.title.length || a.w.slug.localeCompare(b.w.slug))
    .map((x) => x.w);
}

/** Citation first (the person knows what they want), then laws, then terms; at most `limit`. */
export function suggest(index: SuggestIndex, input: string, limit = SUGGEST_LIMIT): Suggestion[] {
  const raw = [...input.trim()].slice(0, SUGGEST_MAX_CHARS).join("");
  const typed = foldForMatch(raw).replace(/\s+/g, "");
  if (!typed) return [];
  const out: Suggestion[] = [];

  const citation = parseCitation(raw);
  if (citation) {
    const key = articleKey(citation.number, citation.suffix);
    for (const w of rankWorks(index, citation.law)) {
      const article = w.articles.get(key);
      if (!article || !w.versionDate) continue;
      out.push({
        kind: "article",
        label: `${w.title} ${article.label}`,
        detail: article.preview || null,
        href: `/works/${encodeURIComponent(w.slug)}/${w.versionDate}#${key}`,
      });
      if (out.length >= 3) break;
    }
    if (out.length === 0) {
      // The law exists but not the article: say so through the law itself, never a dead link.
      const w = rankWorks(index, citation.law)[0];
      if (w) out.push({ kind: "law", label: w.title, detail: formatArticleLabel(citation.number, citation.suffix), href: lawHref(w.slug) });
    }
  }

  for (const w of rankWorks(index, typed).slice(0, 4)) {
    if (out.some((s) => s.href === lawHref(w.slug))) continue;
    out.push({ kind: "law", label: w.title, detail: w.shortTitle, href: lawHref(w.slug) });
  }

  // Terms: prefix matches first (what is being typed), then terms containing it; frequent first.
  const prefix: SuggestIndex["terms"] = [];
  const inside: SuggestIndex["terms"] = [];
  for (const t of index.terms) {
    if (t.folded === typed || (prefix.length >= limit && inside.length >= limit)) continue;
    if (t.folded.startsWith(typed)) {
      if (prefix.length < limit) prefix.push(t);
    } else if (t.folded.includes(typed) && inside.length < limit) inside.push(t);
  }
  for (const t of [...prefix, ...inside]) {
    if (out.length >= limit) break;
    out.push({ kind: "term", label: t.term, detail: null, count: t.count, href: `/search?${new URLSearchParams({ q: t.term })}` });
  }
  return out.slice(0, limit);
}
