/**
 * The request's status, filters (work, kind, chapter, agency) and boosts over the unit table, as
 * per-row tests the matching and ranking apply without hashing.
 */
import { agencyMatcher } from "../agency-filter";
import { TUNING } from "../rank";
import type { ResolvedSearch } from "../resolve";
import type { UnitTexts } from "../unit-texts.server";
import type { UnitTable } from "../units.server";

function chapterMatches(chapterKey: string, chapter: string): boolean {
  return chapterKey === chapter || chapterKey.startsWith(`${chapter}/`);
}

/** 1 at each id of `ids` below `size`, for per-row tests without hashing. */
export function flags(size: number, ids: ReadonlySet<number> | readonly number[]): Uint8Array {
  const out = new Uint8Array(size);
  // forEach, not for-of: no iterator result per id (the versions in force: one per work).
  ids.forEach((id: number) => {
    if (id < size) out[id] = 1;
  });
  return out;
}

/** Boost of each class: bit 1 = version in force on the day, bit 0 = work title holds a term. */
export function classBoosts(): number[] {
  const { inForceBoost, titleBoost } = TUNING;
  return [1, titleBoost, inForceBoost, inForceBoost * titleBoost];
}

/** The request's status, filters and boosts over the unit table, as per-row tests. */
export function scopeOf(units: UnitTable, resolved: ResolvedSearch, texts: UnitTexts) {
  const versionSize = units.maxVersionId + 1;
  const workSize = units.maxWorkId + 1;
  const status = resolved.statusVersionIds ? flags(versionSize, resolved.statusVersionIds) : null;
  const { work, kindWorkIds } = resolved;
  let works: Uint8Array | null = null;
  if (work) works = flags(workSize, !kindWorkIds || kindWorkIds.has(work.id) ? [work.id] : []);
  else if (kindWorkIds) works = flags(workSize, kindWorkIds);
  const chapter = resolved.chapter;
  // 0 = not yet tested, 1 = inside the chapter, 2 = outside.
  const chapterState = chapter ? new Uint8Array(units.chapters.length) : null;
  const inForce = flags(versionSize, resolved.inForce);
  const title = flags(workSize, resolved.titleWorkIds);
  const namesAgency = resolved.agency ? agencyMatcher(resolved.agency) : null;
  return {
    /** True when accepts() is true for every unit. */
    acceptsAll: !works && !chapterState,
    /** True when admits() is true for every unit. */
    admitsAll: !status && !namesAgency,
    /** The status, and the agency filter: like the status it narrows the facets too (agency-filter.ts). */
    admits(u: number): boolean {
      if (status && !status[units.versionId[u]]) return false;
      return !namesAgency || namesAgency(texts.body[u]);
    },
    accepts(u: number): boolean {
      if (works && !works[units.workId[u]]) return false;
      if (!chapterState) return true;
      const c = units.chapter[u];
      if (!chapterState[c]) chapterState[c] = chapterMatches(units.chapters[c], chapter!) ? 1 : 2;
      return chapterState[c] === 1;
    },
    /** Index into classBoosts(). */
    boostClass(u: number): number {
      return (inForce[units.versionId[u]] << 1) | title[units.workId[u]];
    },
  };
}

export type Scope = ReturnType<typeof scopeOf>;
