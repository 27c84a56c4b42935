/**
 * Substantive signals of a changed article: what an advocate reads first. Pure.
 * Detection runs on folded text (typography never counts); reported terms are the words as written
 * in the statute vocabulary below or the amounts/ages found in the text.
 */
import { NUMERAL_CLASS } from "~/lib/corpus/numerals";
import { foldForMatch } from "~/lib/text/normalize";
import { countOccurrences } from "~/lib/text/occurrences";

export type SignalKind = "obligation" | "penalty" | "age" | "body";

export interface Signal {
  kind: SignalKind;
  change: "added" | "removed" | "changed";
  /** Term or phrase that disappeared (removed, changed). */
  before?: string;
  /** Term or phrase that appeared (added, changed). */
  after?: string;
  /** Obligation swaps only: whether the duty got stronger (可以 -> 应当) or weaker. */
  direction?: "stronger" | "weaker";
}

/** Deontic terms, weakest to strongest; the two prohibitions share the top rank. */
const OBLIGATIONS: [string, number][] = [
  ["可以", 1],
  ["应当", 2],
  ["必须", 3],
  ["不得", 3],
  ["禁止", 3],
];

const PENALTY_LIST = [
  "罚款",
  "罚金",
  "拘留",
  "拘役",
  "管制",
  "有期徒刑",
  "无期徒刑",
  "死刑",
  "没收违法所得",
  "没收",
  "吊销",
  "责令停产停业",
  "责令停业整顿",
  "暂扣",
  "处分",
  "训诫",
  "警告",
];
const PENALTY_TERMS = byFirstChar(PENALTY_LIST);

/** Responsible bodies, longest first so 教育行政部门 is not also counted as 行政部门. */
const BODIES = byFirstChar([
  "最高人民检察院",
  "最高人民法院",
  "国务院",
  "民政部门",
  "公安机关",
  "人民检察院",
  "人民法院",
  "司法行政部门",
  "教育行政部门",
  "卫生健康部门",
  "卫生健康主管部门",
  "人力资源和社会保障部门",
  "市场监督管理部门",
  "文化和旅游主管部门",
  "新闻出版",
  "广播电视",
  "网信部门",
  "共产主义青年团",
  "妇女联合会",
  "残疾人联合会",
  "关心下一代工作委员会",
  "未成年人保护工作协调机制",
  "居民委员会",
  "村民委员会",
  "学校",
  "幼儿园",
  "网络服务提供者",
  "网络产品和服务提供者",
  "工会",
  "专门学校",
]);

const N = `[${NUMERAL_CLASS}]`;
const AMOUNT = new RegExp(`${N}+(?:\\.\\d+)?(?:倍)?(?:元|万元)?以上${N}+(?:\\.\\d+)?(?:倍|元|万元)以下|${N}+(?:\\.\\d+)?(?:万元|元)(?:以上|以下)?`, "g");
const TERM = new RegExp(`${N}+(?:年|个月|日)(?:以上${N}+(?:年|个月|日))?(?:以上|以下)?(?=有期徒刑|拘役|管制|拘留)`, "g");
const AGE = new RegExp(`${N}+周岁(?:以上|以下)?`, "g");

interface Vocabulary {
  terms: Map<number, string[]>;
  /** 1 for a UTF-16 unit some term starts with: most characters start none, and skip the map. */
  starts: Uint8Array;
}

/**
 * Terms by the code of their first character, longest first, so a scan tries only the terms that can
 * start here (keyed by code: text[i] would allocate a string per CJK character).
 */
function byFirstChar(vocabulary: string[]): Vocabulary {
  const m = new Map<number, string[]>();
  for (const term of vocabulary) m.set(term.charCodeAt(0), [...(m.get(term.charCodeAt(0)) ?? []), term]);
  for (const list of m.values()) list.sort((a, b) => b.length - a.length);
  const starts = new Uint8Array(0x10000);
  for (const code of m.keys()) starts[code] = 1;
  return { terms: m, starts };
}

function scan(text: string, vocabulary: Vocabulary): Set<string> {
  const found = new Set<string>();
  const { terms, starts } = vocabulary;
  let i = 0;
  outer: while (i < text.length) {
    const code = text.charCodeAt(i);
    const candidates = starts[code] ? terms.get(code) : undefined;
    if (!candidates) {
      i++;
      continue;
    }
    for (const term of candidates) {
      if (text.startsWith(term, i)) {
        found.add(term);
        i += term.length;
        continue outer;
      }
    }
    i++;
  }
  return found;
}

/** Matches of a pattern; `cue` is text every match must contain, checked first (indexOf is cheap, the regexes are not). */
function matches(text: string, re: RegExp, cues: string[]): Set<string> {
  if (!cues.some((c) => text.includes(c))) return new Set();
  return new Set(text.match(re) ?? []);
}

const AMOUNT_CUES = ["元", "倍"];
const TERM_CUES = ["徒刑", "拘役", "管制", "拘留"];
const AGE_CUES = ["周岁"];

function setChanges(kind: SignalKind, before: Set<string>, after: Set<string>): Signal[] {
  const removed = [...before].filter((x) => !after.has(x));
  const added = [...after].filter((x) => !before.has(x));
  // One phrase replaced by one other (五千元以上 -> 一万元以上) reads best as a change.
  if (removed.length === 1 && added.length === 1 && kind !== "body")
    return [{ kind, change: "changed", before: removed[0], after: added[0] }];
  return [
    ...removed.map((t): Signal => ({ kind, change: "removed", before: t })),
    ...added.map((t): Signal => ({ kind, change: "added", after: t })),
  ];
}

function obligationSignals(a: string, b: string): Signal[] {
  const gone: [string, number][] = [];
  const came: [string, number][] = [];
  for (const [term, rank] of OBLIGATIONS) {
    const ca = countOccurrences(a, term);
    const cb = countOccurrences(b, term);
    if (ca > 0 && cb === 0) gone.push([term, rank]);
    if (ca === 0 && cb > 0) came.push([term, rank]);
  }
  const out: Signal[] = [];
  while (gone.length && came.length) {
    const [before, rb] = gone.shift()!;
    const [after, ra] = came.shift()!;
    const s: Signal = { kind: "obligation", change: "changed", before, after };
    if (ra !== rb) s.direction = ra > rb ? "stronger" : "weaker";
    out.push(s);
  }
  for (const [before] of gone) out.push({ kind: "obligation", change: "removed", before });
  for (const [after] of came) out.push({ kind: "obligation", change: "added", after });
  return out;
}

/**
 * Signals between two exact article texts (old, new). Empty old = added article; empty new = removed.
 * `folded`: their `foldForMatch`, when the caller has it already.
 */
export function detectSignals(oldText: string, newText: string, folded?: { old: string; new: string }): Signal[] {
  const a = folded?.old ?? foldForMatch(oldText);
  const b = folded?.new ?? foldForMatch(newText);
  if (a === b) return [];
  return [
    ...obligationSignals(a, b),
    ...setChanges("penalty", scan(a, PENALTY_TERMS), scan(b, PENALTY_TERMS)),
    ...setChanges(
      "penalty",
      new Set([...matches(a, AMOUNT, AMOUNT_CUES), ...matches(a, TERM, TERM_CUES)]),
      new Set([...matches(b, AMOUNT, AMOUNT_CUES), ...matches(b, TERM, TERM_CUES)]),
    ),
    ...setChanges("age", matches(a, AGE, AGE_CUES), matches(b, AGE, AGE_CUES)),
    ...setChanges("body", scan(a, BODIES), scan(b, BODIES)),
  ];
}
