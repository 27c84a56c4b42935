import { describe, expect, it } from "vitest";
import { buildCatalog } from "~/lib/search/catalog.server";
import { facetsOf } from "~/lib/search/hits.server";

const works = [
  { id: 1, slug: "b-law", titleZh: "乙法", kind: "law" },
  { id: 2, slug: "a-law", titleZh: "甲法", kind: "law" },
  { id: 3, slug: "c-reg", titleZh: "丙条例", kind: "administrative_regulation" },
  { id: 4, slug: "d-reg", titleZh: "丁条例", kind: "administrative_regulation" },
];
const catalog = buildCatalog("1", works, []);

describe("facetsOf", () => {
  it("orders works by count, then title (zh-CN), and sums kinds", () => {
    const perWork = new Map([
      [1, 3],
      [2, 3],
      [3, 7],
      [4, 1],
      [99, 5],
    ]);
    const byTitle = (a: number, b: number) => catalog.titleOrder.get(a)! - catalog.titleOrder.get(b)!;
    const expected = [3, 1, 2, 4].sort((a, b) => perWork.get(b)! - perWork.get(a)! || byTitle(a, b));
    const facets = facetsOf(catalog, perWork);
    expect(facets.works.map((w) => w.slug)).toEqual(expected.map((id) => works.find((w) => w.id === id)!.slug));
    expect(facets.works.map((w) => w.count)).toEqual(expected.map((id) => perWork.get(id)));
    expect(facets.kinds).toEqual([
      { kind: "administrative_regulation", count: 8 },
      { kind: "law", count: 6 },
    ]);
  });

  it("shares one frozen answer per per-work map and catalogue, and sorts again for another", () => {
    const perWork = new Map([[1, 2]]);
    const first = facetsOf(catalog, perWork);
    expect(facetsOf(catalog, perWork).works).toBe(first.works);
    expect(Object.isFrozen(first.works[0])).toBe(true);
    const next = buildCatalog("2", works.map((w) => (w.id === 1 ? { ...w, slug: "renamed" } : w)), []);
    expect(facetsOf(next, perWork).works[0].slug).toBe("renamed");
    expect(facetsOf(catalog, new Map([[1, 2]])).works).not.toBe(first.works);
  });
});
