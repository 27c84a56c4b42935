import { isIsoDate, todayInChina, versionInForceOn, versionStatus } from "~/lib/corpus/point-in-time";

const versions = [
  { id: 1, versionDate: "2012-10-26", effectiveDate: "2013-01-01", changeKind: "amended" },
  { id: 2, versionDate: "2020-10-17", effectiveDate: "2021-06-01", changeKind: "revised" },
  { id: 3, versionDate: "2024-04-26", effectiveDate: "2024-04-26", changeKind: "amended" },
  { id: 4, versionDate: "2026-01-10", effectiveDate: null, changeKind: "draft" },
];

describe("versionInForceOn", () => {
  it("returns the latest version whose effective date is on or before the date", () => {
    expect(versionInForceOn(versions, "2021-05-31")?.id).toBe(1);
    expect(versionInForceOn(versions, "2021-06-01")?.id).toBe(2);
    expect(versionInForceOn(versions, "2024-04-26")?.id).toBe(3);
  });

  it("finds nothing before the first version took effect, and never a draft", () => {
    expect(versionInForceOn(versions, "2012-12-31")).toBeNull();
    expect(versionInForceOn(versions, "2030-01-01")?.id).toBe(3);
  });

  it("counts a version without an effective date from its adoption date", () => {
    const v = [{ versionDate: "2018-10-26", effectiveDate: null, changeKind: "amended" }];
    expect(versionInForceOn(v, "2018-10-26")).toBe(v[0]);
  });
});

describe("versionStatus", () => {
  it("computes draft, in force, superseded and not yet in force", () => {
    expect(versionStatus(versions[0], versions, "2026-11-29")).toBe("superseded");
    expect(versionStatus(versions[2], versions, "2026-11-29")).toBe("in_force");
    expect(versionStatus(versions[3], versions, "2026-11-29")).toBe("draft");
    expect(versionStatus(versions[1], versions, "2021-01-01")).toBe("not_yet_in_force");
  });
});

describe("dates", () => {
  it("uses the Beijing calendar day", () => {
    expect(todayInChina(new Date("2024-04-25T17:00:00Z"))).toBe("2024-04-26");
  });
  it("refuses impossible dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2023-2-1")).toBe(false);
  });
});
