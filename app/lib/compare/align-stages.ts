/**
 * The automatic alignment stages, each a function over one explicit state (the groups found so far
 * and which units they pair): identical bodies, candidate edges from rare bigrams and the position
 * prior, an optimal assignment per connected component, a second pass for articles redrafted in
 * place, 款-level tracing that joins splits and merges into rows, orphans joining the row of their
 * best residual match, and penalties linked through the duties they punish. Pure; ADR 0005. The tuning
 * comes from align.ts (TUNING), where it is documented.
 */
import { connectedGroups, refKey, type Group } from "./align-groups";
import { maxWeightAssignment } from "./assignment";
import { traceClauses, type Clause, type ClauseLink, type ClauseTuning } from "./clauses";
import { isLiability, liabilityLinks, misconductLinks } from "./liability";
import { expectedPositions } from "./position";
import { buildPostings, postingCount } from "./postings";
import { dice, mass, Spread, type GramTable, type Prepared, type Weight } from "./similarity";
import { UnionFind } from "./union-find";
import type { SynonymGroup } from "./words";

export interface AutoTuning {
  accept: number;
  /** Stage 4b: an article without any link joins the row of its mutual best residual match at this similarity. */
  recover: number;
  acceptNear: number;
  nearPrior: number;
  positionWeight: number;
  candidates: number;
  accept2: number;
  prior2: number;
  window2: number;
  clause: ClauseTuning;
}

interface State {
  olds: Prepared[];
  news: Prepared[];
  /** Units span 0..nOld-1 / 0..nNew-1 of their version (manual groups take some out). */
  nOld: number;
  nNew: number;
  groups: Group[];
  pairedOld: Map<number, Group>;
  pairedNew: Map<number, Group>;
  /** Identical pairs as [old index, new index]: the anchors of the position prior. */
  anchors: [number, number][];
}

/** The units left after the identical pairs, and the weighting every later stage scores them with. */
interface Rest {
  olds: Prepared[];
  news: Prepared[];
  weight: Weight;
  /** How far (in new positions) the position prior reaches. */
  window: number;
}

interface Edge {
  o: Prepared;
  n: Prepared;
  sim: number;
  prior: number;
}

export function automaticGroups(
  olds: Prepared[],
  news: Prepared[],
  grams: GramTable,
  synonyms: SynonymGroup[],
  tuning: AutoTuning,
): Group[] {
  const state: State = {
    olds,
    news,
    nOld: olds.length ? Math.max(...olds.map((o) => o.index)) + 1 : 0,
    nNew: news.length ? Math.max(...news.map((n) => n.index)) + 1 : 0,
    groups: [],
    pairedOld: new Map(),
    pairedNew: new Map(),
    anchors: [],
  };
  // 1. Identical bodies (exact first, then up to typography), in document order on both sides.
  pairIdentical(state, (p) => p.body);
  pairIdentical(state, (p) => p.folded);

  const restOld = olds.filter((o) => !state.pairedOld.has(o.index));
  const restNew = news.filter((n) => !state.pairedNew.has(n.index));
  if (!restOld.length && !restNew.length) return state.groups;
  const rest = weighRest(state, restOld, restNew, grams);

  // 2.-3. Candidates, then the optimal one-to-one assignment.
  for (const e of assignPerComponent(candidateEdges(state, rest, tuning), rest, tuning)) {
    link(state, { from: [e.o], to: [e.n], manual: false });
  }
  // 3b.
  pairInPlace(state, rest, tuning);
  // 4.
  return joinByClauses(state, rest, grams, synonyms, tuning.clause, tuning.recover);
}

function link(state: State, g: Group): void {
  state.groups.push(g);
  for (const p of g.from) state.pairedOld.set(p.index, g);
  for (const p of g.to) state.pairedNew.set(p.index, g);
}

