/**
 * Inverted index from bigram id to the bags holding it, as three flat typed arrays (compressed
 * rows): `start[g] .. start[g + 1]` index the postings of bigram g, in bag order, each with the
 * bag's index and its count of g. Pure; ADR 0005 ("Speed (session 5)").
 *
 * Candidate search (align-stages.ts) and 款 tracing (clauses.ts) used an array of arrays indexed by
 * bigram id: sparse, so the engine kept it as a slow holey array, and one small array per bigram
 * was the largest allocation site of an alignment.
 */
export interface Postings {
  start: Int32Array;
  /** Index of the bag (in the order given) of each posting. */
  doc: Int32Array;
  /** Count of the bigram in that bag. */
  count: Int32Array;
}

/** Postings of bags whose gram ids are all below `size`. */
export function buildPostings(bags: { grams: Int32Array; counts: Int32Array }[], size: number): Postings {
  const start = new Int32Array(size + 1);
  for (const bag of bags) {
    const grams = bag.grams;
    for (let i = 0; i < grams.length; i++) start[grams[i] + 1]++;
  }
  for (let g = 0; g < size; g++) start[g + 1] += start[g];
  const doc = new Int32Array(start[size]);
  const count = new Int32Array(start[size]);
  const next = start.slice(0, size);
  for (let k = 0; k < bags.length; k++) {
    const { grams, counts } = bags[k];
    for (let i = 0; i < grams.length; i++) {
      const at = next[grams[i]]++;
      doc[at] = k;
      count[at] = counts[i];
    }
  }
  return { start, doc, count };
}

/** How many bags hold bigram g (0 for an id beyond the index). */
export function postingCount(p: Postings, g: number): number {
  return g + 1 < p.start.length ? p.start[g + 1] - p.start[g] : 0;
}
