/**
 * Two successive action plans compared measure by measure: kept, reworded, new, dropped, with a
 * change of responsible agencies as its own signal (a measure can keep its words and change hands).
 * Plans renumber freely between editions, so measures are paired by their wording (character bigram
 * Dice over the text without its label and agencies), one to one, best pairs first. Pure.
 */
import { agenciesOf, type MeasureAgencies } from "~/lib/corpus/parser/agencies";

export interface PlanMeasure {
  key: string;
  label: string | null;
  text: string;
}

export interface MeasureChange {
  kind: "kept" | "reworded" | "new" | "dropped";
  old: PlanMeasure | null;
  new: PlanMeasure | null;
  similarity: number;
  /** Present when the lead or supporting agencies differ between the paired measures. */
  agencies?: { before: MeasureAgencies | null; after: MeasureAgencies | null };
}

/**
 * Below this a pairing is a coincidence of a plan's common words (加强, 儿童), not the same measure.
 * Set on the invented fixtures: a new measure sharing 加强…儿童 with a dropped one scores 0.44, true
 * rewordings 0.7 and more. Real plans may need it revisited; the similarity is returned so a page can show it.
 */
const MIN_SIMILARITY = 0.5;

function body(m: PlanMeasure): string {
  let t = m.text;
  if (m.label && t.startsWith(m.label)) t = t.slice(m.label.length);
  return t.replace(/[（(][^（）()]+[）)][。；;]?\s*$/, "").replace(/[\s\u3000。；;，,、]/g, "");
}

function bigrams(s: string): Map<string, number> {
  const chars = [...s];
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const n of a.values()) total += n;
  for (const n of b.values()) total += n;
  for (const [g, n] of a) shared += Math.min(n, b.get(g) ?? 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

function agencyChange(a: PlanMeasure, b: PlanMeasure): MeasureChange["agencies"] {
  const before = agenciesOf(a.text);
  const after = agenciesOf(b.text);
  const same = (before === null && after === null) || (before !== null && after !== null && sameSet(before.lead, after.lead) && sameSet(before.supporting, after.supporting));
  return same ? undefined : { before, after };
}

export function comparePlans(oldMeasures: PlanMeasure[], newMeasures: PlanMeasure[]): MeasureChange[] {
  const oldBodies = oldMeasures.map(body);
  const newBodies = newMeasures.map(body);
  const oldGrams = oldBodies.map(bigrams);
  const newGrams = newBodies.map(bigrams);
  const pairs: { i: number; j: number; score: number }[] = [];
  for (let i = 0; i < oldMeasures.length; i++)
    for (let j = 0; j < newMeasures.length; j++) {
      const score = oldBodies[i] === newBodies[j] ? 1 : dice(oldGrams[i], newGrams[j]);
      if (score >= MIN_SIMILARITY) pairs.push({ i, j, score });
    }
  pairs.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  const oldTaken = new Map<number, { j: number; score: number }>();
  const newTaken = new Set<number>();
  for (const p of pairs) {
    if (oldTaken.has(p.i) || newTaken.has(p.j)) continue;
    oldTaken.set(p.i, { j: p.j, score: p.score });
    newTaken.add(p.j);
  }
  // In the new plan's order, each dropped measure right after the one that preceded it in the old plan.
  const changes: MeasureChange[] = [];
  const oldToNew = [...oldTaken.entries()];
  for (let j = 0; j < newMeasures.length; j++) {
    const match = oldToNew.find(([, v]) => v.j === j);
    if (!match) {
      changes.push({ kind: "new", old: null, new: newMeasures[j], similarity: 0 });
      continue;
    }
    const [i, { score }] = match;
    const a = oldMeasures[i];
    const b = newMeasures[j];
    const agencies = agencyChange(a, b);
    changes.push({ kind: oldBodies[i] === newBodies[j] ? "kept" : "reworded", old: a, new: b, similarity: score, ...(agencies ? { agencies } : {}) });
  }
  for (let i = 0; i < oldMeasures.length; i++) {
    if (oldTaken.has(i)) continue;
    const prevMatched = [...Array(i).keys()].reverse().find((k) => oldTaken.has(k));
    const at = prevMatched === undefined ? 0 : changes.findIndex((c) => c.old === oldMeasures[prevMatched]) + 1;
    changes.splice(at, 0, { kind: "dropped", old: oldMeasures[i], new: null, similarity: 0 });
  }
  return changes;
}
