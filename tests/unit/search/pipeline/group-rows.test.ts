import { describe, expect, it } from "vitest";
import { groupRowsIn, includesSorted } from "~/lib/search/pipeline/group-rows";
import { buildUnitTable, type UnitRow } from "~/lib/search/units.server";

// provisionId, versionId, workId, groupHash, chapterKey: groups are (work, hash).
const ROWS: UnitRow[] = [
  [10, 1, 1, 100, ""],
  [11, 1, 1, 101, ""],
  [20, 2, 1, 100, ""],
  [21, 2, 1, 102, ""],
  [30, 3, 2, 100, "ch-1"],
  [31, 4, 1, 101, ""],
];

describe("unit table group index", () => {
  it("lists every group's units ascending, each unit once", () => {
    const units = buildUnitTable(ROWS);
    const byGroup: number[][] = [];
    for (let g = 0; g < units.groupCount; g++) byGroup.push([...units.groupUnits.subarray(units.groupStart[g], units.groupStart[g + 1])]);
    expect(byGroup).toEqual([[0, 2], [1, 5], [3], [4]]);
    for (let u = 0; u < units.size; u++) expect(byGroup[units.group[u]]).toContain(u);
  });
});

describe("groupRowsIn", () => {
  it("finds what a scan of the rows for the group finds, in the same order", () => {
    const units = buildUnitTable(ROWS);
    const rowLists = [[], [0], [0, 1, 2, 3, 4, 5], [2, 5], [1, 3, 4]];
    for (const rows of rowLists) {
      for (let g = 0; g < units.groupCount; g++) {
        expect(groupRowsIn(units, g, rows)).toEqual(rows.filter((u) => units.group[u] === g));
      }
    }
  });

  it("binary-searches ascending lists of any length", () => {
    for (let n = 0; n < 40; n++) {
      const rows = Array.from({ length: n }, (_, i) => i * 3 + 1);
      for (let u = -1; u < n * 3 + 3; u++) expect(includesSorted(rows, u)).toBe(rows.includes(u));
    }
  });
});
