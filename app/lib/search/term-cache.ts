/**
 * Per-index-generation memo of the two costs of the search pipeline (pipeline.server.ts) that grow
 * with the number of matched rows and do not depend on the request's filters: the rows a stage's
 * clauses find (an FTS5 MATCH on SQLite, GIN + strpos on PostgreSQL), and each row's ranking score
 * for a stage's strings before the request's boosts (rank.ts unitScore x proximity). Frequent terms
 * (的: 57,000 articles of the bench corpus) spent ~100 ms per search re-reading the same doclists and
 * re-scoring the same rows; a repeated term now costs one pass over typed arrays. The first search
 * of a term is not faster, except for the characters warm-up searches (frequentCharacters).
 *
 * Never stale: one memo belongs to one SearchState generation, i.e. the search_meta.generation the
 * search read in its own snapshot (bumped by every index change: ingest, re-ingest, removal,
 * reindex), the unit table built at that generation and the thesaurus entries read in that snapshot
 * (a new array after every edit). A search whose state differs in any of them gets a new, empty
 * memo; a search still running on the old state keeps writing into the old memo object it holds,
 * which nothing reads any more. Keys are everything else a value depends on (pipeline.server.ts).
 * Not keyed by db/generation.server.ts's database generation: that moves on every commit to any
 * table (sessions, notifications written on read), which would empty the memo for no index change,
 * and it is read outside the search's snapshot.
 *
 * Bounded (MEMO): only results of at least `minRows` rows are kept (smaller ones are cheap to redo),
 * at most `entries` of each kind and `bytes` in all, least recently used dropped first. Values
 * derived from a kept row list (derivedOf: facet counts, score orders of 12 bytes a row, at most 4
 * per list) live on the list and go with it; literal row counts of strings are numbers (`counts`).
 */

export const MEMO = {
  minRows: 1000,
  /** Per kind (row lists, score arrays). */
  entries: 24,
  /** Bench corpus: a row list is at most ~0.5 MB (8 bytes a row), a score array 0.5 MB (8 bytes a unit). */
  bytes: 32 * 1024 * 1024,
  /** Literal row counts of strings kept (a number each). */
  counts: 4096,
};

/** Lookups answered by a memo since the process started (tests, diagnostics). */
export const memoStats = { matchHits: 0, scoreHits: 0 };

/** A least-recently-used map bounded by entries and by the bytes its values are said to hold. */
export class Lru<V> {
  private map = new Map<string, { value: V; bytes: number }>();
  private total = 0;
  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}
  get size(): number {
    return this.map.size;
  }
  get bytes(): number {
    return this.total;
  }
  get(key: string): V | undefined {
    const hit = this.map.get(key);
    if (hit === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.map.set(key, { value, bytes });
    this.total += bytes;
    while (this.map.size > this.maxEntries || this.total > this.maxBytes) this.delete(this.map.keys().next().value as string);
  }
  private delete(key: string): void {
    const old = this.map.get(key);
    if (!old) return;
    this.map.delete(key);
    this.total -= old.bytes;
  }
}

export interface MatchedRows {
  /** Rows the engine returned. */
  rowCount: number;
  /** Their unit indexes, ascending. Shared between searches: never mutated. */
  units: readonly number[];
  /** Values computed from these rows alone (derivedOf), kept with them. */
  derived?: Map<string, unknown>;
}

/**
 * A value that depends on nothing but `rows` (and the generation they belong to), computed once and
 * kept with them: their facet counts, their score order (pipeline/facets.ts, pipeline/score-order.ts).
 * It lives and dies with the rows, so it is as fresh as they are; `name` must say everything else
 * the value depends on.
 */
export function derivedOf<T>(rows: MatchedRows, name: string, compute: () => T): T {
  rows.derived ??= new Map();
  if (rows.derived.has(name)) return rows.derived.get(name) as T;
  const value = compute();
  rows.derived.set(name, value);
  return value;
}

/** What a memo belongs to: one generation of the index as a search sees it (pipeline SearchState). */
export interface MemoOwner {
  stamp: string;
  units: { size: number };
  thesaurus: readonly unknown[];
}

export interface SearchMemo {
  /** The rows a stage's clauses find, by matchKey. */
  matches(key: string): MatchedRows | undefined;
  keepMatches(key: string, rows: MatchedRows): void;
  /**
   * Per unit index, the unboosted score of a stage (NaN where not yet computed), or null when the
   * stage has too few rows to be worth keeping. `key` must determine the score of every unit.
   */
  scores(key: string, rows: number): Float64Array | null;
  /**
   * How many rows hold a folded string literally (idf of a query term of several), by string: a
   * statistic of the generation like the word vocabulary, the same for every query holding it
   * (保护: 5,478 rows, 0.5 ms to count again).
   */
  literalCount(folded: string): number | undefined;
  keepLiteralCount(folded: string, rows: number): void;
}

interface Slot {
  stamp: string;
  units: object;
  thesaurus: object;
  memo: SearchMemo;
}

let slot: Slot | null = null;

function createMemo(size: number): SearchMemo {
  const { entries, bytes } = MEMO;
  const matches = new Lru<MatchedRows>(entries, bytes / 2);
  const scores = new Lru<Float64Array>(entries, bytes / 2);
  const counts = new Lru<number>(MEMO.counts, Infinity);
  return {
    matches(key) {
      const hit = matches.get(key);
      if (hit) memoStats.matchHits++;
      return hit;
    },
    keepMatches(key, rows) {
      if (rows.rowCount >= MEMO.minRows) matches.set(key, rows, rows.units.length * 8);
    },
    scores(key, rows) {
      if (rows < MEMO.minRows) return null;
      let values = scores.get(key);
      if (values) memoStats.scoreHits++;
      else {
        values = new Float64Array(size).fill(NaN);
        scores.set(key, values, values.byteLength);
      }
      return values;
    },
    literalCount(folded) {
      return counts.get(folded);
    },
    keepLiteralCount(folded, rows) {
      counts.set(folded, rows, 0);
    },
  };
}

/**
 * The memo of `owner`'s generation (a new one when the stamp, the unit table or the thesaurus
 * changed). Take it once per search and use that object throughout: never look it up again after
 * an engine call, when another search may have moved the slot to another generation.
 */
export function searchMemo(owner: MemoOwner): SearchMemo {
  if (slot?.stamp !== owner.stamp || slot.units !== owner.units || slot.thesaurus !== owner.thesaurus) {
    slot = { stamp: owner.stamp, units: owner.units, thesaurus: owner.thesaurus, memo: createMemo(owner.units.size) };
  }
  return slot.memo;
}

/**
 * The `limit` characters (letters of the Basic Multilingual Plane) held by the most of `texts`, each
 * by at least `minTexts`, most first: the single-character queries whose first search would read and
 * rank tens of thousands of rows (的 ~100 ms), searched once at warm-up so the memo holds them.
 */
export function frequentCharacters(texts: readonly string[], limit: number, minTexts = MEMO.minRows): string[] {
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