function pairIdentical(state: State, key: (p: Prepared) => string): void {
  const byText = new Map<string, Prepared[]>();
  for (const n of state.news) {
    if (state.pairedNew.has(n.index)) continue;
    const k = key(n);
    const list = byText.get(k);
    if (list) list.push(n);
    else byText.set(k, [n]);
  }
  for (const o of state.olds) {
    if (state.pairedOld.has(o.index)) continue;
    const n = byText.get(key(o))?.shift();
    if (!n) continue;
    link(state, { from: [o], to: [n], manual: false });
    state.anchors.push([o.index, n.index]);
  }
}

/** Bigram weights: inverse document frequency among the units still to match. */
function weighRest(state: State, restOld: Prepared[], restNew: Prepared[], grams: GramTable): Rest {
  const restUnits = [...restOld, ...restNew];
  // Give every bigram of the units still to match its id before the frequency table is sized.
  for (const p of restUnits) void p.grams;
  const df = new Int32Array(grams.size);
  for (const p of restUnits) for (const g of p.grams) df[g]++;
  const docs = restUnits.length;
  const weights = new Float64Array(df.length);
  for (let g = 0; g < df.length; g++) weights[g] = Math.log(1 + docs / Math.max(1, df[g]));
  return {
    olds: restOld,
    news: restNew,
    weight: { of: weights, unseen: Math.log(1 + docs) },
    window: Math.max(3, 0.08 * state.nNew),
  };
}

/** 2. Candidates from rare shared bigrams plus the units where the position prior points. */
function candidateEdges(state: State, rest: Rest, tuning: AutoTuning): Edge[] {
  const { olds: restOld, news: restNew, weight, window } = rest;
  const weights = weight.of;
  const heaviest = weight.unseen;
  const weightOf = (g: number) => (g < weights.length ? weights[g] : heaviest);
  const slotOfNew = new Map(restNew.map((n, slot) => [n, slot]));
  const expected = expectedPositions(state.anchors, state.nOld, state.nNew);
  const prior = (o: Prepared, n: Prepared) => Math.max(0, 1 - Math.abs(n.index - expected[o.index]) / window);

  // Postings of rare bigrams over the new units still to match, as slots into restNew.
  const index = buildPostings(restNew, weights.length);
  const cap = Math.max(10, Math.ceil(0.1 * restNew.length));
  const byPosition = [...restNew].sort((a, b) => a.index - b.index);

  const edges: Edge[] = [];
  // Shared rare-bigram weight per new slot, reset after each old unit through the touched list.
  const acc = new Float64Array(restNew.length);
  const touched: number[] = [];
  const isCandidate = new Uint8Array(restNew.length);
  const spread = new Spread(weights.length);
  for (const o of restOld) {
    const oGrams = o.grams;
    for (let i = 0; i < oGrams.length; i++) {
      const count = postingCount(index, oGrams[i]);
      if (!count || count > cap) continue;
      const w = weightOf(oGrams[i]);
      for (let k = index.start[oGrams[i]], end = k + count; k < end; k++) {
        const slot = index.doc[k];
        if (acc[slot] === 0) touched.push(slot);
        acc[slot] += w;
      }
    }
    touched.sort((x, y) => acc[y] - acc[x] || restNew[x].index - restNew[y].index);
    const cands: Prepared[] = [];
    for (const slot of touched.slice(0, tuning.candidates)) {
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
      const sim = spread.of(o).dice(n, weight);
      const p = prior(o, n);
      if (sim >= tuning.accept || (sim >= tuning.acceptNear && p >= tuning.nearPrior)) edges.push({ o, n, sim, prior: p });
    }
  }
  return edges;
}

/** 3. Optimal one-to-one assignment per connected component of the candidate edges, in old order. */
function assignPerComponent(edges: Edge[], rest: Rest, tuning: AutoTuning): Edge[] {
  const { olds: restOld, news: restNew } = rest;
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
      w[r.get(e.o)!][c.get(e.n)!] = e.sim + tuning.positionWeight * e.prior;
      at.set(`${r.get(e.o)}:${c.get(e.n)}`, e);
    }
    for (const [i, j] of maxWeightAssignment(w, rows.length, cols.length)) accepted.push(at.get(`${i}:${j}`)!);
  }
  return accepted.sort((a, b) => a.o.index - b.o.index);
}

