/**
 * The unit model alignment works on and the character-bigram similarity between units (idf-weighted
 * Dice, containment). Pure; see ADR 0005.
 */
import { foldForMatch } from "~/lib/text/normalize";
import { maskReferences, NON_WORD, splitLabel, withoutFormulas, type ArticleReference } from "./text";
import type { AlignUnit } from "./types";

export interface Bag {
  grams: Int32Array;
  counts: Int32Array;
  total: number;
}

/**
 * A unit as alignment sees it. Folding and bigrams are computed on first use: in an amendment almost
 * every article is byte-identical to its predecessor and never needs either. A piece of an article
 * (a 款 traced by clauses.ts) given that article as `whole` shares its folding and bigrams when the
 * piece is the whole text: a one-款 article is its own only piece (ADR 0005, "Speed (session 5)").
 */
export class Prepared {
  readonly body: string;
  private foldedText?: string;
  private maskedText?: { masked: string; refs: ArticleReference[] };
  private bag?: Bag;
  private readonly whole?: Prepared;
  /** Weighted bigram mass, cached for the one weighting an alignment uses. */
  massFor: Weight | null = null;
  weightedMass = 0;
  constructor(
    readonly unit: AlignUnit,
    readonly index: number,
    readonly chapterId: string,
    private readonly grams_: GramTable,
    whole?: Prepared,
  ) {
    if (whole && whole.grams_ === grams_ && whole.unit.text === unit.text && whole.unit.label === unit.label) {
      this.whole = whole;
      this.body = whole.body;
    } else this.body = splitLabel(unit.text, unit.label).body;
  }
  /** Folded body (punctuation kept): equality here means "typography-only", i.e. unchanged. */
  get folded(): string {
    return (this.foldedText ??= this.whole ? this.whole.folded : foldForMatch(this.body));
  }
  get masked() {
    return (this.maskedText ??= maskReferences(this.folded));
  }
  // Small getters the compiler inlines into the similarity loops; the work is in buildBag.
  private get bigrams(): Bag {
    return (this.bag ??= this.whole ? this.whole.bigrams : this.buildBag());
  }
  private buildBag(): Bag {
    // The liability formula is no evidence (text.ts); the folded text itself, for sameAs, keeps it.
    const units = wordUnits(withoutFormulas(this.folded));
    const length = units.length;
    const ids = new Int32Array(Math.max(0, length - 1) || (length ? 1 : 0));
    this.grams_.idsOf(units, ids);
    ids.sort();
    // Run-length encode the sorted ids into (gram, count) in place: no intermediate arrays, since every
    // 款 of a rewrite gets a bag.
    const counts = new Int32Array(ids.length);
    let n = 0;
    for (let i = 0; i < ids.length; i++) {
      if (i && ids[i] === ids[n - 1]) counts[n - 1]++;
      else {
        ids[n] = ids[i];
        counts[n++] = 1;
      }
    }
    return { grams: ids.subarray(0, n), counts: counts.subarray(0, n), total: ids.length };
  }
  get grams() {
    return this.bigrams.grams;
  }
  get counts() {
    return this.bigrams.counts;
  }
  get total() {
    return this.bigrams.total;
  }
  /** Same text up to typography. */
  sameAs(other: Prepared): boolean {
    return this.body === other.body || this.folded === other.folded;
  }
}

/** Per UTF-16 unit: 0 not classified yet, 1 letter or number, 2 anything else, 3 a surrogate. */
const UNIT_CLASS = new Uint8Array(0x10000);
const NON_WORD_CHAR = /[^\p{L}\p{N}]/u;
let unitBuffer = new Uint16Array(1024);

/**
 * The UTF-16 units of `folded.replace(NON_WORD, "")`, in a scratch buffer valid until the next
 * call. A per-unit table replaces the regex (running it over every article and 款 was a visible
 * share of an alignment, ADR 0005 "Speed (session 5)"); text with surrogate pairs, where a code
 * point spans two units, takes the regex.
 */
/** Letters and numbers in folded text (what its bigrams are made of). */
export function wordCount(folded: string): number {
  return wordUnits(folded).length;
}

