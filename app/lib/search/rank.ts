/**
 * Ranking of matched articles, computed in JS over the folded texts held in memory
 * (unit-texts.server.ts). FTS5 finds the rows (complete literal recall); this module orders them.
 *
 * Why not FTS5's bm25(): it re-reads every matched row's position lists and computes each phrase's
 * document frequency with a second pass over the index, so ranking cost about twice the match
 * itself (人民法院, 8,400 rows: match 5 ms, ORDER BY bm25 LIMIT 13 ms). Counting a term in a few
 * hundred characters of in-memory text costs well under a microsecond per row.
 *
 * The score is Okapi BM25 with FTS5's shape (per term: idf x saturated weighted frequency with
 * length normalisation) and the weights the engine used before: heading 4, body 1, whole word 2.
 * Saturation (k1) is 2 rather than FTS5's 1.2 (TUNING.k1).
 */

import { countOccurrences } from "~/lib/text/occurrences";

/** BM25 length normalisation (FTS5's value). Term-frequency saturation is TUNING.k1. */
export const BM25_B = 0.75;

/**
 * Weights and boosts, tuned on the judged set (tests/fixtures/search/relevance.json) with
 * `npm run bench:search -- --relevance-only --tune [--tune-on odd]`: coordinate descent over a grid
 * of these values, chosen on the even-numbered queries and checked on the odd-numbered ones, then
 * the reverse. Values both halves chose are kept (titleBoost 1, headingOnly 0.4, leadBoost 1.5,
 * inForceBoost 1.5); where the halves disagreed (headingWeight 4 vs 0.5, wordWeight 0 vs 1,
 * definitionBoost 1.6 vs 3, synonymWeight 1.5 vs 2) a value between them. Both halves preferred no
 * proximity bonus on the old thesaurus; with the final one 0.25 measured 0.818 against 0.815.
 * Figures in docs/decisions/0004-search.md.
 */
export const TUNING = {
  /**
   * BM25 term-frequency saturation. FTS5 uses 1.2; with the whole-word weight one occurrence already
   * counts 3, so at 1.2 an article saying the term five times scored barely above one saying it
   * once. Judged set (even / odd half): 1.2 0.830 / 0.891, 1.6 0.830 / 0.891, 2 0.831 / 0.894,
   * 2.5 0.832 / 0.894, 3 0.831 / 0.893; literal 0.872 at each.
   */
  k1: 2,
  /** Per occurrence in a heading (chapter path or own heading), in the body, as a whole jieba word. */
  headingWeight: 1,
  bodyWeight: 1,
  wordWeight: 2,
  /**
   * Multiplier for an article that matches only through a heading (a chapter named after the
   * query): policy officers want the articles whose text says it first.
   */
  headingOnly: 0.4,
  /**
   * Multiplier per term that occurs in the article's first sentence: the article is about it
   * (未成年人的父母或者其他监护人应当履行下列监护职责：…), not merely listing it in an item.
   */
  leadBoost: 1.5,
  /**
   * Multiplier for an article that defines a term (本法所称家庭暴力，是指……; 合适成年人是指……):
   * the article a policy officer usually wants first, and one that plain term frequency ranks
   * below longer articles that merely use the term.
   */
  definitionBoost: 2,
  /**
   * Multiplier for a term that is the subject of the article's first sentence: followed there by
   * 应当 / 不得 / 是指 / 可以 (父母或者其他监护人应当履行…; 人身安全保护令可以包括…). Such an article says what
   * the term must, may or must not do, or what it is; it is about the term. Judged set (even / odd
   * half, k1 2): 1 0.831 / 0.894, 1.1 0.844 / 0.894, 1.2 0.845 / 0.894, 1.3 0.842 / 0.894,
   * 1.5 0.838 / 0.894; anywhere in the article instead of the first sentence 1.2 0.843 / 0.894.
   */
  subjectBoost: 1.2,
  /** All-words stage: up to this much more for words side by side in the typed order (relax.ts). */
  proximityBonus: 0.25,
  /** Multiplier for a version in force on the day searched. */
  inForceBoost: 1.5,
  /** Multiplier for an article of a work whose title contains a query term. */
  titleBoost: 1,
  /**
   * A list article (its first sentence ends with a colon: 人身安全保护令可以包括下列措施：（一）…) is
   * about what its stem names; the items elaborate it. A term in the stem is length-normalised by
   * the stem's length times this (0: by the whole article, as BM25 does), so a long list no longer
   * ranks below short articles that merely mention the term. Judged set: 0 0.814, 0.5 0.834,
   * 1 0.833, 1.5 0.827, 2 0.826, 4 0.819 (1 kept: the stem itself).
   */
  listStem: 1,
  /**
   * A query whose literal matches are fewer articles than this is relaxed (relax.ts). 1: only a
   * query that finds nothing literally; whatever matches literally is exactly the result set, so
   * "every term must appear" stays true (the search contract) whenever it can. Relaxing below 5
   * literal results measured nDCG@10 0.807 against 0.797. 0 turns relaxation off (the bench's
   * "before" row).
   */
  relaxBelow: 1,
  /**
   * A query whose literal matches are fewer articles than this is relaxed too, after its literal
   * matches, when one of its terms is several words (讯问未成年犯罪嫌疑人: two articles say it
   * verbatim; the juvenile-procedure articles say 讯问 and 未成年犯罪嫌疑人 apart). A term that only
   * splits into single characters is not (登记和处). Judged set (all / even / odd half): 1 0.870 /
   * 0.845 / 0.894, 3 0.877 / 0.859 / 0.894, 4 and 5 0.879 / 0.864 / 0.894; without the several-words
   * condition 3 0.877, 5 0.874 (odd half 0.884).
   */
  relaxFewBelow: 5,
  /**
   * Best-partial stage: words held by more than this share of all articles are left out when rarer
   * ones remain (they cost most of the matching and ranking and add little). Judged set: no limit
   * 0.816, 0.15 0.814, 0.05 0.811 (questions 0.807 -> 0.752).
   */
  partialMaxShare: 0.15,
  /**
   * Best-partial follows the all-words and synonym matches when they are fewer groups than this (a
   * first page): 学校欺凌报告 has one article with all three words, and the ones with two of them
   * (预防未成年人犯罪法 第二十条) are what comes next. Judged set: 1 (only when nothing was found)
   * 0.844, 2 0.850, 5 0.851, 10 0.853, 20 0.853.
   */
  partialBelow: 10,
  /**
   * Best-partial stage: the score times (share of what was asked that the article holds: a word
   * or one of its equivalents or sub-words, relax.ts concepts) to this power. BM25 sums per string,
   * so one frequent string many times could outrank an article holding most of what was asked
   * (学校发现学生被家暴怎么办: 反家庭暴力法 articles that only say 家庭暴力 outranked 第十四条, 学校 + 发现 +
   * 家庭暴力). Judged set, share of strings: 0 0.856, 0.5 / 1 / 2 0.860; share of concepts: 0.5 / 1
   * / 2 0.861.
   */
  partialCoverage: 1,
  /** Best-partial stage: weight of a thesaurus equivalent against a word typed (the concept asked about). */
  synonymWeight: 2,
};

