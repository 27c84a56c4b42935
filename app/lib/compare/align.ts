/**
 * Article alignment between two versions of a work. Pure and deterministic.
 *
 * Matching by article number turns a rewrite into "everything deleted and re-added"; instead we pair
 * the articles that carry the same provision forward:
 * 1. identical bodies (byte-identical, then up to typography) are paired first (almost every article
 *    of an amendment);
 * 2. the rest is scored by Dice similarity of character bigrams of the folded body, weighted by
 *    inverse document frequency among the units still to be matched
 *    (typography never counts; the article's own label is excluded), plus a small prior for the
 *    position expected from the identical pairs around it;
 * 3. candidates come from an inverted index of rare bigrams, so a 500-article law does not cost
 *    250,000 comparisons; an optimal one-to-one assignment (Hungarian) runs per connected component;
 *    a second, stricter-placed pass pairs leftovers redrafted in place;
 * 4. an unpaired unit whose text is largely contained in a paired unit on the other side completes
 *    a split (one old -> several new) or a merge (several old -> one new);
 * 5. every group gets a label; overrides replace automatic pairs and are flagged manual.
 */
import { foldForMatch } from "~/lib/text/normalize";
import { maxWeightAssignment } from "./assignment";
import { longestIncreasingRun } from "./increasing";
import { chapterIdentity, maskReferences, NON_WORD, splitLabel, type ArticleReference } from "./text";
import { PAIR_LABELS } from "./segments";
import type { AlignedPair, AlignmentResult, AlignUnit, PairLabel } from "./types";

export interface AlignOverride {
  fromKey: string | null;
  toKey: string | null;
}

export interface AlignOptions {
  overrides?: AlignOverride[];
}

export { PAIR_LABELS };

/** Tuned (grid search, F1 over links) on the Prevention of Juvenile Delinquency Law 2012 -> 2020 reference (tests/fixtures/align). */
const TUNING = {
  /** Accept a pair at this weighted similarity wherever it is. */
  accept: 0.28,
  /** ... or at this similarity when it sits where the surrounding pairs predict. */
  acceptNear: 0.2,
  nearPrior: 0.8,
  positionWeight: 0.05,
  /** Candidate new units kept per old unit from the rare-bigram index. */
  candidates: 12,
  /** Weighted share of a unit's bigrams found in a unit across the way to call it a split/merge part. */
  contain: 0.5,
  /** ... and at most this share found in the partner already paired (otherwise it is a duplicate). */
  containPartner: 0.5,
  /** Second pass: leftovers within `window2` positions of where the pairs found so far predict. */
  accept2: 0.18,
  prior2: 0.7,
  window2: 3,
};

interface Bag {
  grams: Int32Array;
  counts: Int32Array;
  total: number;
}

/**
 * A unit as alignment sees it. Folding and bigrams are computed on first use: in an amendment almost
 * every article is byte-identical to its predecessor and never needs either.
 */
