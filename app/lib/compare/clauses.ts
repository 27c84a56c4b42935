/**
 * 款-level tracing (ADR 0005): every 款 of an article that is not carried over verbatim is traced to
 * the 款 across the way that holds its content, and every new 款 to where it came from. A link to
 * another article than the article's one-to-one partner is what makes a split, a merge or a "款
 * moved into another article"; links between many old and many new articles are kept (the rows
 * are connected components). Pure and deterministic.
 *
 * Evidence for a 款 pair, each measured on its own against the references (bench:compare):
 * - text: idf-weighted Dice of character bigrams, or the overlap coefficient when one 款 is a part
 *   of the other (a 款 merged into a longer one), and the same over words (jieba tokens folded through
 *   a synonym list) so that rewording does not hide the link;
 * - place: the article pair the one-to-one stage chose, the position the anchors predict, the same
 *   chapter heading;
 * - cross-references: both 款 cite articles that the article alignment maps onto each other (a
 *   penalty clause redrafted around 违反本法第X条).
 */
import { GramTable, mass, Prepared, Spread, wordCount, type Weight } from "./similarity";
import { buildPostings, postingCount } from "./postings";
import { foldForMatch } from "~/lib/text/normalize";
import { maskReferences, withoutFormulas } from "./text";
import { WordBags, type SynonymGroup } from "./words";

/** A sentence: up to and including 。 or ；, or the rest of the line. */
const SENTENCE = /[^。；]+[。；]?/g;

/** The sentences of a line, as `ParagraphSide.sentences` counts them. */
export function sentencesOf(line: string): string[] {
  return line.match(SENTENCE) ?? [line];
}

export interface Clause {
  article: Prepared;
  /** Line indexes into article.unit.text.split("\n"). */
  lines: number[];
  /** Sentence indexes within the line, when the line was long enough to be split. */
  sentences?: number[];
  bag: Prepared;
  refs: string[];
}

export interface ClauseLink {
  from: Clause;
  to: Clause;
  /** Text similarity alone (0..1). */
  sim: number;
  /** Text similarity plus the place and cross-reference evidence. */
  score: number;
}

export interface ClauseTuning {
  /** A 款 link needs at least this text similarity ... */
  minSim: number;
  /** ... and at least this combined score ... */
  accept: number;
  /** ... and the best match in any other article must score below this share of it. */
  ratio: number;
  /** A piece with this many times its match's weighted mass is a whole holding parts. */
  wholeRatio: number;
  /** ... unless its best match has at least this Dice with it (it is already accounted for). */
  explained: number;
  /** The overlap coefficient counts at this share of its value (a part found inside a whole). */
  coverWeight: number;
  /** The overlap coefficient needs the smaller 款 to have this many characters. */
  coverMinChars: number;
  pairWeight: number;
  positionWeight: number;
  chapterWeight: number;
  referenceWeight: number;
  wordWeight: number;
  /** Two-home test (merge / split of one 款): share of the runner-up's distinct content the piece must hold; 0 turns it off. */
  mergeShare: number;
  /** A line longer than this many characters is traced sentence by sentence (clausesOf). */
  longLine: number;
  /** ... and a sentence with fewer characters of content than this stays with its neighbour. */
  minSentence: number;
}

export interface ClauseContext {
  olds: Prepared[];
  news: Prepared[];
  grams: GramTable;
  /** One-to-one article partner chosen before (old index -> new unit). */
  partnerOfOld: Map<number, Prepared>;
  /** Position prior of an article pair, 0..1. */
  prior: (o: Prepared, n: Prepared) => number;
  /** Old article reference ("12:0") -> new article references it became. */
  referenceMap: Map<string, Set<string>>;
  /** Synonym groups folded before word similarity. */
  synonyms: SynonymGroup[];
}

/** Characters of a sentence that carry content: letters and numbers once the liability formula is removed. */
function contentLength(sentence: string): number {
  return wordCount(withoutFormulas(foldForMatch(sentence)));
}

/**
 * The pieces of an article that are traced: every line (a 款, or one item of a list, since items are
 * often gathered from several old articles), and each sentence of a line longer than
 * `longLine` characters (a long 款 is often split up across articles). A sentence with fewer than
 * `minSentence` characters of content (造成严重后果，构成犯罪的，依法追究刑事责任 is six once the formula
 * is removed) stays with the sentence before it (or, at the start of a line, after it): a fragment
 * says too little to be traced on its own.
 */
