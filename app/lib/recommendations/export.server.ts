/**
 * Submission packs: a cover (organisation, consultation, date) and the table consultations ask
 * for — 条款 | 现行/草案条文 | 修改建议 | 理由 — as DOCX (landscape, CJK font), Markdown and CSV.
 * Statute text goes in exactly as stored (the anchored provision of the version consulted on).
 */
import { todayInChina } from "~/lib/corpus/point-in-time";
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { can } from "~/lib/auth/permissions";
import { markdownCell, markdownHeading } from "~/lib/text/markdown-escape";
import { getPrisma } from "~/lib/db.server";
import { loadAnchor } from "./anchor-context.server";
import { forbidden, notFound } from "./errors";
import { endorsingOrganisations } from "./endorsements.server";
import { packLabel } from "./pack-label";
import { redline } from "./redline";
import type { Actor } from "./workflow";

export const PACK_HEADERS = ["条款", "现行/草案条文", "修改建议", "理由"] as const;

export interface PackRow {
  label: string;
  currentText: string;
  proposedText: string;
  rationale: string;
  title: string;
}

export interface SubmissionPack {
  orgName: string;
  orgContact: string;
  title: string;
  targetBody: string;
  consultationTitle: string;
  consultationUrl: string | null;
  deadline: string | null;
  reference: string | null;
  /** The submission date, or today for a pack prepared before sending. */
  date: string;
  rows: PackRow[];
  /** Organisations that endorsed the recommendations of the pack (co-signers). */
  endorsers: string[];
}

export async function buildPack(actor: Actor, submissionId: number, today = new Date()): Promise<SubmissionPack> {
  if (!can(actor.role, "submission.export")) throw forbidden();
  const prisma = getPrisma();
  const s = await prisma.submission.findUnique({
    where: { id: submissionId },
    include: { items: { include: { recommendation: true }, orderBy: { position: "asc" } } },
  });
  if (!s) throw notFound("recommendations.error.submissionNotFound");
  const settings = await prisma.setting.findMany({ where: { key: { in: ["org.name", "org.contact"] } } });
  const setting = (key: string) => settings.find((x) => x.key === key)?.value ?? "";
  type Row = (typeof s.items)[number]["recommendation"];
  const anchors: { r: Row; anchor: Awaited<ReturnType<typeof loadAnchor>> }[] = [];
  for (const item of s.items) {
    const r = item.recommendation;
    anchors.push({ r, anchor: await loadAnchor(prisma, r.versionId, r.provisionKey) });
  }
  const versions = await prisma.version.findMany({
    where: { id: { in: anchors.map((a) => a.r.versionId) } },
    select: { id: true, changeKind: true, draftLabel: true },
  });
  const labelOf = (r: Row, anchor: Awaited<ReturnType<typeof loadAnchor>>) => {
    const v = versions.find((x) => x.id === r.versionId);
    if (!anchor || !v) return r.provisionKey;
    return packLabel({ ...anchor, changeKind: v.changeKind, draftLabel: v.draftLabel }, anchor.label);
  };
  return {
    orgName: setting("org.name"),
    orgContact: setting("org.contact"),
    title: s.title,
    targetBody: s.targetBody,
    consultationTitle: s.consultationTitle,
    consultationUrl: s.consultationUrl,
    deadline: s.deadline,
    reference: s.reference,
    date: s.submittedAt ?? todayInChina(today),
    rows: anchors.map(({ r, anchor }) => ({
      label: labelOf(r, anchor),
      currentText: anchor?.text ?? "",
      proposedText: r.proposedText,
      rationale: r.rationale,
      title: r.title,
    })),
    endorsers: await endorsingOrganisations(anchors.map((a) => a.r.id)),
  };
}

// XML 1.0 cannot carry these control characters at all; anything else goes in as it is.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const CJK_FONT = { ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia: "SimSun" };

/** One Word paragraph per line, so line breaks in the text stay where they are. */
function lines(text: string, bold = false): Paragraph[] {
  const parts = text.replace(XML_INVALID, "").split("\n");
  return parts.map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, font: CJK_FONT })] }));
}

function coverLine(label: string, value: string | null): Paragraph | null {
  if (!value) return null;
  return new Paragraph({
    children: [new TextRun({ text: `${label}：`, bold: true, font: CJK_FONT }), new TextRun({ text: value.replace(XML_INVALID, ""), font: CJK_FONT })],
  });
}

/**
 * The proposal as Word marks it: against the current wording, insertions underlined and deletions
 * struck, as real runs (a reviewer can accept the text as it reads), one paragraph per line.
 */
