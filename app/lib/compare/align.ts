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
import { maxWeightAssignment } from "./assignment";
import { expectedPositions } from "./position";
import { dice, GramTable, groupDice, mass, overlap, Prepared, type Weight } from "./similarity";
import { traceClauses, type ClauseLink, type ClauseTuning } from "./clauses";
import { chapterIdentity } from "./text";
import { UnionFind } from "./union-find";
import { PAIR_LABELS } from "./segments";
import type { AlignedPair, AlignmentResult, AlignUnit, ArticleLink, PairLabel, ParagraphLink } from "./types";
import { DEFAULT_SYNONYMS, type SynonymGroup } from "./words";

export interface AlignOverride {
  fromKey: string | null;
  toKey: string | null;
}

export interface AlignOptions {
  overrides?: AlignOverride[];
  /** Synonym groups for the word similarity (the search thesaurus); a small default otherwise. */
  synonyms?: SynonymGroup[];
  /** Override 款-stage weights: the bench switches signals off one at a time to measure each. */
  clauseTuning?: Partial<ClauseTuning>;
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
  /** Second pass: leftovers within `window2` positions of where the pairs found so far predict. */
  accept2: 0.18,
  prior2: 0.7,
  window2: 3,
  /** 款 stage (clauses.ts): see ClauseTuning. */
  clause: {
    minSim: 0.15,
    accept: 0.3,
    ratio: 0.9,
    wholeRatio: 1.5,
    explained: 0.7,
    coverWeight: 0.8,
    coverMinChars: 12,
    pairWeight: 0,
    positionWeight: 0.05,
    chapterWeight: 0.05,
    referenceWeight: 0.1,
    wordWeight: 0,
  } satisfies ClauseTuning,
};

interface Group {
  from: Prepared[];
  to: Prepared[];
  manual: boolean;
  /** 款 links inside the group (automatic groups only). */
  clauseLinks?: ClauseLink[];
  partnerOfOld?: Map<number, Prepared>;
}

function automaticGroups(
  olds: Prepared[],
  news: Prepared[],
  grams: GramTable,
  synonyms: SynonymGroup[],
  clauseTuning: Partial<ClauseTuning>
): { groups: Group[]; partnerOfOld: Map<number, Prepared> } {
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
  if (!restOld.length && !restNew.length)
    return {
      groups,
      partnerOfOld: new Map(groups.map((g) => [g.from[0].index, g.to[0]])),
    };
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
    const pairedAnchors = groups
      .filter((g) => g.from.length === 1 && g.to.length === 1)
      .map((g): [number, number] => [g.from[0].index, g.to[0].index]);
    const expected2 = expectedPositions(pairedAnchors, nOld, nNew);
    const w = leftOld.map(() => new Array<number>(leftNew.length).fill(0));
    leftOld.forEach((o, i) =>
      leftNew.forEach((n, j) => {
        const p = Math.max(0, 1 - Math.abs(n.index - expected2[o.index]) / TUNING.window2);
        if (p < TUNING.prior2) return;
        const sim = dice(o, n, weight);
        if (sim >= TUNING.accept2) w[i][j] = sim + TUNING.positionWeight * p;
      })
    );
    for (const [i, j] of maxWeightAssignment(w, leftOld.length, leftNew.length))
      link({ from: [leftOld[i]], to: [leftNew[j]], manual: false });
  }

  // 4. 款-level tracing over every article not carried over verbatim: splits, merges, 款 moved into
  // another article, and the paragraph links drawn inside each row.
  const pairs = groups.filter((g) => g.from.length === 1 && g.to.length === 1);
  const partnerOfOld = new Map(pairs.map((g) => [g.from[0].index, g.to[0]]));
  const expected4 = expectedPositions(
    pairs.map((g): [number, number] => [g.from[0].index, g.to[0].index]),
    nOld,
    nNew
  );
  const referenceMap = new Map<string, Set<string>>();
  for (const g of pairs)
    referenceMap.set(refKey(g.from[0].unit.number, g.from[0].unit.suffix), new Set([refKey(g.to[0].unit.number, g.to[0].unit.suffix)]));
  const clauseLinks = traceClauses(
    {
      olds: restOld,
      news: restNew,
      grams,
      partnerOfOld,
      prior: (o, n) => Math.max(0, 1 - Math.abs(n.index - expected4[o.index]) / window),
      referenceMap,
      synonyms,
    },
    { ...TUNING.clause, ...clauseTuning }
  );
  return {
    groups: connectedGroups(olds, news, groups, clauseLinks, partnerOfOld),
    partnerOfOld,
  };
}