export function clausesOf(article: Prepared, grams: GramTable, longLine = 80, minSentence = 12): Clause[] {
  const lines = article.unit.text.split("\n");
  const pieces: { line: number; sentences?: number[]; text: string }[] = [];
  lines.forEach((line, i) => {
    if (line.length <= longLine) {
      pieces.push({ line: i, text: line });
      return;
    }
    const groups: { sentences: number[]; text: string; content: number }[] = [];
    sentencesOf(line).forEach((text, k) => {
      const content = contentLength(text);
      const last = groups[groups.length - 1];
      if (last && (content < minSentence || last.content < minSentence)) {
        last.sentences.push(k);
        last.text += text;
        last.content += content;
      } else groups.push({ sentences: [k], text, content });
    });
    if (groups.length === 1) pieces.push({ line: i, text: line });
    else for (const g of groups) pieces.push({ line: i, sentences: g.sentences, text: g.text });
  });
  return pieces.map((piece, k) => {
    const bag = new Prepared(
      {
        ...article.unit,
        key: `${article.unit.key}#${k}`,
        label: piece.line === 0 && !piece.sentences?.[0] ? article.unit.label : null,
        text: piece.text,
      },
      article.index,
      article.chapterId,
      grams,
      article
    );
    const refs = maskReferences(bag.folded).refs.map((r) => `${r.number}:${r.suffix}`);
    return {
      article,
      lines: [piece.line],
      sentences: piece.sentences,
      bag,
      refs,
    };
  });
}

function idf(clauses: Clause[], grams: GramTable): Weight {
  for (const c of clauses) void c.bag.grams;
  const df = new Int32Array(grams.size);
  for (const c of clauses) for (const g of c.bag.grams) df[g]++;
  const of = new Float64Array(df.length);
  for (let g = 0; g < df.length; g++) of[g] = Math.log(1 + clauses.length / Math.max(1, df[g]));
  return { of, unseen: Math.log(1 + clauses.length) };
}


