/**
 * The alternatives a user could pick instead of Redline's alignment, for the bench to print beside it
 * (shared/BASELINES.md). Pure. Neither is used by the app.
 */
import { foldForMatch } from "~/lib/text/normalize";
import { NON_WORD, splitLabel } from "./text";
import type { AlignUnit } from "./types";
import type { LinkLike } from "./score";

/** Pairing by article key (what id-based legislation systems do). */
export function pairByNumber(olds: AlignUnit[], news: AlignUnit[]): LinkLike[] {
  const newKeys = new Set(news.map((u) => u.key));
  return olds.filter((u) => newKeys.has(u.key)).map((u) => ({ from: u.key, to: u.key }));
}

function bigramVector(u: AlignUnit): Map<string, number> {
  const text = foldForMatch(splitLabel(u.text, u.label).body).replace(NON_WORD, "");
  const v = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const g = text.slice(i, i + 2);
    v.set(g, (v.get(g) ?? 0) + 1);
  }
  return v;
}

/**
 * TF-IDF cosine over character bigrams (idf over both versions' articles). Returns every article's
 * best match on either side with its cosine; a caller keeps those above a threshold.
 */
export function tfidfBestMatches(olds: AlignUnit[], news: AlignUnit[]): (LinkLike & { cosine: number })[] {
  const vecs = [...olds, ...news].map(bigramVector);
  const df = new Map<string, number>();
  for (const v of vecs) for (const g of v.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const n = vecs.length;
  const weighted = vecs.map((v) => {
    const w = new Map<string, number>();
    let norm = 0;
    for (const [g, c] of v) {
      const x = c * Math.log(n / df.get(g)!);
      w.set(g, x);
      norm += x * x;
    }
    return { w, norm: Math.sqrt(norm) };
  });
  const cos = (i: number, j: number) => {
    const a = weighted[i];
    const b = weighted[olds.length + j];
    if (!a.norm || !b.norm) return 0;
    let s = 0;
    for (const [g, x] of a.w) s += x * (b.w.get(g) ?? 0);
    return s / (a.norm * b.norm);
  };
  const sims = olds.map((_, i) => news.map((_, j) => cos(i, j)));
  const best = new Map<string, LinkLike & { cosine: number }>();
  const keep = (i: number, j: number) => {
    if (j < 0 || i < 0) return;
    best.set(`${i}:${j}`, { from: olds[i].key, to: news[j].key, cosine: sims[i][j] });
  };
  const argmax = (xs: number[]) => xs.reduce((b, x, k) => (x > xs[b] ? k : b), 0);
  olds.forEach((_, i) => news.length && keep(i, argmax(sims[i])));
  news.forEach((_, j) => olds.length && keep(argmax(sims.map((row) => row[j])), j));
  return [...best.values()];
}
