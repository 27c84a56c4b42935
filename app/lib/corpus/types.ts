/** Output of the pure parser (parse.ts). No I/O, no Prisma: runs anywhere. */

export type ProvisionKind =
  | "part" // 编
  | "chapter" // 章
  | "section" // 节
  | "article" // 条
  | "paragraph" // 款
  | "item" // 项 （一）
  | "subitem" // 目 1.
  | "decision-item" // 一、 in decisions and amending instruments
  | "plan1" // 一、 in action plans
  | "plan2" // （一）
  | "plan3" // 1.
  | "plan4" // （1）
  | "heading" // an unnumbered heading such as 附则 or 附件一
  | "note"; // text outside any numbered unit (preamble, footnote, appendix line)

export interface ParsedProvision {
  /** Stable within the version: "ch-3/sec-2", "art-120-2", "art-5/para-2/item-3". */
  key: string;
  kind: ProvisionKind;
  /** Label exactly as in the text (第一百二十条之二, （三）, 一、), or null. */
  label: string | null;
  number: number | null;
  /** 之一 -> 1, 之二 -> 2; 0 when none. */
  suffix: number;
  /** Heading text of a structural unit without its label (总则 for 第一章 总则). */
  heading: string | null;
  /**
   * Exact text. Structural nodes: the heading line without Markdown markers.
   * Articles: all their paragraphs joined by "\n". Other nodes: their own block(s).
   */
  text: string;
  /** A citable unit (article, decision item, plan item). */
  isUnit: boolean;
  /** Document order, 0-based. */
  position: number;
  depth: number;
  parentKey: string | null;
  /** Key of the enclosing structural path, "" when none. */
  chapterKey: string;
  /** 1-based source lines (inclusive). */
  startLine: number;
  endLine: number;
}

export type WarningKind =
  | "numbering-gap"
  | "numbering-repeat"
  | "split-label"
  | "orphan-heading"
  | "bare-heading"
  | "zero-width"
  | "no-units"
  | "no-title"
  | "unclosed-front-matter"
  | "text-before-first-unit"
  | "duplicate-key";

export interface ParseWarning {
  kind: WarningKind;
  line: number;
  message: string;
}

/** document shape the parser recognised */
export type DocumentShape = "articles" | "decision-items" | "plan" | "none";

export interface ParsedDocument {
  /** Present when the text is a draft (（草案）, （征求意见稿）, （草案二次审议稿） …). */
  draft?: import("./parser/draft-header").DraftInfo;
  /** A draft's 说明, kept apart from the text (its lines are not provisions). */
  explanation?: import("./parser/draft-header").Explanation;
  /** Title as in the text ("# 中华人民共和国未成年人保护法" -> without "# "), or null. */
  title: string | null;
  /** Enactment / revision history lines before the body, exact. */
  history: string[];
  shape: DocumentShape;
  provisions: ParsedProvision[];
  warnings: ParseWarning[];
  /** Number of article nodes. */
  articleCount: number;
  /** Number of isUnit nodes. */
  unitCount: number;
  /** 1-based line where the body (after the header / INFO END / front matter / 目录) starts. */
  bodyStartLine: number;
}

export type { DraftInfo, DraftStage, Explanation } from "./parser/draft-header";
