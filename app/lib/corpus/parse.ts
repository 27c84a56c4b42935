/**
 * Pure parser: the text of one law version (Markdown or plain text) -> provisions.
 * No I/O; runs anywhere. Decisions and their reasons: docs/decisions/0003-parser.md.
 *
 * Exactness: every body block (a non-blank source line; a Markdown heading without its `#`
 * marker) is stored verbatim in exactly one provision that is not an article, in source
 * order. Articles carry their paragraphs joined by "\n". Nothing is normalised here.
 */
import { unified } from "unified";
import remarkParse from "remark-parse";
import type { Root } from "mdast";
import { chineseToNumber, NUMERAL_CLASS, parseArticleLabel } from "./numerals";
import { cutExplanation, matchDraftMarkerLine, readDraft } from "./parser/draft-header";
import type {
  DocumentShape,
  ParsedDocument,
  ParsedProvision,
  ParseWarning,
  ProvisionKind,
  WarningKind,
} from "./types";

export interface ParseOptions {
  format?: "markdown" | "text";
  /** Force a shape instead of detecting it. */
  shape?: DocumentShape;
  /**
   * "auto" (default) reads plain Markdown line by line and runs remark only when the text has
   * constructs that change block boundaries (fences, HTML blocks, indented headings);
   * "remark" always runs it. Both give identical output: tests and the bench compare them.
   */
  markdownEngine?: "auto" | "remark";
}

interface Block {
  text: string;
  /** 1-based source line. */
  line: number;
  /** Markdown heading depth (1-6); 0 for anything else. */
  md: number;
}

const N = NUMERAL_CLASS;
// Indentation seen in sources: ASCII spaces, tabs and U+3000 (flk texts indent every paragraph).
const IND = "[ \\t\\u3000]*";
const SEP = "[ \\t\\u3000]";

const ARTICLE_RE = new RegExp(
  `^${IND}(第${SEP}*[${N}]+(?:${SEP}+[${N}]+)*${SEP}*条(?:之[一二三四五六七八九十百]+)?)(${SEP}|$)?`,
);
const STRUCT_RE = new RegExp(`^${IND}(第([${N}]+)(编|章|节))(${SEP}*)(.*)$`);
const ANNEX_RE = new RegExp(`^${IND}((?:附件|附录|附表)([${N}]*))(${SEP}*)(.*)$`);
const CN_ITEM_RE = new RegExp(`^${IND}(([一二三四五六七八九十百千零〇两]+)、)`);
const PAREN_CN_RE = new RegExp(`^${IND}([（(]([一二三四五六七八九十百]+)[）)])`);
const ARABIC_RE = new RegExp(`^${IND}(([0-9０-９]+)[.．、])(?![0-9０-９])`);
const PAREN_ARABIC_RE = new RegExp(`^${IND}([（(]([0-9０-９]+)[）)])`);
const FOOTNOTE_RE = new RegExp(`^${IND}[①-⑳]`);
const ZERO_WIDTH_ONLY_RE = /^[\s\u200B\u200C\u200D\uFEFF]*$/;
const ATX_RE = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const NON_BLANK_RE = /[^ \t]/;
const HTML_COMMENT_LINE_RE = /^\s*<!--.*-->\s*$/;
const INFO_END_RE = /^\s*<!--\s*INFO END\s*-->\s*$/;
const HISTORY_WORD_RE = /通过|修订|修正|公布|施行/;
const HISTORY_DATE_RE = /[0-9０-９]{4}\s*年|[〇○零一二三四五六七八九]{4}\s*年/;
// What an unnumbered bare title is made of; a formula line (销项税额＝销售额×税率) is not one.
const BARE_TITLE_RE = /^[\s\u3000\u4e00-\u9fff、（）()]+$/;
// Characters a heading never ends with: a line ending in one of these is a sentence.
const FINAL_PUNCT_RE = /[。；;：:，,、！？!?]$/;

const markdownParser = unified().use(remarkParse);