/**
 * 3b. Leftovers that sit exactly where the pairs found so far predict may pair at a lower similarity
 * (a provision redrafted in place).
 */
function pairInPlace(state: State, rest: Rest, tuning: AutoTuning): void {
  const leftOld = rest.olds.filter((o) => !state.pairedOld.has(o.index));
  const leftNew = rest.news.filter((n) => !state.pairedNew.has(n.index));
  if (!leftOld.length || !leftNew.length) return;
  const pairedAnchors = state.groups
    .filter((g) => g.from.length === 1 && g.to.length === 1)
    .map((g): [number, number] => [g.from[0].index, g.to[0].index]);
  const expected2 = expectedPositions(pairedAnchors, state.nOld, state.nNew);
  const w = leftOld.map(() => new Array<number>(leftNew.length).fill(0));
  leftOld.forEach((o, i) =>
    leftNew.forEach((n, j) => {
      const p = Math.max(0, 1 - Math.abs(n.index - expected2[o.index]) / tuning.window2);
      if (p < tuning.prior2) return;
      const sim = dice(o, n, rest.weight);
      if (sim >= tuning.accept2) w[i][j] = sim + tuning.positionWeight * p;
    })
  );
  for (const [i, j] of maxWeightAssignment(w, leftOld.length, leftNew.length))
    link(state, { from: [leftOld[i]], to: [leftNew[j]], manual: false });
}

/**
 * 4. 款-level tracing over every article not carried over verbatim: splits, merges, 款 moved into
 * another article, and the paragraph links drawn inside each row.
 */
function joinByClauses(
  state: State,
  rest: Rest,
  grams: GramTable,
  synonyms: SynonymGroup[],
  clauseTuning: ClauseTuning,
  recover: number,
): Group[] {
  const pairs = state.groups.filter((g) => g.from.length === 1 && g.to.length === 1);
  const partnerOfOld = new Map(pairs.map((g) => [g.from[0].index, g.to[0]]));
  const expected4 = expectedPositions(
    pairs.map((g): [number, number] => [g.from[0].index, g.to[0].index]),
    state.nOld,
    state.nNew
  );
  const referenceMap = new Map<string, Set<string>>();
  for (const g of pairs)
    referenceMap.set(refKey(g.from[0].unit.number, g.from[0].unit.suffix), new Set([refKey(g.to[0].unit.number, g.to[0].unit.suffix)]));
  const clauseLinks = traceClauses(
    {
      olds: rest.olds,
      news: rest.news,
      grams,
      partnerOfOld,
      prior: (o, n) => Math.max(0, 1 - Math.abs(n.index - expected4[o.index]) / rest.window),
      referenceMap,
      synonyms,
    },
    clauseTuning
  );
  clauseLinks.push(...recoverOrphans(state, rest, clauseLinks, recover));
  // 4c. Penalties through the duties they punish (liability.ts).
  const whole = (o: Prepared, n: Prepared, score: number): ClauseLink => ({ from: wholeClause(o), to: wholeClause(n), sim: score, score });
  clauseLinks.push(...liabilityLinks(state.olds, state.news, linksSoFar(state, clauseLinks).ofOld, grams, rest.weight, whole));
  // 4d. The officials' misconduct clause, when each version has one left (liability.ts).
  clauseLinks.push(...misconductLinks(state.olds, state.news, linksSoFar(state, clauseLinks), rest.weight, whole));
  return connectedGroups(state.olds, state.news, state.groups, clauseLinks, partnerOfOld);
}

