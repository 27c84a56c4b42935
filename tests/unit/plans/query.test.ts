import type { MeasureChange } from "~/lib/plans/compare-plans";
import { articleCompareHref, changeMatches, countChanges, planCompareHref, PlanQueryError, readPlanQuery } from "~/lib/plans/query";

const read = (qs: string) => readPlanQuery(new URLSearchParams(qs));
const measure = (key: string) => ({ key, label: null, text: key });
const CHANGES: MeasureChange[] = [
  { kind: "kept", old: measure("a"), new: measure("a"), similarity: 1 },
  {
    kind: "kept",
    old: measure("b"),
    new: measure("b"),
    similarity: 1,
    agencies: { before: { lead: ["甲部"], supporting: [] }, after: { lead: ["乙部"], supporting: [] } },
  },
  { kind: "reworded", old: measure("c"), new: measure("c2"), similarity: 0.8 },
  { kind: "new", old: null, new: measure("d"), similarity: 0 },
  { kind: "dropped", old: measure("e"), new: null, similarity: 0 },
];

describe("the plan comparison's query", () => {
  it("reads the plan, the two dates and the filter; an unknown filter shows everything", () => {
    expect(read("work=example-plan&from=2013-01-01&to=2021-01-01&type=agencies")).toEqual({
      work: "example-plan",
      from: "2013-01-01",
      to: "2021-01-01",
      type: "agencies",
    });
    expect(read("work=p&from=2013-01-01&to=2021-01-01&type=renamed").type).toBeUndefined();
  });

  it("refuses an impossible date with a message naming the field", () => {
    expect(() => read("work=p&from=2013-02-31&to=2021-01-01")).toThrow(PlanQueryError);
    expect(() => read("work=p&from=2013-02-31&to=2021-01-01")).toThrow(/"from"/);
  });

  it("links both ways between the views and keeps or clears the filter", () => {
    const q = read("work=p&from=2013-01-01&to=2021-01-01&type=new");
    expect(planCompareHref(q)).toBe("/plans/compare?work=p&from=2013-01-01&to=2021-01-01&type=new");
    expect(planCompareHref(q, { type: null })).toBe("/plans/compare?work=p&from=2013-01-01&to=2021-01-01");
    expect(articleCompareHref(q)).toBe("/compare?work=p&from=2013-01-01&to=2021-01-01");
  });

  it("counts each kind, and agency changes across kinds", () => {
    expect(countChanges(CHANGES)).toEqual({ kept: 2, reworded: 1, new: 1, dropped: 1, agencies: 1 });
  });

  it("filters by kind, or by a change of agencies whatever the kind", () => {
    expect(CHANGES.filter((c) => changeMatches(c, "kept")).map((c) => c.new!.key)).toEqual(["a", "b"]);
    expect(CHANGES.filter((c) => changeMatches(c, "agencies")).map((c) => c.new!.key)).toEqual(["b"]);
    expect(CHANGES.filter((c) => changeMatches(c, undefined))).toHaveLength(5);
  });
});
