/**
 * Bigram bags of similarity.ts: letters and numbers only (what `replace(NON_WORD, "")` keeps, the
 * reference below), whatever the punctuation, spaces, full-width forms or characters beyond the
 * BMP; ids stable for equal bigrams however many the table holds.
 */
import { GramTable, Prepared, Spread, dice, overlap, type Weight } from "~/lib/compare/similarity";
import { NON_WORD } from "~/lib/compare/text";
import { foldForMatch } from "~/lib/text/normalize";
import { unit } from "./fixtures";

/** The bag as the regex version built it: ids of the consecutive pairs of the word units, sorted, counted. */
function referenceBag(body: string, grams: GramTable) {
  const text = foldForMatch(body).replace(NON_WORD, "");
  const ids: number[] = [];
  if (text.length === 1) ids.push(grams.id(text.charCodeAt(0), -1));
  for (let i = 0; i + 1 < text.length; i++) ids.push(grams.id(text.charCodeAt(i), text.charCodeAt(i + 1)));
  ids.sort((a, b) => a - b);
  const m = new Map<number, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return { grams: [...m.keys()], counts: [...m.values()], total: ids.length };
}

const BODIES = [
  "示例主管部门应当在十五个工作日内作出决定。",
  "示例：“登记”材料　应当审查（一）１２３ABC",
  "",
  "。，；",
  "甲",
  "甲。",
  "含𠀀扩展B汉字与😀表情的条文，第𠀁条。",
  "重复重复重复重复",
];

describe("Prepared bigram bags", () => {
  it("hold the bigrams of the letters and numbers of the folded body, counted", () => {
    const grams = new GramTable();
    const reference = new GramTable();
    BODIES.forEach((body, k) => {
      const p = new Prepared(unit(k + 1, body), k, "", grams);
      const want = referenceBag(p.body, reference);
      expect({ grams: [...p.grams], counts: [...p.counts], total: p.total }).toEqual(want);
    });
  });

  it("give equal bigrams one id across thousands of distinct bigrams (the table grows)", () => {
    const grams = new GramTable();
    const ids = new Map<string, number>();
    for (let a = 0x4e00; a < 0x4e00 + 300; a++)
      for (let b = 0x4e00; b < 0x4e00 + 100; b++) {
        const id = grams.id(a, b);
        const key = `${a},${b}`;
        expect(ids.get(key) ?? id).toBe(id);
        ids.set(key, id);
      }
    expect(grams.id(0x4e00 + 7, 0x4e00 + 9)).toBe(ids.get(`${0x4e00 + 7},${0x4e00 + 9}`));
    expect(new Set(ids.values()).size).toBe(30000);
  });

  it("idsOf gives the ids of calling id pair by pair, beyond 16,383 characters too", () => {
    const texts = [[0x4e00, 0x4e01, 0x4e00, 0x4e01], [7], [], Array.from({ length: 17000 }, (_, i) => 0x3400 + i), [0x3400, 0x3400 + 16999]];
    const batch = new GramTable();
    const single = new GramTable();
    for (const text of texts) {
      const units = Uint16Array.from(text);
      const out = new Int32Array(Math.max(0, units.length - 1) || (units.length ? 1 : 0));
      batch.idsOf(units, out);
      const want = units.length === 1 ? [single.id(units[0], -1)] : [...units.slice(1)].map((b, i) => single.id(units[i], b));
      expect([...out]).toEqual(want);
    }
    expect(batch.size).toBe(single.size);
  });

  it("score typography-only differences as identical", () => {
    const grams = new GramTable();
    const a = new Prepared(unit(1, "示例主管部门应当审查，并公告。"), 0, "", grams);
    const b = new Prepared(unit(2, "示例主管部门 应当审查, 并公告."), 1, "", grams);
    expect(dice(a, b, null)).toBe(1);
  });
});

describe("Spread", () => {
  it("gives exactly overlap and dice of the spread unit against each other unit, weighted or not", () => {
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const grams = new GramTable();
    const words = ["示例", "主管", "部门", "应当", "可以", "登记", "审查", "公告", "罚款", "未成年人", "，", "。"];
    const units = Array.from({ length: 40 }, (_, k) => {
      const body = Array.from({ length: Math.floor(random() * 25) }, () => words[Math.floor(random() * words.length)]).join("");
      return new Prepared(unit((k % 20) + 1, body), k, "", grams);
    });
    for (const u of units) void u.grams;
    const weight: Weight = { of: Float64Array.from({ length: grams.size - 3 }, () => random() * 3), unseen: 4 };
    // Sized too small on purpose: spreading a unit with larger ids grows the table.
    const spread = new Spread(2);
    for (const a of units.slice(0, 10))
      for (const b of units) {
        expect(spread.of(a).overlap(b, weight)).toBe(overlap(a, b, weight));
        expect(spread.of(a).overlap(b, null)).toBe(overlap(a, b, null));
        expect(spread.of(a).dice(b, weight)).toBe(dice(a, b, weight));
      }
  });
});
