/**
 * Rows of a 新旧对照 table: one row per group of the alignment (every old and every new article of
 * one connected component) with the exact texts of both sides, an inline diff of the bodies and the
 * substantive signals; plus what the page and the exports derive from the rows: one kind per row
 * (so the summary's counts add up to the rows), renumbering and moving as attributes, and the chapter
 * correspondence of the two versions. Pure; shared by the page and the exports.
 */
import { foldWithOffsets } from "~/lib/text/normalize";
import { diffTexts, hasChanges, type DiffSegment } from "./diff";
import { newSide, oldSide, segmentsPerUnit } from "./segments";
import { detectSignals, type Signal } from "./signals";
import { chapterIdentity, splitLabel } from "./text";
import { describeSide, informativeLinks, numberingOf } from "./lineage";
import { ROW_FLAGS, ROW_KINDS, type RowFlag, type RowKind } from "./row-kinds";
import type { AlignedPair, AlignmentResult, AlignUnit, LinkKind, PairLabel, ParagraphLink } from "./types";

export { segmentsPerUnit };

export interface RowUnit {
  key: string;
  label: string | null;
  /** Exact leading label with its separator ("第十五条 "); `head + body` is the exact text. */
  head: string;
  body: string;
  chapterKey: string;
  chapterLabel: string;
}

/** A primary 款 (or sentence) link of a group, named for a reader: "第六条第二款" → "第十一条第一款". */
export interface RowLink {
  from: string;
  to: string;
  kind: LinkKind;
}

export interface CompareRow {
  /** Stable id for anchors and keyboard navigation ("row-art-3--art-4"). */
  id: string;
  pair: AlignedPair;
  kind: RowKind;
  flags: RowFlag[];
  old: RowUnit[];
  new: RowUnit[];
  /** Diff of the old bodies against the new bodies (several units joined by a line break). */
  segments: DiffSegment[];
  signals: Signal[];
  /** Which 款 went where inside the group; empty when that would only repeat the row. */
  links: RowLink[];
  /** What the new text also draws on (secondary links), "第十一条第一款 ← 第六条第三款". */
  alsoDrawsOn: string[];
  /** False for unchanged rows, unless the typography view finds something to show. */
  changed: boolean;
  /** Key of the chapter pair (`ChapterPair.key`) the chapter filter puts this row under. */
  chapter: string;
  /** Chapter of the new side, else the old side's (exact heading text). */
  chapterKey: string;
  chapterLabel: string;
}

export interface RowOptions {
  showTypography?: boolean;
}

/** The bodies of one side joined by line breaks (one unit: its body, no array to join). */
const joinBodies = (units: RowUnit[]) => (units.length === 1 ? units[0].body : units.map((u) => u.body).join("\n"));

function rowUnit(u: AlignUnit): RowUnit {
  const { head, body } = splitLabel(u.text, u.label);
  return { key: u.key, label: u.label, head, body, chapterKey: u.chapterKey, chapterLabel: u.chapterLabel };
}

/** The kind follows the group's shape first (an algorithm may label a three-way group either way), then its label. */
export function rowKind(pair: Pick<AlignedPair, "from" | "to" | "label">): RowKind {
  if (!pair.from.length) return "added";
  if (!pair.to.length) return "removed";
  if (pair.from.length > 1 && pair.to.length > 1) return "regrouped";
  if (pair.to.length > 1) return "split";
  if (pair.from.length > 1) return "merged";
  const byLabel: Partial<Record<PairLabel, RowKind>> = {
    unchanged: "unchanged",
    renumbered: "unchanged",
    "reference-update": "reference-update",
  };
  return byLabel[pair.label] ?? "modified";
}

function rowFlags(pair: AlignedPair): RowFlag[] {
  const flags: RowFlag[] = [];
  if (pair.renumbered || pair.label === "renumbered") flags.push("renumbered");
  if (pair.moved || pair.label === "moved") flags.push("moved");
  if (pair.manual) flags.push("manual");
  return flags;
}