export function traceClauses(ctx: ClauseContext, tuning: ClauseTuning): ClauseLink[] {
  const oldClauses = ctx.olds.flatMap((a) => clausesOf(a, ctx.grams, tuning.longLine, tuning.minSentence));
  const newClauses = ctx.news.flatMap((a) => clausesOf(a, ctx.grams, tuning.longLine, tuning.minSentence));
  if (!oldClauses.length || !newClauses.length) return [];
  const weight = idf([...oldClauses, ...newClauses], ctx.grams);
  const words =
    tuning.wordWeight > 0
      ? new WordBags(
          [...oldClauses, ...newClauses].map((c) => c.bag.folded),
          ctx.synonyms
        )
      : null;
  const massOld = oldClauses.map((c) => mass(c.bag, weight));
  const massNew = newClauses.map((c) => mass(c.bag, weight));
  const postings = buildPostings(
    newClauses.map((c) => c.bag),
    ctx.grams.size
  );

  const chars = (c: Clause) => c.bag.total + 1;
  // Dice of the last pair textSim scored (kept apart from the cover-inflated similarity).
  let diceOf = 0;
  const textSim = (i: number, j: number, ov: number) => {
    const a = oldClauses[i];
    const b = newClauses[j];
    const denom = massOld[i] + massNew[j];
    const dice = denom ? (2 * ov) / denom : 0;
    const small = Math.min(massOld[i], massNew[j]);
    const cover = small && Math.min(chars(a), chars(b)) >= tuning.coverMinChars ? ov / small : 0;
    let sim = Math.max(dice, tuning.coverWeight * cover);
    diceOf = dice;
    if (words) sim = Math.max(sim, tuning.wordWeight * words.similarity(a.bag.folded, b.bag.folded));
    return sim;
  };
  const referenceAgreement = (a: Clause, b: Clause) => {
    if (!a.refs.length || !b.refs.length) return 0;
    let agree = 0;
    for (const r of a.refs) {
      const targets = ctx.referenceMap.get(r);
      if (targets && b.refs.some((x) => targets.has(x))) agree++;
    }
    return agree / a.refs.length;
  };
  const evidence = (a: Clause, b: Clause) =>
    tuning.pairWeight * (ctx.partnerOfOld.get(a.article.index) === b.article ? 1 : 0) +
    tuning.positionWeight * ctx.prior(a.article, b.article) +
    tuning.chapterWeight * (a.article.chapterId === b.article.chapterId ? 1 : 0) +
    tuning.referenceWeight * referenceAgreement(a, b);

  // Text similarity of every pair of pieces that share a rare bigram (one held by at most `cap`
  // pieces): pairs sharing only common bigrams are boilerplate at best, and skipping the long postings
  // lists keeps this linear in practice. The overlap itself is then computed exactly, but only for
  // pairs that could reach minSim: the shared rare bigrams are summed while walking their postings,
  // and the common ones can add at most the smaller side's common mass (an upper bound, so no pair
  // that would pass is skipped; the word similarity has no such bound).
  const cap = Math.max(20, Math.ceil(0.05 * newClauses.length));
  const isCommon = (g: number) => postingCount(postings, g) > cap;
  const commonMass = (c: Clause) => {
    const { grams, counts } = c.bag;
    let m = 0;
    for (let g = 0; g < grams.length; g++) if (isCommon(grams[g])) m += counts[g] * weight.of[grams[g]];
    return m;
  };
  const commonNew = Float64Array.from(newClauses, commonMass);
  const slack = 1e-9;
  /** Candidate pairs passing minSim, flat: old index, new index, similarity, Dice. */
  const found: number[] = [];
  const rare = new Float64Array(newClauses.length);
  const seen = new Uint8Array(newClauses.length);
  const touched: number[] = [];
  const spread = new Spread(ctx.grams.size);
  oldClauses.forEach((a, i) => {
    const { grams, counts } = a.bag;
    for (let g = 0; g < grams.length; g++) {
      const n = postingCount(postings, grams[g]);
      if (!n || n > cap) continue;
      const w = weight.of[grams[g]];
      const c = counts[g];
      for (let k = postings.start[grams[g]], end = k + n; k < end; k++) {
        const j = postings.doc[k];
        if (!seen[j]) {
          seen[j] = 1;
          touched.push(j);
        }
        rare[j] += Math.min(c, postings.count[k]) * w;
      }
    }
    const commonOld = words ? 0 : commonMass(a);
    for (const j of touched) {
      const bound = words ? Infinity : rare[j] + Math.min(commonOld, commonNew[j]);
      seen[j] = 0;
      rare[j] = 0;
      if (bound !== Infinity && textSim(i, j, bound) < tuning.minSim - slack) continue;
      const sim = textSim(i, j, spread.of(a.bag).overlap(newClauses[j].bag, weight));
      if (sim >= tuning.minSim) found.push(i, j, sim, diceOf);
    }
    touched.length = 0;
  });

  const links = new Map<string, ClauseLink>();
  const keep = (i: number, j: number, sim: number, score: number) => {
    const key = `${i}:${j}`;
    if (!links.has(key)) links.set(key, { from: oldClauses[i], to: newClauses[j], sim, score });
  };
  // Each piece keeps its best match across the way, if it is strong enough and clearly better than
  // the best match in any other article (a ratio test: boilerplate such as 构成犯罪的，依法追究刑事责任
  // matches many articles about equally and proves nothing).
  type Best = {
    k: number;
    score: number;
    sim: number;
    dice: number;
    article: number;
    second: number;
    /** Best piece and score per article across the way (for the merge test). */
    byArticle: Map<number, { k: number; score: number }>;
  };
  const fresh = (): Best => ({ k: -1, score: -1, sim: 0, dice: 0, article: -1, second: 0, byArticle: new Map() });
  const offer = (b: Best, k: number, score: number, sim: number, dice: number, article: number) => {
    const top = b.byArticle.get(article);
    if (!top || score > top.score) b.byArticle.set(article, { k, score });
    if (score > b.score) {
      if (article !== b.article) b.second = Math.max(b.second, b.score);
      Object.assign(b, { k, score, sim, dice, article });
    } else if (article !== b.article) b.second = Math.max(b.second, score);
  };
  const bestOfOld = oldClauses.map(fresh);
  const bestOfNew = newClauses.map(fresh);
  for (let f = 0; f < found.length; f += 4) {
    const i = found[f];
    const j = found[f + 1];
    const sim = found[f + 2];
    const score = sim + evidence(oldClauses[i], newClauses[j]);
    offer(bestOfOld[i], j, score, sim, found[f + 3], newClauses[j].article.index);
    offer(bestOfNew[j], i, score, sim, found[f + 3], oldClauses[i].article.index);
  }
  // The strongest rival of a match, on the side that did not choose it: a piece from another article.
  const rival = (b: Best, article: number) => (b.article === article ? b.second : b.score);
  // A piece clearly larger than its match is a whole holding several parts (the old 款 of a split):
  // it may match each part about equally, so only the parts face the rival test, unless its best
  // match already carries almost all of it (then a second home is not a split but a coincidence,
  // e.g. the same new wording added to several amended articles).
  // A sentence is already a part (its line was split because it was long): it is never such a whole.
  const whole = (piece: Clause, a: number, b: number, best: Best) =>
    !piece.sentences && a > tuning.wholeRatio * b && best.dice < tuning.explained;
  // A piece whose best match and runner-up lie in two articles across the way, with no third article
  // close, may hold both (a 款 merged from two articles, or split into two): it does when what the
  // runner-up says beyond the best match is found in the piece (old 16 夜不归宿 and old 20 离家出走, both
  // "应当及时查找，或者向公安机关请求帮助", become new 35 "无故夜不归宿、离家出走的 … 应当及时查找"). Two
  // articles that merely share a phrase (构成违反治安管理行为的，由公安机关依法予以治安处罚) fail it: beyond
  // the phrase the runner-up says things the piece does not. Each of the two must choose the piece too.
  const twoHomes = (b: Best, self: number, pieces: Clause[], theirBest: Best[], own: Clause): number => {
    if (b.k < 0 || !tuning.mergeShare) return -1;
    let runner: { k: number; score: number } | null = null;
    let third = 0;
    for (const [article, top] of b.byArticle) {
      if (article === b.article) continue;
      if (!runner || top.score > runner.score) {
        if (runner) third = Math.max(third, runner.score);
        runner = top;
      } else third = Math.max(third, top.score);
    }
    if (!runner || runner.score < tuning.accept || third >= tuning.ratio * runner.score) return -1;
    if (theirBest[b.k].k !== self || theirBest[runner.k].k !== self) return -1;
    return distinctShare(pieces[runner.k].bag, pieces[b.k].bag, own.bag, weight) >= tuning.mergeShare ? runner.k : -1;
  };
  const mergedFrom = newClauses.map((c, j) => twoHomes(bestOfNew[j], j, oldClauses, bestOfOld, c));
  const splitInto = oldClauses.map((c, i) => twoHomes(bestOfOld[i], i, newClauses, bestOfNew, c));
  const isHome = (homes: number[], self: number, best: Best, other: number) =>
    homes[self] >= 0 && (other === best.k || other === homes[self]);
  const accept = (i: number, j: number, score: number) =>
    score >= tuning.accept &&
    (whole(oldClauses[i], massOld[i], massNew[j], bestOfOld[i]) ||
      rival(bestOfOld[i], newClauses[j].article.index) < tuning.ratio * score ||
      isHome(splitInto, i, bestOfOld[i], j)) &&
    (whole(newClauses[j], massNew[j], massOld[i], bestOfNew[j]) ||
      rival(bestOfNew[j], oldClauses[i].article.index) < tuning.ratio * score ||
      isHome(mergedFrom, j, bestOfNew[j], i));
  bestOfOld.forEach((b, i) => {
    if (b.k >= 0 && accept(i, b.k, b.score)) keep(i, b.k, b.sim, b.score);
  });
  bestOfNew.forEach((b, j) => {
    if (b.k >= 0 && accept(b.k, j, b.score)) keep(b.k, j, b.sim, b.score);
  });
  // The runner-up of a two-home piece is nobody's best match on the piece's side: keep it here.
  for (let f = 0; f < found.length; f += 4) {
    const i = found[f];
    const j = found[f + 1];
    if (mergedFrom[j] !== i && splitInto[i] !== j) continue;
    const score = found[f + 2] + evidence(oldClauses[i], newClauses[j]);
    if (accept(i, j, score)) keep(i, j, found[f + 2], score);
  }
  return [...links.values()];
}

/** Share of what `piece` says beyond `rival` (weighted bigrams) that `target` holds. */
function distinctShare(piece: Prepared, rival: Prepared, target: Prepared, weight: Weight): number {
  const taken = new Map<number, number>();
  for (let k = 0; k < rival.grams.length; k++) taken.set(rival.grams[k], rival.counts[k]);
  const held = new Map<number, number>();
  for (let k = 0; k < target.grams.length; k++) held.set(target.grams[k], target.counts[k]);
  let rest = 0;
  let found = 0;
  for (let k = 0; k < piece.grams.length; k++) {
    const g = piece.grams[k];
    const left = piece.counts[k] - (taken.get(g) ?? 0);
    if (left <= 0) continue;
    const w = g < weight.of.length ? weight.of[g] : weight.unseen;
    rest += left * w;
    found += Math.min(left, held.get(g) ?? 0) * w;
  }
  return rest > 0 ? found / rest : 0;
}
