/** The flat postings of postings.ts list, per bigram, the bags holding it in bag order with their counts. */
import { buildPostings, postingCount } from "~/lib/compare/postings";

const bag = (pairs: [number, number][]) => ({
  grams: Int32Array.from(pairs.map((p) => p[0])),
  counts: Int32Array.from(pairs.map((p) => p[1])),
});

describe("buildPostings", () => {
  it("lists every bag holding a bigram, in bag order, with its count", () => {
    const bags = [bag([[0, 2], [3, 1]]), bag([]), bag([[1, 1], [3, 4]]), bag([[3, 1], [5, 7]])];
    const p = buildPostings(bags, 6);
    const of = (g: number) => {
      const out: [number, number][] = [];
      for (let k = p.start[g]; k < p.start[g] + postingCount(p, g); k++) out.push([p.doc[k], p.count[k]]);
      return out;
    };
    expect(of(0)).toEqual([[0, 2]]);
    expect(of(1)).toEqual([[2, 1]]);
    expect(of(2)).toEqual([]);
    expect(of(3)).toEqual([[0, 1], [2, 4], [3, 1]]);
    expect(of(5)).toEqual([[3, 7]]);
    expect(postingCount(p, 4)).toBe(0);
    // Ids beyond the index hold nothing.
    expect(postingCount(p, 6)).toBe(0);
    expect(postingCount(p, 99)).toBe(0);
  });

  it("is empty for no bags", () => {
    const p = buildPostings([], 0);
    expect(postingCount(p, 0)).toBe(0);
  });
});