/**
 * True when the occurrence of a term at [start, end) in a folded body is being defined: "所称"
 * right before it (本法所称家庭暴力), or "是指" / ",是指" right after it. Checked at occurrences
 * the count finds anyway, so a definition costs no extra scan of the text.
 */
export function isDefinedAt(body: string, start: number, end: number): boolean {
  // Character codes, not startsWith: this runs at every occurrence of common terms.
  if (start >= 2 && body.charCodeAt(start - 2) === SUO && body.charCodeAt(start - 1) === CHENG) return true;
  const next = body.charCodeAt(end) === COMMA ? end + 1 : end;
  return body.charCodeAt(next) === SHI && body.charCodeAt(next + 1) === ZHI;
}

/**
 * True when the text at `end` (right after an occurrence of a term) is 应当 / 不得 / 是指 / 可以: the
 * term is the clause's subject (TUNING.subjectBoost).
 */
export function isSubjectAt(body: string, end: number): boolean {
  for (const w of SUBJECT_VERBS) if (body.startsWith(w, end)) return true;
  return false;
}

const SUBJECT_VERBS = ["应当", "不得", "是指", "可以"];

const SUO = "所".charCodeAt(0);
const CHENG = "称".charCodeAt(0);
const SHI = "是".charCodeAt(0);
const ZHI = "指".charCodeAt(0);
const COMMA = ",".charCodeAt(0);

/** Robertson-Sparck Jones idf as FTS5 computes it (never zero or negative). */
export function idf(rowCount: number, rowsWithTerm: number): number {
  const value = Math.log((rowCount - rowsWithTerm + 0.5) / (rowsWithTerm + 0.5));
  return value > 0 ? value : 1e-6;
}

export interface TermStats {
  /** Folded term. */
  term: string;
  idf: number;
  /** Weight of the term's score (1 for query terms; relaxed stages weigh synonyms and sub-words less). */
  weight?: number;
  /** Per unit index: 1 when the term is one of the unit's search words (jieba), or null. */
  wordRows: Uint8Array | null;
}