/**
 * Rows = connected components of the article links: the one-to-one pairs and every article pair a
 * 款 link joins. An article without links is removed / added.
 */
function connectedGroups(
  olds: Prepared[],
  news: Prepared[],
  pairs: Group[],
  clauseLinks: ClauseLink[],
  partnerOfOld: Map<number, Prepared>
): Group[] {
  const slotOld = new Map(olds.map((o, i) => [o.index, i]));
  const slotNew = new Map(news.map((n, i) => [n.index, olds.length + i]));
  const uf = new UnionFind(olds.length + news.length);
  for (const g of pairs) uf.union(slotOld.get(g.from[0].index)!, slotNew.get(g.to[0].index)!);
  for (const l of clauseLinks) uf.union(slotOld.get(l.from.article.index)!, slotNew.get(l.to.article.index)!);
  const byRoot = new Map<number, Group>();
  const groupOf = (slot: number) => {
    const root = uf.find(slot);
    let g = byRoot.get(root);
    if (!g) {
      g = { from: [], to: [], manual: false, clauseLinks: [] };
      byRoot.set(root, g);
    }
    return g;
  };
  for (const o of olds) groupOf(slotOld.get(o.index)!).from.push(o);
  for (const n of news) groupOf(slotNew.get(n.index)!).to.push(n);
  for (const l of clauseLinks) groupOf(slotOld.get(l.from.article.index)!).clauseLinks!.push(l);
  for (const g of byRoot.values()) g.partnerOfOld = partnerOfOld;
  return [...byRoot.values()];
}

