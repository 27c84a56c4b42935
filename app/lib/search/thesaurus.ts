/**
 * The legal thesaurus search applies at query time (pure; see docs/decisions/0004-search.md).
 *
 * An entry lists terms a policy officer uses for one concept. A term may be several words separated
 * by spaces ("虐待 未成年人"): it matches an article holding all of them. Two-way entries are equivalences
 * (霸凌 ↔ 欺凌: each finds the others); one-way entries expand their first term to the others and
 * not back (家暴 → 家庭暴力: a search for 家庭暴力 must not be widened to the slang).
 *
 * The organisation owns the list: thesaurus.server.ts stores it (seeded from SEED_THESAURUS) and
 * admins edit it. The seed below was written by reading the current versions of the laws in the
 * corpus; every target term occurs in them (tests/unit/search/thesaurus.test.ts lists the few
 * that only occur in older versions). Terms that look alike but are different offences or
 * institutions are kept apart (KEPT_APART) and the editor warns about entries that join them.
 */
import { foldForMatch } from "~/lib/text/normalize";

export interface ThesaurusEntry {
  terms: string[];
  /** The first term expands to the others, not back. */
  oneWay: boolean;
  note?: string;
}

const two = (terms: string[], note?: string): ThesaurusEntry => ({ terms, oneWay: false, ...(note ? { note } : {}) });
const one = (from: string, to: string[], note?: string): ThesaurusEntry => ({
  terms: [from, ...to],
  oneWay: true,
  ...(note ? { note } : {}),
});

export const SEED_THESAURUS: ThesaurusEntry[] = [
  // Who is protected.
  two(["儿童", "未成年人"], "刑法 says 儿童 (under 14) where the child-protection laws say 未成年人 (under 18): a search for either should offer the other"),
  one("孩子", ["未成年人", "儿童", "子女"], "everyday word; the statutes never use it"),
  one("小孩", ["未成年人", "儿童"]),
  one("青少年", ["未成年人"]),
  one("中小学生", ["学生", "未成年人"]),
  one("留守儿童", ["留守未成年人"], "未成年人保护法 and 家庭教育促进法 say 留守未成年人"),
  one("困境儿童", ["困境未成年人"]),
  one("女童", ["幼女", "儿童"], "刑法 says 幼女 for a girl under 14"),
  one("婴儿", ["婴幼儿"]),
  one("少年犯", ["未成年犯"]),
  one("少管所", ["未成年犯管教所"]),
  // Family and guardians.
  one("家长", ["父母", "监护人"], "everyday word; the statutes say 父母或者其他监护人"),
  one("爸妈", ["父母"]),
  one("家暴", ["家庭暴力"]),
  one("虐童", ["虐待 未成年人", "虐待 儿童", "虐待被监护、看护的人"], "the statutes say 虐待 with the victim named separately"),
  one("弃婴", ["遗弃"]),
  one("领养", ["收养"], "收养 is the legal term; 送养 is the other side of the same act"),
  one("照顾", ["照护", "照料"]),
  one("托管", ["委托照护", "委托"], "a child left in someone's care: 委托照护 (未成年人保护法 第二十二条)"),
  one("撤销监护权", ["撤销监护人资格"]),
  one("监护权", ["监护人资格", "监护"]),
  one("亲子教育", ["家庭教育"]),
  // School.
  two(["霸凌", "欺凌"], "霸凌 is the everyday (and Taiwanese) word; the statutes say 欺凌"),
  one("校园霸凌", ["学生欺凌"]),
  one("校园欺凌", ["学生欺凌"]),
  one("网暴", ["网络欺凌"], "the statutes say 网络欺凌"),
  one("网络暴力", ["网络欺凌"]),
  one("校园", ["学校"]),
  one("老师", ["教师", "教职员工"]),
  one("逃学", ["旷课"]),
  one("失学", ["辍学"]),
  // Online.
  one("网瘾", ["沉迷网络", "网络沉迷"]),
  one("游戏成瘾", ["沉迷网络", "网络游戏"]),
  one("沉迷游戏", ["沉迷网络", "网络游戏"]),
  one("网游", ["网络游戏"]),
  one("网吧", ["互联网上网服务营业场所"]),
  one("直播打赏", ["网络直播", "消费"]),
  one("防沉迷系统", ["防沉迷"]),
  one("人肉搜索", ["个人信息"]),
  two(["色情", "淫秽"], "the statutes pair them (淫秽色情); 刑法 only says 淫秽"),
  one("黄色", ["淫秽", "色情"]),
  // Work and places.
  one("打工", ["招用", "劳动", "务工"], "招用未满十六周岁未成年人 is child labour; 劳动 covers lawful work of 16-18 year olds; parents who 外出务工 leave children behind"),
  one("雇佣", ["招用"]),
  one("用工", ["招用"]),
  one("童工", ["招用未满十六周岁", "雇用未满十六周岁"]),
  one("酒吧", ["营业性娱乐场所"]),
  one("KTV", ["营业性娱乐场所"]),
  one("烟酒", ["烟、酒", "烟草"]),
  one("开房", ["旅馆", "宾馆", "入住"]),
  // Harm and offences.
  two(["性侵", "性侵害"]),
  one("强奸幼女", ["奸淫不满十四周岁的幼女", "奸淫"]),
  one("性骚扰", ["猥亵"], "猥亵 is the offence; 性骚扰 is named in 未成年人保护法"),
  one("人贩子", ["拐卖"]),
  one("贩卖儿童", ["拐卖"]),
  one("买卖儿童", ["拐卖", "收买"]),
  one("偷孩子", ["偷盗婴幼儿", "拐骗"]),
  one("吸毒", ["吸食", "毒品"]),
  one("打孩子", ["殴打", "体罚"]),
  one("离家出走", ["夜不归宿"]),
  one("流浪儿童", ["流浪乞讨", "流浪"]),
  // Reporting and protection.
  one("强制报告", ["疑似受到侵害", "疑似遭受", "立即向公安"], "mandatory reporting: the statutes describe the duty (发现……疑似受到侵害……应当立即向公安……报告) and never name it"),
  one("举报", ["检举", "控告", "报告"]),
  one("保护令", ["人身安全保护令"]),
  one("心理辅导", ["心理健康", "心理干预"]),
  // Criminal procedure for minors.
  one("前科", ["犯罪记录"]),
  one("案底", ["犯罪记录"]),
  one("犯罪记录封存", ["犯罪记录", "封存"]),
  one("工读学校", ["专门学校"], "renamed 专门学校 in the 2020 预防未成年人犯罪法"),
  one("取保", ["取保候审"]),
  one("保释", ["取保候审"], "no bail in Chinese law; 取保候审 is the nearest measure"),
  one("刑责年龄", ["刑事责任年龄"]),
  one("刑事责任年龄", ["负刑事责任"], "刑法 第十七条 sets the ages without using the phrase"),
  one("几岁", ["周岁"], "a question about age: the statutes count 周岁"),
  // Names of offences (罪名) are fixed by the courts, not written in 刑法: point to the conduct.
  one("遗弃罪", ["拒绝扶养"]),
  one("虐待罪", ["虐待家庭成员"]),
  one("虐待被监护人罪", ["虐待被监护、看护的人"]),
  one("猥亵儿童罪", ["猥亵儿童"]),
  one("强奸罪", ["强奸"]),
  one("拐卖儿童罪", ["拐卖妇女、儿童"]),
  one("拐骗儿童罪", ["拐骗不满十四周岁的未成年人"]),
  one("雇用童工罪", ["雇用未满十六周岁的未成年人"]),
  one("未成年人犯罪", ["未成年犯罪嫌疑人"]),
  one("律师", ["辩护人"]),
];

