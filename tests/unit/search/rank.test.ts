import { countOccurrences } from "~/lib/text/occurrences";
import {
  TUNING,
  idf,
  isDefinedAt,
  isSubjectAt,
  topByScore,
  coverageFactor,
  unitScore,
  type TermStats,
} from "~/lib/search/rank";

const term = (t: string, value = 2, wordRows: Uint8Array | null = null): TermStats => ({ term: t, idf: value, wordRows });

describe("ranking arithmetic", () => {
  it("counts non-overlapping occurrences", () => {
    expect(countOccurrences("示例条例示例条例", "示例")).toBe(2);
    expect(countOccurrences("啊啊啊", "啊啊")).toBe(1);
    expect(countOccurrences("", "示例")).toBe(0);
  });

  it("gives rare terms more weight than common ones, never zero", () => {
    expect(idf(1000, 5)).toBeGreaterThan(idf(1000, 100));
    expect(idf(1000, 900)).toBe(1e-6);
  });

  it("ranks a short article with the term above a long one with it once", () => {
    const short = unitScore([term("示例")], 0, "", "示例机构应当登记。", 9, 60);
    const long = unitScore([term("示例")], 0, "", `示例机构${"应当登记并公告".repeat(20)}。`, 145, 60);
    expect(short).toBeGreaterThan(long);
  });

  it("ranks an article whose text holds the term above one that matches only through its chapter title", () => {
    const inHeading = unitScore([term("登记")], 0, "第二章 登记", "机构应当公告。", 13, 20);
    const inBody = unitScore([term("登记")], 0, "第二章 公告", "机构应当登记。", 13, 20);
    expect(inBody).toBeGreaterThan(inHeading);
  });

  it("ranks an article about the term (in its first sentence) above one that lists it in an item", () => {
    const about = unitScore([term("监护人")], 0, "", "监护人应当履行下列职责:\n(一)照顾被监护人;", 24, 24);
    const lists = unitScore([term("监护人")], 0, "", "有关部门应当办理下列事项:\n(一)查找监护人;", 24, 24);
    expect(about).toBeGreaterThan(lists);
  });

  it("normalises a term in a list article's stem by the stem, not the length of its items", () => {
    const items = "\n(一)禁止被申请人实施侵害行为;".repeat(6);
    const list = `保护令可以包括下列措施:${items}`;
    const mention = "当事人可以申请保护令。";
    const avg = 40;
    expect(unitScore([term("保护令")], 0, "", list, list.length, avg)).toBeGreaterThan(
      unitScore([term("保护令")], 0, "", `${mention}${"其他事项依照有关规定办理。".repeat(4)}`, mention.length + 52, avg),
    );
    // A term only in the items gets no such help.
    const inItems = `有关部门应当办理下列事项:${items}\n(七)发出保护令;`;
    const plain = `有关部门应当办理下列事项。${items}\n(七)发出保护令;`;
    expect(unitScore([term("保护令")], 0, "", inItems, inItems.length, avg)).toBeCloseTo(
      unitScore([term("保护令")], 0, "", plain, plain.length, avg),
      9,
    );
  });

  it("scales a partial match by the share of what was asked it holds (a word or one of its equivalents)", () => {
    expect(coverageFactor("", "学校发现家庭暴力", [["学校"], ["发现"], ["家暴", "家庭暴力"], ["学生"]], 1)).toBeCloseTo(0.75, 9);
    expect(coverageFactor("第二章 学生", "家庭暴力", [["学校"], ["家庭暴力"], ["学生"]], 2)).toBeCloseTo(4 / 9, 9);
    expect(coverageFactor("", "家庭暴力", [["学校"], ["家庭暴力"]], 0)).toBe(1);
  });

  it("lifts a unit where the term stands as a whole word", () => {
    const words = new Uint8Array([1, 0]);
    const asWord = unitScore([term("处理", 2, words)], 0, "", "依法处理。", 5, 20);
    const inside = unitScore([term("处理", 2, words)], 1, "", "依法处理。", 5, 20);
    expect(asWord).toBeGreaterThan(inside);
  });

  it("recognises the article that defines a term and boosts it", () => {
    const body = "本条例所称示例机构,是指依照本条例设立的机构。";
    expect(isDefinedAt(body, body.indexOf("示例机构"), body.indexOf("示例机构") + 4)).toBe(true);
    const other = "示例机构应当登记。";
    expect(isDefinedAt(other, 0, 4)).toBe(false);
    expect(isDefinedAt("示例机构是指社会组织。", 0, 4)).toBe(true);
    const defined = unitScore([term("示例机构")], 0, "", body, body.length, body.length);
    const plain = unitScore([term("示例机构")], 0, "", "本条例适用示例机构,其设立依照本条例的规定。", body.length, body.length);
    expect(defined / plain).toBeCloseTo(TUNING.definitionBoost, 5);
  });

  it("boosts a term that is the subject of the first sentence (term + 应当 / 不得 / 可以)", () => {
    expect(isSubjectAt("示例机构应当登记。", 4)).toBe(true);
    expect(isSubjectAt("示例机构不得收费。", 4)).toBe(true);
    expect(isSubjectAt("示例机构登记。", 4)).toBe(false);
    // Same length, the term once in the first sentence, once as its subject.
    const subject = unitScore([term("示例机构")], 0, "", "其示例机构应当登记。", 10, 10);
    const plain = unitScore([term("示例机构")], 0, "", "其示例机构依法登记。", 10, 10);
    expect(subject / plain).toBeCloseTo(TUNING.subjectBoost, 5);
    // Only in the first sentence: a later 示例机构应当 is not the article's subject.
    const later = unitScore([term("示例机构")], 0, "", "其登记。示例机构应当公示", 12, 12);
    const laterPlain = unitScore([term("示例机构")], 0, "", "其登记。示例机构依法公示", 12, 12);
    expect(later).toBeCloseTo(laterPlain, 10);
  });

  it("sums over terms: an article with both terms outranks one with only the rarer", () => {
    const terms = [term("监护", 3), term("学校", 1)];
    const both = unitScore(terms, 0, "", "学校和监护人", 6, 6);
    const one = unitScore(terms, 0, "", "监护人和家长", 6, 6);
    expect(both).toBeGreaterThan(one);
  });
});

describe("topByScore", () => {
  it("returns the best items, best first, ties broken by the smaller id", () => {
    const items = [10, 11, 12, 13, 14];
    const scores = [1, 5, 3, 5, 0];
    const tie = [100, 104, 102, 101, 99];
    expect(topByScore(items, scores, tie, 3)).toEqual([13, 11, 12]);
    expect(topByScore(items, scores, tie, 10)).toEqual([13, 11, 12, 10, 14]);
    expect(topByScore(items, scores, tie, 0)).toEqual([]);
  });

  it("agrees with a full sort on many random scores", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const n = 5000;
    const items = Array.from({ length: n }, (_, i) => i);
    const scores = items.map(() => Math.floor(random() * 50));
    const tie = items.map((i) => n - i);
    const expected = [...items].sort((a, b) => scores[b] - scores[a] || tie[a] - tie[b]).slice(0, 40);
    expect(topByScore(items, scores, tie, 40)).toEqual(expected);
  });
});
