/**
 * Groups -> labelled pairs: the label of each row (unchanged, renumbered, moved, reference-update,
 * modified, split, merged, added, removed), its paragraph and article links, and the reading order
 * of the rows. Pure (ADR 0005).
 */
import { refKey, type Group } from "./align-groups";
import { sentencesOf } from "./clauses";
import { groupDice, type Prepared } from "./similarity";
import type { AlignedPair, ArticleLink, PairLabel, ParagraphLink } from "./types";

export function labelGroups(groups: Group[]): { pair: AlignedPair; articleLinks: ArticleLink[] }[] {
  // Where most of an old chapter's articles went: a renamed chapter does not make its articles "moved".
  const flows = new Map<string, Map<string, number>>();
  for (const g of groups) {
    if (g.from.length !== 1 || g.to.length !== 1) continue;
    const f = flows.get(g.from[0].chapterId) ?? new Map<string, number>();
    f.set(g.to[0].chapterId, (f.get(g.to[0].chapterId) ?? 0) + 1);
    flows.set(g.from[0].chapterId, f);
  }
  const destination = new Map<string, string>();
  for (const [from, f] of flows) {
    const best = [...f.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    destination.set(from, best[0]);
  }
  const isMoved = (o: Prepared, n: Prepared) => o.chapterId !== n.chapterId && destination.get(o.chapterId) !== n.chapterId;

  // Old article number -> new article numbers, to check that a changed cross-reference follows its target.
  const renumbering = new Map<string, Set<string>>();
  for (const g of groups)
    for (const o of g.from) {
      const set = renumbering.get(refKey(o.unit.number, o.unit.suffix)) ?? new Set<string>();
      for (const n of g.to) set.add(refKey(n.unit.number, n.unit.suffix));
      renumbering.set(refKey(o.unit.number, o.unit.suffix), set);
    }

  // Pairs are built as literals (no spread): with hundreds of unchanged articles in an amendment,
  // copying objects here was a measurable share of the whole alignment.
  const pairOf = (g: Group, links: ParagraphLink[], secondary: ArticleLink[], label: PairLabel, renumbered: boolean, moved: boolean, score: number): AlignedPair => ({
    from: g.from.map((p) => p.unit.key),
    to: g.to.map((p) => p.unit.key),
    manual: g.manual,
    links,
    secondary,
    label,
    renumbered,
    moved,
    score,
  });
  return groups.map((g) => {
    // One group's Dice serves its links and its label (computed once, when either needs it).
    let dice: number | undefined;
    const scoreOf = () => (dice ??= groupDice(g.from, g.to));
    const { links, articleLinks } = linksOf(g, scoreOf);
    const secondary = articleLinks.filter((l) => !l.primary);
    const result = (label: PairLabel, renumbered: boolean, moved: boolean, score: number) => ({
      pair: pairOf(g, links, secondary, label, renumbered, moved, score),
      articleLinks,
    });
    if (g.to.length === 0) return result("removed", false, false, 0);
    if (g.from.length === 0) return result("added", false, false, 0);
    const o = g.from[0];
    const n = g.to[0];
    const renumbered = o.unit.number !== n.unit.number || o.unit.suffix !== n.unit.suffix;
    const moved = isMoved(o, n);
    const score = scoreOf();
    if (g.to.length > 1) return result("split", renumbered, moved, score);
    if (g.from.length > 1) return result("merged", renumbered, moved, score);
    let label: PairLabel;
    if (o.sameAs(n)) label = moved ? "moved" : renumbered ? "renumbered" : "unchanged";
    else if (
      o.masked.masked === n.masked.masked &&
      o.masked.refs.length === n.masked.refs.length &&
      o.masked.refs.every((r, i) => {
        const m = n.masked.refs[i];
        if (r.number === m.number && r.suffix === m.suffix) return true;
        return renumbering.get(refKey(r.number, r.suffix))?.has(refKey(m.number, m.suffix)) ?? false;
      })
    )
      label = "reference-update";
    else label = "modified";
    return result(label, renumbered, moved, score);
  });
}

/** Every line index of the unit's text (counted, not split: the whole links of an amendment's unchanged articles ask for it). */
function allLines(p: Prepared): number[] {
  const lines = [0];
  for (let at = p.unit.text.indexOf("\n"); at >= 0; at = p.unit.text.indexOf("\n", at + 1)) lines.push(lines.length);
  return lines;
}

/**
 * Paragraph links and article links of a group. The one-to-one pair is primary; an article pair
 * joined only through 款 links is primary when it is the strongest link of an article that has no
 * one-to-one partner (the only predecessor of a new article, the main successor of an old one),
 * and secondary ("also draws on") otherwise.
 */
function linksOf(g: Group, scoreOf: () => number): {
  links: ParagraphLink[];
  articleLinks: ArticleLink[];
} {
  if (!g.from.length || !g.to.length) return { links: [], articleLinks: [] };
  const partner = g.partnerOfOld ?? new Map<number, Prepared>();
  const wholeLink = (o: Prepared, n: Prepared, score: number): ParagraphLink => ({
    from: { key: o.unit.key, lines: allLines(o) },
    to: { key: n.unit.key, lines: allLines(n) },
    kind: o.sameAs(n) ? "same" : "modified",
    score,
    primary: true,
  });
  if (g.manual || !g.clauseLinks?.length) {
    const score = scoreOf();
    const links: ParagraphLink[] = [];
    const articleLinks: ArticleLink[] = [];
    for (const o of g.from) for (const n of g.to) links.push(wholeLink(o, n, o.sameAs(n) ? 1 : score));
    for (const o of g.from) for (const n of g.to) articleLinks.push({ from: o.unit.key, to: n.unit.key, primary: true, score });
    return { links, articleLinks };
  }
  const strength = new Map<string, { o: Prepared; n: Prepared; score: number; pair: boolean }>();
  for (const o of g.from) {
    const n = partner.get(o.index);
    if (n && g.to.includes(n))
      strength.set(`${o.index}:${n.index}`, {
        o,
        n,
        score: o.sameAs(n) ? 1 : groupDice([o], [n]),
        pair: true,
      });
  }
  for (const l of g.clauseLinks) {
    const key = `${l.from.article.index}:${l.to.article.index}`;
    const cur = strength.get(key);
    if (!cur)
      strength.set(key, {
        o: l.from.article,
        n: l.to.article,
        score: l.sim,
        pair: false,
      });
    else if (!cur.pair) cur.score = Math.max(cur.score, l.sim);
  }
  const hasPartnerNew = new Set([...strength.values()].filter((x) => x.pair).map((x) => x.n.index));
  const best = new Map<string, number>();
  for (const x of strength.values()) {
    best.set(`o${x.o.index}`, Math.max(best.get(`o${x.o.index}`) ?? 0, x.score));
    best.set(`n${x.n.index}`, Math.max(best.get(`n${x.n.index}`) ?? 0, x.score));
  }
  const articleLinks: ArticleLink[] = [];
  const primaryOf = new Map<string, boolean>();
  for (const [key, x] of strength) {
    const primary =
      x.pair ||
      (!partner.has(x.o.index) && best.get(`o${x.o.index}`) === x.score) ||
      (!hasPartnerNew.has(x.n.index) && best.get(`n${x.n.index}`) === x.score);
    primaryOf.set(key, primary);
    articleLinks.push({
      from: x.o.unit.key,
      to: x.n.unit.key,
      primary,
      score: x.score,
    });
  }
  const textOf = new Map<string, string>();
  for (const p of [...g.from, ...g.to]) textOf.set(p.unit.key, p.unit.text);
  const traced = g.clauseLinks.map((l): ParagraphLink => ({
    from: {
      key: l.from.article.unit.key,
      lines: l.from.lines,
      ...(l.from.sentences && { sentences: l.from.sentences }),
    },
    to: {
      key: l.to.article.unit.key,
      lines: l.to.lines,
      ...(l.to.sentences && { sentences: l.to.sentences }),
    },
    kind: partner.get(l.from.article.index) !== l.to.article ? "moved" : l.from.bag.sameAs(l.to.bag) ? "same" : "modified",
    score: l.sim,
    primary: primaryOf.get(`${l.from.article.index}:${l.to.article.index}`) ?? false,
  }));
  const links = sameLines(traced, (key) => textOf.get(key) ?? "");
  for (const x of strength.values())
    if (x.pair && !g.clauseLinks.some((l) => l.from.article === x.o && l.to.article === x.n)) links.push(wholeLink(x.o, x.n, x.score));
  links.sort((a, b) => Number(b.primary) - Number(a.primary));
  return { links, articleLinks };
}

/**
 * Links whose sides name the same lines (two sentences of one long 款 traced to the same 款 across the
 * way) are one link: the sentences of each side are united, and a side that then names every sentence
 * of its line names the line. Kind: the common kind, else moved if either moved, else modified; score
 * the higher, primary if either is. The first link's place in the list is kept.
 */
export function sameLines(links: ParagraphLink[], textOf: (key: string) => string): ParagraphLink[] {
  const side = (x: ParagraphLink["from"]) => `${x.key}:${x.lines.join(",")}`;
  const byKey = new Map<string, ParagraphLink>();
  const out: ParagraphLink[] = [];
  const unite = (a: ParagraphLink["from"], b: ParagraphLink["from"]): ParagraphLink["from"] => {
    if (!a.sentences || !b.sentences) return { key: a.key, lines: a.lines };
    const sentences = [...new Set([...a.sentences, ...b.sentences])].sort((x, y) => x - y);
    const line = textOf(a.key).split("\n")[a.lines[0]] ?? "";
    const count = sentencesOf(line).length;
    return a.lines.length === 1 && sentences.length >= count ? { key: a.key, lines: a.lines } : { key: a.key, lines: a.lines, sentences };
  };
  for (const l of links) {
    const key = `${side(l.from)}>${side(l.to)}`;
    const cur = byKey.get(key);
    if (!cur) {
      const copy = { ...l };
      byKey.set(key, copy);
      out.push(copy);
      continue;
    }
    cur.from = unite(cur.from, l.from);
    cur.to = unite(cur.to, l.to);
    cur.kind = cur.kind === l.kind ? cur.kind : cur.kind === "moved" || l.kind === "moved" ? "moved" : "modified";
    cur.score = Math.max(cur.score, l.score);
    cur.primary = cur.primary || l.primary;
  }
  return out;
}

/** Pairs in reading order of the new version; removed units right after their old predecessor's pair. */
export function orderPairs(pairs: AlignedPair[], oldOrder: Map<string, number>, newOrder: Map<string, number>): AlignedPair[] {
  const newPosOfOld = new Map<number, number>();
  for (const p of pairs) {
    if (!p.to.length) continue;
    const np = Math.min(...p.to.map((k) => newOrder.get(k)!));
    for (const k of p.from) newPosOfOld.set(oldOrder.get(k)!, np);
  }
  const sortKey = (p: AlignedPair): [number, number] => {
    const op = p.from.length ? Math.min(...p.from.map((k) => oldOrder.get(k)!)) : -1;
    if (p.to.length) return [Math.min(...p.to.map((k) => newOrder.get(k)!)), op];
    let anchor = -1;
    for (let i = op - 1; i >= 0; i--) {
      const np = newPosOfOld.get(i);
      if (np !== undefined) {
        anchor = np;
        break;
      }
    }
    return [anchor + 0.5, op];
  };
  return pairs
    .map((p) => ({ p, k: sortKey(p) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1])
    .map((x) => x.p);
}
