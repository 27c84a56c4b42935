/**
 * Two stored versions of an action plan compared measure by measure: loads each version's plan items,
 * picks the measures (measures.ts) and pairs them with the pure comparePlans (compare-plans.ts).
 * The work and its versions are those of the article comparison (compare.server.ts), so both pages
 * name and reject the same things.
 */
import { findVersion, getWorkVersions, type VersionRef, type WorkVersions } from "~/lib/compare/compare.server";
import { CompareError } from "~/lib/compare/errors";
import { getPrisma } from "~/lib/db.server";
import { comparePlans, type MeasureChange } from "./compare-plans";
import { measuresOf, PLAN_ITEM_KINDS, type PlanItem } from "./measures";
import { changeMatches, countChanges, type MeasureCounts, type PlanQuery } from "./query";

export class NotAPlanError extends CompareError {
  constructor(message: string) {
    super(message, 404);
    this.name = "NotAPlanError";
  }
}

async function planItems(versionId: number): Promise<PlanItem[]> {
  return getPrisma().provision.findMany({
    where: { versionId, kind: { in: [...PLAN_ITEM_KINDS] } },
    orderBy: { position: "asc" },
    select: { key: true, kind: true, label: true, text: true },
  });
}

/** Whether both versions are plans, so that /compare offers the measure-by-measure view. */
export async function isPlanPair(fromVersionId: number, toVersionId: number): Promise<boolean> {
  const plans = await getPrisma().provision.groupBy({
    by: ["versionId"],
    where: { versionId: { in: [fromVersionId, toVersionId] }, kind: { in: [...PLAN_ITEM_KINDS] } },
  });
  return plans.length === 2;
}

export interface PlanComparison {
  work: WorkVersions["work"];
  from: VersionRef;
  to: VersionRef;
  /** Every version date of the plan, earliest first (for the version choosers). */
  versions: string[];
  /** Counts over all changes, whatever the filter. */
  counts: MeasureCounts;
  /** The changes the filter keeps, in the new plan's order (dropped ones where they stood). */
  changes: MeasureChange[];
}

/**
 * Two versions are compared measure by measure when both were parsed as plans (一、（一）1.（1）
 * items, `--shape plan`), whatever the work's catalogued kind: the shape is what has measures.
 */
export async function comparePlanVersions(q: PlanQuery): Promise<PlanComparison> {
  const wv = await getWorkVersions(q.work);
  const from = findVersion(wv.versions, q.from);
  const to = findVersion(wv.versions, q.to);
  const [oldItems, newItems] = await Promise.all([planItems(from.id), planItems(to.id)]);
  if (!oldItems.length || !newItems.length) {
    throw new NotAPlanError(`“${wv.work.titleZh}” (${from.versionDate}, ${to.versionDate}) is not an action plan with numbered measures; compare it article by article on /compare.`);
  }
  const all = comparePlans(measuresOf(oldItems), measuresOf(newItems));
  return {
    work: wv.work,
    from,
    to,
    versions: wv.versions.map((v) => v.versionDate),
    counts: countChanges(all),
    changes: all.filter((c) => changeMatches(c, q.type)),
  };
}
