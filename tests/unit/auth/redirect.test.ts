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
  ])("refuses %j", (value) => {
    expect(safeRedirectTo(value)).toBe("/");
  });

  it("refuses values that are not strings", () => {
    expect(safeRedirectTo(null, "/home")).toBe("/home");
    expect(safeRedirectTo(["/x"])).toBe("/");
  });
});