function wordUnits(folded: string): Uint16Array {
  if (unitBuffer.length < folded.length) unitBuffer = new Uint16Array(2 * folded.length);
  let n = 0;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    let k = UNIT_CLASS[c];
    if (k === 0) UNIT_CLASS[c] = k = c >= 0xd800 && c <= 0xdfff ? 3 : NON_WORD_CHAR.test(String.fromCharCode(c)) ? 2 : 1;
    if (k === 1) unitBuffer[n++] = c;
    else if (k === 3) {
      const text = folded.replace(NON_WORD, "");
      for (let j = 0; j < text.length; j++) unitBuffer[j] = text.charCodeAt(j);
      return unitBuffer.subarray(0, text.length);
    }
  }
  return unitBuffer.subarray(0, n);
}

/**
 * Dense ids for character bigrams, in order of first sight. Characters get small ids first so that a
 * bigram key stays a small integer, looked up in an open-addressing table of typed arrays (a Map here
 * was a visible share of an alignment: every 款 of a rewrite is turned into bigrams); two versions of
 * a law never approach 16,384 distinct characters, and beyond that the key falls back to a string.
 */
export class GramTable {
  /** UTF-16 unit -> small id + 1 (0 = not seen yet). */
  private chars = new Int32Array(0x10000);
  private charCount = 0;
  /** Hash table of small keys (-1 = empty slot) and their ids; capacity a power of two. */
  private keys = new Int32Array(1 << 14).fill(-1);
  private values = new Int32Array(1 << 14);
  private smallCount = 0;
  private large = new Map<string, number>();
  size = 0;
  private char(c: number): number {
    const id = this.chars[c];
    if (id) return id - 1;
    this.chars[c] = ++this.charCount;
    return this.charCount - 1;
  }
  private slot(key: number, keys: Int32Array): number {
    const mask = keys.length - 1;
    // Fibonacci hashing takes the top bits of the product: its low bits are the key's low bits,
    // i.e. the second character's id, and bigrams sharing it probed long chains of one cluster.
    let i = Math.imul(key, 0x9e3779b1) >>> Math.clz32(mask);
    for (; keys[i] !== -1 && keys[i] !== key; i = (i + 1) & mask);
    return i;
  }
  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(oldKeys.length * 2).fill(-1);
    this.values = new Int32Array(oldKeys.length * 2);
    for (let i = 0; i < oldKeys.length; i++)
      if (oldKeys[i] !== -1) {
        const j = this.slot(oldKeys[i], this.keys);
        this.keys[j] = oldKeys[i];
        this.values[j] = oldValues[i];
      }
  }
  id(a: number, b: number): number {
    const ia = this.char(a);
    const ib = b < 0 ? 16383 : this.char(b);
    return ia < 16383 && ib <= 16383 ? this.smallId(ia * 16384 + ib) : this.largeId(a, b);
  }
  /**
   * `out[i] = id(units[i], units[i + 1])` for every consecutive pair (`id(units[0], -1)` for a single
   * unit), in one call per text: characters and bigrams get their ids in the same order as pair by
   * pair, since a pair's first character is always the previous pair's second.
   */
  idsOf(units: Uint16Array, out: Int32Array): void {
    if (units.length === 1) {
      out[0] = this.id(units[0], -1);
      return;
    }
    let ia = units.length ? this.char(units[0]) : 0;
    for (let i = 0; i + 1 < units.length; i++) {
      const ib = this.char(units[i + 1]);
      out[i] = ia < 16383 && ib <= 16383 ? this.smallId(ia * 16384 + ib) : this.largeId(units[i], units[i + 1]);
      ia = ib;
    }
  }
  private smallId(key: number): number {
    let i = this.slot(key, this.keys);
    if (this.keys[i] === key) return this.values[i];
    if (2 * (this.smallCount + 1) > this.keys.length) {
      this.grow();
      i = this.slot(key, this.keys);
    }
    this.keys[i] = key;
    this.values[i] = this.size;
    this.smallCount++;
    return this.size++;
  }
  private largeId(a: number, b: number): number {
    const key = `${a},${b}`;
    let id = this.large.get(key);
    if (id === undefined) {
      id = this.size++;
      this.large.set(key, id);
    }
    return id;
  }
}

/** Inverse document frequency over the units still to be matched; unseen bigrams weigh the most. */
export interface Weight {
  /** Weight per bigram id (ids given before the table was sized). */
  of: Float64Array;
  /** Weight of a bigram beyond the table: seen nowhere among the units counted. */
  unseen: number;
}

