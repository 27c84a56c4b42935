/**
 * Word segmentation for search ranking (@node-rs/jieba, native; server only). The bigram columns
 * give complete literal recall; the word column only lifts results where the term stands as a
 * whole word (处理 in 处理决定 over 处理 inside 待处理 is not demoted, both are found).
 */
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

let jieba: Jieba | null = null;

function getJieba(): Jieba {
  if (!jieba) jieba = Jieba.withDict(dict);
  return jieba;
}

const WORD = /^[\p{L}\p{N}]+$/u;

/** Search-mode words (whole words and their dictionary sub-words) of folded text, punctuation dropped. */
export function indexWords(folded: string): string {
  if (!folded) return "";
  return getJieba()
    .cutForSearch(folded, true)
    .filter((w) => WORD.test(w))
    .join(" ");
}

/** True when jieba reads the folded term as one word: only such terms get the word-match boost. */
export function isSingleWord(folded: string): boolean {
  if (!WORD.test(folded) || [...folded].length < 2) return false;
  const cut = getJieba().cut(folded, false);
  return cut.length === 1;
}

/** Relaxation's word cutter (relax.ts): precise words for all-words, search-mode sub-words for partial. */
export const queryWordCutter = {
  precise: (folded: string) => getJieba().cut(folded, false),
  forSearch: (folded: string) => getJieba().cutForSearch(folded, true),
};
