/**
 * Query relaxation (pure): what an engine tries, in order, when the literal query finds few or no
 * articles, and what it suggests when nothing is found. See docs/decisions/0004-search.md.
 *
 * A stage is a boolean query over literal strings: every clause must match (AND); a clause
 * matches when one of its alternatives does (OR); an alternative matches when each of its strings
 * occurs somewhere in the article (AND). Strings are matched literally (the engine's exact
 * substring match), so relaxation only widens the result set by stages the user is told about.
 */
import type { ParsedQuery } from "./query";
import { expandTerm, type ThesaurusIndex } from "./thesaurus";
import type { MatchKind, RelaxationStep } from "./types";

/** One alternative: strings that must all occur in the article. */
export type Alternative = string[];
/** One clause: any of its alternatives. */
export type Clause = Alternative[];

export interface RelaxedStage {
  match: Exclude<MatchKind, "exact">;
  /** AND of clauses (one per query term; one clause in all for "partial"). */
  clauses: Clause[];
  /** What the stage did, per term, for the explanation line. */
  steps: RelaxationStep[];
  /** Word lists whose order and closeness the ranking rewards (the typed order). */
  ordered: string[][];
  /** Strings that come from the thesaurus (ranked with TUNING.synonymWeight in "partial"). */
  fromThesaurus: string[];
  /**
   * "partial" only: the stage's strings grouped by what was asked (a word with its sub-words and
   * equivalents: 家暴 | 家庭暴力), for coverage ranking.
   */
  concepts?: string[][];
}

/** Segments a folded term into words (jieba: `precise` for all-words, search mode for partial). */
export interface WordCutter {
  precise(term: string): string[];
  forSearch(term: string): string[];
}

/**
 * Question and function words a policy officer types that no statute needs to contain
 * (怎么办, 可以……吗, 被). Dropped from relaxed stages only: a literal search keeps every character.
 */
export const QUERY_STOP_WORDS = new Set([
  "的", "了", "吗", "呢", "吧", "啊", "被", "把", "给", "对", "在", "和", "与", "及", "或", "是", "有", "要", "会",
  "能", "可以", "能否", "是否", "应该", "应当", "怎么", "怎么办", "怎样", "如何", "什么", "哪些", "哪个", "谁",
  "多久", "多少", "为什么", "为何", "吗?", "?", "请问", "如果", "时候", "一下", "还", "就", "都", "也",
  "交给", "我", "你", "他", "她", "我们", "他们", "可", "该", "办",
  // 怎么处理 / 如何办理 ask what to do; the statutes answer with other verbs (处置, 制止, 报告).
  "处理", "办理",
]);

/** Content words of a folded term: punctuation and stop words dropped, order kept, no duplicates. */
export function contentWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    if (!/[\p{L}\p{N}]/u.test(w) || QUERY_STOP_WORDS.has(w) || out.includes(w)) continue;
    out.push(w);
  }
  return out;
}

/**
 * The words a relaxed stage requires for one term: jieba's precise words without stop words, a lone
 * character joined to its neighbour word when the join occurs in the laws (`occurs`: 保护令), runs
 * of single characters joined and other lone ones dropped (虐童 cuts into 虐 / 童), each replaced by its
 * longest sub-word with a thesaurus entry when it has none itself (进网吧 -> 网吧).
 */
export function queryTermWords(
  term: string,
  cutter: WordCutter,
  thesaurus: ThesaurusIndex,
  occurs: (s: string) => boolean = () => false,
): string[] {
  // Runs of single characters jieba left unjoined (被/性/侵/的) are read as one word (性侵).
  const words: string[] = [];
  let run = "";
  for (const w of [...contentWords(joinLoneCharacters(cutter.precise(term), occurs)), ""]) {
    if ([...w].length === 1) {
      run += w;
      continue;
    }
    if ([...run].length >= 2 && !words.includes(run)) words.push(run);
    run = "";
    if (w && !words.includes(w)) words.push(w);
  }
  if (words.length === 0) return [term];
  return words.map((w) => {
    if (thesaurus.has(w)) return w;
    const sub = cutter
      .forSearch(w)
      .filter((s) => s !== w && [...s].length >= 2 && thesaurus.has(s))
      .sort((a, b) => b.length - a.length)[0];
    return sub ?? w;
  });
}

