/** Binary search over an ascending list of integers (typed arrays or arrays). Pure. */

/** Index of `v` in ascending `rows` between `lo` and `hi` (inclusive), or -1. */
export function indexOfSorted(rows: ArrayLike<number>, v: number, lo = 0, hi = rows.length - 1): number {
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = rows[mid];
    if (x === v) return mid;
    if (x < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
