import { SearchQueryError } from "~/lib/search/errors";
import { requirePageInRange, requirePageParam } from "~/lib/search/paging";

const url = (page?: string) => new URL(`http://x/api/search?q=a${page === undefined ? "" : `&page=${encodeURIComponent(page)}`}`);

function code(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof SearchQueryError ? `${error.code}:${error.params.max}` : "other";
  }
}

describe("page parameter", () => {
  it.each(["0", "-1", "abc", "1.5", "501", ""])("refuses page=%s with bad-page", (p) => {
    expect(code(() => requirePageParam(url(p)))).toBe("bad-page:500");
  });

  it.each([undefined, "1", "500", " 7 "])("accepts page=%s", (p) => {
    expect(code(() => requirePageParam(url(p)))).toBeNull();
  });

  it("refuses a page past the last one, naming the last, and allows page 1 of nothing", () => {
    expect(code(() => requirePageInRange({ page: 4, pageCount: 3 }))).toBe("bad-page:3");
    expect(code(() => requirePageInRange({ page: 3, pageCount: 3 }))).toBeNull();
    expect(code(() => requirePageInRange({ page: 1, pageCount: 0 }))).toBeNull();
    expect(code(() => requirePageInRange({ page: 2, pageCount: 0 }))).toBe("bad-page:1");
  });
});
