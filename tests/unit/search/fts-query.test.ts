import { buildFtsMatch, wordTermMatch } from "~/lib/search/fts-query";
import { parseQuery } from "~/lib/search/query";

describe("buildFtsMatch", () => {
  it("requires every term in the heading or body columns", () => {
    expect(buildFtsMatch(parseQuery("监护 学校"))).toBe(
      '({heading body} : "76d162a4") AND ({heading body} : "5b666821")',
    );
  });

  it("finds a term as the phrase of its bigrams; the word column is a separate query for ranking", () => {
    expect(buildFtsMatch(parseQuery("监护人"))).toBe('({heading body} : "76d162a4 62a44eba")');
    expect(wordTermMatch("监护人")).toBe('words : "监护人"');
  });

  it("excludes with NOT", () => {
    expect(buildFtsMatch(parseQuery("罚款 -拘留"))).toBe(
      '(({heading body} : "7f5a6b3e")) NOT ({heading body} : "62d87559")',
    );
  });

  it("turns hostile input into quoted hex only", () => {
    const match = buildFtsMatch(parseQuery('NEAR("a" b) OR * -'));
    const structure = match.replace(/"[0-9a-fz ]+"\*?/g, "");
    expect(structure).not.toMatch(/NEAR|\*|"/);
    expect(structure).toMatch(/^[(){} :]*(AND|OR|NOT|heading|body|words|[(){} :])*$/);
  });
});
