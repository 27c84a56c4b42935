/**
 * Drafts as official pages print them: a stage marker on the title line or on a line of its own
 * (（草案）, （征求意见稿）, （草案二次审议稿）, 二次审议稿 …), and an explanation (关于《…（草案）》的说明)
 * before or after the draft text. Pure: no I/O. Called from parse.ts and parser/header.ts;
 * see docs/decisions/0011-consultations.md.
 */
import { chineseToNumber } from "../numerals";

/** Where a draft stands: NPC readings (一审/二审/三审 …) or a ministry's consultation draft. */
export const DRAFT_STAGES = ["reading-1", "reading-2", "reading-3", "reading-4", "consultation", "other"] as const;
export type DraftStage = (typeof DRAFT_STAGES)[number];

export interface DraftInfo {
  /** The stage marker exactly as printed, without its brackets: 草案二次审议稿. */
  label: string;
  stage: DraftStage;
  /** The title without the stage marker: the work the draft belongs to. */
  workTitle: string;
  /** 1-based line of the marker. */
  line: number;
}

export interface Explanation {
  /** Exact lines of the 说明, joined by "\n". */
  text: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

const STAGE_WORD = "(?:草案|征求意见稿|审议稿|送审稿)";
const MARKER_IN_TITLE_RE = new RegExp(`[（(]([^（）()]*${STAGE_WORD}[^（）()]*)[）)][\\s\\u3000]*$`);
const MARKER_LINE_RE = new RegExp(`^[\\s\\u3000]*[（(]([^（）()]*${STAGE_WORD}[^（）()]*)[）)][\\s\\u3000]*$`);
const BARE_MARKER_LINE_RE = /^[\s\u3000]*((?:(?:修订|修正)?草案)?(?:[一二三四五六七八九十]次审议稿|征求意见稿|送审稿))[\s\u3000]*$/;
const EXPLANATION_HEADING_RE = /^关于《[^》]+》(?:的|之)?(?:起草|修订|修改|编制)?说明$|^(?:草案|征求意见稿)?(?:起草|修订|修改|编制)说明$/;

export function draftStageOf(label: string): DraftStage {
  if (/征求意见/.test(label)) return "consultation";
  const reading = /([一二三四五六七八九十]+)次审议稿/.exec(label);
  if (reading) {
    const n = chineseToNumber(reading[1]) ?? 0;
    return n === 2 ? "reading-2" : n === 3 ? "reading-3" : n >= 4 ? "reading-4" : "reading-1";
  }
  if (/草案/.test(label) && !/送审/.test(label)) return "reading-1";
  return "other";
}

/** The stage marker of a line that holds nothing else ((草案二次审议稿), 征求意见稿), or null. */
export function matchDraftMarkerLine(line: string): string | null {
  return (MARKER_LINE_RE.exec(line) ?? BARE_MARKER_LINE_RE.exec(line))?.[1] ?? null;
}

/**
 * The draft a document is, from its title and the header lines after it; null for an enacted text.
 * A marker on its own line refines the one in the title (示例法（草案） + （二次审议稿）).
 */
export function readDraft(
  title: string | null,
  titleLine: number,
  markerLines: { text: string; line: number }[],
): DraftInfo | null {
  const inTitle = title === null ? null : MARKER_IN_TITLE_RE.exec(title);
  const own = markerLines.map((l) => ({ label: matchDraftMarkerLine(l.text), line: l.line })).find((l) => l.label);
  if (!inTitle && !own) return null;
  const label = own?.label ?? inTitle![1];
  const workTitle = inTitle ? title!.slice(0, inTitle.index).trim() : (title ?? "").trim();
  return { label, stage: draftStageOf(label), workTitle, line: own?.line ?? titleLine };
}

const squash = (s: string) => s.replace(/^#+/, "").replace(/[\s\u3000\u200B]/g, "");

/**
 * Finds the 说明 of a draft, blanks its lines in `lines` (so that line numbers of the draft text do
 * not move) and returns it. Before the draft it runs up to the draft's title printed again; after
 * the draft it runs to the end.
 */
export function cutExplanation(lines: string[]): Explanation | null {
  const start = lines.findIndex((l) => EXPLANATION_HEADING_RE.test(squash(l)));
  if (start === -1) return null;
  const quoted = /《([^》]+)》/.exec(squash(lines[start]))?.[1] ?? null;
  let end = lines.length;
  if (quoted) {
    // The title printed again may carry a later stage marker than the one the 说明 quotes.
    const base = quoted.replace(MARKER_IN_TITLE_RE, "");
    const repeat = lines.findIndex((l, j) => {
      const key = squash(l);
      return j > start && (key === quoted || (key.startsWith(base) && key.length <= base.length + 12 && MARKER_IN_TITLE_RE.test(key)));
    });
    if (repeat !== -1) end = repeat;
  }
  while (end > start + 1 && !/[^ \t\u3000]/.test(lines[end - 1])) end--;
  const text = lines.slice(start, end).join("\n");
  for (let j = start; j < end; j++) lines[j] = "";
  return { text, startLine: start + 1, endLine: end };
}
