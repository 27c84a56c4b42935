/** Position prior: where an old unit is expected in the new version, from anchor pairs. Pure (ADR 0005). */
import { longestIncreasingRun } from "./increasing";

/** Longest increasing run of anchors by new index, so a stray identical pair cannot skew the prior. */
function monotoneAnchors(anchors: [number, number][]): [number, number][] {
  return longestIncreasingRun([...anchors].sort((x, y) => x[0] - y[0]));
}

/** Expected new position of each old position, interpolated between anchors. */
export function expectedPositions(anchors: [number, number][], nOld: number, nNew: number): Float64Array {
  const pts: [number, number][] = [[-1, -1], ...monotoneAnchors(anchors), [nOld, nNew]];
  const out = new Float64Array(nOld);
  let k = 0;
  for (let i = 0; i < nOld; i++) {
    while (pts[k + 1][0] < i) k++;
    const [ao, an] = pts[k];
    const [bo, bn] = pts[k + 1];
    out[i] = bo === ao ? an : an + ((i - ao) * (bn - an)) / (bo - ao);
  }
  return out;
}
