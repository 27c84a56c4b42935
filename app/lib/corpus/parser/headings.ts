/**
 * Which blocks open a structural heading: Markdown headings that are not unit labels, numbered
 * 第X编/章/节 lines with or without `#`, and bare titles (附则) between articles. Unnumbered ones take
 * the level of numbered headings at the same depth (docs/decisions/0003-parser.md). Pure.
 */
import { chineseToNumber } from "../numerals";
import type { DocumentShape } from "../types";
import type { Block } from "./blocks";
import {
  isHeadingLike,
  isZeroWidthOnly,
  matchArticle,
  matchPlanLabel,
  matchStructure,
  type StructMatch,
} from "./classify";
import { ANNEX_RE, BARE_TITLE_RE, CN_ITEM_RE } from "./patterns";
import type { HeadingMatch, Warn } from "./tree";

/** What the previous block was: bare headings are recognised by their neighbours. */
export type PreviousBlock = "zwsp" | "heading" | "unit" | "other" | null;

export class HeadingMatcher {
  /** Kind of a numbered structural heading at each Markdown depth, for unnumbered ones (## 附则). */
  private readonly depthKind = new Map<number, StructMatch["kind"]>();
  private readonly outermost: StructMatch["kind"];

  constructor(
    private readonly format: "markdown" | "text",
    private readonly blocks: Block[],
    private readonly warn: Warn,
  ) {
    let hasParts = false;
    for (const b of blocks) {
      const s = matchStructure(b);
      if (!s) continue;
      if (b.md > 0 && !this.depthKind.has(b.md)) this.depthKind.set(b.md, s.kind);
      hasParts ||= s.kind === "part";
    }
    this.outermost = hasParts ? "part" : "chapter";
  }

  /** The heading block `b` (at index `i`) opens, or null when it is text or a unit. */
  match(b: Block, i: number, prev: PreviousBlock, shape: Exclude<DocumentShape, "none">): HeadingMatch | null {
    if (b.md > 0) {
      // A Markdown heading that is really a unit label (## 一、总体要求, ### 第一条 …) is a unit.
      if (matchArticle(b.text)?.separated && shape === "articles") return null;
      if (shape !== "articles" && (CN_ITEM_RE.test(b.text) || (shape === "plan" && matchPlanLabel(b.text)))) return null;
      const s = matchStructure(b);
      if (s) return s;
      const annex = ANNEX_RE.exec(b.text);
      if (annex) {
        return {
          kind: "heading",
          label: annex[1],
          number: annex[2] ? chineseToNumber(annex[2]) : null,
          heading: annex[4] === "" ? null : annex[4],
        };
      }
      return { kind: this.kindAtDepth(b.md), label: null, number: null, heading: b.text.trim() };
    }
    const s = matchStructure(b);
    if (s) {
      if (this.format === "markdown") this.warn("bare-heading", b.line, `"${b.text.trim()}" is a heading without # marker`);
      return s;
    }
    // Unnumbered bare heading (附则, 网络素养促进): only between units or after a zero-width
    // paragraph, and only when an article follows; otherwise it stays text.
    if (
      (prev === "zwsp" || prev === "unit" || prev === null) &&
      isHeadingLike(b.text) &&
      BARE_TITLE_RE.test(b.text) &&
      this.nextIsArticle(i)
    ) {
      this.warn("bare-heading", b.line, `"${b.text.trim()}" is a heading without # marker or number`);
      return { kind: this.outermost, label: null, number: null, heading: b.text.trim() };
    }
    return null;
  }

  private nextIsArticle(i: number): boolean {
    for (let j = i + 1; j < this.blocks.length; j++) {
      if (isZeroWidthOnly(this.blocks[j].text)) continue;
      return matchArticle(this.blocks[j].text)?.separated === true;
    }
    return false;
  }

  private kindAtDepth(depth: number): StructMatch["kind"] {
    const exact = this.depthKind.get(depth);
    if (exact) return exact;
    const depths = [...this.depthKind.keys()].sort((a, b) => a - b);
    if (depths.length === 0) return "chapter";
    if (depth < depths[0]) return this.depthKind.get(depths[0])!;
    const below = depths.filter((d) => d < depth).at(-1)!;
    const kind = this.depthKind.get(below)!;
    return kind === "part" ? "chapter" : "section";
  }
}