const isContent = (w: string) => /[\p{L}\p{N}]/u.test(w) && !QUERY_STOP_WORDS.has(w);
const isLone = (cut: readonly string[], i: number) =>
  [...cut[i]].length === 1 && isContent(cut[i]) && !(i > 0 && [...cut[i - 1]].length === 1 && isContent(cut[i - 1])) &&
  !(i + 1 < cut.length && [...cut[i + 1]].length === 1 && isContent(cut[i + 1]));
const joinable = (w: string | undefined) => w !== undefined && [...w].length > 1 && isContent(w);

/**
 * The strings a lone character of a precise cut could join (its neighbour word before it + it, it +
 * the word after it): the engine looks up which occur in the laws (joinLoneCharacters).
 */
export function loneCharacterJoins(term: string, cutter: WordCutter): string[] {
  const cut = cutter.precise(term);
  const out: string[] = [];
  cut.forEach((w, i) => {
    if (!isLone(cut, i)) return;
    if (joinable(cut[i - 1])) out.push(cut[i - 1] + w);
    if (joinable(cut[i + 1])) out.push(w + cut[i + 1]);
  });
  return out;
}

/**
 * A lone character jieba cut off a word (人身安全 / 保护 / 令, 不 / 履行) would be dropped; it joins the
 * word before it, else the word after it, when the joined string occurs in the laws (保护令, 不履行).
 */
export function joinLoneCharacters(cut: readonly string[], occurs: (s: string) => boolean): string[] {
  const out = [...cut];
  for (let i = 0; i < out.length; i++) {
    if (!isLone(out, i)) continue;
    if (joinable(out[i - 1]) && occurs(out[i - 1] + out[i])) {
      out.splice(i - 1, 2, out[i - 1] + out[i]);
      i--;
    } else if (joinable(out[i + 1]) && occurs(out[i] + out[i + 1])) {
      out.splice(i, 2, out[i] + out[i + 1]);
    }
  }
  return out;
}

/** At most this many alternatives per clause from multiplying word-level synonyms. */
const MAX_ALTERNATIVES = 16;

/** The words of a thesaurus term ("虐待 未成年人": both must occur). */
const wordsOfTerm = (term: string): string[] => term.split(" ");

function product(lists: string[][]): string[][] {
  let out: string[][] = [[]];
  for (const list of lists) {
    const next: string[][] = [];
    for (const prefix of out) for (const item of list) if (next.length < MAX_ALTERNATIVES) next.push([...prefix, ...wordsOfTerm(item)]);
    out = next;
  }
  return out;
}

/**
 * The relaxed stages of a query, in the order the engine tries them:
 * all-words (terms of several words become their words, in any order), synonyms (terms and their
 * words through the thesaurus), partial (any word, synonym or sub-word of any term). A stage that
 * would equal the previous one is left out.
 */
