/**
 * The best groups of a memoised stage without scoring and selecting over all its rows.
 *
 * A row's rank score is its unboosted score (kept per generation, term-cache.ts) times the request's
 * boost (in force x title, scope.ts classBoosts), and every boost lies in [min, max] of classBoosts.
 * With the find's rows once sorted by unboosted score, a request walks them best first and stops
 * as soon as no row not yet walked can reach the needed-th group's score even with the largest
 * boost: the answer is then exactly what scoring every row and sorting would give, ties included
 * (score, then provision id, which is unit index order). 的 holds 57,000 rows; a page needs the
 * first few hundred. Pure. ADR 0004, latency (session 5).
 */
import { derivedOf, type MatchedRows } from "../term-cache";

export interface ScoreOrder {
  /** Unit indexes of every row of the find, by unboosted score descending, then unit index ascending. */
  units: Int32Array;
  /** Their unboosted scores, in the same order. */
  scores: Float64Array;
}

/** Score orders kept per row list: one per scoring key in use (the bench's --tune tries many). */
const ORDERS_PER_ROWS = 4;

/**
 * Ascending `rows` sorted by their unboosted scores (`scoreOf`), ties in row order, or null when a
 * score is missing (NaN). The scores are sorted as a typed array (native numeric sort, no
 * comparator: a comparator sort of 20,000 rows cost ~15 ms on the first search of 不); each row then
 * takes the next free place in its score's run, so rows of equal score keep their order.
 */
export function buildScoreOrder(rows: readonly number[], scoreOf: (u: number) => number): ScoreOrder | null {
  const n = rows.length;
  const keyed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    keyed[i] = scoreOf(rows[i]);
    if (Number.isNaN(keyed[i])) return null;
  }
  const descending = keyed.slice().sort().reverse();
  const placed = new Int32Array(n);
  const units = new Int32Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = keyed[i];
    // First place of the run of scores equal to s (-0 and 0 are one run, as comparisons see them).
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (descending[mid] > s) lo = mid + 1;
      else hi = mid;
    }
    const at = lo + placed[lo]++;
    units[at] = rows[i];
    scores[at] = s;
  }
  return { units, scores };
}

function ordersOf(rows: MatchedRows): Map<string, ScoreOrder> {
  return derivedOf(rows, "score-orders", () => new Map<string, ScoreOrder>());
}

/** The score order of `rows` under scoring key `key`, if one was kept. */
export function keptScoreOrder(rows: MatchedRows, key: string): ScoreOrder | undefined {
  return ordersOf(rows).get(key);
}

/** Keeps a score order of `rows` under scoring key `key` (the oldest key beyond the bound dropped). */
export function keepScoreOrder(rows: MatchedRows, key: string, order: ScoreOrder): void {
  const orders = ordersOf(rows);
  orders.delete(key);
  orders.set(key, order);
  if (orders.size > ORDERS_PER_ROWS) orders.delete(orders.keys().next().value as string);
}

export interface OrderRequest {
  /** The request's boost of a row: one of `boosts`. */
  boostOf(u: number): number;
  /** The largest boost any row can get. */
  maxBoost: number;
  /** Whether the request ranks the row at all (its status and filters). */
  accepts(u: number): boolean;
  group(u: number): number;
  needed: number;
}

/**
 * The first `needed` groups (a group ranks at its best row) among the accepted rows by boosted
 * score descending, then unit index ascending: fewer when the rows hold fewer groups.
 */
export function topGroupsInOrder(order: ScoreOrder, request: OrderRequest): number[] {
  const { boostOf, maxBoost, accepts, group, needed } = request;
  const n = order.units.length;
  const walked: number[] = [];
  const boosted: number[] = [];
  let w = 0;
  let until = Math.min(n, Math.max(needed * 4, 64));
  for (;;) {
    for (; w < until; w++) {
      const u = order.units[w];
      if (!accepts(u)) continue;
      walked.push(u);
      boosted.push(order.scores[w] * boostOf(u));
    }
    const positions = walked.map((_, i) => i);
    positions.sort((a, b) => (boosted[a] > boosted[b] ? -1 : boosted[a] < boosted[b] ? 1 : walked[a] - walked[b]));
    const seen = new Set<number>();
    const groups: number[] = [];
    let threshold = -Infinity;
    for (const p of positions) {
      const g = group(walked[p]);
      if (seen.has(g)) continue;
      seen.add(g);
      groups.push(g);
      if (groups.length === needed) {
        threshold = boosted[p];
        break;
      }
    }
    if (w === n) return groups;
    // Every row not walked scores at most order.scores[w] unboosted (floating-point products are
    // monotonic), so at most this boosted: strictly below the threshold, it cannot enter or reorder.
    if (groups.length === needed && order.scores[w] * maxBoost < threshold) return groups;
    until = Math.min(n, until * 4);
  }
}
