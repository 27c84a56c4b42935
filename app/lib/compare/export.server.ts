/**
 * 新旧对照表 exports of a comparison: DOCX (landscape, CJK font, old | new | notes, insertions
 * underlined and coloured, deletions struck through), CSV (UTF-8 with BOM for Excel) and Markdown.
 * Statute text in every export is the exact source text.
 */
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Translate } from "~/i18n/i18n";
import { markdownCell, markdownHeading } from "~/lib/text/markdown-escape";
import { newSide, oldSide, type DiffSegment } from "./diff";
import type { ExportFormat } from "./query";
import type { Comparison } from "./compare.server";
import { segmentsPerUnit, type CompareRow, type RowUnit } from "./rows";
import type { Signal } from "./signals";


export const CJK_FONT = "SimSun";
const INSERT_COLOR = "1A7F37";
const DELETE_COLOR = "B42318";

export function describeSignal(s: Signal, t: Translate): string {
  const kind = t(`compare.signal.${s.kind}`);
  if (s.change === "changed") {
    const dir = s.direction ? ` (${t(`compare.signal.${s.direction}`)})` : "";
    return `${kind}: ${s.before} → ${s.after}${dir}`;
  }
  return `${kind}: ${s.change === "added" ? "+" : "−"}${s.after ?? s.before}`;
}

/** The row's kind first, then its attributes, the group it forms and its signals (as on the page). */
export function rowNotes(row: CompareRow, t: Translate): string[] {
  const notes = [t(`compare.kind.${row.kind}`), ...row.flags.map((f) => t(`compare.flag.${f}`))];
  if (row.old.length + row.new.length > 2)
    notes.push(t("compare.group", { old: articleLabels(row.old, "、"), new: articleLabels(row.new, "、"), nOld: row.old.length, nNew: row.new.length }));
  for (const l of row.links) notes.push(`${l.from} → ${l.to}（${t(`compare.linkKind.${l.kind}`)}）`);
  if (row.alsoDrawsOn.length) notes.push(`${t("compare.links.also")}${row.alsoDrawsOn.join("; ")}`);
  for (const s of row.signals) notes.push(describeSignal(s, t));
  return notes;
}

const articleLabels = (units: RowUnit[], separator: string) => units.map((u) => u.label ?? u.key).join(separator);

/** What an export holds unless the caller chose: the changed rows, as the page shows by default. */
const changedRows = (c: Comparison) => c.rows.filter((r) => r.changed);

const exactText = (units: RowUnit[]) => units.map((u) => u.head + u.body).join("\n");

export function exportFileName(c: Comparison, format: ExportFormat): string {
  return `${c.work.slug}_${c.from.versionDate}_${c.to.versionDate}.${format}`;
}

function runs(head: string, segments: DiffSegment[]): TextRun[] {
  const out: TextRun[] = [];
  const font = { ascii: CJK_FONT, eastAsia: CJK_FONT, hAnsi: CJK_FONT };
  const push = (text: string, kind: DiffSegment["kind"] | "head") => {
    const lines = text.split("\n");
    lines.forEach((line, i) => {
      out.push(
        new TextRun({
          text: line,
          font,
          break: i > 0 ? 1 : undefined,
          bold: kind === "head",
          ...(kind === "insert" ? { underline: {}, color: INSERT_COLOR } : {}),
          ...(kind === "delete" ? { strike: true, color: DELETE_COLOR } : {}),
        }),
      );
    });
  };
  if (head) push(head, "head");
  for (const s of segments) push(s.text, s.kind);
  return out;
}

/** The side's exact text, one paragraph per unit, with the diff marks of the body. */
function sideParagraphs(units: RowUnit[], segments: DiffSegment[]): Paragraph[] {
  if (!units.length) return [new Paragraph({ children: [new TextRun({ text: "—", font: { eastAsia: CJK_FONT } })] })];
  const parts = segmentsPerUnit(units, segments);
  return units.map((u, i) => new Paragraph({ children: runs(u.head, parts[i]) }));
}

