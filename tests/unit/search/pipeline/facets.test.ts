import { describe, expect, it } from "vitest";
import { facetCounts, selectedGroups, stageFacets } from "~/lib/search/pipeline/facets";
import type { Matches } from "~/lib/search/pipeline/matches";
import { derivedOf, type MatchedRows } from "~/lib/search/term-cache";
import { buildUnitTable, type UnitRow } from "~/lib/search/units.server";

// Work 1: groups (1, 100) x2 versions, (1, 101); work 2: (2, 100), (2, 103) x2 versions.
const ROWS: UnitRow[] = [
  [10, 1, 1, 100, ""],
  [11, 1, 1, 101, ""],
  [20, 2, 1, 100, ""],
  [30, 3, 2, 100, ""],
  [31, 3, 2, 103, ""],
  [40, 4, 2, 103, ""],
];
const units = buildUnitTable(ROWS);

/** Matches of a find's own rows (no status or filter narrowed them). */
const whole = (found: MatchedRows): Matches => ({ rowCount: found.rowCount, inStatus: found.units, selected: found.units, whole: found });

describe("facetCounts", () => {
  it("counts each group once per work, works in the order their first row comes", () => {
    const counts = facetCounts(units, [[3, 4, 5, 0, 1, 2]]);
    expect([...counts.perWork]).toEqual([
      [2, 2],
      [1, 2],
    ]);
    expect(counts.groups).toBe(4);
  });

  it("counts a group for the first row list holding it", () => {
    const counts = facetCounts(units, [[0], [2, 3]]);
    expect([...counts.perWork]).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(counts.groups).toBe(2);
  });
});

describe("stageFacets", () => {
  it("keeps the counts of a find's own rows with them and equals counting again", () => {
    const found: MatchedRows = { rowCount: 6, units: [0, 1, 2, 3, 4, 5] };
    const first = stageFacets(units, [{ matches: whole(found) }]);
    expect(stageFacets(units, [{ matches: whole(found) }])).toBe(first);
    expect(first).toEqual(facetCounts(units, [found.units]));
    expect(selectedGroups(units, whole(found))).toBe(first.groups);
  });

  it("counts narrowed rows afresh: a filter never sees the whole find's counts", () => {
    const found: MatchedRows = { rowCount: 6, units: [0, 1, 2, 3, 4, 5] };
    stageFacets(units, [{ matches: whole(found) }]);
    const narrowed: Matches = { rowCount: 6, inStatus: [0, 1, 2], selected: [1] };
    expect(stageFacets(units, [{ matches: narrowed }])).toEqual(facetCounts(units, [[0, 1, 2]]));
    expect(selectedGroups(units, narrowed)).toBe(1);
  });

  it("does not carry counts over to other rows, such as the next generation's find", () => {
    const old: MatchedRows = { rowCount: 2, units: [0, 1] };
    stageFacets(units, [{ matches: whole(old) }]);
    const next: MatchedRows = { rowCount: 2, units: [3, 4] };
    expect(stageFacets(units, [{ matches: whole(next) }])).toEqual(facetCounts(units, [[3, 4]]));
  });

  it("keeps the counts of the one stage holding rows behind an empty literal stage", () => {
    const found: MatchedRows = { rowCount: 2, units: [3, 4] };
    const empty: Matches = { rowCount: 0, inStatus: [], selected: [] };
    const first = stageFacets(units, [{ matches: empty }, { matches: whole(found) }]);
    expect(stageFacets(units, [{ matches: empty }, { matches: whole(found) }])).toBe(first);
    expect(first).toEqual(facetCounts(units, [[], [3, 4]]));
  });

  it("counts several stages together, each group once", () => {
    const a: MatchedRows = { rowCount: 2, units: [0, 1] };
    const b: MatchedRows = { rowCount: 2, units: [2, 3] };
    expect(stageFacets(units, [{ matches: whole(a) }, { matches: whole(b) }])).toEqual(facetCounts(units, [[0, 1], [2, 3]]));
  });
});

describe("derivedOf", () => {
  it("computes a value once per rows object and name", () => {
    const rows: MatchedRows = { rowCount: 1, units: [0] };
    let calls = 0;
    const compute = () => ++calls;
    expect(derivedOf(rows, "a", compute)).toBe(1);
    expect(derivedOf(rows, "a", compute)).toBe(1);
    expect(derivedOf(rows, "b", compute)).toBe(2);
    expect(derivedOf({ rowCount: 1, units: [0] }, "a", compute)).toBe(3);
  });
});
