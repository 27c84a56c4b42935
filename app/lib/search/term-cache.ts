/**
 * Per-index-generation memo of the two costs that grow with the number of matched rows and do not
 * depend on the request's filters: the rows an FTS5 MATCH string finds, and each row's ranking score
 * for a stage's strings before the request's boosts (rank.ts unitScore x proximity). Frequent terms
 * (的: 57,000 articles of the bench corpus) spent ~100 ms per search re-reading the same doclists and
 * re-scoring the same rows; a repeated term now costs one pass over typed arrays. The first search of
 * a term is not faster (docs/decisions/0004-search.md).
 *
 * Bounded: only results of at least MEMO_MIN_ROWS rows are kept (smaller ones are cheap to redo), at
 * most MEMO_ENTRIES of each kind, least recently used dropped first. Keyed by the unit table, which
 * is replaced whenever search_meta.generation changes, so an index change empties the memo.
 */

export const MEMO_MIN_ROWS = 1000;
const MEMO_ENTRIES = 24;

class Lru<V> {
  private map = new Map<string, V>();
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > MEMO_ENTRIES) this.map.delete(this.map.keys().next().value as string);
  }
}

interface Memo {
  owner: object;
  matches: Lru<MatchedRows>;
  scores: Lru<Float64Array>;
}

let memo: Memo | null = null;

function memoFor(owner: object): Memo {
  if (memo?.owner !== owner) memo = { owner, matches: new Lru(), scores: new Lru() };
  return memo;
}

export interface MatchedRows {
  /** Rows FTS5 returned. */
  rowCount: number;
  /** Their unit indexes, ascending. Shared: never mutated. */
  units: readonly number[];
}

/** The rows a MATCH string finds, from the memo or `find`. */
export function memoMatches(owner: object, match: string, find: () => MatchedRows): MatchedRows {
  const m = memoFor(owner);
  const hit = m.matches.get(match);
  if (hit) return hit;
  const rows = find();
  if (rows.rowCount >= MEMO_MIN_ROWS) m.matches.set(match, rows);
  return rows;
}

/**
 * Per unit index, the unboosted score of a stage (NaN where not yet computed), or null when the
 * stage has too few rows to be worth keeping. `key` must determine the score of every unit.
 */
export function memoScores(owner: object, key: string, size: number, rows: number): Float64Array | null {
  if (rows < MEMO_MIN_ROWS) return null;
  const m = memoFor(owner);
  let scores = m.scores.get(key);
  if (!scores) {
    scores = new Float64Array(size).fill(NaN);
    m.scores.set(key, scores);
  }
  return scores;
}

/**
 * The `limit` characters (letters of the Basic Multilingual Plane) held by the most of `texts`, each
 * by at least `minTexts`, most first: the single-character queries whose first search would read and
 * rank tens of thousands of rows (的 ~100 ms), searched once at warm-up so the memo holds them.
 */
export function frequentCharacters(texts: readonly string[], limit: number, minTexts = MEMO_MIN_ROWS): string[] {
  const df = new Int32Array(0x10000);
  const lastSeen = new Int32Array(0x10000).fill(-1);
  for (let t = 0; t < texts.length; t++) {
    const text = texts[t];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (lastSeen[c] === t) continue;
      lastSeen[c] = t;
      df[c]++;
    }
  }
  const out: number[] = [];
  for (let c = 0; c < df.length; c++) if (df[c] >= minTexts && /\p{L}/u.test(String.fromCharCode(c))) out.push(c);
  out.sort((a, b) => df[b] - df[a] || a - b);
  return out.slice(0, limit).map((c) => String.fromCharCode(c));
}
