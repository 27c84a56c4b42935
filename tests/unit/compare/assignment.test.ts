import { maxWeightAssignment } from "~/lib/compare/assignment";

describe("maxWeightAssignment", () => {
  it("prefers the assignment with the larger total over the greedy choice", () => {
    // Greedy would take (0,0)=0.9 and leave row 1 with 0.1; the optimum pairs (0,1) and (1,0).
    const w = [
      [0.9, 0.8],
      [0.85, 0.1],
    ];
    expect(maxWeightAssignment(w, 2, 2).sort()).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it("handles rectangular matrices both ways and never returns a zero-weight pair", () => {
    expect(maxWeightAssignment([[0.5, 0, 0.7]], 1, 3)).toEqual([[0, 2]]);
    expect(maxWeightAssignment([[0], [0.4], [0.2]], 3, 1)).toEqual([[1, 0]]);
    expect(maxWeightAssignment([[0, 0]], 1, 2)).toEqual([]);
  });
});