/**
 * Pairs that look like synonyms and are not: different offences, measures or rights. No entry may
 * put both sides in one group (thesaurusConflicts reports it).
 */
export const KEPT_APART: [string, string][] = [
  ["拐卖", "拐骗"],
  ["拐卖", "绑架"],
  ["强奸", "猥亵"],
  ["虐待", "遗弃"],
  ["隐私", "个人信息"],
  ["拘留", "羁押"],
  ["逮捕", "拘留"],
  ["监护", "抚养"],
  ["欺凌", "暴力"],
  ["收养", "寄养"],
];

/** Folded term -> the folded terms it expands to (never itself), in entry order. */
export type ThesaurusIndex = Map<string, string[]>;

export function buildThesaurusIndex(entries: readonly ThesaurusEntry[]): ThesaurusIndex {
  const index: ThesaurusIndex = new Map();
  const add = (from: string, to: string) => {
    if (!from || !to || from === to) return;
    const list = index.get(from) ?? [];
    if (!list.includes(to)) list.push(to);
    index.set(from, list);
  };
  for (const entry of entries) {
    const terms = [...new Set(entry.terms.map(foldTerm).filter(Boolean))];
    if (terms.length < 2) continue;
    if (entry.oneWay) {
      for (const to of terms.slice(1)) add(terms[0], to);
    } else {
      for (const from of terms) for (const to of terms) add(from, to);
    }
  }
  return index;
}

/** Folds each word of a term ("虐待 未成年人" keeps its space: all words must occur). */
export function foldTerm(term: string): string {
  return term
    .split(/\s+/u)
    .map((w) => foldForMatch(w))
    .filter(Boolean)
    .join(" ");
}

/** The equivalents of one folded term (empty when the thesaurus has none). */
export function expandTerm(index: ThesaurusIndex, folded: string): string[] {
  return index.get(folded) ?? [];
}

/**
 * Expansions of a term that has no entry of its own, through its words: 虐待儿童 -> [虐待, 未成年人]
 * when 儿童 ↔ 未成年人. Each word keeps its alternatives (the word itself first), so the caller
 * can require one alternative per word. Null when no word has an entry.
 */
export function expandWords(index: ThesaurusIndex, words: readonly string[]): string[][] | null {
  let any = false;
  const out = words.map((w) => {
    const more = expandTerm(index, w);
    if (more.length > 0) any = true;
    return [w, ...more];
  });
  return any ? out : null;
}

/** Entries that join a KEPT_APART pair (folded), for the thesaurus editor's warning. */
export function thesaurusConflicts(entry: ThesaurusEntry): [string, string][] {
  const terms = new Set(entry.terms.flatMap((t) => foldTerm(t).split(" ")));
  return KEPT_APART.filter(([a, b]) => terms.has(a) && terms.has(b));
}