export function buildRows(
  oldUnits: AlignUnit[],
  newUnits: AlignUnit[],
  alignment: AlignmentResult,
  opts: RowOptions = {},
): CompareRow[] {
  const oldByKey = new Map(oldUnits.map((u) => [u.key, u]));
  const newByKey = new Map(newUnits.map((u) => [u.key, u]));
  const texts = { old: new Map(oldUnits.map((u) => [u.key, u.text])), new: new Map(newUnits.map((u) => [u.key, u.text])) };
  const name = (side: "old" | "new", key: string) => (side === "old" ? oldByKey : newByKey).get(key)?.label ?? key;
  const numbering = numberingOf(texts);
  const side = (l: ParagraphLink, which: "from" | "to") => {
    const version = which === "from" ? "old" : "new";
    const key = l[which].key;
    return describeSide(l[which], name(version, key), texts[version].get(key) ?? "", numbering[version](key));
  };
  const groupLinks = (pair: AlignedPair): Pick<CompareRow, "links" | "alsoDrawsOn"> => {
    const links = informativeLinks(pair, texts, numbering);
    // Most rows of an amendment: nothing to name (ADR 0005, "Speed (session 5)").
    if (!links.length && !pair.secondary?.length) return { links: [], alsoDrawsOn: [] };
    const secondary = links.filter((l) => !l.primary);
    // Line-level links (a 款 and each of its items) read the same once named by 款: keep one of each.
    const named = links.filter((l) => l.primary).map((l) => ({ from: side(l, "from"), to: side(l, "to"), kind: l.kind }));
    const also = secondary.length
      ? secondary.map((l) => `${side(l, "to")} ← ${side(l, "from")}`)
      : (pair.secondary ?? []).map((l) => `${name("new", l.to)} ← ${name("old", l.from)}`);
    return {
      links: [...new Map(named.map((l) => [`${l.from}|${l.to}|${l.kind}`, l])).values()],
      alsoDrawsOn: [...new Set(also)],
    };
  };
  const rows = alignment.pairs.map((pair): CompareRow => {
    const old = pair.from.map((k) => rowUnit(oldByKey.get(k)!));
    const neu = pair.to.map((k) => rowUnit(newByKey.get(k)!));
    const oldBody = joinBodies(old);
    const newBody = joinBodies(neu);
    // Two different non-empty sides are folded once, for the diff and the signals (ADR 0005).
    const folded = oldBody && newBody && oldBody !== newBody ? { old: foldWithOffsets(oldBody), new: foldWithOffsets(newBody) } : undefined;
    const segments = diffTexts(oldBody, newBody, { showTypography: opts.showTypography, folded });
    const kind = rowKind(pair);
    const signals = kind === "unchanged" ? [] : detectSignals(oldBody, newBody, folded && { old: folded.old.text, new: folded.new.text });
    // A renumbered or moved article with the same text is still a change a reader wants to see.
    const changed = pair.label !== "unchanged" || hasChanges(segments);
    const where = neu[0] ?? old[0];
    const { links, alsoDrawsOn } = groupLinks(pair);
    return {
      id: `row-${pair.from.join("+") || "none"}--${pair.to.join("+") || "none"}`,
      pair,
      kind,
      flags: rowFlags(pair),
      old,
      new: neu,
      segments,
      signals,
      links,
      alsoDrawsOn,
      changed,
      chapter: "",
      chapterKey: where.chapterKey,
      chapterLabel: where.chapterLabel,
    };
  });
  const { rowChapter } = chapterCorrespondence(rows);
  for (const r of rows) r.chapter = rowChapter(r);
  return rows;
}

export interface ChapterPair {
  /** Filter value: "new:<chapterKey>", or "old:<chapterKey>" for an old chapter with no successor. */
  key: string;
  /** Exact headings of the old chapters whose articles went (mostly) into this chapter. */
  oldLabels: string[];
  /** Exact heading of the new chapter; null when the old chapter has no successor. */
  newLabel: string | null;
  /** True when old and new headings differ beyond their number and typography. */
  renamed: boolean;
}

/**
 * Which old chapter became which new chapter, by where most of its articles went; every row belongs
 * to one pair (a removed article to the successor of its old chapter). Headings that differ only in
 * typography (第三章 学校保护 / 第三章　学校保护) are one pair, not two filter entries.
 */