export function parseLawText(source: string, opts: ParseOptions = {}): ParsedDocument {
  const format = opts.format ?? "markdown";
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  // A draft's 说明 is stored beside the text, not parsed as part of it (its lines are blanked).
  const explanation = cutExplanation(lines);
  const warnings: ParseWarning[] = [];
  const warn = (kind: WarningKind, line: number, message: string) =>
    warnings.push({ kind, line, message });

  const header = readHeader(lines, format, warn);
  const blocks =
    format === "text"
      ? textBlocks(lines, header.bodyStart)
      : opts.markdownEngine !== "remark" && isPlainMarkdown(lines, header.bodyStart)
        ? plainMarkdownBlocks(lines, header.bodyStart)
        : markdownBlocks(lines, header.bodyStart);
  const shape = opts.shape ?? detectShape(blocks);
  const builder = new Builder(format, blocks, warn);
  if (shape === "none") builder.buildNotes();
  else builder.build(shape);

  const provisions = builder.provisions;
  const unitCount = provisions.filter((p) => p.isUnit).length;
  if (unitCount === 0) {
    warn("no-units", header.bodyStart + 1, `no ${shape === "none" ? "" : shape + " "}units found; body kept as notes`);
  }
  warnings.sort((a, b) => a.line - b.line);
  const draft = readDraft(header.title, header.titleLine, header.markers);
  return {
    ...(draft ? { draft } : {}),
    ...(explanation ? { explanation } : {}),
    title: header.title,
    history: header.history,
    shape,
    provisions,
    warnings,
    articleCount: provisions.filter((p) => p.kind === "article").length,
    unitCount,
    bodyStartLine: header.bodyStart + 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Header: front matter, title, enactment history, table of contents.

interface Header {
  title: string | null;
  /** 1-based line of the title. */
  titleLine: number;
  history: string[];
  /** Draft stage lines ((草案二次审议稿)), also kept in history so they are stored exactly. */
  markers: { text: string; line: number }[];
  /** 0-based index of the first body line. */
  bodyStart: number;
}

function readHeader(
  lines: string[],
  format: "markdown" | "text",
  warn: (kind: WarningKind, line: number, message: string) => void,
): Header {
  let i = 0;
  if (lines[0]?.trim() === "---") {
    const close = lines.findIndex((l, j) => j > 0 && (l.trim() === "---" || l.trim() === "..."));
    if (close === -1) warn("unclosed-front-matter", 1, "front matter opened with --- is never closed; read as text");
    else i = close + 1;
  }
  while (i < lines.length && !NON_BLANK_RE.test(lines[i])) i++;

  let title: string | null = null;
  const titleLine = i + 1;
  const markers: { text: string; line: number }[] = [];
  const first = lines[i] ?? "";
  if (format === "markdown" && /^# /.test(first)) {
    title = first.slice(2);
    i++;
  } else if (format === "text" && i < lines.length && !isLabelled(first)) {
    title = first;
    i++;
  } else {
    warn("no-title", i + 1, "no title line (# …) at the start of the document");
  }

  const marker = lines.findIndex((l, j) => j >= i && INFO_END_RE.test(l));
  if (marker !== -1) {
    const history = lines.slice(i, marker).filter((l) => NON_BLANK_RE.test(l));
    return { title, titleLine, history, markers, bodyStart: marker + 1 };
  }

  // Without the marker, the header ends at the first line that is neither history,
  // a repeat of the title (flk texts print it twice) nor the table of contents.
  const history: string[] = [];
  const titleKey = title === null ? "" : squash(title);
  // flk texts print the title again, sometimes wrapped over several lines.
  let titleLeft = titleKey;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (!NON_BLANK_RE.test(line)) continue;
    const key = squash(line);
    if (key !== "" && titleLeft.startsWith(key)) {
      titleLeft = titleLeft.slice(key.length) || titleKey;
      continue;
    }
    if (isHistoryLine(line)) {
      history.push(line);
      continue;
    }
    if (matchDraftMarkerLine(line) !== null) {
      history.push(line);
      markers.push({ text: line, line: i + 1 });
      continue;
    }
    if (squash(line) === "目录") {
      i = skipTableOfContents(lines, i + 1) - 1;
      continue;
    }
    break;
  }
  return { title, titleLine, history, markers, bodyStart: i };
}

function isHistoryLine(line: string): boolean {
  return HISTORY_WORD_RE.test(line) && HISTORY_DATE_RE.test(line) && !isLabelled(line);
}

/** Index of the first body line after a 目录 whose entries start at `from`. */
function skipTableOfContents(lines: string[], from: number): number {
  let firstEntry = from;
  while (firstEntry < lines.length && !NON_BLANK_RE.test(lines[firstEntry])) firstEntry++;
  if (firstEntry >= lines.length) return firstEntry;
  // The body repeats the first entry as its first heading: that is where the contents end.
  const key = squash(lines[firstEntry]);
  for (let j = firstEntry + 1; j < lines.length; j++) {
    if (squash(lines[j]) === key) return j;
  }
  let j = firstEntry;
  while (j < lines.length && (!NON_BLANK_RE.test(lines[j]) || isHeadingLike(lines[j]))) j++;
  return j;
}

/** Whitespace and Markdown markers removed: for comparing a heading with its TOC entry. */
function squash(s: string): string {
  return s.replace(/^#+/, "").replace(/[\s\u3000\u200B]/g, "");
}

// ---------------------------------------------------------------------------------------------
// Blocks

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

// ---------------------------------------------------------------------------------------------
// Classification helpers

function isZeroWidthOnly(text: string): boolean {
  return ZERO_WIDTH_ONLY_RE.test(text);
}

/** A short line without sentence punctuation: how bare headings (附则, 网络素养促进) look. */
function isHeadingLike(text: string): boolean {
  const t = text.replace(/[\s\u3000\u200B]/g, "");
  return t.length > 0 && t.length <= 24 && !FINAL_PUNCT_RE.test(t) && !/[。；;]/.test(t) && !isLabelled(text);
}

function isLabelled(text: string): boolean {
  return (
    ARTICLE_RE.test(text) ||
    STRUCT_RE.test(text) ||
    CN_ITEM_RE.test(text) ||
    PAREN_CN_RE.test(text) ||
    ARABIC_RE.test(text) ||
    PAREN_ARABIC_RE.test(text)
  );
}

interface StructMatch {
  kind: "part" | "chapter" | "section";
  label: string;
  number: number;
  heading: string | null;
}

const STRUCT_KIND = { 编: "part", 章: "chapter", 节: "section" } as const;

function matchStructure(block: Block): StructMatch | null {
  const m = STRUCT_RE.exec(block.text);
  if (!m) return null;
  const number = chineseToNumber(m[2]);
  if (number === null) return null;
  const rest = m[5];
  // A bare line is a heading only when it looks like one; "第三章规定的……。" is a sentence.
  if (block.md === 0 && rest !== "" && (m[4] === "" || !isHeadingLike(rest))) return null;
  return { kind: STRUCT_KIND[m[3] as keyof typeof STRUCT_KIND], label: m[1], number, heading: rest === "" ? null : rest };
}

interface ArticleMatch {
  label: string;
  number: number;
  suffix: number;
  split: boolean;
  separated: boolean;
}

function matchArticle(text: string): ArticleMatch | null {
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

// Text that continues a cross-reference rather than starting an article: 第五条规定的…, 第五条、第六条…
const REFERENCE_CONTINUATION_RE = /^(?:[第、至和及或的中，,。；;：:（(]|规定|款|项)/;

function detectShape(blocks: Block[]): DocumentShape {
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

// ---------------------------------------------------------------------------------------------
// Tree building

const LEVEL: Record<string, number> = { heading: 1, part: 1, chapter: 2, section: 3 };
const SEGMENT: Record<string, string> = { heading: "annex", part: "part", chapter: "ch", section: "sec" };
const PLAN_KINDS: ProvisionKind[] = ["plan1", "plan2", "plan3", "plan4"];

/** What the previous block was: bare headings are recognised by their neighbours. */
type PreviousBlock = "zwsp" | "heading" | "unit" | "other" | null;

interface Open {
  node: ParsedProvision;
  level: number;
}

class Builder {
  readonly provisions: ParsedProvision[] = [];
  private readonly byKey = new Map<string, ParsedProvision>();
  /** Next `~n` suffix to try for a key that occurred before. */
  private readonly nextDuplicate = new Map<string, number>();
  private readonly ordinals = new Map<string, number>();
  private structure: Open[] = [];
  private noteCount = 0;
  private sawUnit = false;
  private warnedPreamble = false;
  /** Kind of a numbered structural heading at each Markdown depth, for unnumbered ones (## 附则). */
  private readonly depthKind = new Map<number, StructMatch["kind"]>();
  private readonly outermost: StructMatch["kind"];

  constructor(
    private readonly format: "markdown" | "text",
    private readonly blocks: Block[],
    private readonly warn: (kind: WarningKind, line: number, message: string) => void,
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

  buildNotes(): void {
    for (const b of this.blocks) this.note(b, null);
  }

  build(shape: Exclude<DocumentShape, "none">): void {
    let article: ArticleState | null = null;
    let item: DecisionState | null = null;
    const plan: { node: ParsedProvision; level: number; paragraphs: number }[] = [];
    // Last plan number per owner and level: （一）（三） without （二） is a gap worth a warning.
    const planLast = new Map<string, number>();
    let last = { number: 0, suffix: 0 };
    let prev: PreviousBlock = null;

    const closeArticle = () => {
      if (article) {
        article.node.text = article.texts.join("\n");
        article = null;
      }
    };
    const closeUnits = () => {
      closeArticle();
      item = null;
      plan.length = 0;
    };

    for (let i = 0; i < this.blocks.length; i++) {
      const b = this.blocks[i];

      if (isZeroWidthOnly(b.text)) {
        this.note(b, this.structureNode());
        this.warn("zero-width", b.line, "paragraph consisting only of zero-width characters; kept as a note");
        prev = "zwsp";
        continue;
      }

      const heading = this.matchHeading(b, i, prev, shape);
      if (heading) {
        closeUnits();
        this.openStructure(b, heading);
        prev = "heading";
        continue;
      }

      if (FOOTNOTE_RE.test(b.text)) {
        closeUnits();
        this.note(b, this.structureNode());
        prev = "other";
        continue;
      }

      if (shape === "articles") {
        const a = matchArticle(b.text);
        if (a && this.isArticleStart(a, b.text, last)) {
          closeArticle();
          this.checkNumbering(b.line, a.number, a.suffix, last, a.label);
          last = { number: a.number, suffix: a.suffix };
          article = this.openArticle(b, a);
          prev = "unit";
          continue;
        }
        if (article) {
          this.addToArticle(article, b);
          prev = "unit";
          continue;
        }
      } else if (shape === "decision-items") {
        const m = CN_ITEM_RE.exec(b.text);
        if (m) {
          const number = chineseToNumber(m[2]);
          if (number !== null) {
            this.checkNumbering(b.line, number, 0, last, m[1]);
            last = { number, suffix: 0 };
            item = this.openDecisionItem(b, m[1], number);
            prev = "unit";
            continue;
          }
        }
        if (item) {
          this.addToDecisionItem(item, b);
          prev = "unit";
          continue;
        }
      } else {
        const p = matchPlanLabel(b.text);
        if (p) {
          while (plan.length > 0 && plan.at(-1)!.level >= p.level) plan.pop();
          const owner = plan.at(-1)?.node;
          const scope = `${owner?.key ?? this.structureNode()?.key ?? ""}|${p.level}`;
          this.checkNumbering(b.line, p.number, 0, { number: planLast.get(scope) ?? 0, suffix: 0 }, p.label);
          planLast.set(scope, p.number);
          const seg = `p${p.level}-${p.number}`;
          const node = this.add({
            key: owner ? `${owner.key}/${seg}` : seg,
            kind: PLAN_KINDS[p.level - 1],
            label: p.label,
            number: p.number,
            heading: null,
            text: b.text,
            isUnit: true,
            parent: owner ?? this.structureNode(),
            line: b.line,
          });
          plan.push({ node, level: p.level, paragraphs: 0 });
          this.sawUnit = true;
          prev = "unit";
          continue;
        }
        const open = plan.at(-1);
        if (open) {
          open.paragraphs++;
          this.addParagraph(open.node, open.paragraphs, b);
          prev = "unit";
          continue;
        }
      }

      // Outside any unit.
      if (prev === "heading" && isHeadingLike(b.text) && this.structureNode()?.kind !== "heading") {
        this.warn("orphan-heading", b.line, `"${b.text.trim()}" follows a heading as a paragraph of its own (wrapped heading?); kept as a note`);
      } else if (!this.sawUnit && !this.warnedPreamble) {
        this.warnedPreamble = true;
        this.warn("text-before-first-unit", b.line, "text before the first unit; kept as notes");
      }
      this.note(b, this.structureNode());
      prev = "other";
    }
    closeArticle();
  }

  // -- headings ---------------------------------------------------------------------------

  private matchHeading(
    b: Block,
    i: number,
    prev: PreviousBlock,
    shape: Exclude<DocumentShape, "none">,
  ): HeadingMatch | null {
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

  private openStructure(b: Block, h: HeadingMatch): void {
    const level = LEVEL[h.kind];
    while (this.structure.length > 0 && this.structure.at(-1)!.level >= level) this.structure.pop();
    const parent = this.structureNode();
    const ordinalKey = `${parent?.key ?? ""}|${h.kind}`;
    const ordinal = (this.ordinals.get(ordinalKey) ?? 0) + 1;
    this.ordinals.set(ordinalKey, ordinal);
    const seg = `${SEGMENT[h.kind]}-${h.number ?? `u${ordinal}`}`;
    const node = this.add({
      key: parent ? `${parent.key}/${seg}` : seg,
      kind: h.kind,
      label: h.label,
      number: h.number,
      heading: h.heading,
      text: b.text,
      isUnit: false,
      parent,
      line: b.line,
    });
    this.structure.push({ node, level });
  }

  private structureNode(): ParsedProvision | null {
    return this.structure.at(-1)?.node ?? null;
  }

  // -- articles ---------------------------------------------------------------------------

  private isArticleStart(a: ArticleMatch, text: string, last: { number: number; suffix: number }): boolean {
    if (a.separated && !a.split) return true;
    // Without a separator (第一条为了…, 第一百二十八 条侦查人员…) the label could begin a
    // cross-reference; accept it only when it is the next number and text does not continue it.
    const next =
      (a.suffix === 0 && a.number === last.number + 1) ||
      (a.suffix > 0 && a.number === last.number && a.suffix === last.suffix + 1);
    if (!next) return a.separated;
    const rest = text.slice(text.indexOf(a.label) + a.label.length);
    return a.separated || !REFERENCE_CONTINUATION_RE.test(rest);
  }

  private checkNumbering(
    line: number,
    number: number,
    suffix: number,
    last: { number: number; suffix: number },
    label: string,
  ): void {
    const expected =
      suffix === 0 ? number === last.number + 1 : number === last.number && suffix === last.suffix + 1;
    if (expected) return;
    const after = number > last.number || (number === last.number && suffix > last.suffix);
    this.warn(
      after ? "numbering-gap" : "numbering-repeat",
      line,
      `${label.trim()} follows number ${last.number}${last.suffix ? `之${last.suffix}` : ""}`,
    );
  }

  private openArticle(b: Block, a: ArticleMatch): ArticleState {
    if (a.split) {
      this.warn("split-label", b.line, `whitespace inside the article label "${a.label}"; read as article ${a.number}`);
    }
    const parent = this.structureNode();
    const node = this.add({
      key: `art-${a.number}${a.suffix ? `-${a.suffix}` : ""}`,
      kind: "article",
      label: a.label,
      number: a.number,
      suffix: a.suffix,
      heading: null,
      text: "",
      isUnit: true,
      parent,
      line: b.line,
    });
    this.sawUnit = true;
    const state: ArticleState = { node, texts: [], paragraphs: 0, paragraph: null, itemNode: null };
    this.addToArticle(state, b);
    return state;
  }

  private addToArticle(state: ArticleState, b: Block): void {
    state.texts.push(b.text);
    state.node.endLine = b.line;
    const item = PAREN_CN_RE.exec(b.text);
    if (item && state.paragraph) {
      state.itemNode = this.addNumbered("item", item, state.paragraph, b);
      return;
    }
    const sub = ARABIC_RE.exec(b.text) ?? PAREN_ARABIC_RE.exec(b.text);
    if (sub && state.paragraph) {
      this.addNumbered("subitem", sub, state.itemNode ?? state.paragraph, b);
      return;
    }
    state.paragraphs++;
    state.itemNode = null;
    state.paragraph = this.addParagraph(state.node, state.paragraphs, b);
  }

  /** A paragraph (款) of a unit, numbered from 1 within its owner. */
  private addParagraph(owner: ParsedProvision, number: number, b: Block): ParsedProvision {
    return this.add({
      key: `${owner.key}/para-${number}`,
      kind: "paragraph",
      label: null,
      number,
      heading: null,
      text: b.text,
      isUnit: false,
      parent: owner,
      line: b.line,
    });
  }

  /** An item ((一)) or subitem (1. / (1)) keyed under its parent; match[1] is the label, match[2] the number. */
  private addNumbered(kind: "item" | "subitem", match: RegExpExecArray, parent: ParsedProvision, b: Block): ParsedProvision {
    const number = chineseToNumber(match[2]);
    return this.add({
      key: `${parent.key}/${kind === "item" ? "item" : "sub"}-${number}`,
      kind,
      label: match[1],
      number,
      heading: null,
      text: b.text,
      isUnit: false,
      parent,
      line: b.line,
    });
  }

  // -- decision items ---------------------------------------------------------------------

  private openDecisionItem(b: Block, label: string, number: number): DecisionState {
    const node = this.add({
      key: `item-${number}`,
      kind: "decision-item",
      label,
      number,
      heading: null,
      text: b.text,
      isUnit: true,
      parent: this.structureNode(),
      line: b.line,
    });
    this.sawUnit = true;
    // The item's own line is its first paragraph (决定 cite 本条第二款 counting it).
    return { node, paragraphs: 1, paragraph: null, itemNode: null };
  }

  private addToDecisionItem(state: DecisionState, b: Block): void {
    const owner = state.paragraph ?? state.node;
    const item = PAREN_CN_RE.exec(b.text);
    if (item) {
      state.itemNode = this.addNumbered("item", item, owner, b);
      return;
    }
    const sub = state.itemNode ? (ARABIC_RE.exec(b.text) ?? PAREN_ARABIC_RE.exec(b.text)) : null;
    if (sub && state.itemNode) {
      this.addNumbered("subitem", sub, state.itemNode, b);
      return;
    }
    state.paragraphs++;
    state.itemNode = null;
    state.paragraph = this.addParagraph(state.node, state.paragraphs, b);
  }

  // -- nodes ------------------------------------------------------------------------------

  private note(b: Block, parent: ParsedProvision | null): void {
    this.noteCount++;
    this.add({
      key: `note-${this.noteCount}`,
      kind: "note",
      label: null,
      number: null,
      heading: null,
      text: b.text,
      isUnit: false,
      parent,
      line: b.line,
    });
  }

  private add(p: {
    key: string;
    kind: ProvisionKind;
    label: string | null;
    number: number | null;
    suffix?: number;
    heading: string | null;
    text: string;
    isUnit: boolean;
    parent: ParsedProvision | null;
    line: number;
  }): ParsedProvision {
    let key = p.key;
    if (this.byKey.has(key)) {
      // Resume where the last duplicate of this key stopped: counting from 2 every time made a
      // document of many repeated labels quadratic (8,000 × 第一条 took seconds).
      let n = this.nextDuplicate.get(p.key) ?? 2;
      while (this.byKey.has(`${p.key}~${n}`)) n++;
      this.nextDuplicate.set(p.key, n + 1);
      key = `${p.key}~${n}`;
      this.warn("duplicate-key", p.line, `${p.key} occurs more than once; this one is stored as ${key}`);
    }
    const parent = p.parent;
    const node: ParsedProvision = {
      key,
      kind: p.kind,
      label: p.label === null ? null : p.label.trim(),
      number: p.number,
      suffix: p.suffix ?? 0,
      heading: p.heading,
      text: p.text,
      isUnit: p.isUnit,
      position: this.provisions.length,
      depth: parent ? parent.depth + 1 : 0,
      parentKey: parent?.key ?? null,
      chapterKey: this.structureNode()?.key ?? "",
      startLine: p.line,
      endLine: p.line,
    };
    if (node.kind === "part" || node.kind === "chapter" || node.kind === "section" || node.kind === "heading") {
      node.chapterKey = parent?.key ?? "";
    }
    this.provisions.push(node);
    this.byKey.set(key, node);
    // A child extends every ancestor's line range.
    for (let a = parent; a; a = a.parentKey === null ? null : (this.byKey.get(a.parentKey) ?? null)) {
      if (a.endLine < p.line) a.endLine = p.line;
    }
    return node;
  }
}

interface HeadingMatch {
  kind: StructMatch["kind"] | "heading";
  label: string | null;
  number: number | null;
  heading: string | null;
}

interface ArticleState {
  node: ParsedProvision;
  texts: string[];
  paragraphs: number;
  paragraph: ParsedProvision | null;
  itemNode: ParsedProvision | null;
}

interface DecisionState {
  node: ParsedProvision;
  paragraphs: number;
  paragraph: ParsedProvision | null;
  itemNode: ParsedProvision | null;
}

function matchPlanLabel(text: string): { level: number; label: string; number: number } | null {
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
