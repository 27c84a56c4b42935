/**
 * Related terms ("相关词") from co-occurrence in the loaded laws, no downloads: the words that the
 * best-matching articles share far more often than the corpus as a whole does.
 *
 * - Document frequencies of every jieba word come from the index itself (SQLite: FTS5's vocabulary
 *   of the `words` column, here; PostgreSQL: its `words` arrays), read once per index generation.
 * - For a query, the words of its top-ranked articles are counted (jieba, memoised per article),
 *   and each word scores (articles holding it among the top) x idf; words of the query are left out.
 * The thesaurus editor asks the engine (relatedTermsFor) to discover entries.
 */
import Database from "better-sqlite3";
import { databasePath } from "~/lib/env.server";
import { contentWords } from "./relax";
import type { UnitTexts } from "./unit-texts.server";
import type { UnitTable } from "./units.server";
import { queryWordCutter } from "./words.server";

export const RELATED_LIMIT = 8;
/** Articles whose words are counted: the top of the ranking. */
const RELATED_FROM = 20;
/** Words counted per article memo: bounded so a long-running server does not grow without end. */
const MEMO_MAX = 20_000;

interface Vocabulary {
  stamp: string;
  docs: number;
  df: Map<string, number>;
}

let vocabulary: Vocabulary | null = null;
const wordMemo = new Map<number, string[]>();

/**
 * Word document frequencies from the index's vocabulary. A read-only connection of its own: the
 * fts5vocab table is created in its temp schema, which the query_only search reader refuses.
 */
function loadVocabulary(stamp: string, docs: number): Vocabulary {
  if (vocabulary?.stamp === stamp) return vocabulary;
  const db = new Database(databasePath(), { fileMustExist: true, readonly: true });
  try {
    db.exec(`CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, 'search_fts', 'row')`);
    // Bigram tokens are ASCII; jieba words are not, so one range read gives only the words.
    const rows = db.prepare(`SELECT term, doc FROM temp.search_vocab WHERE term >= char(128)`).raw().all() as [string, number][];
    vocabulary = { stamp, docs, df: new Map(rows) };
  } finally {
    db.close();
  }
  return vocabulary;
}

/** Loads the vocabulary with the other search caches (the server's warm-up calls it). */
export function warmRelatedTerms(stamp: string, units: UnitTable): void {
  loadVocabulary(stamp, units.size);
}

/**
 * Rows holding `word` as a jieba word, from the vocabulary (undefined when it is not one): relaxed
 * stages take their idf from it instead of counting each word's rows with a phrase query (学校 in
 * the bench corpus: a few milliseconds per word, several words per question).
 */
export function wordDocumentFrequency(stamp: string, units: UnitTable, word: string): number | undefined {
  return loadVocabulary(stamp, units.size).df.get(word);
}

let memoOf: UnitTexts | null = null;

function wordsOfUnit(texts: UnitTexts, u: number): string[] {
  // Unit indexes change with the generation, and so do the texts.
  if (memoOf !== texts) {
    wordMemo.clear();
    memoOf = texts;
  }
  let words = wordMemo.get(u);
  if (!words) {
    words = [...new Set(contentWords(queryWordCutter.precise(texts.body[u])).filter((w) => [...w].length >= 2 && !/^\p{N}+$/u.test(w)))];
    if (wordMemo.size >= MEMO_MAX) wordMemo.clear();
    wordMemo.set(u, words);
  }
  return words;
}

/**
 * The words most characteristic of `units` (unit indexes, best first) relative to the whole index
 * (`docs` rows, `frequency` of a word among them), leaving out the query's own strings and anything
 * containing or contained in them. Shared by the engines (pipeline.server.ts).
 */
export function relatedTermsOf(
  texts: UnitTexts,
  frequency: (word: string) => number | undefined,
  docs: number,
  units: readonly number[],
  queryStrings: readonly string[],
  limit = RELATED_LIMIT,
): string[] {
  const top = units.slice(0, RELATED_FROM);
  if (top.length < 2) return [];
  const counts = new Map<string, number>();
  for (const u of top) for (const w of wordsOfUnit(texts, u)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const scored: [string, number][] = [];
  // forEach and plain loops: no entry array or closure per counted word (hundreds per search).
  counts.forEach((n, w) => {
    if (n < 2) return;
    for (const q of queryStrings) if (q.includes(w) || w.includes(q)) return;
    scored.push([w, n * Math.log(1 + docs / (frequency(w) ?? n))]);
  });
  scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return scored.slice(0, limit).map(([w]) => w);
}

/**
 * Related terms of one term over every version (for the thesaurus editor): the words of its literal
 * matches, most occurrences first, several versions of one article counted once.
 */
export function relatedTermsOfMatches(
  texts: UnitTexts,
  frequency: (word: string) => number | undefined,
  table: UnitTable,
  folded: string,
  matchedUnits: number[],
  limit = RELATED_LIMIT,
): string[] {
  const units = [...matchedUnits];
  const occurrences = (u: number) => texts.body[u].split(folded).length - 1;
  units.sort((a, b) => occurrences(b) - occurrences(a) || a - b);
  const seen = new Set<number>();
  const distinct = units.filter((u) => (seen.has(table.group[u]) ? false : (seen.add(table.group[u]), true)));
  return relatedTermsOf(texts, frequency, table.size, distinct, [folded], limit);
}
