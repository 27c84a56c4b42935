import { hasSearch, parseSearchParams, searchHref, toSearchRequest } from "~/lib/search/params";

const parse = (qs: string) => parseSearchParams(new URL(`http://localhost/search?${qs}`));

describe("search URL parameters: the agency filter", () => {
  it("reads an agency and its role into the request", () => {
    const params = parse(`q=${encodeURIComponent("登记")}&agency=${encodeURIComponent("甲部")}&role=lead`);
    expect(toSearchRequest(params)).toMatchObject({ q: "登记", agency: "甲部", agencyRole: "lead" });
  });

  it("searches for the agency's name when no terms are given, with either role by default", () => {
    const params = parse(`agency=${encodeURIComponent("甲部")}`);
    expect(hasSearch(params)).toBe(true);
    expect(toSearchRequest(params)).toMatchObject({ q: "甲部", agency: "甲部", agencyRole: "any" });
  });

  it("drops an empty agency and an unknown role instead of failing", () => {
    const params = parse("q=x&agency=%20&role=boss");
    expect(params.agency).toBeUndefined();
    expect(params.role).toBeUndefined();
    expect(toSearchRequest(params)).not.toHaveProperty("agency");
    expect(hasSearch(parse("agency="))).toBe(false);
  });

  it("keeps the agency and role in the links the page builds", () => {
    const params = parse(`q=x&agency=${encodeURIComponent("甲部")}&role=supporting&page=3`);
    expect(searchHref(params, { kind: "action_plan" })).toBe(`/search?q=x&agency=${encodeURIComponent("甲部")}&role=supporting&kind=action_plan`);
  });
});
