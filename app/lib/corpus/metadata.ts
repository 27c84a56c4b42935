/**
 * Work and version metadata for files outside the catalogue, read from the file's own title and
 * enactment lines plus the path convention `<work-slug>/<YYYY-MM-DD>.md`. Pure: no I/O.
 */
import { chineseToNumber } from "./numerals";
import type { DraftStage } from "./parser/draft-header";
import type { ParsedDocument } from "./types";

export const WORK_KINDS = [
  "law",
  "administrative_regulation",
  "judicial_interpretation",
  "action_plan",
  "decision",
  "amending_instrument",
  "other",
] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

export const CHANGE_KINDS = ["enacted", "revised", "amended", "draft"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface WorkMeta {
  slug: string;
  titleZh: string;
  shortTitle?: string | null;
  titleEn?: string | null;
  kind: WorkKind;
  issuingBody?: string | null;
  /** The slug was made from the title (nobody gave one): a stored work of the same title is this work. */
  slugFromTitle?: boolean;
}

export interface VersionMeta {
  versionDate: string;
  changeKind: ChangeKind;
  effectiveDate: string | null;
  /** Drafts only: the stage (一审/二审/三审/征求意见稿) and its marker as printed. */
  draftStage?: DraftStage | null;
  draftLabel?: string | null;
}

/** Calendar dates written 2020年10月17日 (Arabic or Chinese numerals). */
const CN_DATE = /([0-9０-９〇零一二三四五六七八九]{4})年([0-9０-９一二三四五六七八九十]{1,3})月([0-9０-９一二三四五六七八九十]{1,3})日/g;

function toInt(s: string): number {
  const ascii = s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  if (/^[〇零一二三四五六七八九]{4}$/.test(ascii)) {
    return Number([...ascii].map((c) => "〇一二三四五六七八九".indexOf(c === "零" ? "〇" : c)).join(""));
  }
  return chineseToNumber(ascii) ?? NaN;
}

export function datesIn(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(CN_DATE)) {
    const y = toInt(m[1]);
    const mo = toInt(m[2]);
    const d = toInt(m[3]);
    if (y > 1900 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31) {
      out.push(`${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
    }
  }
  return out;
}

/**
 * The latest event of the history decides the version: its date and whether it revised, amended or
 * enacted. One line may hold several events (（2015年1月1日…通过　2020年10月17日…修订）): each date
 * owns the words up to the next date.
 */
export function versionFromHistory(history: string[]): { versionDate: string; changeKind: ChangeKind } | null {
  let best: { versionDate: string; changeKind: ChangeKind } | null = null;
  for (const line of history) {
    const starts = [...line.matchAll(CN_DATE)].map((m) => m.index);
    for (let k = 0; k < starts.length; k++) {
      const event = line.slice(starts[k], starts[k + 1] ?? line.length);
      const [date] = datesIn(event);
      if (!date) continue;
      const changeKind: ChangeKind = /修订/.test(event)
        ? "revised"
        : /修正|修改/.test(event)
          ? "amended"
          : /草案|征求意见/.test(event)
            ? "draft"
            : "enacted";
      if (!best || date >= best.versionDate) best = { versionDate: date, changeKind };
    }
  }
  return best;
}

/** 本法自2021年6月1日起施行 / 自公布之日起施行, searched from the end of the text. */
export function effectiveDateFromText(text: string, versionDate: string | null): string | null {
  const tail = text.slice(-3000);
  const explicit = [...tail.matchAll(/自([^。；\n]{6,20}?日)起(?:施行|实施|生效)/g)];
  for (let i = explicit.length - 1; i >= 0; i--) {
    const [date] = datesIn(explicit[i][1]);
    if (date) return date;
  }
  if (/自(?:公布|发布|印发)之日起(?:施行|实施|生效)/.test(tail)) return versionDate;
  return null;
}

export function kindFromTitle(title: string, pathHint = ""): WorkKind {
  if (/行动计划|规划|纲要/.test(title)) return "action_plan";
  if (/修正案/.test(title)) return "amending_instrument";
  if (/司法解释/.test(pathHint) || /^最高人民(法院|检察院)/.test(title)) return "judicial_interpretation";
  if (/决定$/.test(title)) return "decision";
  if (/条例$|行政法规/.test(title) || /行政法规/.test(pathHint)) return "administrative_regulation";
  if (/法$/.test(title)) return "law";
  return "other";
}

/** A short title: 中华人民共和国未成年人保护法 -> 未成年人保护法. */
export function shortTitleOf(title: string): string {
  return title.replace(/^中华人民共和国/, "");
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,80}$/;
const DATE_NAME = /^(\d{4}-\d{2}-\d{2})$/;
const DATE_IN_NAME = /[（(](\d{4}-\d{2}-\d{2})[)）]$/;

export interface PathHints {
  slug: string | null;
  versionDate: string | null;
  titleFromName: string | null;
}

/** `minors-protection-law/2020-10-17.md` or LawRefBook's `未成年人保护法(2020-10-17).md`. */
export function hintsFromPath(relativePath: string): PathHints {
  const parts = relativePath.split(/[\\/]/).filter(Boolean);
  const file = parts[parts.length - 1] ?? "";
  const base = file.replace(/\.(md|markdown|txt|docx)$/i, "");
  const folder = parts.length > 1 ? parts[parts.length - 2] : "";
  const dateName = DATE_NAME.exec(base);
  if (dateName) return { slug: SLUG.test(folder) ? folder : null, versionDate: dateName[1], titleFromName: null };
  const dateIn = DATE_IN_NAME.exec(base);
  return {
    slug: null,
    versionDate: dateIn ? dateIn[1] : null,
    titleFromName: (dateIn ? base.slice(0, dateIn.index) : base) || null,
  };
}

/** Said in messages: what isReachableSlug refuses. */
export const SLUG_RULE = "1-80 characters, no spaces, control characters or / ? # % \\, not only dots";

/**
 * A work's slug is one segment of its pages' addresses (/works/<slug>/…): "." and ".." are
 * resolved away by every browser and proxy, the others would end or split the segment.
 */
export function isReachableSlug(slug: string): boolean {
  return /^[^\s/?#%\\\p{Cc}]{1,80}$/u.test(slug) && !/^\.+$/.test(slug);
}

/** A stable slug for a work without one: its short title (URLs carry it percent-encoded). */
export function slugFromTitle(title: string): string {
  return shortTitleOf(title)
    .replace(/[\s/\\?#%]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

export interface InferredMeta {
  work: WorkMeta;
  version: VersionMeta;
}

export interface MetaOverrides {
  slug?: string;
  title?: string;
  titleEn?: string;
  kind?: WorkKind;
  issuingBody?: string;
  versionDate?: string;
  changeKind?: ChangeKind;
  effectiveDate?: string | null;
  draftStage?: DraftStage;
}

/** What could not be determined; `draft` is the stage marker when the text is a draft. */
export interface MissingMeta {
  missing: "title" | "versionDate";
  hint: string;
  draft?: string;
}

/**
 * Infer what is missing. Returns the field that could not be determined instead of guessing,
 * so that the caller can tell the user which flag to give.
 */
export function inferMetadata(
  doc: ParsedDocument,
  sourceText: string,
  relativePath: string,
  overrides: MetaOverrides = {},
): InferredMeta | MissingMeta {
  const hints = hintsFromPath(relativePath);
  // A draft belongs to the work it drafts: 示例法（草案二次审议稿） is a version of 示例法.
  const title = overrides.title ?? doc.draft?.workTitle ?? doc.title ?? hints.titleFromName;
  if (!title) return { missing: "title", hint: "the file has no title line; give --title" };
  const fromHistory = versionFromHistory(doc.history);
  const versionDate = overrides.versionDate ?? hints.versionDate ?? fromHistory?.versionDate ?? null;
  if (!versionDate) {
    // A published draft has no enactment line: its date is the day it was published for comment.
    return doc.draft
      ? { missing: "versionDate", draft: doc.draft.label, hint: `this is a draft (${doc.draft.label}) without a date line; give its publication date with --date YYYY-MM-DD` }
      : {
          missing: "versionDate",
          hint: "no date in the file name (<work>/<YYYY-MM-DD>.md) or in the enactment lines; give --date YYYY-MM-DD",
        };
  }
  const historyForDate = doc.history.filter((line) => datesIn(line).includes(versionDate));
  const changeKind =
    overrides.changeKind ??
    (doc.draft ? "draft" : undefined) ??
    versionFromHistory(historyForDate)?.changeKind ??
    (fromHistory?.versionDate === versionDate ? fromHistory.changeKind : doc.history.length > 1 ? "amended" : "enacted");
  const effectiveDate =
    overrides.effectiveDate !== undefined ? overrides.effectiveDate : effectiveDateFromText(sourceText, versionDate);
  return {
    work: {
      slug: overrides.slug ?? hints.slug ?? slugFromTitle(title),
      slugFromTitle: !overrides.slug && !hints.slug,
      titleZh: title,
      shortTitle: shortTitleOf(title),
      titleEn: overrides.titleEn ?? null,
      kind: overrides.kind ?? kindFromTitle(title, relativePath),
      issuingBody: overrides.issuingBody ?? null,
    },
    version: {
      versionDate,
      changeKind,
      effectiveDate: changeKind === "draft" ? (overrides.effectiveDate ?? null) : effectiveDate,
      draftStage: overrides.draftStage ?? doc.draft?.stage ?? null,
      draftLabel: doc.draft?.label ?? null,
    },
  };
}
