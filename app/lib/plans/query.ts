/**
 * The query string of the plan comparison (/plans/compare), its links, and the filter and counts of
 * its list of measure changes. Pure and client-safe.
 */
import { z } from "zod";
import { IsoDateSchema } from "~/lib/validation";
import type { MeasureChange } from "./compare-plans";

export const MEASURE_CHANGE_KINDS = ["kept", "reworded", "new", "dropped"] as const;
/** The kinds, and "agencies": the changes whose lead or supporting agencies differ, whatever their kind. */
export const MEASURE_FILTERS = [...MEASURE_CHANGE_KINDS, "agencies"] as const;
export type MeasureFilter = (typeof MEASURE_FILTERS)[number];

const PlanQuerySchema = z.object({
  work: z.string().min(1).max(200),
  from: IsoDateSchema,
  to: IsoDateSchema,
  type: z.enum(MEASURE_FILTERS).optional().catch(undefined),
});

export type PlanQuery = z.infer<typeof PlanQuerySchema>;

export class PlanQueryError extends Error {}

export function readPlanQuery(params: URLSearchParams): PlanQuery {
  const raw = Object.fromEntries([...params.keys()].map((k) => [k, params.get(k) || undefined]));
  const parsed = PlanQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join(".") ?? "query";
    throw new PlanQueryError(`"${field}" is missing or not valid: give the plan (work) and two version dates (from, to) as YYYY-MM-DD.`);
  }
  return parsed.data;
}

export function planCompareHref(q: Pick<PlanQuery, "work" | "from" | "to"> & { type?: MeasureFilter }, change: { type?: MeasureFilter | null } = {}): string {
  const p = new URLSearchParams({ work: q.work, from: q.from, to: q.to });
  const type = "type" in change ? change.type : q.type;
  if (type) p.set("type", type);
  return `/plans/compare?${p}`;
}

/** The same two versions on the article-by-article comparison. */
export function articleCompareHref(q: Pick<PlanQuery, "work" | "from" | "to">): string {
  return `/compare?${new URLSearchParams({ work: q.work, from: q.from, to: q.to })}`;
}

export function changeMatches(change: MeasureChange, type: MeasureFilter | undefined): boolean {
  if (!type) return true;
  return type === "agencies" ? Boolean(change.agencies) : change.kind === type;
}

export type MeasureCounts = Record<MeasureFilter, number>;

export function countChanges(changes: MeasureChange[]): MeasureCounts {
  const counts: MeasureCounts = { kept: 0, reworded: 0, new: 0, dropped: 0, agencies: 0 };
  for (const c of changes) {
    counts[c.kind]++;
    if (c.agencies) counts.agencies++;
  }
  return counts;
}