/** Per article index, the articles across the way it is linked to so far, by a pair or a 款 link. */
function linksSoFar(state: State, clauseLinks: ClauseLink[]): { ofOld: Map<number, Set<Prepared>>; ofNew: Map<number, Set<Prepared>> } {
  const ofOld = new Map<number, Set<Prepared>>();
  const ofNew = new Map<number, Set<Prepared>>();
  const add = (o: Prepared, n: Prepared) => {
    if (!ofOld.has(o.index)) ofOld.set(o.index, new Set());
    ofOld.get(o.index)!.add(n);
    if (!ofNew.has(n.index)) ofNew.set(n.index, new Set());
    ofNew.get(n.index)!.add(o);
  };
  for (const g of state.groups) for (const o of g.from) for (const n of g.to) add(o, n);
  for (const l of clauseLinks) add(l.from.article, l.to.article);
  return { ofOld, ofNew };
}

/** The whole article as one traced piece (a recovered link covers the article, not one 款). */
const wholeClause = (p: Prepared): Clause => ({ article: p, lines: p.unit.text.split("\n").map((_, i) => i), bag: p, refs: [] });

/** What is left of a unit's bigrams once its linked counterparts' bigrams are taken away, as sorted (gram, count) arrays with its weighted mass. */
interface Residual {
  grams: Int32Array;
  counts: Int32Array;
  /** Weight of each gram. */
  weights: Float64Array;
  mass: number;
}

/**
 * 4b. An article left with no link at all (an orphan: neither a one-to-one partner nor a 款 link)
 * after a rewrite has usually been reworded and moved far, or is the part of a split / merge whose
 * wording drifted below the 款 thresholds. Its candidates are compared with what is left of each
 * article across the way once that article's linked counterparts are taken away (the residual: a
 * split's second part must carry what the first did not; an added article that only shares the
 * topic of an article already carried over finds nothing left there). The orphan is linked to the
 * best residual when it reaches `recover` and the orphan is also that residual's best match among
 * the orphans of its side (mutual best, so two orphans never compete for one article).
 */
