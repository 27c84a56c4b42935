import { describe, expect, it } from "vitest";
import { claimGroups, countGroups, emptyStage, relaxedStageOf, type Matches } from "~/lib/search/pipeline/matches";
import type { RelaxedStage } from "~/lib/search/relax";
import { buildUnitTable, type UnitRow } from "~/lib/search/units.server";

// Units 0..5; groups: (1,100) = {0, 2}, (1,101) = {1}, (2,100) = {3}, (2,101) = {4, 5}.
const ROWS: UnitRow[] = [
  [10, 1, 1, 100, ""],
  [11, 1, 1, 101, ""],
  [20, 2, 1, 100, ""],
  [30, 3, 2, 100, ""],
  [31, 3, 2, 101, ""],
  [40, 4, 2, 101, ""],
];
const units = buildUnitTable(ROWS);
const matches = (inStatus: number[], selected = inStatus): Matches => ({ rowCount: inStatus.length, inStatus, selected });

describe("claimGroups", () => {
  it("drops the rows of groups already claimed and claims the rest", () => {
    const claimed = new Uint8Array(units.groupCount);
    claimGroups(units, matches([0]), claimed);
    const next = claimGroups(units, matches([1, 2, 3], [2, 3]), claimed);
    expect(next.inStatus).toEqual([1, 3]);
    expect(next.selected).toEqual([3]);
    expect(countGroups(units, [0, 1, 2, 3, 4, 5], claimed, 1)).toBe(1);
  });

  it("hands on the rows themselves, not copies, when no group is claimed yet", () => {
    const claimed = new Uint8Array(units.groupCount);
    const found = matches([0, 3, 4], [3]);
    const kept = claimGroups(units, found, claimed);
    expect(kept.inStatus).toBe(found.inStatus);
    expect(kept.selected).toBe(found.selected);
    expect(found.inStatus).toEqual([0, 3, 4]);
  });

  it("keeps the find the rows come from, and calls them whole only when nothing was dropped", () => {
    const from = { rowCount: 3, units: [0, 3, 4] };
    const found: Matches = { rowCount: 3, inStatus: from.units, selected: from.units, from, whole: from };
    const first = claimGroups(units, found, new Uint8Array(units.groupCount));
    expect(first.from).toBe(from);
    expect(first.whole).toBe(from);
    const claimed = new Uint8Array(units.groupCount);
    claimed[units.group[3]] = 1;
    const narrowed = claimGroups(units, found, claimed);
    expect(narrowed.inStatus).toEqual([0, 4]);
    expect(narrowed.from).toBe(from);
    expect(narrowed.whole).toBeUndefined();
  });
});

describe("relaxedStageOf", () => {
  it("names the relaxed stage whose rows hold the group", () => {
    const a = { match: "all-words" } as RelaxedStage;
    const b = { match: "synonym" } as RelaxedStage;
    const stage = emptyStage("all-words");
    stage.relaxedRows.push({ relaxed: a, rows: [0, 2], selected: [0, 2] }, { relaxed: b, rows: [4], selected: [4] });
    expect(relaxedStageOf(units, stage, units.group[2])).toBe(a);
    expect(relaxedStageOf(units, stage, units.group[5])).toBe(b);
    expect(relaxedStageOf(units, stage, units.group[1])).toBeUndefined();
  });
});
