import fs from "node:fs";
import path from "node:path";
import { foldForMatch } from "~/lib/text/normalize";
import { buildThesaurusIndex, expandTerm, expandWords, foldTerm, KEPT_APART, SEED_THESAURUS, thesaurusConflicts } from "~/lib/search/thesaurus";

describe("thesaurus expansion", () => {
  const index = buildThesaurusIndex([
    { terms: ["甲条款", "乙条款", "丙条款"], oneWay: false },
    { terms: ["俗称", "正式名称"], oneWay: true },
    { terms: ["單條"], oneWay: true },
  ]);

  it("makes every term of a two-way entry find the others", () => {
    expect(expandTerm(index, "乙条款")).toEqual(["甲条款", "丙条款"]);
  });

  it("expands a one-way entry from its first term only", () => {
    expect(expandTerm(index, "俗称")).toEqual(["正式名称"]);
    expect(expandTerm(index, "正式名称")).toEqual([]);
  });

  it("keeps the words of a several-word term apart (all of them must occur)", () => {
    expect(expandTerm(buildThesaurusIndex([{ terms: ["虐童", "虐待 兒童"], oneWay: true }]), "虐童")).toEqual(["虐待 儿童"]);
  });

  it("ignores entries with a single term and folds terms like queries (traditional -> simplified)", () => {
    expect(index.has("单条")).toBe(false);
    const folded = buildThesaurusIndex([{ terms: ["兒童", "未成年人"], oneWay: true }]);
    expect(expandTerm(folded, "儿童")).toEqual(["未成年人"]);
  });

  it("expands a term through its words, keeping each word as its own first alternative", () => {
    expect(expandWords(index, ["俗称", "规定"])).toEqual([["俗称", "正式名称"], ["规定"]]);
    expect(expandWords(index, ["规定"])).toBeNull();
  });

  it("warns about an entry that joins legally distinct terms (拐卖 is not 拐骗)", () => {
    expect(thesaurusConflicts({ terms: ["拐骗", "拐卖"], oneWay: false })).toEqual([["拐卖", "拐骗"]]);
    expect(thesaurusConflicts({ terms: ["霸凌", "欺凌"], oneWay: false })).toEqual([]);
  });
});

describe("the seed thesaurus", () => {
  it("keeps every kept-apart pair apart", () => {
    for (const entry of SEED_THESAURUS) expect({ terms: entry.terms, conflicts: thesaurusConflicts(entry) }).toEqual({ terms: entry.terms, conflicts: [] });
    expect(KEPT_APART.length).toBeGreaterThan(5);
  });

  it("covers the everyday names the issue names (家暴, 网瘾, 霸凌, 性侵, 打工, 儿童)", () => {
    const seed = buildThesaurusIndex(SEED_THESAURUS);
    expect(expandTerm(seed, "家暴")).toEqual(["家庭暴力"]);
    expect(expandTerm(seed, "网瘾")).toContain("沉迷网络");
    expect(expandTerm(seed, "霸凌")).toContain("欺凌");
    expect(expandTerm(seed, "欺凌")).toContain("霸凌");
    expect(expandTerm(seed, "性侵")).toContain("性侵害");
    expect(expandTerm(seed, "打工")).toContain("招用");
    expect(expandTerm(seed, "儿童")).toContain("未成年人");
    expect(expandTerm(seed, "未成年人")).toContain("儿童");
    expect(expandTerm(seed, "家庭暴力")).toEqual([]);
  });

  it("expands only to words the current laws use (every target occurs in ../shared/corpus)", () => {
    const dir = path.resolve(__dirname, "..", "..", "..", "..", "shared", "corpus");
    const text = foldForMatch(
      fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.startsWith("_"))
        .flatMap((d) => fs.readdirSync(path.join(dir, d.name)).map((f) => fs.readFileSync(path.join(dir, d.name, f), "utf8")))
        .join("\n"),
    );
    // Targets that are everyday words on purpose (the statutes do not use them either way).
    const missing = SEED_THESAURUS.flatMap((e) => (e.oneWay ? e.terms.slice(1) : e.terms))
      .flatMap((t) => foldTerm(t).split(" "))
      .filter((t) => !text.includes(t));
    expect(missing).toEqual(["霸凌"]);
  });
});
