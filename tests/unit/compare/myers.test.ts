/**
 * myers.ts must return exactly jsdiff's `diffArrays` edit script (the inline diff's output may not
 * change when it replaced jsdiff in the hot path, ADR 0005): compared component by component on
 * invented token lists and the edge cases.
 */
import { diffArrays } from "diff";
import { myersEditScript, type EditKind } from "~/lib/compare/myers";

type Component = { kind: EditKind; count: number };

function jsdiff(a: number[], b: number[], maxEditLength = 4000): Component[] | null {
  const changes = diffArrays(a, b, { maxEditLength });
  if (!changes) return null;
  return changes.map((c) => ({ kind: c.added ? "insert" : c.removed ? "delete" : "equal", count: c.count ?? 0 }));
}

function ours(a: number[], b: number[], maxEditLength = 4000, deadline = Infinity): Component[] | null {
  const out: Component[] = [];
  const ok = myersEditScript(Int32Array.from(a), Int32Array.from(b), deadline, maxEditLength, (kind, count) => out.push({ kind, count }));
  return ok ? out : null;
}

describe("myersEditScript", () => {
  it("equals diffArrays on the edge cases", () => {
    const cases: [number[], number[]][] = [
      [[], []],
      [[], [1, 2, 3]],
      [[1, 2, 3], []],
      [[1, 2, 3], [1, 2, 3]],
      [[1, 2, 3], [4, 5, 6]],
      [[1, 1, 1, 1], [1, 1]],
      [[1, 1], [1, 1, 1, 1]],
      [[1, 2, 1, 2, 1], [2, 1, 2, 1, 2]],
      [[7], [8]],
      [[1, 2, 3, 4], [1, 9, 3, 4]],
      [[1, 2, 3, 4], [0, 1, 2, 3, 4, 5]],
    ];
    for (const [a, b] of cases) expect(ours(a, b)).toEqual(jsdiff(a, b));
  });

  it("equals diffArrays on random token lists, with few and with many distinct tokens", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const vocabulary of [2, 5, 40]) {
      for (let run = 0; run < 300; run++) {
        const list = (n: number) => Array.from({ length: Math.floor(random() * n) }, () => Math.floor(random() * vocabulary));
        const a = list(60);
        // Half the time b is an edited copy of a, as in an amended article.
        const b = random() < 0.5 ? list(60) : a.flatMap((t) => (random() < 0.15 ? [] : random() < 0.1 ? [t, vocabulary] : [t]));
        expect(ours(a, b)).toEqual(jsdiff(a, b));
      }
    }
  });

  it("gives up where diffArrays does when more edits than maxEditLength are needed", () => {
    const a = Array.from({ length: 30 }, (_, i) => i);
    const b = Array.from({ length: 30 }, (_, i) => 100 + i);
    expect(jsdiff(a, b, 10)).toBeNull();
    expect(ours(a, b, 10)).toBeNull();
    expect(ours(a, b, 60)).toEqual(jsdiff(a, b, 60));
  });

  it("gives up once the deadline has passed", () => {
    expect(ours([1, 2, 3], [4, 5, 6], 4000, performance.now() - 1)).toBeNull();
    // Identical lists need no edit length at all, so no clock is read.
    expect(ours([1, 2], [1, 2], 4000, performance.now() - 1)).toEqual([{ kind: "equal", count: 2 }]);
  });
});
