/**
 * Rows of a 新旧对照 table: each aligned pair with the exact texts of both sides, an inline diff of
 * the bodies and the substantive signals. Pure; shared by the page and the exports.
 */
import { diffTexts, hasChanges, type DiffSegment } from "./diff";

export { segmentsPerUnit } from "./segments";
import { detectSignals, type Signal } from "./signals";
import { splitLabel } from "./text";
import type { AlignedPair, AlignmentResult, AlignUnit } from "./types";

export interface RowUnit {
  key: string;
  label: string | null;
  /** Exact leading label with its separator ("第十五条 "); `head + body` is the exact text. */
  head: string;
  body: string;
  chapterKey: string;
  chapterLabel: string;
}

export interface CompareRow {
  /** Stable id for anchors and keyboard navigation ("row-art-3--art-4"). */
  id: string;
  pair: AlignedPair;
  old: RowUnit[];
  new: RowUnit[];
  /** Diff of the old bodies against the new bodies (several units joined by a line break). */
  segments: DiffSegment[];
  signals: Signal[];
  /** False for unchanged rows, unless the typography view finds something to show. */
  changed: boolean;
  /** Chapter used by the chapter filter: the new side's, else the old side's. */
  chapterKey: string;
  chapterLabel: string;
}

export interface RowOptions {
  showTypography?: boolean;
}

function rowUnit(u: AlignUnit): RowUnit {
  const { head, body } = splitLabel(u.text, u.label);
  return { key: u.key, label: u.label, head, body, chapterKey: u.chapterKey, chapterLabel: u.chapterLabel };
}

export function buildRows(
  oldUnits: AlignUnit[],
  newUnits: AlignUnit[],
  alignment: AlignmentResult,
  opts: RowOptions = {},
): CompareRow[] {
  const oldByKey = new Map(oldUnits.map((u) => [u.key, u]));
  const newByKey = new Map(newUnits.map((u) => [u.key, u]));
  return alignment.pairs.map((pair) => {
    const old = pair.from.map((k) => rowUnit(oldByKey.get(k)!));
    const neu = pair.to.map((k) => rowUnit(newByKey.get(k)!));
    const oldBody = old.map((u) => u.body).join("\n");
    const newBody = neu.map((u) => u.body).join("\n");
    const segments = diffTexts(oldBody, newBody, { showTypography: opts.showTypography });
    const signals = pair.label === "unchanged" || pair.label === "renumbered" ? [] : detectSignals(oldBody, newBody);
    const changed = pair.label !== "unchanged" || hasChanges(segments);
    const where = neu[0] ?? old[0];
    return {
      id: `row-${pair.from.join("+") || "none"}--${pair.to.join("+") || "none"}`,
      pair,
      old,
      new: neu,
      segments,
      signals,
      changed,
      chapterKey: where.chapterKey,
      chapterLabel: where.chapterLabel,
    };
  });
}

