/**
 * Which items of a stored action plan are its measures, the things a plan comparison pairs. Pure.
 *
 * The definition: a measure ends with the agencies responsible for it, （甲部负责，乙部配合）.
 * Headings such as 一、总体目标 or （一）预防 name none. A plan that names no agency at all (an
 * older or shorter one) still has its measures at the 1. level, so those are taken instead.
 */
import { agenciesOf } from "~/lib/corpus/parser/agencies";
import type { PlanMeasure } from "./compare-plans";

export const PLAN_ITEM_KINDS = ["plan1", "plan2", "plan3", "plan4"] as const;

export interface PlanItem {
  key: string;
  kind: string;
  label: string | null;
  text: string;
}

/** The measures among a version's plan items (in document order), as compare-plans.ts takes them. */
export function measuresOf(items: PlanItem[]): PlanMeasure[] {
  const withAgencies = items.filter((p) => agenciesOf(p.text) !== null);
  const measures = withAgencies.length ? withAgencies : items.filter((p) => p.kind === "plan3");
  return measures.map((p) => ({ key: p.key, label: p.label, text: p.text }));
}