class Prepared {
  readonly body: string;
  private foldedText?: string;
  private maskedText?: { masked: string; refs: ArticleReference[] };
  private bag?: Bag;
  /** Weighted bigram mass, cached for the one weighting an alignment uses. */
  massFor: Weight | null = null;
  weightedMass = 0;
  constructor(
    readonly unit: AlignUnit,
    readonly index: number,
    readonly chapterId: string,
    private readonly grams_: GramTable,
  ) {
    this.body = splitLabel(unit.text, unit.label).body;
  }
  /** Folded body (punctuation kept): equality here means "typography-only", i.e. unchanged. */
  get folded(): string {
    return (this.foldedText ??= foldForMatch(this.body));
  }
  get masked() {
    return (this.maskedText ??= maskReferences(this.folded));
  }
  private get bigrams(): Bag {
    if (this.bag) return this.bag;
    const text = this.folded.replace(NON_WORD, "");
    const ids = new Int32Array(Math.max(0, text.length - 1) || (text.length ? 1 : 0));
    if (text.length === 1) ids[0] = this.grams_.id(text.charCodeAt(0), -1);
    for (let i = 0; i + 1 < text.length; i++) ids[i] = this.grams_.id(text.charCodeAt(i), text.charCodeAt(i + 1));
    ids.sort();
    // run-length encode the sorted ids into (gram, count)
    const grams: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      if (i && ids[i] === ids[i - 1]) counts[counts.length - 1]++;
      else {
        grams.push(ids[i]);
        counts.push(1);
      }
    }
    this.bag = { grams: Int32Array.from(grams), counts: Int32Array.from(counts), total: ids.length };
    return this.bag;
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

/**
 * Dense ids for character bigrams. Characters get small ids first so that a bigram key stays a small
 * integer (V8 hashes those fast); two versions of a law never approach 16,384 distinct characters, and
 * beyond that the key falls back to a string.
 */
class GramTable {
  /** UTF-16 unit -> small id + 1 (0 = not seen yet). */
  private chars = new Int32Array(0x10000);
  private charCount = 0;
  private small = new Map<number, number>();
  private large = new Map<string, number>();
  size = 0;
  private char(c: number): number {
    const id = this.chars[c];
    if (id) return id - 1;
    this.chars[c] = ++this.charCount;
    return this.charCount - 1;
  }
  id(a: number, b: number): number {
    const ia = this.char(a);
    const ib = b < 0 ? 16383 : this.char(b);
    const fits = ia < 16383 && ib <= 16383;
    const map: Map<number | string, number> = (fits ? this.small : this.large) as Map<number | string, number>;
    const key = fits ? ia * 16384 + ib : `${a},${b}`;
    let id = map.get(key);
    if (id === undefined) {
      id = this.size++;
      map.set(key, id);
    }
    return id;
  }
}

interface Group {
  from: Prepared[];
  to: Prepared[];
  manual: boolean;
}

/** Inverse document frequency over the units still to be matched; unseen bigrams weigh the most. */
interface Weight {
  /** Weight per bigram id (ids given before the table was sized). */
  of: Float64Array;
  /** Weight of a bigram beyond the table: seen nowhere among the units counted. */
  unseen: number;
}

/** Sum over shared bigrams of min(count) * weight. */
function overlap(a: Prepared, b: Prepared, weight: Weight | null): number {
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

function mass(a: Prepared, weight: Weight | null): number {
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

function dice(a: Prepared, b: Prepared, weight: Weight | null): number {
  const denom = mass(a, weight) + mass(b, weight);
  return denom === 0 ? (a.sameAs(b) ? 1 : 0) : (2 * overlap(a, b, weight)) / denom;
}

/** Plain Dice over the pooled bigrams of each side of a group (splits and merges). */
function groupDice(from: Prepared[], to: Prepared[]): number {
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

/** Longest increasing run of anchors by new index, so a stray identical pair cannot skew the prior. */
function monotoneAnchors(anchors: [number, number][]): [number, number][] {
  return longestIncreasingRun([...anchors].sort((x, y) => x[0] - y[0]));
}

/** Expected new position of each old position, interpolated between anchors. */
function expectedPositions(anchors: [number, number][], nOld: number, nNew: number): Float64Array {
  const pts: [number, number][] = [[-1, -1], ...monotoneAnchors(anchors), [nOld, nNew]];
  const out = new Float64Array(nOld);
  let k = 0;
  for (let i = 0; i < nOld; i++) {
    while (pts[k + 1][0] < i) k++;
    const [ao, an] = pts[k];
    const [bo, bn] = pts[k + 1];
    out[i] = bo === ao ? an : an + ((i - ao) * (bn - an)) / (bo - ao);
  }
  return out;
}

class UnionFind {
  parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  union(a: number, b: number) {
    this.parent[this.find(a)] = this.find(b);
  }
}

function automaticGroups(olds: Prepared[], news: Prepared[], grams: GramTable): Group[] {
  const groups: Group[] = [];
  const pairedOld = new Map<number, Group>();
  const pairedNew = new Map<number, Group>();
  const link = (g: Group) => {
    groups.push(g);
    for (const p of g.from) pairedOld.set(p.index, g);
    for (const p of g.to) pairedNew.set(p.index, g);
  };

  // 1. Identical bodies (exact first, then up to typography), in document order on both sides.
  const anchors: [number, number][] = [];
  const pairIdentical = (key: (p: Prepared) => string) => {
    const byText = new Map<string, Prepared[]>();
    for (const n of news) {
      if (pairedNew.has(n.index)) continue;
      const k = key(n);
      const list = byText.get(k);
      if (list) list.push(n);
      else byText.set(k, [n]);
    }
    for (const o of olds) {
      if (pairedOld.has(o.index)) continue;
      const n = byText.get(key(o))?.shift();
      if (!n) continue;
      link({ from: [o], to: [n], manual: false });
      anchors.push([o.index, n.index]);
    }
  };
  pairIdentical((p) => p.body);
  pairIdentical((p) => p.folded);

  // 2. Candidates from rare shared bigrams plus the units where the position prior points.
  const restOld = olds.filter((o) => !pairedOld.has(o.index));
  const restNew = news.filter((n) => !pairedNew.has(n.index));
  if (!restOld.length && !restNew.length) return groups;
  const restUnits = [...restOld, ...restNew];
  const slotOfNew = new Map(restNew.map((n, slot) => [n, slot]));
  // Give every bigram of the units still to match its id before the frequency table is sized.
  for (const p of restUnits) void p.grams;
  const df = new Int32Array(grams.size);
  for (const p of restUnits) for (const g of p.grams) df[g]++;
  const docs = restUnits.length;
  const weights = new Float64Array(df.length);
  for (let g = 0; g < df.length; g++) weights[g] = Math.log(1 + docs / Math.max(1, df[g]));
  const heaviest = Math.log(1 + docs);
  const weight: Weight = { of: weights, unseen: heaviest };
  const weightOf = (g: number) => (g < weights.length ? weights[g] : heaviest);
  const nOld = olds.length ? Math.max(...olds.map((o) => o.index)) + 1 : 0;
  const nNew = news.length ? Math.max(...news.map((n) => n.index)) + 1 : 0;
  const expected = expectedPositions(anchors, nOld, nNew);
  const window = Math.max(3, 0.08 * nNew);
  const prior = (o: Prepared, n: Prepared) => Math.max(0, 1 - Math.abs(n.index - expected[o.index]) / window);

  // Postings of rare bigrams over the new units still to match, as slots into restNew.
  const index: number[][] = [];
  restNew.forEach((n, slot) => {
    for (const g of n.grams) (index[g] ??= []).push(slot);
  });
  const cap = Math.max(10, Math.ceil(0.1 * restNew.length));
  const byPosition = [...restNew].sort((a, b) => a.index - b.index);

  interface Edge {
    o: Prepared;
    n: Prepared;
    sim: number;
    prior: number;
  }
  const edges: Edge[] = [];
  // Shared rare-bigram weight per new slot, reset after each old unit through the touched list.
  const acc = new Float64Array(restNew.length);
  const touched: number[] = [];
  const isCandidate = new Uint8Array(restNew.length);
  for (const o of restOld) {
    const oGrams = o.grams;
    for (let i = 0; i < oGrams.length; i++) {
      const list = index[oGrams[i]];
      if (!list || list.length > cap) continue;
      const w = weightOf(oGrams[i]);
      for (const slot of list) {
        if (acc[slot] === 0) touched.push(slot);
        acc[slot] += w;
      }
    }
    touched.sort((x, y) => acc[y] - acc[x] || restNew[x].index - restNew[y].index);
    const cands: Prepared[] = [];
    for (const slot of touched.slice(0, TUNING.candidates)) {
      isCandidate[slot] = 1;
      cands.push(restNew[slot]);
    }
    for (const n of byPosition) if (prior(o, n) > 0 && !isCandidate[slotOfNew.get(n)!]) cands.push(n);
    for (const slot of touched) {
      acc[slot] = 0;
      isCandidate[slot] = 0;
    }
    touched.length = 0;
    for (const n of cands) {
      const sim = dice(o, n, weight);
      const p = prior(o, n);
      if (sim >= TUNING.accept || (sim >= TUNING.acceptNear && p >= TUNING.nearPrior)) edges.push({ o, n, sim, prior: p });
    }
  }

  // 3. Optimal one-to-one assignment per connected component.
  const oldSlot = new Map(restOld.map((o, i) => [o.index, i]));
  const newSlot = new Map(restNew.map((n, i) => [n.index, i]));
  const uf = new UnionFind(restOld.length + restNew.length);
  for (const e of edges) uf.union(oldSlot.get(e.o.index)!, restOld.length + newSlot.get(e.n.index)!);
  const components = new Map<number, Edge[]>();
  for (const e of edges) {
    const root = uf.find(oldSlot.get(e.o.index)!);
    const list = components.get(root);
    if (list) list.push(e);
    else components.set(root, [e]);
  }
  const accepted: Edge[] = [];
  for (const compEdges of components.values()) {
    const rows = [...new Set(compEdges.map((e) => e.o))].sort((a, b) => a.index - b.index);
    const cols = [...new Set(compEdges.map((e) => e.n))].sort((a, b) => a.index - b.index);
    const r = new Map(rows.map((o, i) => [o, i]));
    const c = new Map(cols.map((n, i) => [n, i]));
    const w = rows.map(() => new Array<number>(cols.length).fill(0));
    const at = new Map<string, Edge>();
    for (const e of compEdges) {
      w[r.get(e.o)!][c.get(e.n)!] = e.sim + TUNING.positionWeight * e.prior;
      at.set(`${r.get(e.o)}:${c.get(e.n)}`, e);
    }
    for (const [i, j] of maxWeightAssignment(w, rows.length, cols.length)) accepted.push(at.get(`${i}:${j}`)!);
  }
  accepted.sort((a, b) => a.o.index - b.o.index);
  for (const e of accepted) link({ from: [e.o], to: [e.n], manual: false });

  // 3b. Leftovers that sit exactly where the pairs found so far predict may pair at a lower similarity
  // (a provision redrafted in place).
  const leftOld = restOld.filter((o) => !pairedOld.has(o.index));
  const leftNew = restNew.filter((n) => !pairedNew.has(n.index));
  if (leftOld.length && leftNew.length) {
    const pairedAnchors = groups.filter((g) => g.from.length === 1 && g.to.length === 1).map((g): [number, number] => [g.from[0].index, g.to[0].index]);
    const expected2 = expectedPositions(pairedAnchors, nOld, nNew);
    const w = leftOld.map(() => new Array<number>(leftNew.length).fill(0));
    leftOld.forEach((o, i) =>
      leftNew.forEach((n, j) => {
        const p = Math.max(0, 1 - Math.abs(n.index - expected2[o.index]) / TUNING.window2);
        if (p < TUNING.prior2) return;
        const sim = dice(o, n, weight);
        if (sim >= TUNING.accept2) w[i][j] = sim + TUNING.positionWeight * p;
      }),
    );
    for (const [i, j] of maxWeightAssignment(w, leftOld.length, leftNew.length))
      link({ from: [leftOld[i]], to: [leftNew[j]], manual: false });
  }

  // 4. Splits and merges: an unpaired unit largely contained in a unit across the way.
  const containment = (part: Prepared, whole: Prepared) => {
    const m = mass(part, weight);
    return m === 0 ? 0 : overlap(part, whole, weight) / m;
  };
  // Weighted overlap of one part with every unit across the way at once, through postings lists.
  const postingsOf = (across: Prepared[]) => {
    const postings: number[][] = [];
    across.forEach((w, k) => {
      const { grams, counts } = w;
      for (let i = 0; i < grams.length; i++) (postings[grams[i]] ??= []).push(k, counts[i]);
    });
    return postings;
  };
  const attach = (part: Prepared, side: "to" | "from", across: Prepared[], postings: number[][]) => {
    const m = mass(part, weight);
    if (m === 0) return;
    const acc = new Float64Array(across.length);
    const partGrams = part.grams;
    const partCounts = part.counts;
    for (let i = 0; i < partGrams.length; i++) {
      const list = postings[partGrams[i]];
      if (!list) continue;
      const w = weightOf(partGrams[i]);
      const c = partCounts[i];
      for (let k = 0; k < list.length; k += 2) acc[list[k]] += Math.min(c, list[k + 1]) * w;
    }
    let best: Prepared | null = null;
    let bestScore = TUNING.contain;
    for (let k = 0; k < across.length; k++) {
      const s = acc[k] / m;
      if (s > bestScore) {
        best = across[k];
        bestScore = s;
      }
    }
    if (!best) return;
    const acrossPaired = side === "to" ? pairedOld : pairedNew;
    const group = acrossPaired.get(best.index);
    if (!group) {
      link(side === "to" ? { from: [best], to: [part], manual: false } : { from: [part], to: [best], manual: false });
      return;
    }
    // Extend only a one-to-one pair or a group already growing on this side (no many-to-many).
    const partners = group[side];
    const others = side === "to" ? group.from : group.to;
    if (others.length !== 1) return;
    if (partners.some((p) => containment(part, p) > TUNING.containPartner)) return;
    partners.push(part);
    partners.sort((a, b) => a.index - b.index);
    (side === "to" ? pairedNew : pairedOld).set(part.index, group);
  };
  const unpairedNew = news.filter((n) => !pairedNew.has(n.index));
  if (unpairedNew.length) {
    const postings = postingsOf(olds);
    for (const n of unpairedNew) attach(n, "to", olds, postings);
  }
  const unpairedOld = olds.filter((o) => !pairedOld.has(o.index));
  if (unpairedOld.length) {
    const postings = postingsOf(news);
    for (const o of unpairedOld) attach(o, "from", news, postings);
  }

  for (const o of olds) if (!pairedOld.has(o.index)) groups.push({ from: [o], to: [], manual: false });
  for (const n of news) if (!pairedNew.has(n.index)) groups.push({ from: [], to: [n], manual: false });
  return groups;
}

function manualGroups(
  overrides: AlignOverride[],
  oldByKey: Map<string, Prepared>,
  newByKey: Map<string, Prepared>,
): Group[] {
  const live = overrides.filter(
    (o) => (o.fromKey === null || oldByKey.has(o.fromKey)) && (o.toKey === null || newByKey.has(o.toKey)),
  );
  const ids = new Map<string, number>();
  const id = (k: string) => {
    if (!ids.has(k)) ids.set(k, ids.size);
    return ids.get(k)!;
  };
  for (const o of live) {
    if (o.fromKey !== null) id("o:" + o.fromKey);
    if (o.toKey !== null) id("n:" + o.toKey);
  }
  const uf = new UnionFind(ids.size);
  for (const o of live) if (o.fromKey !== null && o.toKey !== null) uf.union(id("o:" + o.fromKey), id("n:" + o.toKey));
  const byRoot = new Map<number, Group>();
  for (const [k, i] of ids) {
    const root = uf.find(i);
    let g = byRoot.get(root);
    if (!g) {
      g = { from: [], to: [], manual: true };
      byRoot.set(root, g);
    }
    if (k.startsWith("o:")) g.from.push(oldByKey.get(k.slice(2))!);
    else g.to.push(newByKey.get(k.slice(2))!);
  }
  const groups = [...byRoot.values()];
  for (const g of groups) {
    g.from.sort((a, b) => a.index - b.index);
    g.to.sort((a, b) => a.index - b.index);
  }
  return groups;
}

const refKey = (number: number | null, suffix: number) => `${number}:${suffix}`;

function labelGroups(groups: Group[]): AlignedPair[] {
  // Where most of an old chapter's articles went: a renamed chapter does not make its articles "moved".
  const flows = new Map<string, Map<string, number>>();
  for (const g of groups) {
    if (g.from.length !== 1 || g.to.length !== 1) continue;
    const f = flows.get(g.from[0].chapterId) ?? new Map<string, number>();
    f.set(g.to[0].chapterId, (f.get(g.to[0].chapterId) ?? 0) + 1);
    flows.set(g.from[0].chapterId, f);
  }
  const destination = new Map<string, string>();
  for (const [from, f] of flows) {
    const best = [...f.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    destination.set(from, best[0]);
  }
  const isMoved = (o: Prepared, n: Prepared) =>
    o.chapterId !== n.chapterId && destination.get(o.chapterId) !== n.chapterId;

  // Old article number -> new article numbers, to check that a changed cross-reference follows its target.
  const renumbering = new Map<string, Set<string>>();
  for (const g of groups)
    for (const o of g.from) {
      const set = renumbering.get(refKey(o.unit.number, o.unit.suffix)) ?? new Set<string>();
      for (const n of g.to) set.add(refKey(n.unit.number, n.unit.suffix));
      renumbering.set(refKey(o.unit.number, o.unit.suffix), set);
    }

  return groups.map((g) => {
    const base = {
      from: g.from.map((p) => p.unit.key),
      to: g.to.map((p) => p.unit.key),
      manual: g.manual,
      links: [],
      secondary: [],
    };
    if (g.to.length === 0) return { ...base, label: "removed", renumbered: false, moved: false, score: 0 };
    if (g.from.length === 0) return { ...base, label: "added", renumbered: false, moved: false, score: 0 };
    const o = g.from[0];
    const n = g.to[0];
    const renumbered = o.unit.number !== n.unit.number || o.unit.suffix !== n.unit.suffix;
    const moved = isMoved(o, n);
    const score = groupDice(g.from, g.to);
    if (g.to.length > 1) return { ...base, label: "split", renumbered, moved, score };
    if (g.from.length > 1) return { ...base, label: "merged", renumbered, moved, score };
    let label: PairLabel;
    if (o.sameAs(n)) label = moved ? "moved" : renumbered ? "renumbered" : "unchanged";
    else if (
      o.masked.masked === n.masked.masked &&
      o.masked.refs.length === n.masked.refs.length &&
      o.masked.refs.every((r, i) => {
        const m = n.masked.refs[i];
        if (r.number === m.number && r.suffix === m.suffix) return true;
        return renumbering.get(refKey(r.number, r.suffix))?.has(refKey(m.number, m.suffix)) ?? false;
      })
    )
      label = "reference-update";
    else label = "modified";
    return { ...base, label, renumbered, moved, score };
  });
}

/** Pairs in reading order of the new version; removed units right after their old predecessor's pair. */
function orderPairs(pairs: AlignedPair[], oldOrder: Map<string, number>, newOrder: Map<string, number>): AlignedPair[] {
  const newPosOfOld = new Map<number, number>();
  for (const p of pairs) {
    if (!p.to.length) continue;
    const np = Math.min(...p.to.map((k) => newOrder.get(k)!));
    for (const k of p.from) newPosOfOld.set(oldOrder.get(k)!, np);
  }
  const sortKey = (p: AlignedPair): [number, number] => {
    const op = p.from.length ? Math.min(...p.from.map((k) => oldOrder.get(k)!)) : -1;
    if (p.to.length) return [Math.min(...p.to.map((k) => newOrder.get(k)!)), op];
    let anchor = -1;
    for (let i = op - 1; i >= 0; i--) {
      const np = newPosOfOld.get(i);
      if (np !== undefined) {
        anchor = np;
        break;
      }
    }
    return [anchor + 0.5, op];
  };
  return pairs
    .map((p) => ({ p, k: sortKey(p) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1])
    .map((x) => x.p);
}

/**
 * Pairs whose label is another change but which were also renumbered / moved to another chapter (most
 * modified articles of a rewrite): the summary reports them beside the per-label counts.
 */
export function alsoFlagged(pairs: AlignedPair[]): { alsoRenumbered: number; alsoMoved: number } {
  return {
    alsoRenumbered: pairs.filter((p) => p.renumbered && p.label !== "renumbered").length,
    alsoMoved: pairs.filter((p) => p.moved && p.label !== "moved").length,
  };
}

export function emptyCounts(): Record<PairLabel, number> {
  return Object.fromEntries(PAIR_LABELS.map((l) => [l, 0])) as Record<PairLabel, number>;
}

export function alignArticles(oldUnits: AlignUnit[], newUnits: AlignUnit[], opts: AlignOptions = {}): AlignmentResult {
  const grams = new GramTable();
  const chapters = new Map<string, string>();
  const prepare = (units: AlignUnit[]) =>
    units.map((unit, index) => {
      let chapterId = chapters.get(unit.chapterLabel);
      if (chapterId === undefined) {
        chapterId = chapterIdentity(unit.chapterLabel);
        chapters.set(unit.chapterLabel, chapterId);
      }
      return new Prepared(unit, index, chapterId, grams);
    });
  const olds = prepare(oldUnits);
  const news = prepare(newUnits);

  const oldByKey = new Map(olds.map((p) => [p.unit.key, p]));
  const newByKey = new Map(news.map((p) => [p.unit.key, p]));
  const manual = manualGroups(opts.overrides ?? [], oldByKey, newByKey);
  const manualOld = new Set(manual.flatMap((g) => g.from.map((p) => p.index)));
  const manualNew = new Set(manual.flatMap((g) => g.to.map((p) => p.index)));
  const auto = automaticGroups(
    olds.filter((p) => !manualOld.has(p.index)),
    news.filter((p) => !manualNew.has(p.index)),
    grams,
  );

  const pairs = orderPairs(
    labelGroups([...manual, ...auto]),
    new Map(olds.map((p) => [p.unit.key, p.index])),
    new Map(news.map((p) => [p.unit.key, p.index])),
  );
  const counts = emptyCounts();
  for (const p of pairs) counts[p.label]++;
  const links = pairs.flatMap((p) => p.from.flatMap((f) => p.to.map((t) => ({ from: f, to: t, primary: true, score: p.score }))));
  return { pairs, counts, links };
}
