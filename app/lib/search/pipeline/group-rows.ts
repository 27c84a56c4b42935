/**
 * The rows of one group inside a stage's matched rows, through the unit table's group index
 * (units.server.ts groupStart / groupUnits) and a binary search in the stage's rows, which are
 * ascending (matches.ts). The page's groups (20 by default) cost a few dozen lookups, where a pass
 * over every matched row to find them cost a fraction of a millisecond per pass for a frequent term
 * (的: 57,000 rows), twice per search. Pure. ADR 0004, latency (session 5).
 */
import { indexOfSorted } from "../sorted";
import type { UnitTable } from "../units.server";

/** True when ascending `rows` holds `u`. */
export function includesSorted(rows: ArrayLike<number>, u: number): boolean {
  return indexOfSorted(rows, u) >= 0;
}

/** The unit indexes of group `g` that ascending `rows` holds, ascending. */
export function groupRowsIn(units: Pick<UnitTable, "groupStart" | "groupUnits">, g: number, rows: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = units.groupStart[g]; i < units.groupStart[g + 1]; i++) {
    const u = units.groupUnits[i];
    if (includesSorted(rows, u)) out.push(u);
  }
  return out;
}