function recoverOrphans(state: State, rest: Rest, clauseLinks: ClauseLink[], recover: number): ClauseLink[] {
  const { ofOld: linksOfOld, ofNew: linksOfNew } = linksSoFar(state, clauseLinks);
  const orphanOld = rest.olds.filter((o) => !linksOfOld.has(o.index));
  const orphanNew = rest.news.filter((n) => !linksOfNew.has(n.index));
  if (!orphanOld.length && !orphanNew.length) return [];
  const { of, unseen } = rest.weight;
  const w = (g: number) => (g < of.length ? of[g] : unseen);
  const best = <T>(xs: T[], score: (x: T) => number): { x: T | null; s: number } => {
    let x: T | null = null;
    let s = -1;
    for (const y of xs) {
      const v = score(y);
      if (v > s) {
        s = v;
        x = y;
      }
    }
    return { x, s };
  };
  // Every bigram of the units still to match got its id before the weights were sized.
  const dense = new Int32Array(of.length);
  // Bags read into locals once per loop: a getter per element was most of this stage before the
  // code is optimised (ADR 0005, "Speed (session 5)").
  const addLinked = (linked: Set<Prepared> | undefined, v: 0 | 1) => {
    for (const q of linked ?? []) {
      const { grams, counts } = q;
      for (let i = 0; i < grams.length; i++) if (grams[i] < dense.length) dense[grams[i]] = v ? dense[grams[i]] + counts[i] : 0;
    }
  };
  const residual = (p: Prepared, linked: Set<Prepared> | undefined): Residual => {
    addLinked(linked, 1);
    const { grams: pGrams, counts: pCounts } = p;
    const grams = new Int32Array(pGrams.length);
    const counts = new Int32Array(pGrams.length);
    const weights = new Float64Array(pGrams.length);
    let k = 0;
    let m = 0;
    for (let i = 0; i < pGrams.length; i++) {
      const g = pGrams[i];
      const left = pCounts[i] - dense[g];
      if (left <= 0) continue;
      grams[k] = g;
      counts[k] = left;
      weights[k] = w(g);
      m += left * weights[k++];
    }
    addLinked(linked, 0);
    return { grams: grams.subarray(0, k), counts: counts.subarray(0, k), weights: weights.subarray(0, k), mass: m };
  };
  /** An orphan's bigram counts spread into the dense table (v = 1) or cleared from it (v = 0). */
  const fill = (p: Prepared, v: 0 | 1) => {
    const { grams, counts } = p;
    for (let i = 0; i < grams.length; i++) dense[grams[i]] = v * counts[i];
  };
  /** Residual Dice of r against the orphan p, whose counts are in the dense table. */
  const simTo = (p: Prepared, r: Residual) => {
    let ov = 0;
    const { grams, counts, weights } = r;
    for (let i = 0; i < grams.length; i++) {
      const c = dense[grams[i]];
      if (c) ov += Math.min(counts[i], c) * weights[i];
    }
    const denom = r.mass + mass(p, rest.weight);
    return denom ? (2 * ov) / denom : 0;
  };
  /** The best residual for the orphan p, among xs. */
  const bestResidual = <T>(p: Prepared, xs: T[], res: (x: T) => Residual) => {
    fill(p, 1);
    const b = best(xs, (x) => simTo(p, res(x)));
    fill(p, 0);
    return b;
  };
  /** The orphan among ps whose bigrams best match the residual r. */
  const bestOrphan = (r: Residual, ps: Prepared[]) =>
    best(ps, (p) => {
      fill(p, 1);
      const v = simTo(p, r);
      fill(p, 0);
      return v;
    });
  const resOld = new Map(rest.olds.map((o) => [o, residual(o, linksOfOld.get(o.index))]));
  const resNew = new Map(rest.news.map((n) => [n, residual(n, linksOfNew.get(n.index))]));
  const flow = new Map<string, number>();
  for (const g of state.groups)
    if (g.from.length === 1 && g.to.length === 1) {
      const k = `${g.from[0].chapterId}>${g.to[0].chapterId}`;
      flow.set(k, (flow.get(k) ?? 0) + 1);
    }
  // 款 links count too: a part of a split or merge that crossed chapters shows that those chapters
  // exchange provisions just as a one-to-one pair does.
  for (const l of clauseLinks) {
    const k = `${l.from.article.chapterId}>${l.to.article.chapterId}`;
    flow.set(k, (flow.get(k) ?? 0) + 1);
  }
  const flowOf = (o: Prepared, n: Prepared) => flow.get(`${o.chapterId}>${n.chapterId}`) ?? 0;
  // A penalty and a duty never take each other in: what an orphan penalty shares with a duty (or an
  // orphan duty with a penalty) is the conduct both describe, not succession (vel 28 -> 64, the
  // training-cost duty into the penalty on not training; stage 4c links penalties through their duties).
  // Only an article already in a row can take the orphan in, and only from a chapter that already
  // sends it a pair or a 款 link: an orphan matched to another orphan, or across chapters that exchange
  // nothing, was on the references an added or removed article sharing the topic far more often
  // than a provision carried forward.
  const accept = (o: Prepared, n: Prepared, s: number, target: Map<number, Set<Prepared>>, at: Prepared) =>
    s >= recover && target.has(at.index) && flowOf(o, n) > 0 && isLiability(o) === isLiability(n);
  const out: ClauseLink[] = [];
  for (const o of orphanOld) {
    const { x: n, s } = bestResidual(o, rest.news, (n) => resNew.get(n)!);
    if (!n || !accept(o, n, s, linksOfNew, n)) continue;
    if (bestOrphan(resNew.get(n)!, orphanOld).x !== o) continue;
    out.push({ from: wholeClause(o), to: wholeClause(n), sim: s, score: s });
  }
  for (const n of orphanNew) {
    const { x: o, s } = bestResidual(n, rest.olds, (o) => resOld.get(o)!);
    if (!o || !accept(o, n, s, linksOfOld, o)) continue;
    if (bestOrphan(resOld.get(o)!, orphanNew).x !== n) continue;
    out.push({ from: wholeClause(o), to: wholeClause(n), sim: s, score: s });
  }
  return out;
}
