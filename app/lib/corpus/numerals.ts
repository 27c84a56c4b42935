/**
 * Chinese numerals as used in statute labels (第一百三十二条, 之二, （十五）) <-> integers.
 * Pure; no I/O.
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

const DIGIT_CHARS = "〇一二三四五六七八九";

/** Characters that may make up a label number: Chinese numerals, ASCII and full-width digits. */
export const NUMERAL_CLASS = "零〇一二三四五六七八九两十百千万0-9０-９";

function fullWidthToAscii(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * "一百零五" -> 105, "十五" -> 15, "两百" -> 200, "132" / "１３２" -> 132.
 * Returns null when the string is not a well-formed numeral, so callers can tell a label
 * from ordinary text that happens to contain numeral characters.
 */
export function chineseToNumber(input: string): number | null {
  const s = fullWidthToAscii(input.trim());
  if (s === "") return null;
  if (/^\d+$/.test(s)) return Number(s);

  let total = 0;
  let section = 0; // value below 万
  let digit: number | null = null;
  let lastUnit = Infinity;
  for (const ch of s) {
    if ((ch === "零" || ch === "〇") && digit === null && (lastUnit !== Infinity || total > 0)) {
      // 一百零五: the zero only marks a skipped place.
      continue;
    }
    if (ch in DIGITS) {
      if (digit !== null) {
        // Two digits in a row are only valid as positional digits (二〇二三), handled below.
        return positionalDigits(s);
      }
      digit = DIGITS[ch];
    } else if (ch in UNITS) {
      const unit = UNITS[ch];
      if (unit >= lastUnit) return null;
      // A bare 十 means 一十 (十五 = 15, 一百十 = 110); other units need their digit.
      const factor = digit ?? (unit === 10 ? 1 : null);
      if (factor === null) return null;
      section += factor * unit;
      digit = null;
      lastUnit = unit;
    } else if (ch === "万") {
      total += (section + (digit ?? 0)) * 10000;
      section = 0;
      digit = null;
      lastUnit = Infinity;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

/** 二〇二三 -> 2023: digit-by-digit numerals (years, some list numbers). */
function positionalDigits(s: string): number | null {
  let n = 0;
  for (const ch of s) {
    if (!(ch in DIGITS)) return null;
    n = n * 10 + DIGITS[ch];
  }
  return n;
}

/** 132 -> "一百三十二", 10 -> "十", 105 -> "一百零五", 1001 -> "一千零一" (statute style). */
export function numberToChinese(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a non-negative integer: ${n}`);
  if (n === 0) return "零";
  if (n >= 10000) {
    const high = Math.floor(n / 10000);
    const low = n % 10000;
    const lowText = low === 0 ? "" : (low < 1000 ? "零" : "") + belowTenThousand(low, false);
    return `${numberToChinese(high)}万${lowText}`;
  }
  return belowTenThousand(n, true);
}

function belowTenThousand(n: number, leading: boolean): string {
  const parts: string[] = [];
  const units = ["千", "百", "十", ""];
  const values = [1000, 100, 10, 1];
  let pendingZero = false;
  let started = false;
  for (let i = 0; i < 4; i++) {
    const d = Math.floor(n / values[i]) % 10;
    if (d === 0) {
      if (started) pendingZero = true;
      continue;
    }
    if (pendingZero) parts.push("零");
    pendingZero = false;
    // 十五 rather than 一十五 when ten is the leading unit; 一百一十五 keeps the 一.
    if (!(d === 1 && values[i] === 10 && !started && leading)) parts.push(DIGIT_CHARS[d]);
    parts.push(units[i]);
    started = true;
  }
  return parts.join("");
}

export interface ArticleLabel {
  number: number;
  /** 之一 -> 1; 0 when none. */
  suffix: number;
}

const LABEL_RE = new RegExp(`^第([${NUMERAL_CLASS}\\s\\u3000]+)条(?:之([${NUMERAL_CLASS}]+))?$`);

/**
 * "第一百二十条之二" -> {number: 120, suffix: 2}. Tolerates whitespace inside the label
 * (第一百二十八 条) because sources contain such errata; returns null for anything else.
 */
export function parseArticleLabel(label: string): ArticleLabel | null {
  const m = LABEL_RE.exec(label.trim());
  if (!m) return null;
  const number = chineseToNumber(m[1].replace(/[\s\u3000]/g, ""));
  if (number === null) return null;
  const suffix = m[2] === undefined ? 0 : chineseToNumber(m[2]);
  if (suffix === null) return null;
  return { number, suffix };
}

/** (120, 2) -> "第一百二十条之二"; (5, 0) -> "第五条". */
export function formatArticleLabel(number: number, suffix = 0): string {
  return `第${numberToChinese(number)}条${suffix > 0 ? `之${numberToChinese(suffix)}` : ""}`;
}