function redlineParagraphs(current: string, proposed: string): Paragraph[] {
  if (!current) return lines(proposed);
  const paragraphs: Paragraph[] = [];
  let runs: TextRun[] = [];
  for (const part of redline(current.replace(XML_INVALID, ""), proposed.replace(XML_INVALID, ""))) {
    const pieces = part.text.split("\n");
    pieces.forEach((piece, i) => {
      if (i > 0) {
        paragraphs.push(new Paragraph({ children: runs }));
        runs = [];
      }
      if (piece)
        runs.push(new TextRun({ text: piece, font: CJK_FONT, underline: part.kind === "ins" ? {} : undefined, strike: part.kind === "del" ? true : undefined }));
    });
  }
  paragraphs.push(new Paragraph({ children: runs }));
  return paragraphs;
}

export async function packToDocx(pack: SubmissionPack): Promise<Buffer> {
  const widths = [12, 36, 32, 20];
  const cell = (children: Paragraph[], i: number) =>
    new TableCell({ children, width: { size: widths[i], type: WidthType.PERCENTAGE } });
  const header = new TableRow({
    tableHeader: true,
    children: PACK_HEADERS.map((h, i) => cell(lines(h, true), i)),
  });
  const rows = pack.rows.map(
    (r) =>
      new TableRow({
        children: [lines(r.label), lines(r.currentText), redlineParagraphs(r.currentText, r.proposedText), lines(r.rationale)].map((c, i) =>
          cell(c, i),
        ),
      }),
  );
  const cover = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: pack.consultationTitle.replace(XML_INVALID, ""), font: CJK_FONT })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: pack.title.replace(XML_INVALID, ""), font: CJK_FONT })],
    }),
    coverLine("提交单位", pack.orgName),
    coverLine("联系方式", pack.orgContact),
    coverLine("致", pack.targetBody),
    coverLine("征求意见链接", pack.consultationUrl),
    coverLine("截止日期", pack.deadline),
    coverLine("回执编号", pack.reference),
    coverLine("日期", pack.date),
    coverLine("联署单位", pack.endorsers.join("、")),
  ].filter((p): p is Paragraph => p !== null);
  const doc = new Document({
    creator: pack.orgName || "Redline",
    title: pack.title,
    styles: { default: { document: { run: { font: CJK_FONT, size: 22 } } } },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [...cover, new Paragraph({ text: "" }), new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } })],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export function packToMarkdown(pack: SubmissionPack): string {
  const out: string[] = [`# ${markdownHeading(pack.consultationTitle)}`, "", `## ${markdownHeading(pack.title)}`, ""];
  const meta: [string, string | null][] = [
    ["提交单位", pack.orgName],
    ["联系方式", pack.orgContact],
    ["致", pack.targetBody],
    ["征求意见链接", pack.consultationUrl],
    ["截止日期", pack.deadline],
    ["回执编号", pack.reference],
    ["日期", pack.date],
  ];
  for (const [k, v] of meta) if (v) out.push(`- ${k}：${markdownCell(v)}`);
  out.push("", `| ${PACK_HEADERS.join(" | ")} |`, `| ${PACK_HEADERS.map(() => "---").join(" | ")} |`);
  for (const r of pack.rows)
    out.push(`| ${[r.label, r.currentText, r.proposedText, r.rationale].map(markdownCell).join(" | ")} |`);
  return out.join("\n") + "\n";
}

/**
 * The text the NPC's online comment page takes, one block per article (条文 / 意见 / 理由), ready to
 * paste field by field. Plain text: nothing to escape, statute text exact.
 */
export function packToNpcText(pack: SubmissionPack): string {
  const blocks = pack.rows.map((r) =>
    [`条文：${r.label}`, r.currentText, "", `意见：${r.proposedText}`, "", `理由：${r.rationale}`].join("\n"),
  );
  const head = [pack.consultationTitle, pack.orgName ? `提交单位：${pack.orgName}` : null, pack.endorsers.length ? `联署单位：${pack.endorsers.join("、")}` : null]
    .filter((x): x is string => x !== null)
    .join("\n");
  return `${head}\n\n${blocks.join("\n\n————————\n\n")}\n`;
}

function csvField(value: string, userText: boolean): string {
  // A spreadsheet runs a cell starting with = + - @ as a formula; people's own text is defused,
  // statute text is left exact.
  const safe = userText && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function packToCsv(pack: SubmissionPack): string {
  const header = [...PACK_HEADERS, "标题"].map((h) => csvField(h, false)).join(",");
  const rows = pack.rows.map((r) =>
    [csvField(r.label, false), csvField(r.currentText, false), csvField(r.proposedText, true), csvField(r.rationale, true), csvField(r.title, true)].join(","),
  );
  return "\uFEFF" + [header, ...rows].join("\r\n") + "\r\n";
}

/** A file name safe in a Content-Disposition header (ASCII fallback plus RFC 5987 UTF-8). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