export function chapterCorrespondence(rows: CompareRow[]): {
  pairs: ChapterPair[];
  rowChapter: (row: CompareRow) => string;
} {
  const oldLabel = new Map<string, string>();
  const newOrder: { key: string; label: string }[] = [];
  const seenNew = new Set<string>();
  const votes = new Map<string, Map<string, number>>();
  for (const r of rows) {
    for (const u of r.new)
      if (u.chapterLabel && !seenNew.has(u.chapterKey)) {
        seenNew.add(u.chapterKey);
        newOrder.push({ key: u.chapterKey, label: u.chapterLabel });
      }
    for (const o of r.old) {
      if (!o.chapterLabel) continue;
      oldLabel.set(o.chapterKey, o.chapterLabel);
      const v = votes.get(o.chapterKey) ?? new Map<string, number>();
      votes.set(o.chapterKey, v);
      for (const n of r.new) if (n.chapterLabel) v.set(n.chapterKey, (v.get(n.chapterKey) ?? 0) + 1);
    }
  }
  const successor = new Map<string, string>();
  for (const [oldKey, v] of votes) {
    const best = [...v].sort((a, b) => b[1] - a[1])[0];
    if (best) successor.set(oldKey, best[0]);
  }
  const pairs: ChapterPair[] = newOrder.map(({ key, label }) => {
    const oldLabels = [...successor].filter(([, n]) => n === key).map(([o]) => oldLabel.get(o)!);
    const renamed = oldLabels.length !== 1 || chapterIdentity(oldLabels[0]) !== chapterIdentity(label);
    return { key: `new:${key}`, oldLabels, newLabel: label, renamed };
  });
  for (const [oldKey, label] of oldLabel)
    if (!successor.has(oldKey)) pairs.push({ key: `old:${oldKey}`, oldLabels: [label], newLabel: null, renamed: true });
  const rowChapter = (r: CompareRow) => {
    const n = r.new.find((u) => u.chapterLabel);
    if (n) return `new:${n.chapterKey}`;
    const o = r.old.find((u) => u.chapterLabel);
    if (!o) return "";
    const s = successor.get(o.chapterKey);
    return s ? `new:${s}` : `old:${o.chapterKey}`;
  };
  return { pairs, rowChapter };
}

export interface CompareSummary {
  /** Rows of the whole comparison; the kinds add up to it. */
  total: number;
  kinds: Record<RowKind, number>;
  /** Rows carrying each attribute, whatever their kind. */
  flags: Record<RowFlag, number>;
  /** Articles on each side (a group holds several). */
  oldArticles: number;
  newArticles: number;
}

export function summarizeRows(rows: CompareRow[]): CompareSummary {
  const kinds = Object.fromEntries(ROW_KINDS.map((k) => [k, 0])) as Record<RowKind, number>;
  const flags = Object.fromEntries(ROW_FLAGS.map((k) => [k, 0])) as Record<RowFlag, number>;
  let oldArticles = 0;
  let newArticles = 0;
  for (const r of rows) {
    kinds[r.kind]++;
    for (const f of r.flags) flags[f]++;
    oldArticles += r.old.length;
    newArticles += r.new.length;
  }
  return { total: rows.length, kinds, flags, oldArticles, newArticles };
}

/** One side's article of a row as the page draws it: its own share of the diff, no duplicate text. */
export interface RowViewUnit {
  key: string;
  label: string | null;
  head: string;
  segments: DiffSegment[];
}

/**
 * A row as the browser receives it: the side-by-side view needs each article's share of the diff,
 * the redline view the combined diff; sending only the one in use halves the page.
 */
export interface RowView {
  id: string;
  kind: RowKind;
  flags: RowFlag[];
  score: number;
  from: string[];
  to: string[];
  old: RowViewUnit[];
  new: RowViewUnit[];
  /** Redline view only: the diff of all old bodies against all new bodies. */
  inline: DiffSegment[] | null;
  signals: Signal[];
  links: RowLink[];
  alsoDrawsOn: string[];
  changed: boolean;
}

export function toRowView(row: CompareRow, view: "side" | "inline"): RowView {
  const side = (units: RowUnit[], segments: DiffSegment[]): RowViewUnit[] => {
    const parts = view === "side" ? segmentsPerUnit(units, segments) : [];
    return units.map((u, i) => ({ key: u.key, label: u.label, head: u.head, segments: parts[i] ?? [] }));
  };
  return {
    id: row.id,
    kind: row.kind,
    flags: row.flags,
    score: row.pair.score,
    from: row.pair.from,
    to: row.pair.to,
    old: side(row.old, oldSide(row.segments)),
    new: side(row.new, newSide(row.segments)),
    inline: view === "inline" ? row.segments : null,
    signals: row.signals,
    links: row.links,
    alsoDrawsOn: row.alsoDrawsOn,
    changed: row.changed,
  };
}
