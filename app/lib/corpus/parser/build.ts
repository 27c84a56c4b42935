/**
 * Blocks -> provisions for a detected shape. The loop here handles what every shape shares
 * (zero-width paragraphs, headings, footnotes, text outside any unit); the shape's reader in
 * shapes.ts handles its units. Pure; see docs/decisions/0003-parser.md.
 */
import type { DocumentShape, ParsedProvision } from "../types";
import type { Block } from "./blocks";
import { isHeadingLike, isZeroWidthOnly } from "./classify";
import { HeadingMatcher, type PreviousBlock } from "./headings";
import { FOOTNOTE_RE } from "./patterns";
import { readArticles, readDecisionItems, readPlan, type UnitReader } from "./shapes";
import { ProvisionTree, type Warn } from "./tree";

const READERS: Record<Exclude<DocumentShape, "none">, (tree: ProvisionTree) => UnitReader> = {
  articles: readArticles,
  "decision-items": readDecisionItems,
  plan: readPlan,
};

export function buildProvisions(
  format: "markdown" | "text",
  blocks: Block[],
  shape: DocumentShape,
  warn: Warn,
): ParsedProvision[] {
  const tree = new ProvisionTree(warn);
  if (shape === "none") {
    for (const b of blocks) tree.note(b, null);
    return tree.provisions;
  }
  const headings = new HeadingMatcher(format, blocks, warn);
  const units = READERS[shape](tree);
  let prev: PreviousBlock = null;
  let warnedPreamble = false;

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];

    if (isZeroWidthOnly(b.text)) {
      tree.note(b, tree.structureNode());
      warn("zero-width", b.line, "paragraph consisting only of zero-width characters; kept as a note");
      prev = "zwsp";
      continue;
    }

    const heading = headings.match(b, i, prev, shape);
    if (heading) {
      units.close();
      tree.openStructure(b, heading);
      prev = "heading";
      continue;
    }

    if (FOOTNOTE_RE.test(b.text)) {
      units.close();
      tree.note(b, tree.structureNode());
      prev = "other";
      continue;
    }

    if (units.take(b)) {
      prev = "unit";
      continue;
    }

    // Outside any unit.
    if (prev === "heading" && isHeadingLike(b.text) && tree.structureNode()?.kind !== "heading") {
      warn("orphan-heading", b.line, `"${b.text.trim()}" follows a heading as a paragraph of its own (wrapped heading?); kept as a note`);
    } else if (!tree.sawUnit && !warnedPreamble) {
      warnedPreamble = true;
      warn("text-before-first-unit", b.line, "text before the first unit; kept as notes");
    }
    tree.note(b, tree.structureNode());
    prev = "other";
  }
  units.close();
  return tree.provisions;
}
