import { safeRedirectTo } from "~/lib/auth/redirect";

describe("safeRedirectTo", () => {
  it("keeps paths on this site with their query and fragment", () => {
    expect(safeRedirectTo("/works/mpl?tab=2#art-5")).toBe("/works/mpl?tab=2#art-5");
    expect(safeRedirectTo("/search?q=%E7%9B%91%E6%8A%A4")).toBe("/search?q=%E7%9B%91%E6%8A%A4");
  });

  it.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    // Issue 10: paths that become "//evil.test" once dot segments are resolved.
    "/..//evil.test",
    "/.//evil.test",
    "/a/..//evil.test",
    "/%2e%2e//evil.test",
    "/%2E//evil.test",
    "/.%2e//evil.test",
    "/./\\evil.test",
    "/..\\evil.test",
  ])("refuses %j", (value) => {
    expect(safeRedirectTo(value)).toBe("/");
  });

  it("keeps encoded slashes encoded, so they stay a path on this site", () => {
    expect(safeRedirectTo("/%2f%2fevil.test")).toBe("/%2f%2fevil.test");
    expect(safeRedirectTo("/..%2f%2fevil.test")).toBe("/..%2f%2fevil.test");
    expect(safeRedirectTo("/works/../search?q=1")).toBe("/search?q=1");
  });

  it("refuses values that are not strings", () => {
    expect(safeRedirectTo(null, "/home")).toBe("/home");
    expect(safeRedirectTo(["/x"])).toBe("/");
  });
});
