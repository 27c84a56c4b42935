import { buildFtsMatch } from "~/lib/search/fts-query";
import { parseQuery } from "~/lib/search/query";

describe("buildFtsMatch", () => {
  const noWords = () => false;

  it("requires every term in the heading or body columns", () => {
    expect(buildFtsMatch(parseQuery("监护 学校"), noWords)).toBe(
      '({heading body} : "76d162a4") AND ({heading body} : "5b666821")',
    );
  });

  it("adds a whole-word alternative only for single words, which can only add score", () => {
    expect(buildFtsMatch(parseQuery("监护人"), (t) => t === "监护人")).toBe(
      '({heading body} : "76d162a4 62a44eba" OR words : "监护人")',
    );
  });

  it("excludes with NOT", () => {
    expect(buildFtsMatch(parseQuery("罚款 -拘留"), noWords)).toBe(
      '(({heading body} : "7f5a6b3e")) NOT ({heading body} : "62d87559")',
    );
  });

  it("turns hostile input into quoted hex only", () => {
    const match = buildFtsMatch(parseQuery('NEAR("a" b) OR * -'), noWords);
    const structure = match.replace(/"[0-9a-fz ]+"\*?/g, "");
    expect(structure).not.toMatch(/NEAR|\*|"/);
    expect(structure).toMatch(/^[(){} :]*(AND|OR|NOT|heading|body|words|[(){} :])*$/);
  });
});
