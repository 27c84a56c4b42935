import { describe, expect, it } from "vitest";
import { buildScoreOrder, keepScoreOrder, keptScoreOrder, topGroupsInOrder } from "~/lib/search/pipeline/score-order";
import type { MatchedRows } from "~/lib/search/term-cache";

/** What scoring every accepted row and sorting gives: boosted score desc, unit asc, first row per group. */
function byFullSort(rows: number[], score: (u: number) => number, boost: (u: number) => number, accepts: (u: number) => boolean, group: (u: number) => number, needed: number): number[] {
  const ranked = rows.filter(accepts).sort((a, b) => score(b) * boost(b) - score(a) * boost(a) || a - b);
  const groups: number[] = [];
  for (const u of ranked) if (!groups.includes(group(u))) groups.push(group(u));
  return groups.slice(0, needed);
}

/** Deterministic pseudo-random numbers. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe("topGroupsInOrder", () => {
  it("equals a full sort of the boosted scores, ties by unit index included", () => {
    const next = random(7);
    const boosts = [1, 1, 1.5, 1.5];
    for (let trial = 0; trial < 200; trial++) {
      const size = 1 + Math.floor(next() * 600);
      const rows = Array.from({ length: size }, (_, i) => i * 2 + (trial % 2));
      // Few distinct scores: many ties, also across boost classes (2 x 1.5 = 3 x 1).
      const scores = new Map(rows.map((u) => [u, [1, 2, 3, 4.5, 0.25, 0][Math.floor(next() * 6)]]));
      const classOf = new Map(rows.map((u) => [u, Math.floor(next() * 4)]));
      const groupOf = new Map(rows.map((u) => [u, Math.floor(next() * (size / 2 + 1))]));
      const filtered = trial % 3 === 0;
      const accepts = (u: number) => !filtered || u % 3 !== 0;
      const order = buildScoreOrder(rows, (u) => scores.get(u)!)!;
      for (const needed of [1, 5, 20, 60, size + 5]) {
        const boostOf = (u: number) => boosts[classOf.get(u)!];
        const group = (u: number) => groupOf.get(u)!;
        expect(topGroupsInOrder(order, { boostOf, maxBoost: 1.5, accepts, group, needed })).toEqual(
          byFullSort(rows, (u) => scores.get(u)!, boostOf, accepts, group, needed),
        );
      }
    }
  });

  it("sorts by score, then unit index", () => {
    const order = buildScoreOrder([1, 4, 6, 9], (u) => ({ 1: 2, 4: 5, 6: 2, 9: 5 })[u]!)!;
    expect([...order.units]).toEqual([4, 9, 1, 6]);
    expect([...order.scores]).toEqual([5, 5, 2, 2]);
    // -0 and 0 compare equal: one run, in row order.
    expect([...buildScoreOrder([1, 2, 3, 5], (u) => [0, -0, 0, 1][[1, 2, 3, 5].indexOf(u)])!.units]).toEqual([5, 1, 2, 3]);
  });

  it("builds no order while a row's score is missing", () => {
    expect(buildScoreOrder([1, 2], (u) => (u === 2 ? NaN : 1))).toBeNull();
  });
});

describe("kept score orders", () => {
  it("belong to one row list and scoring key, a few keys each", () => {
    const rows: MatchedRows = { rowCount: 2, units: [0, 1] };
    const order = buildScoreOrder(rows.units, () => 1)!;
    keepScoreOrder(rows, "k", order);
    expect(keptScoreOrder(rows, "k")).toBe(order);
    expect(keptScoreOrder(rows, "other")).toBeUndefined();
    expect(keptScoreOrder({ rowCount: 2, units: [0, 1] }, "k")).toBeUndefined();
    for (const k of ["a", "b", "c", "d"]) keepScoreOrder(rows, k, order);
    expect(keptScoreOrder(rows, "k")).toBeUndefined();
    expect(keptScoreOrder(rows, "d")).toBe(order);
  });
});
