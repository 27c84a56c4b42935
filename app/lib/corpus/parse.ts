/**
 * Pure parser: the text of one law version (Markdown or plain text) -> provisions.
 * No I/O; runs anywhere. Decisions and their reasons: docs/decisions/0003-parser.md.
 * The one public entry: the steps (header, blocks, classification, tree) live in ./parser/.
 *
 * Exactness: every body block (a non-blank source line; a Markdown heading without its `#`
 * marker) is stored verbatim in exactly one provision that is not an article, in source
 * order. Articles carry their paragraphs joined by "\n". Nothing is normalised here.
 */
import { readBlocks } from "./parser/blocks";
import { buildProvisions } from "./parser/build";
import { detectShape } from "./parser/classify";
import { cutExplanation, readDraft } from "./parser/draft-header";
import { readHeader } from "./parser/header";
import type { DocumentShape, ParsedDocument, ParseWarning, WarningKind } from "./types";

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

export function parseLawText(source: string, opts: ParseOptions = {}): ParsedDocument {
  const format = opts.format ?? "markdown";
  const lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
  // A draft's 说明 is stored beside the text, not parsed as part of it (its lines are blanked).
  const explanation = cutExplanation(lines);
  const warnings: ParseWarning[] = [];
  const warn = (kind: WarningKind, line: number, message: string) =>
    warnings.push({ kind, line, message });

  const header = readHeader(lines, format, warn);
  const blocks = readBlocks(lines, header.bodyStart, format, opts.markdownEngine);
  const shape = opts.shape ?? detectShape(blocks);
  const provisions = buildProvisions(format, blocks, shape, warn);
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
