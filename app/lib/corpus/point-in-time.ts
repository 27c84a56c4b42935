/**
 * Point in time, one rule in one place (docs/decisions/0002-data-model.md):
 * the version in force on date D is the latest version whose effective date is on or before D.
 * A version whose effective date is unknown counts from its adoption date. Drafts are never in force.
 */

export interface DatedVersion {
  versionDate: string;
  effectiveDate: string | null;
  changeKind: string;
}

export type VersionStatus = "draft" | "in_force" | "not_yet_in_force" | "superseded";

export function effectiveFrom(v: DatedVersion): string {
  return v.effectiveDate ?? v.versionDate;
}

export function versionInForceOn<V extends DatedVersion>(versions: readonly V[], date: string): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (v.changeKind === "draft") continue;
    const from = effectiveFrom(v);
    if (from > date) continue;
    if (!best || from > effectiveFrom(best) || (from === effectiveFrom(best) && v.versionDate > best.versionDate))
      best = v;
  }
  return best;
}

/** Status of one version on a date, computed from the dates and the later versions. */
export function versionStatus<V extends DatedVersion>(version: V, versions: readonly V[], today: string): VersionStatus {
  if (version.changeKind === "draft") return "draft";
  if (effectiveFrom(version) > today) return "not_yet_in_force";
  return versionInForceOn(versions, today) === version ? "in_force" : "superseded";
}

/** Today's date as YYYY-MM-DD in China Standard Time: a law comes into force on a Beijing calendar day. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The calendar day `days` after `isoDate` (negative: before). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier): "days left" to a deadline. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in YYYY-MM-DD form (2024-02-30 is refused). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
