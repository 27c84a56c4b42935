/**
 * The header of a law text: front matter, title, enactment history, draft stage lines and table of
 * contents, up to the first body line. Pure; see docs/decisions/0003-parser.md.
 */
import type { WarningKind } from "../types";
import { isHeadingLike, isLabelled } from "./classify";
import { matchDraftMarkerLine } from "./draft-header";
import { HISTORY_DATE_RE, HISTORY_WORD_RE, INFO_END_RE, NON_BLANK_RE } from "./patterns";

export interface Header {
  title: string | null;
  /** 1-based line of the title. */
  titleLine: number;
  history: string[];
  /** Draft stage lines ((草案二次审议稿)), also kept in history so they are stored exactly. */
  markers: { text: string; line: number }[];
  /** 0-based index of the first body line. */
  bodyStart: number;
}

export function readHeader(
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

