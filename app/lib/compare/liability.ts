/**
 * Stage 4c (ADR 0005): liability articles aligned through the duties they punish. A rewrite often
 * redrafts a penalty around cross-references: 2012 第六十六条 describes the conduct it punishes (在中小
 * 学校园周边设置营业性歌舞娱乐场所……的，由主管部门予以关闭), 2020 第一百二十三条 only cites it (相关经营者违反本
 * 法第五十八条……规定的). Their texts share little; what they share is the duty: the old penalty's duty
 * (2012 第三十六条) became the article the new penalty cites (2020 第五十八条).
 *
 * A liability article (in a 法律责任 / 罚则 chapter) punishes the articles of its own instrument it
 * cites (本法第X条, or one 款 of it: 第五十九条第一款; never 刑法第X条) or, citing none, the article of its own version outside the liability
 * chapters that its text matches best (at IMPLICIT_MIN weighted Dice at least). An old liability
 * article is linked to the new liability article that punishes the most successors of its duties;
 * among those, to the one whose punished text (the cited 款 when it names one) its own text matches
 * best: 2012 第六十七条 (selling tobacco and alcohol to minors) goes to the article citing 第五十九条第一款
 * (the sales ban), not to the one citing 第五十九条第二款 (smoking in schools). An old liability article
 * already linked to a new liability article keeps that link alone. Pure.
 */
import { refKey } from "./align-groups";
import type { ClauseLink } from "./clauses";
import { dice, Prepared, type GramTable, type Weight } from "./similarity";
import { ownReferences } from "./text";

const LIABILITY = /法律责任|罚则/;

/** An old penalty is taken to punish the duty it restates only when the two are this close. */
export const IMPLICIT_MIN = 0.3;

export const isLiability = (p: Prepared) => LIABILITY.test(p.chapterId);

/** A punished article, and the 款 the citation names (0: the whole article). */
interface Duty {
  article: Prepared;
  clause: number;
}

/** The articles (and 款) of `side` that `article` punishes: those it cites, else its closest duty. */
function punished(article: Prepared, side: Prepared[], byNumber: Map<string, Prepared>, weight: Weight): Duty[] {
  const cited: Duty[] = [];
  for (const r of ownReferences(article.folded)) {
    const target = byNumber.get(refKey(r.number, r.suffix));
    if (!target || target === article || isLiability(target)) continue;
    cited.push({ article: target, clause: r.clause });
  }
  if (cited.length) return cited;
  let best: Prepared | null = null;
  let bestSim = IMPLICIT_MIN;
  for (const p of side) {
    if (isLiability(p)) continue;
    const sim = dice(article, p, weight);
    if (sim >= bestSim) {
      best = p;
      bestSim = sim;
    }
  }
  return best ? [{ article: best, clause: 0 }] : [];
}

const numbered = (side: Prepared[]) => new Map(side.map((p) => [refKey(p.unit.number, p.unit.suffix), p]));

/** The text a duty names: its 款 (a paragraph that is not a list item), else the whole article. */
function dutyText(d: Duty, grams: GramTable): Prepared {
  if (d.clause === 0) return d.article;
  const paragraphs = d.article.unit.text.split("\n").filter((line) => !/^[（(][一二三四五六七八九十]+[）)]/.test(line));
  const text = paragraphs[d.clause - 1];
  if (text === undefined) return d.article;
  return new Prepared({ ...d.article.unit, key: `${d.article.unit.key}#款${d.clause}`, label: null, text }, d.article.index, d.article.chapterId, grams);
}

/**
 * Links from old to new liability articles through their punished articles. `linkedOld` maps an old
 * article's index to the new articles it is linked to so far (pairs and 款 links); `whole` makes the
 * article-level link.
 */
export function liabilityLinks(
  olds: Prepared[],
  news: Prepared[],
  linkedOld: Map<number, Set<Prepared>>,
  grams: GramTable,
  weight: Weight,
  whole: (o: Prepared, n: Prepared, score: number) => ClauseLink,
): ClauseLink[] {
  const oldPenalties = olds.filter((o) => isLiability(o) && ![...(linkedOld.get(o.index) ?? [])].some(isLiability));
  const newPenalties = news.filter(isLiability);
  if (!oldPenalties.length || !newPenalties.length) return [];
  const oldByNumber = numbered(olds);
  const newByNumber = numbered(news);
  const duties = newPenalties.map((n) => ({ n, duties: punished(n, news, newByNumber, weight) }));
  const texts = new Map<string, Prepared>();
  const textOf = (d: Duty) => {
    const key = `${d.article.index}:${d.clause}`;
    let p = texts.get(key);
    if (!p) texts.set(key, (p = dutyText(d, grams)));
    return p;
  };
  const out: ClauseLink[] = [];
  for (const o of oldPenalties) {
    const successors = new Set(punished(o, olds, oldByNumber, weight).flatMap((d) => [...(linkedOld.get(d.article.index) ?? [])]));
    if (!successors.size) continue;
    let best: Prepared | null = null;
    let shared = 0;
    let closeness = -1;
    for (const { n, duties: of } of duties) {
      const hit = of.filter((d) => successors.has(d.article));
      const k = new Set(hit.map((d) => d.article)).size;
      if (k === 0 || k < shared) continue;
      const sim = Math.max(...hit.map((d) => dice(o, textOf(d), weight)));
      if (k > shared || sim > closeness) {
        best = n;
        shared = k;
        closeness = sim;
      }
    }
    if (best) out.push(whole(o, best, closeness));
  }
  return out;
}

/**
 * Officials' misconduct (失职, 渎职) named by its formulas: 玩忽职守, 滥用职权, 徇私舞弊 (the drafting of
 * the 2010s and 2020s), 严重不负责任, 违法失职, 渎职 (older drafting). A bare 失职 is not enough: it is also
 * the middle of 丧失职业能力.
 */
const MISCONDUCT = /玩忽职守|滥用职权|徇私舞弊|严重不负责任|违法失职|失职渎职|渎职/;

/** A liability article that sanctions officials' misconduct with 处分 (disciplinary sanctions). */
const isMisconductPenalty = (p: Prepared) => isLiability(p) && MISCONDUCT.test(p.folded) && p.folded.includes("处分");

/**
 * Stage 4d (ADR 0005): the officials' misconduct clause. Almost every statute has one, and a rewrite
 * redrafts it in the formulas of its time: 2012 预防未成年人犯罪法 第五十一条 (公安机关的工作人员……严重不负责任
 * 的，予以行政处分) became 2020 第六十六条 (国家机关及其工作人员……滥用职权、玩忽职守、徇私舞弊的……依法给予处分);
 * their texts share almost nothing but the category. When each version has exactly one such article
 * left without any link, they are linked. With several on either side nothing is guessed.
 */
export function misconductLinks(
  olds: Prepared[],
  news: Prepared[],
  linked: { ofOld: Map<number, Set<Prepared>>; ofNew: Map<number, Set<Prepared>> },
  weight: Weight,
  whole: (o: Prepared, n: Prepared, score: number) => ClauseLink,
): ClauseLink[] {
  const oldOnes = olds.filter((o) => !linked.ofOld.get(o.index)?.size && isMisconductPenalty(o));
  if (oldOnes.length !== 1) return [];
  const newOnes = news.filter((n) => !linked.ofNew.get(n.index)?.size && isMisconductPenalty(n));
  if (newOnes.length !== 1) return [];
  return [whole(oldOnes[0], newOnes[0], dice(oldOnes[0], newOnes[0], weight))];
}
