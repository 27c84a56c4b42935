import { keyLabel, unitKeyOf } from "~/lib/recommendations/keys";

describe("provision keys", () => {
  it("writes keys the way statutes are cited", () => {
    expect(keyLabel("art-9")).toBe("第九条");
    expect(keyLabel("art-120-2/para-2/item-3")).toBe("第一百二十条之二第二款第（三）项");
    expect(keyLabel("plan-1/plan-2")).toBe("plan-1/plan-2");
  });

  it("finds the enclosing unit of a paragraph key, never a mere prefix", () => {
    expect(unitKeyOf(["art-1", "art-12"], "art-12/para-2")).toBe("art-12");
    expect(unitKeyOf(["art-1"], "art-12")).toBeNull();
  });
});
