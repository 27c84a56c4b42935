/**
 * Overrides -> manual groups: an override with both keys links an old and a new article, linked
 * articles form one group, one with a null side marks its article removed or added. Overrides
 * naming an article the versions do not have are ignored. Pure (ADR 0005).
 */
import type { AlignOverride } from "./align";
import type { Group } from "./align-groups";
import type { Prepared } from "./similarity";
import { UnionFind } from "./union-find";

export function manualGroups(overrides: AlignOverride[], oldByKey: Map<string, Prepared>, newByKey: Map<string, Prepared>): Group[] {
  const live = overrides.filter((o) => (o.fromKey === null || oldByKey.has(o.fromKey)) && (o.toKey === null || newByKey.has(o.toKey)));
  const ids = new Map<string, number>();
  const id = (k: string) => {
    if (!ids.has(k)) ids.set(k, ids.size);
    return ids.get(k)!;
  };
  for (const o of live) {
    if (o.fromKey !== null) id("o:" + o.fromKey);
    if (o.toKey !== null) id("n:" + o.toKey);
  }
  const uf = new UnionFind(ids.size);
  for (const o of live) if (o.fromKey !== null && o.toKey !== null) uf.union(id("o:" + o.fromKey), id("n:" + o.toKey));
  const byRoot = new Map<number, Group>();
  for (const [k, i] of ids) {
    const root = uf.find(i);
    let g = byRoot.get(root);
    if (!g) {
      g = { from: [], to: [], manual: true };
      byRoot.set(root, g);
    }
    if (k.startsWith("o:")) g.from.push(oldByKey.get(k.slice(2))!);
    else g.to.push(newByKey.get(k.slice(2))!);
  }
  const groups = [...byRoot.values()];
  for (const g of groups) {
    g.from.sort((a, b) => a.index - b.index);
    g.to.sort((a, b) => a.index - b.index);
  }
  return groups;
}