export function planRelaxation(
  parsed: ParsedQuery,
  cutter: WordCutter,
  thesaurus: ThesaurusIndex,
  occurs: (s: string) => boolean = () => false,
): RelaxedStage[] {
  const stages: RelaxedStage[] = [];
  const terms = parsed.terms.map((t) => t.folded);
  const wordsOf = terms.map((t) => queryTermWords(t, cutter, thesaurus, occurs));

  // 1. all-words: a term of several words matches when each word occurs in the article.
  const splitSteps: RelaxationStep[] = [];
  terms.forEach((t, i) => {
    if (wordsOf[i].length > 1 || wordsOf[i][0] !== t) splitSteps.push({ kind: "split-words", term: t, into: wordsOf[i] });
  });
  if (splitSteps.length > 0) {
    stages.push({ match: "all-words", clauses: wordsOf.map((w) => [w]), steps: splitSteps, ordered: wordsOf, fromThesaurus: [] });
  }

  // 2. synonyms: the term's own equivalents, or its words' equivalents (one per word).
  const synonymSteps: RelaxationStep[] = [];
  const synonymClauses: Clause[] = terms.map((t, i) => {
    const whole = expandTerm(thesaurus, t);
    const perWord = wordsOf[i].map((w) => [w, ...expandTerm(thesaurus, w)]);
    const viaWords = perWord.some((alts) => alts.length > 1);
    if (whole.length === 0 && !viaWords) return [wordsOf[i]];
    const into = [...whole, ...perWord.flatMap((alts) => alts.slice(1))];
    synonymSteps.push({ kind: "synonyms", term: t, into: [...new Set(into)] });
    const clause: Clause = whole.map(wordsOfTerm);
    for (const alt of viaWords ? product(perWord) : [wordsOf[i]]) {
      if (!clause.some((c) => c.join("\u0000") === alt.join("\u0000"))) clause.push(alt);
    }
    return clause;
  });
  const fromThesaurus = [...new Set(synonymSteps.flatMap((st) => st.into.flatMap(wordsOfTerm)))];
  if (synonymSteps.length > 0) {
    const ordered = synonymClauses.flatMap((c) => c.filter((alt) => alt.length > 1));
    stages.push({ match: "synonym", clauses: synonymClauses, steps: synonymSteps, ordered, fromThesaurus });
  }

  // 3. partial: any of the words (search-mode sub-words too) or synonyms of any term.
  const partial = new Set<string>();
  terms.forEach((t, i) => {
    for (const w of wordsOf[i]) partial.add(w);
    for (const w of contentWords(cutter.forSearch(t))) if ([...w].length >= 2) partial.add(w);
    for (const s of expandTerm(thesaurus, t)) for (const w of wordsOfTerm(s)) partial.add(w);
    for (const w of wordsOf[i]) for (const s of expandTerm(thesaurus, w)) for (const x of wordsOfTerm(s)) partial.add(x);
  });
  const partialWords = [...partial].filter((w) => !terms.includes(w) || terms.length > 1);
  if (partialWords.length > 0 && !(terms.length === 1 && partialWords.length === 1 && partialWords[0] === terms[0])) {
    stages.push({
      match: "partial",
      clauses: [partialWords.map((w) => [w])],
      steps: terms.map((t) => ({ kind: "partial" as const, term: t, into: partialWords })),
      ordered: [],
      fromThesaurus,
      concepts: partialConcepts(partialWords, terms, wordsOf, thesaurus),
    });
  }
  return stages;
}

/**
 * Best-partial's strings grouped by what was asked: each word of a term with its equivalents and
 * the search-mode sub-words inside it, a term's whole-term equivalents as one group; any string left
 * over is a group of its own.
 */
function partialConcepts(strings: string[], terms: string[], wordsOf: string[][], thesaurus: ThesaurusIndex): string[][] {
  const wanted = new Set(strings);
  const placed = new Set<string>();
  const groups: string[][] = [];
  const add = (members: string[]) => {
    const group = [...new Set(members)].filter((m) => wanted.has(m) && !placed.has(m));
    for (const m of group) placed.add(m);
    if (group.length > 0) groups.push(group);
  };
  terms.forEach((t, i) => {
    for (const w of wordsOf[i]) {
      const equivalents = expandTerm(thesaurus, w).flatMap(wordsOfTerm);
      add([w, ...equivalents, ...strings.filter((s) => s !== w && w.includes(s))]);
    }
    add(expandTerm(thesaurus, t).flatMap(wordsOfTerm));
  });
  for (const s of strings) add([s]);
  return groups;
}

