/**
 * Facet counts: matched groups per work (each group counted once, by the first stage holding it),
 * over the rows the status allows (the work / kind / chapter filters ignored), and how many groups
 * that is. Pure over the unit table. A stage whose rows no status or filter narrowed (a find's own
 * rows, matches.ts `whole`) keeps its counts with those rows (term-cache.ts derivedOf): 的 holds
 * 57,000 rows, and counting them again cost about a millisecond per search. ADR 0004, latency
 * (session 5).
 */
import { derivedOf } from "../term-cache";
import type { UnitTable } from "../units.server";
import { countGroups, type Matches } from "./matches";

export interface FacetCounts {
  /** Work id -> groups, works in the order their first row comes. Shared when memoised: never mutated. */
  perWork: ReadonlyMap<number, number>;
  /** Groups in all. */
  groups: number;
}

/** Counts over row lists in order (each ascending): a group counts for the first list holding it. */
export function facetCounts(units: Pick<UnitTable, "group" | "workId" | "groupCount" | "maxWorkId">, rowLists: readonly (readonly number[])[]): FacetCounts {
  const counted = new Uint8Array(units.groupCount);
  const workCounts = new Int32Array(units.maxWorkId + 1);
  const worksSeen: number[] = [];
  let groups = 0;
  for (const rows of rowLists) {
    // Indexed, not for-of: no iterator result per row (的: 57,000 rows).
    for (let i = 0; i < rows.length; i++) {
      const u = rows[i];
      const g = units.group[u];
      if (counted[g]) continue;
      counted[g] = 1;
      groups++;
      const wid = units.workId[u];
      if (workCounts[wid]++ === 0) worksSeen.push(wid);
    }
  }
  return { perWork: new Map(worksSeen.map((wid): [number, number] => [wid, workCounts[wid]])), groups };
}

/**
 * The facet counts of the stages' matches: kept with the rows when one stage holds rows (an empty
 * literal stage before relaxed ones holds none) and they are a find's own rows.
 */
export function stageFacets(units: UnitTable, stages: readonly { matches: Matches }[]): FacetCounts {
  const holding = stages.filter(({ matches }) => matches.inStatus.length > 0);
  const only = holding.length === 1 ? holding[0].matches.whole : undefined;
  if (only) return derivedOf(only, "facets", () => facetCounts(units, [only.units]));
  return facetCounts(
    units,
    stages.map(({ matches }) => matches.inStatus),
  );
}

/** Distinct groups of a stage's selected rows (kept with them when they are a find's own rows). */
export function selectedGroups(units: UnitTable, matches: Matches): number {
  if (matches.whole) return stageFacets(units, [{ matches }]).groups;
  return countGroups(units, matches.selected, new Uint8Array(units.groupCount), 1);
}