/** End of the first sentence of a folded body: the first 。 ; : or paragraph end. */
function leadEnd(body: string): number {
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === PERIOD || c === NEWLINE || c === COLON || c === SEMICOLON) return i;
  }
  return body.length;
}

const PERIOD = "。".charCodeAt(0);
const NEWLINE = 10;
const COLON = ":".charCodeAt(0);
const SEMICOLON = ";".charCodeAt(0);

/**
 * BM25 of one unit: `heading` and `body` are its folded texts (paragraphs joined by "\n", which no
 * folded term contains), `length` its length in characters, `avgLength` the mean over all units.
 * A unit whose text holds the term as a word counts each body occurrence once more (wordWeight).
 * Boosts (TUNING): a term defined here, a term in the first sentence, a term that is the first
 * sentence's subject (term + 应当 / 不得 / 是指 / 可以); a unit that matches only
 * through headings is demoted. A term in the stem of a list article is normalised by the stem's
 * length (TUNING.listStem).
 */
export function unitScore(
  terms: TermStats[],
  unit: number,
  heading: string,
  body: string,
  length: number,
  avgLength: number,
): number {
  const lead = leadEnd(body);
  const listStem = TUNING.listStem > 0 && body.charCodeAt(lead) === COLON;
  const k1 = TUNING.k1;
  const norm = k1 * (1 - BM25_B + (BM25_B * length) / avgLength);
  const stemNorm = listStem ? k1 * (1 - BM25_B + (BM25_B * Math.min(length, lead * TUNING.listStem)) / avgLength) : norm;
  let score = 0;
  let inBodyAny = false;
  for (const t of terms) {
    let inBody = 0;
    let defines = false;
    let subject = false;
    let first = -1;
    const n = t.term.length;
    for (let at = body.indexOf(t.term); at >= 0; at = body.indexOf(t.term, at + n)) {
      if (inBody === 0) first = at;
      inBody++;
      if (!defines) defines = isDefinedAt(body, at, at + n);
      if (!subject && at < lead) subject = isSubjectAt(body, at + n);
    }
    const inHeading = heading ? countOccurrences(heading, t.term) : 0;
    if (inBody === 0 && inHeading === 0) continue;
    if (inBody > 0) inBodyAny = true;
    const asWord = t.wordRows && t.wordRows[unit] ? inBody : 0;
    const tf = TUNING.headingWeight * inHeading + TUNING.bodyWeight * inBody + TUNING.wordWeight * asWord;
    const termNorm = first >= 0 && first < lead ? stemNorm : norm;
    let termScore = ((t.weight ?? 1) * t.idf * (tf * (k1 + 1))) / (tf + termNorm);
    if (defines) termScore *= TUNING.definitionBoost;
    if (subject) termScore *= TUNING.subjectBoost;
    if (first >= 0 && first < lead) termScore *= TUNING.leadBoost;
    score += termScore;
  }
  return inBodyAny ? score : score * TUNING.headingOnly;
}

/**
 * (Share of `groups` of which the heading or body holds at least one string) ^ exponent; 1 when
 * there are none.
 */
export function coverageFactor(heading: string, body: string, groups: readonly (readonly string[])[], exponent: number): number {
  if (groups.length === 0 || exponent === 0) return 1;
  let held = 0;
  for (const g of groups) if (g.some((s) => body.includes(s) || heading.includes(s))) held++;
  return (held / groups.length) ** exponent;
}

/**
 * The `limit` best of `items` (parallel to `scores`), best first: higher score, then smaller `tie`
 * (the provision id, so the order is deterministic). A bounded heap: O(n log limit).
 */
export function topByScore(items: ArrayLike<number>, scores: ArrayLike<number>, tie: ArrayLike<number>, limit: number): number[] {
  const n = items.length;
  if (limit <= 0 || n === 0) return [];
  // worse(a, b): position a ranks below position b.
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && tie[a] > tie[b]);
  const heap: number[] = [];
  const siftUp = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && worse(heap[l], heap[worst])) worst = l;
      if (r < heap.length && worse(heap[r], heap[worst])) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst], heap[i]];
      i = worst;
    }
  };
  for (let p = 0; p < n; p++) {
    if (heap.length < limit) {
      heap.push(p);
      siftUp(heap.length - 1);
    } else if (worse(heap[0], p)) {
      heap[0] = p;
      siftDown(0);
    }
  }
  heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
  return heap.map((p) => items[p]);
}
