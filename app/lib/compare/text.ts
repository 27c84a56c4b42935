/**
 * Text helpers shared by alignment, diff and signals. Pure; matching only (never display).
 */
import { NUMERAL_CLASS, chineseToNumber } from "~/lib/corpus/numerals";
import { foldForMatch } from "~/lib/text/normalize";

const LEADING_LABEL = new RegExp(`^第[${NUMERAL_CLASS}]+条(?:之[${NUMERAL_CLASS}]+)?[\\s\\u3000\\u200B]*`);

/**
 * Split an article's exact text into its leading label (第十五条 plus the separator) and its body.
 * The body is what alignment and diff compare: a renumbered article must not look edited just
 * because its own label changed.
 */
export function splitLabel(text: string, label?: string | null): { head: string; body: string } {
  if (label && text.startsWith(label)) {
    let end = label.length;
    while (end < text.length && isSeparator(text.charCodeAt(end))) end++;
    return { head: text.slice(0, end), body: text.slice(end) };
  }
  const m = LEADING_LABEL.exec(text);
  if (!m) return { head: "", body: text };
  return { head: m[0], body: text.slice(m[0].length) };
}

/**
 * The characters of `[\s\u3000\u200B]` (JavaScript's \s: Unicode white space and line terminators,
 * plus U+200B), tested by code: splitLabel runs on every article of both versions, twice per
 * comparison, and a regex per article was a visible share of an amendment's (ADR 0005, "Speed
 * (session 5)"). tests/unit/compare/text.test.ts checks it against the regex on every UTF-16 unit.
 */
export function isSeparator(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Punctuation and symbols: bigrams of the words alone are what alignment compares. */
export const NON_WORD = /[^\p{L}\p{N}]/gu;

/**
 * The criminal-liability formula ((尚不)构成犯罪的，依法追究刑事责任), the tail of almost every penalty
 * clause, and the bare 违反本法规定 that opens a catch-all article (since the 2020s drafting style often
 * an article of its own: 违反本法规定，构成犯罪的，依法追究刑事责任). Sharing them is no evidence of
 * succession: with them, an old penalty was linked through its tail alone to the new catch-all (pjdl
 * 51 -> 67, cel 31 -> 53). Bigrams skip them (a cited article, 违反本法第十八条的规定, stays); the other
 * penalty formulas (治安管理处罚, 对直接负责的主管人员, 给予处分) were measured the same way and kept, because
 * penalties carried forward share them (ADR 0005).
 */
const LIABILITY_FORMULA = /违反本(?:法|条例|规定|办法)规定[，,]?(?:(?:尚不)?构成犯罪的[，,]?依法追究刑事责任)?|(?:尚不)?构成犯罪的[，,]?依法追究刑事责任/g;

/** Folded text without LIABILITY_FORMULA (the criminal-liability formula, a bare 违反本法规定), a sentence break in each place. Matching only. */
export function withoutFormulas(folded: string): string {
  return folded.includes("刑事责任") || folded.includes("违反本") ? folded.replace(LIABILITY_FORMULA, "。") : folded;
}

/** A cross-reference to an article (第十条, 第一百二十条之一) in folded text. */
export const ARTICLE_REFERENCE = new RegExp(`第([${NUMERAL_CLASS}]+)条(?:之([${NUMERAL_CLASS}]+))?`, "g");

export interface ArticleReference {
  number: number;
  suffix: number;
}

/** Article references in order, and the text with each reference replaced by a placeholder. */
export function maskReferences(folded: string): { masked: string; refs: ArticleReference[] } {
  const refs: ArticleReference[] = [];
  const masked = folded.replace(ARTICLE_REFERENCE, (whole, num: string, suf: string | undefined) => {
    const number = chineseToNumber(num);
    if (number === null) return whole;
    refs.push({ number, suffix: suf ? (chineseToNumber(suf) ?? 0) : 0 });
    return "第#条";
  });
  return { masked, refs };
}

const N = `[${NUMERAL_CLASS}]+`;
/** 第五十九条, 第一百二十条之一, 第五十九条第一款. */
const CLAUSE_REFERENCE = new RegExp(`第(${N})条(?:之(${N}))?(?:第(${N})款)?`, "g");
/** A run of references to the instrument itself (本法第五十八条、第五十九条第一款、第六十条), not to another law (刑法第二百三十六条). */
const OWN_REFERENCES = new RegExp(`本(?:法|条例|规定|办法|决定)((?:第${N}条(?:之${N})?(?:第${N}款)?(?:第${N}项)?[、，,和及或者以]*)+)`, "g");

/** The articles of its own instrument that a folded text cites, with the 款 a citation names (0: none). */
export function ownReferences(folded: string): (ArticleReference & { clause: number })[] {
  const out: (ArticleReference & { clause: number })[] = [];
  for (const run of folded.matchAll(OWN_REFERENCES)) {
    for (const m of run[1].matchAll(CLAUSE_REFERENCE)) {
      const number = chineseToNumber(m[1]);
      if (number === null) continue;
      out.push({ number, suffix: m[2] ? (chineseToNumber(m[2]) ?? 0) : 0, clause: m[3] ? (chineseToNumber(m[3]) ?? 0) : 0 });
    }
  }
  return out;
}

const HEADING_NUMBER = new RegExp(`第[${NUMERAL_CLASS}]+[编章节]`, "g");

/** A chapter heading path without its numbers, folded: chapters are renumbered in a rewrite too. */
export function chapterIdentity(chapterLabel: string): string {
  return foldForMatch(chapterLabel.replace(HEADING_NUMBER, "")).replace(NON_WORD, "");
}
