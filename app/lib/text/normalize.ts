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

// Folded form of every BMP code unit seen so far, one table per mode: an array lookup per character is
// what keeps folding cheap on whole laws (comparison folds every article of both versions).
const BMP_TABLES: [(string | undefined)[], (string | undefined)[]] = [new Array(65536), new Array(65536)];
const astralCache = new Map<string, string>();

function computeFold(ch: string, simplify: boolean): string {
  if (ZERO_WIDTH.test(ch) || SPACE.test(ch)) return "";
  if (QUOTES[ch] !== undefined) return QUOTES[ch];
  // NFKC may expand (e.g. ㈠ -> (一)); keep expansions, they still map to one source character.
  let out = ch.normalize("NFKC").toLowerCase();
  if (simplify && out.length === 1 && out.charCodeAt(0) >= 0x3400) out = simplifyChar(out);
  return /^\s+$/.test(out) ? "" : out;
}

function foldChar(ch: string, simplify: boolean): string {
  if (ch.length === 1) {
    const table = BMP_TABLES[simplify ? 1 : 0];
    const code = ch.charCodeAt(0);
    let out = table[code];
    if (out === undefined) table[code] = out = computeFold(ch, simplify);
    return out;
  }
  const key = (simplify ? "s" : "k") + ch;
  let out = astralCache.get(key);
  if (out === undefined) astralCache.set(key, (out = computeFold(ch, simplify)));
  return out;
}

export interface FoldOptions {
  /** Fold traditional characters to simplified (search). Default true. */
  simplify?: boolean;
}

export interface FoldedText {
  text: string;
  /** offsets[i] = index (UTF-16) in the source of the character that produced text[i]. */
  offsets: Int32Array;
}

export function foldWithOffsets(source: string, options: FoldOptions = {}): FoldedText {
  const simplify = options.simplify ?? true;
  const table = BMP_TABLES[simplify ? 1 : 0];
  let n = 0;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    const from = i;
    let folded = table[code];
    if (folded === undefined || (code >= 0xd800 && code <= 0xdbff)) {
      // A surrogate pair is one character: fold it whole and keep the offset of its first unit.
      const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < source.length;
      folded = foldChar(pair ? source.slice(i, i + 2) : source[i], simplify);
      if (pair) i++;
    }
    ensureFoldCapacity(n + folded.length, source.length - i);
    for (let k = 0; k < folded.length; k++) {
      foldBuffer[n] = folded.charCodeAt(k);
      offsetBuffer[n++] = from;
    }
  }
  return { text: n === 0 ? "" : bufferToString(n), offsets: offsetBuffer.slice(0, n) };
}

// Code units of the folded text being built: one growing buffer turned into one flat string at the
// end. Appending character by character built long cons-string chains, and folding a whole corpus
// for search ranking spent more time in the garbage collector than in folding.
let foldBuffer = new Uint16Array(4096);
let offsetBuffer = new Int32Array(4096);
const CHUNK = 8192;

/** Room for `needed` code units, plus `rest` more (the source characters still to fold). */
function ensureFoldCapacity(needed: number, rest: number): void {
  if (needed <= foldBuffer.length) return;
  const size = Math.max(foldBuffer.length * 2, needed + rest);
  const grown = new Uint16Array(size);
  grown.set(foldBuffer);
  foldBuffer = grown;
  const grownOffsets = new Int32Array(size);
  grownOffsets.set(offsetBuffer);
  offsetBuffer = grownOffsets;
}

function bufferToString(n: number): string {
  if (n <= CHUNK) return String.fromCharCode.apply(null, foldBuffer.subarray(0, n) as unknown as number[]);
  const parts: string[] = [];
  for (let start = 0; start < n; start += CHUNK) {
    parts.push(String.fromCharCode.apply(null, foldBuffer.subarray(start, Math.min(n, start + CHUNK)) as unknown as number[]));
  }
  return parts.join("");
}

/** Folded text without the offset map. */
export function foldForMatch(source: string, options: FoldOptions = {}): string {
  const simplify = options.simplify ?? true;
  const table = BMP_TABLES[simplify ? 1 : 0];
  let n = 0;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    let folded = table[code];
    if (folded === undefined || (code >= 0xd800 && code <= 0xdbff)) {
      const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < source.length;
      folded = foldChar(pair ? source.slice(i, i + 2) : source[i], simplify);
      if (pair) i++;
    }
    ensureFoldCapacity(n + folded.length, source.length - i);
    if (folded.length === 1) foldBuffer[n++] = folded.charCodeAt(0);
    else for (let k = 0; k < folded.length; k++) foldBuffer[n++] = folded.charCodeAt(k);
  }
  return n === 0 ? "" : bufferToString(n);
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
