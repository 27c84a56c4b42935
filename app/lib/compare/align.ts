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
 *
 * Stages 1-4 are in align-stages.ts, overrides in align-manual.ts, labels and row order in
 * align-labels.ts; similarity.ts, position.ts and union-find.ts are their building blocks.
 */
import { labelGroups, orderPairs } from "./align-labels";
import { manualGroups } from "./align-manual";
import { automaticGroups, type AutoTuning } from "./align-stages";
import type { ClauseTuning } from "./clauses";
import { PAIR_LABELS } from "./segments";
import { GramTable, Prepared } from "./similarity";
import { chapterIdentity } from "./text";
import type { AlignedPair, AlignmentResult, AlignUnit, ArticleLink, PairLabel } from "./types";
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
const TUNING: AutoTuning = {
  /** Accept a pair at this weighted similarity wherever it is. */
  accept: 0.28,
  /** Stage 4b: an article left without any link joins the row of its best residual match at this similarity (0.09-0.11 give the same results). */
  recover: 0.1,
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
    /** Two-home test: 0.3-0.6 give the same links on all four references; 0.2 adds a wrong one (pjdl 11->5), 0.7 loses pjdl 20->35. */
    mergeShare: 0.4,
    /** Sentence pieces (session 7): 75-85 give the same links on all four references; 70 and 90 add a wrong one (wrpl 48->68, 42->77); 100 loses pjdl 28->25 and adds wrpl 42->77; 120 (the earlier value) loses pjdl 28->25 and wrpl 38->21. */
    longLine: 80,
    /** 10-14 give the same links; without it (0) a six-character tail (造成严重后果，) is traced on its own (pjdl 51->44, wrong). */
    minSentence: 12,
  } satisfies ClauseTuning,
};

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
    { ...TUNING, clause: { ...TUNING.clause, ...opts.clauseTuning } }
  );

  const labelled = labelGroups([...manual, ...auto]);
  const links: ArticleLink[] = [];
  for (const l of labelled) for (const a of l.articleLinks) links.push(a);
  const pairs = orderPairs(
    labelled.map((l) => l.pair),
    new Map(olds.map((p) => [p.unit.key, p.index])),
    new Map(news.map((p) => [p.unit.key, p.index]))
  );
  const counts = emptyCounts();
  for (const p of pairs) counts[p.label]++;
  return { pairs, counts, links };
}
