/**
 * Text folding for MATCHING only (search and comparison). Never apply it to what is stored,
 * shown or exported: statute text stays exactly as its source has it.
 *
 * The fold:
 * - full-width ASCII forms -> ASCII (：->:, （->(, Ａ->A), via per-character NFKC;
 * - curly and corner quotes -> ASCII quotes, 〈〉 -> <>;
 * - every kind of whitespace and zero-width character is dropped (Chinese statute text has no
 *   meaningful spaces; sources differ in U+3000 / ASCII spaces / U+200B);
 * - ASCII letters lower-cased;
 * - optionally traditional -> simplified characters (opencc "t" -> "cn", per character so that
 *   every folded character maps back to one source position).
 *
 * `foldWithOffsets` returns, for each folded character, the index of the source character it came
 * from, so that a match in folded text can be highlighted exactly in the source (in characters).
 */
import * as OpenCC from "opencc-js";

const QUOTES: Record<string, string> = {
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u300C": '"',
  "\u300D": '"',
  "\u300E": '"',
  "\u300F": '"',
  "\u2018": "'",
  "\u2019": "'",
  "\u3008": "<",
  "\u3009": ">",
  "\u3001": ",", // 、 enumeration comma: folded to a comma so 、/, typography differences do not count
  "\u3002": ".",
  "\uFF0E": ".",
  "\u2014": "-",
  "\u2013": "-",
  "\u2012": "-",
  "\uFF5E": "~",
  "\u301C": "~",
};

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/;
const SPACE = /\s/;

let t2s: ((s: string) => string) | null = null;
const simplifiedCache = new Map<string, string>();

function simplifyChar(ch: string): string {
  const cached = simplifiedCache.get(ch);
  if (cached !== undefined) return cached;
  if (!t2s) t2s = OpenCC.Converter({ from: "t", to: "cn" });
  const out = t2s(ch);
  // Per-character conversion keeps the offset map one-to-one; a conversion that changes length
  // (never seen for single CJK characters) is ignored.
  const result = [...out].length === 1 ? out : ch;
  simplifiedCache.set(ch, result);
  return result;
}

const foldCache = new Map<string, string>();

function foldChar(ch: string, simplify: boolean): string {
  const key = simplify ? ch : "\u0000" + ch;
  const cached = foldCache.get(key);
  if (cached !== undefined) return cached;
  let out: string;
  if (ZERO_WIDTH.test(ch) || SPACE.test(ch)) out = "";
  else if (QUOTES[ch] !== undefined) out = QUOTES[ch];
  else {
    out = ch.normalize("NFKC");
    // NFKC may expand (e.g. ㈠ -> (一)); keep expansions, they still map to one source character.
    out = out.toLowerCase();
    if (simplify && out.length === 1 && out.charCodeAt(0) >= 0x3400) out = simplifyChar(out);
    if (/^\s+$/.test(out)) out = "";
  }
  foldCache.set(key, out);
  return out;
}

export interface FoldOptions {
  /** Fold traditional characters to simplified (search). Default true. */
  simplify?: boolean;
}

export interface FoldedText {
  text: string;
  /** offsets[i] = index (UTF-16) in the source of the character that produced text[i]. */
  offsets: number[];
}

export function foldWithOffsets(source: string, options: FoldOptions = {}): FoldedText {
  const simplify = options.simplify ?? true;
  let text = "";
  const offsets: number[] = [];
  let i = 0;
  for (const ch of source) {
    const folded = foldChar(ch, simplify);
    for (let k = 0; k < folded.length; k++) offsets.push(i);
    text += folded;
    i += ch.length;
  }
  return { text, offsets };
}

/** Folded text without the offset map. */
export function foldForMatch(source: string, options: FoldOptions = {}): string {
  const simplify = options.simplify ?? true;
  let text = "";
  for (const ch of source) text += foldChar(ch, simplify);
  return text;
}

/**
 * Map a [start, end) range in folded text back to a [start, end) range in the source.
 * `end` in the source covers the whole last source character.
 */
export function sourceRange(folded: FoldedText, source: string, start: number, end: number): [number, number] {
  const s = folded.offsets[start] ?? source.length;
  const lastSource = folded.offsets[end - 1];
  if (lastSource === undefined) return [s, s];
  const cp = source.codePointAt(lastSource) ?? 0;
  return [s, lastSource + (cp > 0xffff ? 2 : 1)];
}