function cell(children: Paragraph[], width: number, header = false): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.PERCENTAGE },
    ...(header ? { shading: { fill: "EEEEEE" } } : {}),
  });
}

function text(t: string, bold = false): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: t, bold, font: { ascii: CJK_FONT, eastAsia: CJK_FONT, hAnsi: CJK_FONT } })] });
}

export async function comparisonToDocx(c: Comparison, t: Translate, rows = changedRows(c)): Promise<Buffer> {
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          cell([text(`${t("compare.old")}（${c.from.versionDate}）`, true)], 40, true),
          cell([text(`${t("compare.new")}（${c.to.versionDate}）`, true)], 40, true),
          cell([text(t("compare.notes"), true)], 20, true),
        ],
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: [
              cell(sideParagraphs(r.old, oldSide(r.segments)), 40),
              cell(sideParagraphs(r.new, newSide(r.segments)), 40),
              cell(rowNotes(r, t).map((n) => text(n)), 20),
            ],
          }),
      ),
    ],
  });
  const doc = new Document({
    styles: { default: { document: { run: { font: { ascii: CJK_FONT, eastAsia: CJK_FONT, hAnsi: CJK_FONT }, size: 21 } } } },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({
                text: t("compare.exportTitle", { title: c.work.titleZh, from: c.from.versionDate, to: c.to.versionDate }),
                bold: true,
                size: 32,
                font: { ascii: CJK_FONT, eastAsia: CJK_FONT, hAnsi: CJK_FONT },
              }),
            ],
          }),
          text(t("compare.exportLegend")),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function comparisonToCsv(c: Comparison, t: Translate, rows = changedRows(c)): string {
  const header = [
    t("compare.csv.change"),
    t("compare.csv.oldArticle"),
    t("compare.csv.oldText"),
    t("compare.csv.newArticle"),
    t("compare.csv.newText"),
    t("compare.notes"),
  ];
  const lines = [header.map(csvField).join(",")];
  for (const r of rows) {
    lines.push(
      [
        t(`compare.kind.${r.kind}`),
        articleLabels(r.old, " + "),
        exactText(r.old),
        articleLabels(r.new, " + "),
        exactText(r.new),
        rowNotes(r, t).slice(1).join("; "),
      ]
        .map(csvField)
        .join(","),
    );
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

/** A Markdown table cell; an empty side (added or removed article) shows as a dash. */
function mdCell(value: string): string {
  return markdownCell(value) || "—";
}

export function comparisonToMarkdown(c: Comparison, t: Translate, rows = changedRows(c)): string {
  const out = [
    `# ${markdownHeading(t("compare.exportTitle", { title: c.work.titleZh, from: c.from.versionDate, to: c.to.versionDate }))}`,
    "",
    `| ${t("compare.old")}（${c.from.versionDate}） | ${t("compare.new")}（${c.to.versionDate}） | ${t("compare.notes")} |`,
    "| --- | --- | --- |",
  ];
  for (const r of rows) {
    out.push(`| ${mdCell(exactText(r.old))} | ${mdCell(exactText(r.new))} | ${mdCell(rowNotes(r, t).join("\n"))} |`);
  }
  return out.join("\n") + "\n";
}

export async function exportComparison(
  c: Comparison,
  format: ExportFormat,
  t: Translate,
  rows: CompareRow[] = changedRows(c),
): Promise<{ body: Buffer | string; contentType: string; fileName: string }> {
  const fileName = exportFileName(c, format);
  if (format === "docx")
    return {
      body: await comparisonToDocx(c, t, rows),
      contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      fileName,
    };
  if (format === "csv") return { body: comparisonToCsv(c, t, rows), contentType: "text/csv; charset=utf-8", fileName };
  return { body: comparisonToMarkdown(c, t, rows), contentType: "text/markdown; charset=utf-8", fileName };
}
