/**
 * Character-level redline for recommendation wording. Runs in the browser as the user types (the
 * comparison module's token diff needs jieba, a native module, so it cannot run there) and on the
 * server for history pages and outcome evidence, so both show the same marks.
 */
import { diffChars } from "diff";

export type RedlinePart = { kind: "same" | "ins" | "del"; text: string };

/**
 * Edits beyond this many characters are not worth a fine-grained diff (and would cost seconds on
 * two unrelated long texts): the result is then "all of before deleted, all of after inserted".
 */
const MAX_EDIT_LENGTH = 3000;

/**
 * A character that happens to be shared inside a rewritten passage (的, 和, 人) splits it into
 * confetti. Shared runs this short between two changes are folded into the change, so a reader
 * sees "old phrase → new phrase" (the idea of diff-match-patch's semantic cleanup).
 */
const MAX_ISLAND = 2;

function cleanup(parts: RedlinePart[]): RedlinePart[] {
  const out: RedlinePart[] = [];
  let del = "";
  let ins = "";
  const flush = () => {
    if (del) out.push({ kind: "del", text: del });
    if (ins) out.push({ kind: "ins", text: ins });
    del = "";
    ins = "";
  };
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.kind === "del") del += p.text;
    else if (p.kind === "ins") ins += p.text;
    else {
      const inside = (del || ins) && i + 1 < parts.length && [...p.text].length <= MAX_ISLAND;
      if (inside) {
        del += p.text;
        ins += p.text;
      } else {
        flush();
        out.push(p);
      }
    }
  }
  flush();
  return out;
}

export function redline(before: string, after: string): RedlinePart[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const changes = diffChars(before, after, { maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) {
    const parts: RedlinePart[] = [];
    if (before) parts.push({ kind: "del", text: before });
    if (after) parts.push({ kind: "ins", text: after });
    return parts;
  }
  return cleanup(
    changes
      .filter((c) => c.value.length > 0)
      .map((c): RedlinePart => ({ kind: c.added ? "ins" : c.removed ? "del" : "same", text: c.value })),
  );
}

/** Inserted and deleted runs of a redline, for outcome checks. */
export function changedFragments(parts: RedlinePart[]): { inserted: string[]; deleted: string[] } {
  return {
    inserted: parts.filter((p) => p.kind === "ins").map((p) => p.text),
    deleted: parts.filter((p) => p.kind === "del").map((p) => p.text),
  };
}
