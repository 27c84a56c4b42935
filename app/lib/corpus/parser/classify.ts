/**
 * How a block reads: a label (article, structure, item), a heading, a sentence; and which shape a
 * whole document has. Pure; see docs/decisions/0003-parser.md (shape detection and bare headings).
 */
import { chineseToNumber, parseArticleLabel } from "../numerals";
import type { DocumentShape } from "../types";
import type { Block } from "./blocks";
import {
  ARABIC_RE,
  ANNEX_RE,
  ARTICLE_RE,
  CN_ITEM_RE,
  FINAL_PUNCT_RE,
  PAREN_ARABIC_RE,
  PAREN_CN_RE,
  STRUCT_RE,
  ZERO_WIDTH_ONLY_RE,
} from "./patterns";

export function isZeroWidthOnly(text: string): boolean {
  return ZERO_WIDTH_ONLY_RE.test(text);
}

/** A short line without sentence punctuation: how bare headings (附则, 网络素养促进) look. */
export function isHeadingLike(text: string): boolean {
  const t = text.replace(/[\s\u3000\u200B]/g, "");
  return t.length > 0 && t.length <= 24 && !FINAL_PUNCT_RE.test(t) && !/[。；;]/.test(t) && !isLabelled(text);
}

export function isLabelled(text: string): boolean {
  return (
    ARTICLE_RE.test(text) ||
    STRUCT_RE.test(text) ||
    CN_ITEM_RE.test(text) ||
    PAREN_CN_RE.test(text) ||
    ARABIC_RE.test(text) ||
    PAREN_ARABIC_RE.test(text)
  );
}

export interface StructMatch {
  kind: "part" | "chapter" | "section";
  label: string;
  number: number;
  heading: string | null;
}

const STRUCT_KIND = { 编: "part", 章: "chapter", 节: "section" } as const;

export function matchStructure(block: Block): StructMatch | null {
  const m = STRUCT_RE.exec(block.text);
  if (!m) return null;
  const number = chineseToNumber(m[2]);
  if (number === null) return null;
  const rest = m[5];
  // A bare line is a heading only when it looks like one; "第三章规定的……。" is a sentence.
  if (block.md === 0 && rest !== "" && (m[4] === "" || !isHeadingLike(rest))) return null;
  return { kind: STRUCT_KIND[m[3] as keyof typeof STRUCT_KIND], label: m[1], number, heading: rest === "" ? null : rest };
}

export interface ArticleMatch {
  label: string;
  number: number;
  suffix: number;
  split: boolean;
  separated: boolean;
}

export function matchArticle(text: string): ArticleMatch | null {
  const m = ARTICLE_RE.exec(text);
  if (!m) return null;
  const parsed = parseArticleLabel(m[1]);
  if (!parsed) return null;
  return {
    label: m[1],
    number: parsed.number,
    suffix: parsed.suffix,
    split: /[ \t\u3000]/.test(m[1]),
    separated: m[2] !== undefined,
  };
}

export function detectShape(blocks: Block[]): DocumentShape {
  // One article label that is not 第一条 is a quotation (court cases quote 第六条 …), not a law.
  const articleStarts = blocks.map((b) => matchArticle(b.text)).filter((a) => a?.separated);
  if (articleStarts.length > 1 || articleStarts[0]?.number === 1) return "articles";
  // Numbered items count only before the first unlabelled Markdown heading: court cases put
  // 一、二、 under headings such as 裁判要点 and have no units of their own.
  const topLevel: Block[] = [];
  for (const b of blocks) {
    if (b.md > 0 && !isLabelled(b.text) && !ANNEX_RE.test(b.text)) break;
    topLevel.push(b);
  }
  const firstItem = topLevel.findIndex((b) => CN_ITEM_RE.test(b.text));
  if (firstItem === -1) return "none";
  for (let i = firstItem; i < topLevel.length; i++) {
    const b = topLevel[i];
    const m = CN_ITEM_RE.exec(b.text);
    if (!m || !isHeadingLike(b.text.slice(m[0].length) || "x")) continue;
    for (let j = i + 1; j < topLevel.length && !CN_ITEM_RE.test(topLevel[j].text); j++) {
      if (PAREN_CN_RE.test(topLevel[j].text)) return "plan";
    }
  }
  return "decision-items";
}

export function matchPlanLabel(text: string): { level: number; label: string; number: number } | null {
  const patterns: [RegExp, number][] = [
    [CN_ITEM_RE, 1],
    [PAREN_CN_RE, 2],
    [ARABIC_RE, 3],
    [PAREN_ARABIC_RE, 4],
  ];
  for (const [re, level] of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const number = chineseToNumber(m[2]);
    if (number !== null) return { level, label: m[1], number };
  }
  return null;
}
