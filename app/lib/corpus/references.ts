/**
 * Cross-references inside statute text (本法第十一条, 第二十条之一, 前款, 前两款, 本条第二款, 前条)
 * turned into link targets, and citations of a provision. Pure: the text itself is never changed,
 * only split into segments, some of which carry a target key.
 */
import { chineseToNumber, NUMERAL_CLASS } from "./numerals";

export interface TextSegment {
  text: string;
  /** Provision key in the same version ("art-11", "art-5/para-1"), when the segment is a reference. */
  targetKey?: string;
  /** The unit's own label, for display emphasis. */
  label?: boolean;
}

export interface ReferenceContext {
  /** Key of the article the text belongs to ("art-20"), or null outside articles. */
  articleKey: string | null;
  /** 1-based paragraph number within the article, when known. */
  paragraph: number | null;
  /** Keys that exist in the version; references to anything else stay plain text. */
  exists: (key: string) => boolean;
}

const N = `[${NUMERAL_CLASS}]+`;
// A reference: 本法/本条例… 第X条(之Y)(第Z款), bare 第X条, 本条第Z款, 前款, 前两款, 前条.
const REFERENCE = new RegExp(
  `(?:本(?:法|条例|规定|办法|决定|解释))?第(${N})条(?:之(${N}))?(?:第(${N})款)?|本条第(${N})款|前(两|二|三)?款|前条`,
  "gu",
);

function articleKey(number: number, suffix: number): string {
  return suffix ? `art-${number}-${suffix}` : `art-${number}`;
}

function previousArticleKey(key: string): string | null {
  const m = /^art-(\d+)(?:-(\d+))?$/.exec(key);
  if (!m) return null;
  const n = Number(m[1]);
  const s = m[2] ? Number(m[2]) : 0;
  if (s > 1) return articleKey(n, s - 1);
  if (s === 1) return articleKey(n, 0);
  return n > 1 ? articleKey(n - 1, 0) : null;
}

export function linkReferences(text: string, ctx: ReferenceContext): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(REFERENCE)) {
    const start = m.index ?? 0;
    // The article's own label at the very start of its text is not a reference.
    if (start === 0 && m[1] && !m[0].startsWith("本") && ctx.articleKey) {
      const n = chineseToNumber(m[1]);
      const s = m[2] ? (chineseToNumber(m[2]) ?? 0) : 0;
      if (n !== null && articleKey(n, s) === ctx.articleKey.split("/")[0]) continue;
    }
    let target: string | null = null;
    if (m[1]) {
      const n = chineseToNumber(m[1]);
      const s = m[2] ? (chineseToNumber(m[2]) ?? 0) : 0;
      if (n !== null) {
        target = articleKey(n, s);
        if (m[3]) {
          const p = chineseToNumber(m[3]);
          if (p !== null && ctx.exists(`${target}/para-${p}`)) target = `${target}/para-${p}`;
        }
      }
      // 《其他法律》第X条 or 刑法第X条 refers to another instrument: leave it as text.
      if (!m[0].startsWith("本") && /[》法例典定释]/.test(text[start - 1] ?? "")) target = null;
    } else if (m[4] && ctx.articleKey) {
      const p = chineseToNumber(m[4]);
      if (p !== null) target = `${ctx.articleKey}/para-${p}`;
    } else if (m[0].startsWith("前") && m[0].endsWith("款") && ctx.articleKey && ctx.paragraph) {
      // 前款 = the paragraph before this one; 前两款 = the two before it (link to the first of them).
      const count = m[5] ? (m[5] === "三" ? 3 : 2) : 1;
      const p = ctx.paragraph - count;
      if (p >= 1) target = `${ctx.articleKey}/para-${p}`;
    } else if (m[0] === "前条" && ctx.articleKey) {
      target = previousArticleKey(ctx.articleKey);
    }
    if (!target || !ctx.exists(target)) continue;
    if (start > last) segments.push({ text: text.slice(last, start) });
    segments.push({ text: m[0], targetKey: target });
    last = start + m[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

const CHANGE_WORD: Record<string, string> = { enacted: "", revised: "修订", amended: "修正", draft: "草案" };

/** 《中华人民共和国未成年人保护法》（2020年修订）第十五条 */
export function formatCitation(
  workTitle: string,
  version: { versionDate: string; changeKind: string },
  unitLabel: string | null,
): string {
  const year = version.versionDate.slice(0, 4);
  const edition = `（${year}年${CHANGE_WORD[version.changeKind] ?? ""}）`;
  return `《${workTitle}》${edition}${unitLabel ?? ""}`;
}
