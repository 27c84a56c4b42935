/**
 * Reading the 款-level links of an alignment (types.ts ParagraphLink) for people and for other
 * modules: which 款 a line belongs to, how a link side is named ("第六条第二款"), which articles an
 * old article went to and where a new article's 款 came from. Pure; shares the alignment's numbering
 * (lines of `AlignUnit.text.split("\n")`, line 0 carrying the label).
 */
import { numberToChinese } from "~/lib/corpus/numerals";
import type { AlignedPair, AlignmentResult, ArticleLink, LinkKind, ParagraphLink, ParagraphSide } from "./types";

/** An item line ((一)… / 一、…) belongs to the 款 before it. */
const ITEM_LINE = /^[ \t\u3000]*(?:[（(][一二三四五六七八九十百]+[）)]|[一二三四五六七八九十百]+、)/;

/** For each line of an article's text, the number (1-based) of the 款 it belongs to. */
export function paragraphNumbers(text: string): number[] {
  let n = 0;
  return text.split("\n").map((line, i) => (i === 0 || !ITEM_LINE.test(line) ? ++n : Math.max(n, 1)));
}

/**
 * The 款 numbers of each article of a comparison's two versions, computed once per article and
 * call: a row names the sides of its links several times (ADR 0005, "Speed (session 5)").
 */
export interface Numbering {
  old: (key: string) => number[];
  new: (key: string) => number[];
}

export function numberingOf(texts: { old: Map<string, string>; new: Map<string, string> }): Numbering {
  const of = (side: Map<string, string>) => {
    const memo = new Map<string, number[]>();
    return (key: string) => {
      let numbers = memo.get(key);
      if (!numbers) memo.set(key, (numbers = paragraphNumbers(side.get(key) ?? "")));
      return numbers;
    };
  };
  return { old: of(texts.old), new: of(texts.new) };
}

/** "第六条第二款", "第六条第二款、第三款", "第六条第二款第1句"; the article alone when the side is all of it. */
export function describeSide(side: ParagraphSide, label: string | null, text: string, numbers = paragraphNumbers(text)): string {
  const article = label ?? side.key;
  const covered = [...new Set(side.lines.map((l) => numbers[l]).filter((n) => n !== undefined))].sort((a, b) => a - b);
  const sentences = side.sentences?.length ? `第${side.sentences.map((s) => s + 1).join("、")}句` : "";
  const whole = covered.length === 0 || covered.length === (numbers[numbers.length - 1] ?? 0);
  if (whole && !sentences) return article;
  return article + covered.map((n) => `第${numberToChinese(n)}款`).join("、") + sentences;
}

/** Article links of an alignment; an alignment cached before paragraph links existed has only its groups. */
export function articleLinks(result: Pick<AlignmentResult, "pairs"> & { links?: ArticleLink[] }): ArticleLink[] {
  return (
    result.links ?? result.pairs.flatMap((p) => p.from.flatMap((f) => p.to.map((t) => ({ from: f, to: t, primary: true, score: p.score }))))
  );
}

/** Where an old article went: its primary successors, else whatever it also fed into. */
export function successorsOf(links: ArticleLink[], oldKey: string): string[] {
  const mine = links.filter((l) => l.from === oldKey);
  const primary = mine.filter((l) => l.primary);
  return [...new Set((primary.length ? primary : mine).map((l) => l.to))];
}

/** Where a new article came from: its primary predecessors, else whatever it also draws on. */
export function predecessorsOf(links: ArticleLink[], newKey: string): string[] {
  const mine = links.filter((l) => l.to === newKey);
  const primary = mine.filter((l) => l.primary);
  return [...new Set((primary.length ? primary : mine).map((l) => l.from))];
}

/**
 * A group's links as a reader needs them, or none when they would only repeat the row: a one-to-one
 * pair whose every 款 stayed in its place needs no "which 款 went where".
 */
export function informativeLinks(
  pair: AlignedPair,
  texts: { old: Map<string, string>; new: Map<string, string> },
  numbering: Numbering = numberingOf(texts),
): ParagraphLink[] {
  const links = pair.links ?? [];
  const oneToOne = pair.from.length === 1 && pair.to.length === 1;
  const inPlace = (l: ParagraphLink) => {
    if (!l.primary || l.kind === "moved") return false;
    const oldText = texts.old.get(l.from.key) ?? "";
    const newText = texts.new.get(l.to.key) ?? "";
    // The same text numbers its 款 the same way: an article carried over verbatim (most of an
    // amendment) needs no numbering (ADR 0005, "Speed (session 5)").
    if (oldText === newText && sameLines(l.from.lines, l.to.lines)) return true;
    const a = numbering.old(l.from.key);
    const b = numbering.new(l.to.key);
    return l.from.lines.map((x) => a[x]).join() === l.to.lines.map((x) => b[x]).join();
  };
  return oneToOne && links.every(inPlace) ? [] : links;
}

function sameLines(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The groups re-cut per old article, each keeping only the articles that article is linked to
 * (primary links first): in a component joined through a neighbour, an old article's successors are
 * its own links, not the whole row. What re-anchoring a recommendation follows.
 */
export function successorPairs(result: AlignmentResult): AlignedPair[] {
  const links = articleLinks(result);
  return result.pairs.flatMap((p) =>
    p.from.map((f): AlignedPair => {
      const to = successorsOf(links, f);
      return { ...p, from: [f], to, label: to.length ? p.label : "removed" };
    }),
  );
}

export interface ParagraphOrigin {
  /** The new 款 ("第一款"), as it is named in the new article. */
  paragraph: string;
  /** Where it came from ("第六条第二款"), primary first; empty when the 款 is new. */
  from: { text: string; primary: boolean; kind: LinkKind }[];
}

/** Where each 款 of a new article came from, by the 款 links of the group holding it. */
export function paragraphOrigins(
  pair: AlignedPair,
  newUnit: { key: string; label: string | null; text: string },
  oldUnits: Map<string, { label: string | null; text: string }>,
): ParagraphOrigin[] {
  const numbers = paragraphNumbers(newUnit.text);
  const total = numbers[numbers.length - 1] ?? 0;
  const links = (pair.links ?? []).filter((l) => l.to.key === newUnit.key);
  const out: ParagraphOrigin[] = [];
  for (let n = 1; n <= total; n++) {
    const from = links
      .filter((l) => l.to.lines.some((x) => numbers[x] === n))
      .sort((a, b) => Number(b.primary) - Number(a.primary))
      .map((l) => {
        const o = oldUnits.get(l.from.key);
        return { text: describeSide(l.from, o?.label ?? null, o?.text ?? ""), primary: l.primary, kind: l.kind };
      });
    out.push({ paragraph: `第${numberToChinese(n)}款`, from });
  }
  return out;
}
