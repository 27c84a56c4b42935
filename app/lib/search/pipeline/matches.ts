/**
 * The rows one find returns, split by the scope (status / filters) and memoised per index
 * generation, and the stages the matching collects them into; groups claimed and counted here.
 */
import type { RelaxedStage } from "../relax";
import type { MatchedRows, SearchMemo } from "../term-cache";
import type { MatchKind } from "../types";
import type { UnitTable } from "../units.server";
import type { Scope } from "./scope";
import type { CandidateSource, Clause } from "./source";
import { groupRowsIn } from "./group-rows";
import { ask, type Steps } from "./steps";

export interface Matches {
  /** Rows the engine returned. */
  rowCount: number;
  /** Unit indexes of the rows the status allows, ascending provision id. Shared: never mutated. */
  inStatus: readonly number[];
  /** Of those, the rows the work / kind / chapter filters allow. Shared: never mutated. */
  selected: readonly number[];
  /**
   * The find these rows come from: inStatus and selected are subsets of its rows (absent when
   * several finds were pooled).
   */
  from?: MatchedRows;
  /**
   * `from`, when inStatus and selected are its rows themselves (no status or filter narrowed them):
   * values derived from it (term-cache.ts derivedOf) hold for this stage.
   */
  whole?: MatchedRows;
}

/** Everything the rows a find returns depend on besides the index generation (term-cache.ts). */
function matchKey(clauses: Clause[], excluded: string[]): string {
  return JSON.stringify([clauses, excluded]);
}

export function* findMatches(
  source: CandidateSource,
  units: UnitTable,
  memo: SearchMemo,
  scope: Scope,
  clauses: Clause[],
  excluded: string[],
): Steps<Matches> {
  const key = matchKey(clauses, excluded);
  let found = memo.matches(key);
  if (!found) {
    const rowids = yield* ask(source.find(clauses, excluded));
    found = { rowCount: rowids.length, units: units.indexesOf(rowids) };
    memo.keepMatches(key, found);
  }
  // No status, agency or other filter (status=all): the memoised list itself, not a copy of every row.
  if (scope.admitsAll && scope.acceptsAll) return { rowCount: found.rowCount, inStatus: found.units, selected: found.units, from: found, whole: found };
  const inStatus: number[] = [];
  const selected: number[] = [];
  for (const u of found.units) {
    if (!scope.admits(u)) continue;
    inStatus.push(u);
    if (scope.accepts(u)) selected.push(u);
  }
  return { rowCount: found.rowCount, inStatus, selected, from: found };
}

/** One round of matching: the literal query, or one relaxed stage (relax.ts). */
export interface Stage {
  match: MatchKind;
  matches: Matches;
  /** Strings the ranking counts: the query's terms, or the stage's words and synonyms. */
  strings: string[];
  /** Ranking weight of a string (synonyms in best-partial); 1 when absent. */
  weights: Map<string, number>;
  /** Relaxed stages pooled here (empty for the literal query), and which one found each group. */
  relaxed: RelaxedStage[];
  /**
   * Per relaxed stage pooled here, the rows it brought (the status allows them; ascending): which
   * stage found a group is looked up for the page's groups only (relaxedStageOf), not kept per row.
   */
  relaxedRows: { relaxed: RelaxedStage; rows: readonly number[]; selected: readonly number[] }[];
}

export function emptyStage(match: MatchKind): Stage {
  return { match, matches: { rowCount: 0, inStatus: [], selected: [] }, strings: [], weights: new Map(), relaxed: [], relaxedRows: [] };
}

/**
 * Removes from a stage's matches the groups an earlier stage already holds; claims the rest. When
 * none is held, the rows themselves (shared, never mutated), not copies.
 */
export function claimGroups(units: UnitTable, matches: Matches, claimed: Uint8Array): Matches {
  // selected is a subset of inStatus.
  const held = matches.inStatus.some((u) => claimed[units.group[u]] === 1);
  const inStatus = held ? matches.inStatus.filter((u) => !claimed[units.group[u]]) : matches.inStatus;
  const selected = held ? matches.selected.filter((u) => !claimed[units.group[u]]) : matches.selected;
  for (const u of inStatus) claimed[units.group[u]] = 1;
  return { rowCount: matches.rowCount, inStatus, selected, from: matches.from, whole: held ? undefined : matches.whole };
}

/** The relaxed stage of `stage` that found group `g` (the last holding it), if any. */
export function relaxedStageOf(units: UnitTable, stage: Stage, g: number): RelaxedStage | undefined {
  for (let i = stage.relaxedRows.length - 1; i >= 0; i--) {
    if (groupRowsIn(units, g, stage.relaxedRows[i].rows).length > 0) return stage.relaxedRows[i].relaxed;
  }
  return undefined;
}

export function countGroups(units: UnitTable, rows: readonly number[], seen: Uint8Array, mark: number): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const g = units.group[rows[i]];
    if (seen[g] === mark) continue;
    seen[g] = mark;
    n++;
  }
  return n;
}