function manualGroups(overrides: AlignOverride[], oldByKey: Map<string, Prepared>, newByKey: Map<string, Prepared>): Group[] {
  const live = overrides.filter((o) => (o.fromKey === null || oldByKey.has(o.fromKey)) && (o.toKey === null || newByKey.has(o.toKey)));
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

function labelGroups(groups: Group[]): { pair: AlignedPair; articleLinks: ArticleLink[] }[] {
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
  const isMoved = (o: Prepared, n: Prepared) => o.chapterId !== n.chapterId && destination.get(o.chapterId) !== n.chapterId;

  // Old article number -> new article numbers, to check that a changed cross-reference follows its target.
  const renumbering = new Map<string, Set<string>>();
  for (const g of groups)
    for (const o of g.from) {
      const set = renumbering.get(refKey(o.unit.number, o.unit.suffix)) ?? new Set<string>();
      for (const n of g.to) set.add(refKey(n.unit.number, n.unit.suffix));
      renumbering.set(refKey(o.unit.number, o.unit.suffix), set);
    }

  // Pairs are built as literals (no spread): with hundreds of unchanged articles in an amendment,
  // copying objects here was a measurable share of the whole alignment.
  const pairOf = (g: Group, links: ParagraphLink[], secondary: ArticleLink[], label: PairLabel, renumbered: boolean, moved: boolean, score: number): AlignedPair => ({
    from: g.from.map((p) => p.unit.key),
    to: g.to.map((p) => p.unit.key),
    manual: g.manual,
    links,
    secondary,
    label,
    renumbered,
    moved,
    score,
  });
  return groups.map((g) => {
    const { links, articleLinks } = linksOf(g);
    const secondary = articleLinks.filter((l) => !l.primary);
    const result = (label: PairLabel, renumbered: boolean, moved: boolean, score: number) => ({
      pair: pairOf(g, links, secondary, label, renumbered, moved, score),
      articleLinks,
    });
    if (g.to.length === 0) return result("removed", false, false, 0);
    if (g.from.length === 0) return result("added", false, false, 0);
    const o = g.from[0];
    const n = g.to[0];
    const renumbered = o.unit.number !== n.unit.number || o.unit.suffix !== n.unit.suffix;
    const moved = isMoved(o, n);
    const score = groupDice(g.from, g.to);
    if (g.to.length > 1) return result("split", renumbered, moved, score);
    if (g.from.length > 1) return result("merged", renumbered, moved, score);
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
    return result(label, renumbered, moved, score);
  });
}

const allLines = (p: Prepared) => p.unit.text.split("\n").map((_, i) => i);

/**
 * Paragraph links and article links of a group. The one-to-one pair is primary; an article pair
 * joined only through 款 links is primary when it is the strongest link of an article that has no
 * one-to-one partner (the only predecessor of a new article, the main successor of an old one),
 * and secondary ("also draws on") otherwise.
 */
function linksOf(g: Group): {
  links: ParagraphLink[];
  articleLinks: ArticleLink[];
} {
  if (!g.from.length || !g.to.length) return { links: [], articleLinks: [] };
  const partner = g.partnerOfOld ?? new Map<number, Prepared>();
  const wholeLink = (o: Prepared, n: Prepared, score: number): ParagraphLink => ({
    from: { key: o.unit.key, lines: allLines(o) },
    to: { key: n.unit.key, lines: allLines(n) },
    kind: o.sameAs(n) ? "same" : "modified",
    score,
    primary: true,
  });
  if (g.manual || !g.clauseLinks?.length) {
    const score = groupDice(g.from, g.to);
    return {
      links: g.from.flatMap((o) => g.to.map((n) => wholeLink(o, n, o.sameAs(n) ? 1 : score))),
      articleLinks: g.from.flatMap((o) =>
        g.to.map((n) => ({
          from: o.unit.key,
          to: n.unit.key,
          primary: true,
          score,
        }))
      ),
    };
  }
  const strength = new Map<string, { o: Prepared; n: Prepared; score: number; pair: boolean }>();
  for (const o of g.from) {
    const n = partner.get(o.index);
    if (n && g.to.includes(n))
      strength.set(`${o.index}:${n.index}`, {
        o,
        n,
        score: o.sameAs(n) ? 1 : groupDice([o], [n]),
        pair: true,
      });
  }
  for (const l of g.clauseLinks) {
    const key = `${l.from.article.index}:${l.to.article.index}`;
    const cur = strength.get(key);
    if (!cur)
      strength.set(key, {
        o: l.from.article,
        n: l.to.article,
        score: l.sim,
        pair: false,
      });
    else if (!cur.pair) cur.score = Math.max(cur.score, l.sim);
  }
  const hasPartnerNew = new Set([...strength.values()].filter((x) => x.pair).map((x) => x.n.index));
  const best = new Map<string, number>();
  for (const x of strength.values()) {
    best.set(`o${x.o.index}`, Math.max(best.get(`o${x.o.index}`) ?? 0, x.score));
    best.set(`n${x.n.index}`, Math.max(best.get(`n${x.n.index}`) ?? 0, x.score));
  }
  const articleLinks: ArticleLink[] = [];
  const primaryOf = new Map<string, boolean>();
  for (const [key, x] of strength) {
    const primary =
      x.pair ||
      (!partner.has(x.o.index) && best.get(`o${x.o.index}`) === x.score) ||
      (!hasPartnerNew.has(x.n.index) && best.get(`n${x.n.index}`) === x.score);
    primaryOf.set(key, primary);
    articleLinks.push({
      from: x.o.unit.key,
      to: x.n.unit.key,
      primary,
      score: x.score,
    });
  }
  const links: ParagraphLink[] = g.clauseLinks.map((l) => ({
    from: {
      key: l.from.article.unit.key,
      lines: l.from.lines,
      ...(l.from.sentences && { sentences: l.from.sentences }),
    },
    to: {
      key: l.to.article.unit.key,
      lines: l.to.lines,
      ...(l.to.sentences && { sentences: l.to.sentences }),
    },
    kind: partner.get(l.from.article.index) !== l.to.article ? "moved" : l.from.bag.sameAs(l.to.bag) ? "same" : "modified",
    score: l.sim,
    primary: primaryOf.get(`${l.from.article.index}:${l.to.article.index}`) ?? false,
  }));
  for (const x of strength.values())
    if (x.pair && !g.clauseLinks.some((l) => l.from.article === x.o && l.to.article === x.n)) links.push(wholeLink(x.o, x.n, x.score));
  links.sort((a, b) => Number(b.primary) - Number(a.primary));
  return { links, articleLinks };
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
export function alsoFlagged(pairs: AlignedPair[]): {
  alsoRenumbered: number;
  alsoMoved: number;
} {
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
    opts.synonyms ?? DEFAULT_SYNONYMS,
    opts.clauseTuning ?? {}
  ).groups;

  const labelled = labelGroups([...manual, ...auto]);
  const links = labelled.flatMap((p) => p.articleLinks);
  const pairs = orderPairs(
    labelled.map((l) => l.pair),
    new Map(olds.map((p) => [p.unit.key, p.index])),
    new Map(news.map((p) => [p.unit.key, p.index]))
  );
  const counts = emptyCounts();
  for (const p of pairs) counts[p.label]++;
  return { pairs, counts, links };
}
