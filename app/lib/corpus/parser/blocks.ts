/**
 * Body lines -> blocks, the unit the rest of the parser reads. The only module that uses remark:
 * Markdown runs through it only when the text has constructs that change block boundaries.
 * Pure; see docs/decisions/0003-parser.md.
 */
import { unified } from "unified";
import remarkParse from "remark-parse";
import type { Root } from "mdast";
import { ATX_RE, HTML_COMMENT_LINE_RE, NON_BLANK_RE } from "./patterns";

export interface Block {
  text: string;
  /** 1-based source line. */
  line: number;
  /** Markdown heading depth (1-6); 0 for anything else. */
  md: number;
}

const markdownParser = unified().use(remarkParse);

/** The blocks of the body from line `bodyStart` (0-based); "remark" forces remark on Markdown. */
export function readBlocks(
  lines: string[],
  bodyStart: number,
  format: "markdown" | "text",
  markdownEngine: "auto" | "remark" | undefined,
): Block[] {
  if (format === "text") return textBlocks(lines, bodyStart);
  return markdownEngine !== "remark" && isPlainMarkdown(lines, bodyStart)
    ? plainMarkdownBlocks(lines, bodyStart)
    : markdownBlocks(lines, bodyStart);
}

function markdownBlocks(lines: string[], bodyStart: number): Block[] {
  // Header lines are blanked, not removed, so remark's positions stay source line numbers. A lone
  // CR ends a line for remark but not for `lines`: hidden from remark, or every later line is off.
  const body = "\n".repeat(bodyStart) + lines.slice(bodyStart).join("\n").replace(/\r/g, " ");
  const tree = markdownParser.parse(body) as Root;
  const blocks: Block[] = [];
  for (const node of tree.children) {
    const start = node.position!.start.line;
    const end = node.position!.end.line;
    if (node.type === "heading" && start === end) {
      const text = lines[start - 1];
      const m = ATX_RE.exec(text);
      if (m) {
        blocks.push({ text: text.slice(m[0].length), line: start, md: m[1].length });
        continue;
      }
    }
    const comment =
      node.type === "html" &&
      lines.slice(start - 1, end).every((l) => !NON_BLANK_RE.test(l) || HTML_COMMENT_LINE_RE.test(l));
    // HTML comments (<!-- FORCE BREAK -->, <!-- TABLE -->) are the converter's markup, not text.
    if (comment) continue;
    // One law paragraph per line: a multi-line Markdown paragraph is several paragraphs.
    for (let l = start; l <= end; l++) {
      if (NON_BLANK_RE.test(lines[l - 1])) blocks.push({ text: lines[l - 1], line: l, md: 0 });
    }
  }
  return blocks;
}

/**
 * True when remark would find the same blocks as a line scan: every heading starts at column 0
 * and nothing can hide a line from the top level (fenced code, HTML blocks other than one-line
 * comments, multi-line comments, indented lines that look like headings or comments).
 */
function isPlainMarkdown(lines: string[], bodyStart: number): boolean {
  for (let l = bodyStart; l < lines.length; l++) {
    const line = lines[l];
    const c = line.charCodeAt(0);
    // Fast reject of the common case: text starting with a CJK character or full-width space.
    if (c > 0x7f) continue;
    if (/^\s*(?:```|~~~)/.test(line)) return false;
    if (/^\s*</.test(line) && !/^<!--.*-->\s*$/.test(line)) return false;
    if (/^\s+#/.test(line)) return false;
  }
  return true;
}

/** The line-scan twin of markdownBlocks for text where isPlainMarkdown holds. */
function plainMarkdownBlocks(lines: string[], bodyStart: number): Block[] {
  const blocks: Block[] = [];
  for (let l = bodyStart; l < lines.length; l++) {
    const text = lines[l];
    if (!NON_BLANK_RE.test(text) || HTML_COMMENT_LINE_RE.test(text)) continue;
    const m = text.charCodeAt(0) === 0x23 ? ATX_RE.exec(text) : null;
    blocks.push(m ? { text: text.slice(m[0].length), line: l + 1, md: m[1].length } : { text, line: l + 1, md: 0 });
  }
  return blocks;
}

function textBlocks(lines: string[], bodyStart: number): Block[] {
  const blocks: Block[] = [];
  for (let l = bodyStart; l < lines.length; l++) {
    if (NON_BLANK_RE.test(lines[l])) blocks.push({ text: lines[l], line: l + 1, md: 0 });
  }
  return blocks;
}