/** Every distinct string a stage matches on (the terms its ranking counts). */
export function stageStrings(stage: RelaxedStage): string[] {
  return [...new Set(stage.clauses.flatMap((c) => c.flat()))];
}

/** True when an alternative's strings all occur in `text`. */
function alternativeIn(text: string, alternative: Alternative): boolean {
  return alternative.every((s) => text.includes(s));
}

/** The strings that make `text` match the stage (what the hit highlights), and the synonyms among them. */
export function matchedStrings(stage: RelaxedStage, text: string, thesaurusStrings: ReadonlySet<string>): {
  strings: string[];
  synonyms: string[];
} {
  const strings = new Set<string>();
  for (const clause of stage.clauses) {
    for (const alt of clause) if (stage.match === "partial" ? text.includes(alt[0]) : alternativeIn(text, alt)) for (const s of alt) strings.add(s);
  }
  const list = [...strings];
  return { strings: list, synonyms: list.filter((s) => thesaurusStrings.has(s)) };
}

/** Width of the narrowest window of one paragraph holding the words in the typed order (Infinity: none). */
function orderedSpan(paragraph: string, words: readonly string[]): number {
  let best = Infinity;
  for (let at = paragraph.indexOf(words[0]); at >= 0; at = paragraph.indexOf(words[0], at + 1)) {
    let end = at + words[0].length;
    for (let k = 1; k < words.length && end >= 0; k++) {
      const next = paragraph.indexOf(words[k], end);
      end = next < 0 ? -1 : next + words[k].length;
    }
    if (end < 0) break;
    best = Math.min(best, end - at);
  }
  return best;
}

/** Width from the first to the last of the words' first occurrences in a paragraph (any order). */
function anyOrderSpan(paragraph: string, words: readonly string[]): number {
  let lo = Infinity;
  let hi = 0;
  for (const w of words) {
    const i = paragraph.indexOf(w);
    if (i < 0) return Infinity;
    lo = Math.min(lo, i);
    hi = Math.max(hi, i + w.length);
  }
  return hi - lo;
}

/**
 * Proximity factor for an all-words match, in [1, 1 + bonus]: 1 + bonus when the words occur
 * side by side in the typed order, falling with the width of the narrowest paragraph window that
 * holds them in that order; in another order only half the bonus at most; across paragraphs 1.
 */
export function proximityFactor(body: string, words: readonly string[], bonus: number): number {
  if (words.length < 2) return 1;
  const ideal = words.reduce((s, w) => s + w.length, 0);
  let ordered = Infinity;
  let anyOrder = Infinity;
  for (const paragraph of body.split("\n")) {
    ordered = Math.min(ordered, orderedSpan(paragraph, words));
    anyOrder = Math.min(anyOrder, anyOrderSpan(paragraph, words));
  }
  if (ordered < Infinity) return 1 + bonus * (ideal / ordered);
  if (anyOrder < Infinity) return 1 + (bonus / 2) * (ideal / anyOrder);
  return 1;
}

/** True when the words occur in the typed order within one paragraph of `body`. */
export function wordsInOrder(body: string, words: readonly string[]): boolean {
  return words.length < 2 || body.split("\n").some((p) => orderedSpan(p, words) < Infinity);
}

/**
 * Queries worth trying when a search found nothing: each term's words on their own, the query
 * without its excluded terms, each of several terms alone, and a shorter piece of a long term.
 * Never empty for a parsed query.
 */
export function fallbackSuggestions(parsed: ParsedQuery, wordsOf: (term: string) => string[] = () => []): string[] {
  const out: string[] = [];
  const add = (q: string) => {
    const t = q.trim();
    if (t && !out.includes(t)) out.push(t);
  };
  const terms = parsed.terms.map((t) => t.folded);
  for (const term of terms) {
    const words = contentWords(wordsOf(term));
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
