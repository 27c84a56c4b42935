/**
 * A group of aligned articles (one row of the comparison) and how the automatic stages' pairs and
 * 款 links become rows. Pure (ADR 0005).
 */
import type { ClauseLink } from "./clauses";
import type { Prepared } from "./similarity";
import { UnionFind } from "./union-find";

export interface Group {
  from: Prepared[];
  to: Prepared[];
  manual: boolean;
  /** 款 links inside the group (automatic groups only). */
  clauseLinks?: ClauseLink[];
  partnerOfOld?: Map<number, Prepared>;
}

/** An article number (with its 之N suffix) as the key of renumbering maps. */
export const refKey = (number: number | null, suffix: number) => `${number}:${suffix}`;

/**
 * Rows = connected components of the article links: the one-to-one pairs and every article pair a
 * 款 link joins. An article without links is removed / added.
 */
export function connectedGroups(
  olds: Prepared[],
  news: Prepared[],
  pairs: Group[],
  clauseLinks: ClauseLink[],
  partnerOfOld: Map<number, Prepared>
): Group[] {
  const slotOld = new Map(olds.map((o, i) => [o.index, i]));
  const slotNew = new Map(news.map((n, i) => [n.index, olds.length + i]));
  const uf = new UnionFind(olds.length + news.length);
  for (const g of pairs) uf.union(slotOld.get(g.from[0].index)!, slotNew.get(g.to[0].index)!);
  for (const l of clauseLinks) uf.union(slotOld.get(l.from.article.index)!, slotNew.get(l.to.article.index)!);
  const byRoot = new Map<number, Group>();
  const groupOf = (slot: number) => {
    const root = uf.find(slot);
    let g = byRoot.get(root);
    if (!g) {
      g = { from: [], to: [], manual: false, clauseLinks: [] };
      byRoot.set(root, g);
    }
    return g;
  };
  for (const o of olds) groupOf(slotOld.get(o.index)!).from.push(o);
  for (const n of news) groupOf(slotNew.get(n.index)!).to.push(n);
  for (const l of clauseLinks) groupOf(slotOld.get(l.from.article.index)!).clauseLinks!.push(l);
  for (const g of byRoot.values()) g.partnerOfOld = partnerOfOld;
  return [...byRoot.values()];
}