/** Sum over shared bigrams of min(count) * weight. */
export function overlap(a: Prepared, b: Prepared, weight: Weight | null): number {
  const ag = a.grams;
  const bg = b.grams;
  const ac = a.counts;
  const bc = b.counts;
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < ag.length && j < bg.length) {
    const ga = ag[i];
    const gb = bg[j];
    if (ga === gb) {
      s += Math.min(ac[i], bc[j]) * (weight ? (ga < weight.of.length ? weight.of[ga] : weight.unseen) : 1);
      i++;
      j++;
    } else if (ga < gb) i++;
    else j++;
  }
  return s;
}

export function mass(a: Prepared, weight: Weight | null): number {
  if (!weight) return a.total;
  if (a.massFor === weight) return a.weightedMass;
  const g = a.grams;
  const c = a.counts;
  let s = 0;
  const of = weight.of;
  for (let i = 0; i < g.length; i++) s += c[i] * (g[i] < of.length ? of[g[i]] : weight.unseen);
  a.massFor = weight;
  a.weightedMass = s;
  return s;
}

export function dice(a: Prepared, b: Prepared, weight: Weight | null): number {
  const denom = mass(a, weight) + mass(b, weight);
  return denom === 0 ? (a.sameAs(b) ? 1 : 0) : (2 * overlap(a, b, weight)) / denom;
}

/**
 * One unit's bigram counts spread out by id, to score it against many others (the candidates of an
 * article, the pieces a 款 shares rare bigrams with): `overlap` sums the same terms as
 * `overlap(a, b)` in the same order (b's bigrams, ascending, that a shares), without walking a's
 * bigrams again for every b (ADR 0005, "Speed (session 5)").
 */
export class Spread {
  private dense: Int32Array;
  private current: Prepared | null = null;
  constructor(size: number) {
    this.dense = new Int32Array(size);
  }
  /** Make `a` the spread unit (the previous one is cleared first); a no-op when it already is. */
  of(a: Prepared): this {
    if (this.current === a) return this;
    const dense = this.dense;
    if (this.current) for (const g of this.current.grams) dense[g] = 0;
    const { grams, counts } = a;
    if (grams.length && grams[grams.length - 1] >= dense.length) this.dense = new Int32Array(2 * grams[grams.length - 1] + 2);
    for (let i = 0; i < grams.length; i++) this.dense[grams[i]] = counts[i];
    this.current = a;
    return this;
  }
  overlap(b: Prepared, weight: Weight | null): number {
    const dense = this.dense;
    const bg = b.grams;
    const bc = b.counts;
    let s = 0;
    for (let j = 0; j < bg.length; j++) {
      const g = bg[j];
      // Beyond the table: not a bigram of the spread unit.
      const c = g < dense.length ? dense[g] : 0;
      if (c) s += Math.min(c, bc[j]) * (weight ? (g < weight.of.length ? weight.of[g] : weight.unseen) : 1);
    }
    return s;
  }
  /** dice(a, b, weight) for the spread unit a. */
  dice(b: Prepared, weight: Weight | null): number {
    const a = this.current!;
    const denom = mass(a, weight) + mass(b, weight);
    return denom === 0 ? (a.sameAs(b) ? 1 : 0) : (2 * this.overlap(b, weight)) / denom;
  }
}

/** Plain Dice over the pooled bigrams of each side of a group (splits and merges). */
export function groupDice(from: Prepared[], to: Prepared[]): number {
  if (from.length === 1 && to.length === 1) return from[0].sameAs(to[0]) ? 1 : dice(from[0], to[0], null);
  const pool = (ps: Prepared[]) => {
    const m = new Map<number, number>();
    for (const p of ps) {
      const { grams, counts } = p;
      for (let i = 0; i < grams.length; i++) m.set(grams[i], (m.get(grams[i]) ?? 0) + counts[i]);
    }
    return m;
  };
  const a = pool(from);
  const b = pool(to);
  let shared = 0;
  let total = 0;
  for (const [g, c] of a) {
    shared += Math.min(c, b.get(g) ?? 0);
    total += c;
  }
  for (const c of b.values()) total += c;
  return total === 0 ? 1 : (2 * shared) / total;
}
