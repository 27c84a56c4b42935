/**
 * Words (jieba tokens) of compared text, for the inline diff and for a rewording-robust similarity
 * in alignment. Pure apart from loading jieba's dictionary once.
 */
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  if (!jieba) jieba = Jieba.withDict(dict);
  return jieba;
}

const PUNCT = /[\p{P}\p{S}]/u;

/** Jieba words with every punctuation mark as its own token. */
export function cutWords(text: string): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const word of segmenter().cut(text, false)) {
    if (word.length > 1 && PUNCT.test(word)) {
      let run = "";
      for (const ch of word) {
        if (PUNCT.test(ch)) {
          if (run) out.push(run);
          out.push(ch);
          run = "";
        } else run += ch;
      }
      if (run) out.push(run);
    } else out.push(word);
  }
  return out;
}

/**
 * A synonym group, in the shape of the search thesaurus (app/lib/search/thesaurus.ts,
 * `SEED_THESAURUS`): `oneWay` groups widen their first term to the others in search; for alignment
 * similarity every group, one-way or not, makes its terms count as one word.
 */
export interface SynonymGroup {
  terms: string[];
  oneWay: boolean;
}

/**
 * A small default: terms a redrafted statute swaps for one another (checked against the references'
 * rewrites: 报告/举报, 法制/法治, 监护人 forms, 处分 after 行政处分 was renamed). The integrator
 * passes the search thesaurus instead.
 */
export const DEFAULT_SYNONYMS: SynonymGroup[] = [
  { terms: ["举报", "报告"], oneWay: false },
  { terms: ["法治", "法制"], oneWay: false },
  { terms: ["处分", "行政处分"], oneWay: false },
  { terms: ["个人和组织", "组织和个人", "公民和组织"], oneWay: false },
  { terms: ["未成年人", "少年儿童", "儿童少年"], oneWay: false },
  { terms: ["用人单位", "各单位", "任何单位"], oneWay: false },
  { terms: ["协议", "合同"], oneWay: false },
  { terms: ["群团组织", "社会团体", "人民团体"], oneWay: false },
  { terms: ["事业单位", "事业组织"], oneWay: false },
  { terms: ["社会组织", "其他社会组织"], oneWay: false },
  { terms: ["招用", "录用"], oneWay: false },
  { terms: ["饮酒", "酗酒"], oneWay: false },
  { terms: ["盗窃", "偷窃"], oneWay: false },
];

const STOP = /^[\p{P}\p{S}\s]*$/u;

/**
 * Word bags of a set of texts with idf weights over that set (the two versions' 款): a word both
 * versions use everywhere (未成年人, 应当) weighs little, a law-wide rare one much.
 */
export class WordBags {
  private ids = new Map<string, number>();
  private canonical = new Map<string, string>();
  private bags = new Map<string, { ids: Int32Array; counts: Float64Array; mass: number }>();
  private weights: Float64Array = new Float64Array(0);

  constructor(texts: string[], synonyms: SynonymGroup[]) {
    for (const g of synonyms) for (const t of g.terms) this.canonical.set(t, g.terms[0]);
    const raw = texts.map((t) => this.tokens(t));
    const df = new Map<number, number>();
    for (const ids of raw) for (const id of new Set(ids)) df.set(id, (df.get(id) ?? 0) + 1);
    this.weights = new Float64Array(this.ids.size);
    for (const [id, n] of df) this.weights[id] = Math.log(1 + texts.length / n);
    texts.forEach((t, k) => this.bags.set(t, this.bagOf(raw[k])));
  }

  private tokens(text: string): number[] {
    const out: number[] = [];
    for (const w of cutWords(text)) {
      if (STOP.test(w)) continue;
      const c = this.canonical.get(w) ?? w;
      let id = this.ids.get(c);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(c, id);
      }
      out.push(id);
    }
    return out;
  }

  private bagOf(tokens: number[]) {
    const sorted = Int32Array.from(tokens).sort();
    const ids: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < sorted.length; i++) {
      if (i && sorted[i] === sorted[i - 1]) counts[counts.length - 1]++;
      else {
        ids.push(sorted[i]);
        counts.push(1);
      }
    }
    let mass = 0;
    ids.forEach((id, k) => (mass += counts[k] * (this.weights[id] ?? 0)));
    return {
      ids: Int32Array.from(ids),
      counts: Float64Array.from(counts),
      mass,
    };
  }

  /** Weighted Dice over the two texts' words (0 when either text was not given to the constructor). */
  similarity(a: string, b: string): number {
    const x = this.bags.get(a);
    const y = this.bags.get(b);
    if (!x || !y || x.mass + y.mass === 0) return 0;
    let i = 0;
    let j = 0;
    let s = 0;
    while (i < x.ids.length && j < y.ids.length) {
      if (x.ids[i] === y.ids[j]) {
        s += Math.min(x.counts[i], y.counts[j]) * this.weights[x.ids[i]];
        i++;
        j++;
      } else if (x.ids[i] < y.ids[j]) i++;
      else j++;
    }
    return (2 * s) / (x.mass + y.mass);
  }
}
