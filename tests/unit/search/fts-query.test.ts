import { buildStageMatch, wordTermMatch } from "~/lib/search/fts-query";
import { parseQuery } from "~/lib/search/query";

/** The literal query as the pipeline asks for it: every term a clause of one alternative. */
function literalMatch(q: string): string {
  const parsed = parseQuery(q);
  return buildStageMatch(
    parsed.terms.map((t) => [[t.folded]]),
    parsed.excluded.map((t) => t.folded),
  );
}

describe("buildStageMatch", () => {
  it("requires every term in the heading or body columns", () => {
    expect(literalMatch("监护 学校")).toBe('((({heading body} : "76d162a4"))) AND ((({heading body} : "5b666821")))');
  });

  it("finds a term as the phrase of its bigrams; the word column is a separate query for ranking", () => {
    expect(literalMatch("监护人")).toBe('((({heading body} : "76d162a4 62a44eba")))');
    expect(wordTermMatch("监护人")).toBe('words : "监护人"');
  });

  it("excludes with NOT", () => {
    expect(literalMatch("罚款 -拘留")).toBe('(((({heading body} : "7f5a6b3e")))) NOT ({heading body} : "62d87559")');
  });

  it("offers a clause's alternatives with OR, each alternative's strings with AND", () => {
    expect(buildStageMatch([[["监护"], ["学校", "监护"]]], [])).toBe(
      '((({heading body} : "76d162a4")) OR (({heading body} : "5b666821") AND ({heading body} : "76d162a4")))',
    );
  });

  it("turns hostile input into quoted hex only", () => {
    const match = literalMatch('NEAR("a" b) OR * -');
    const structure = match.replace(/"[0-9a-fz ]+"\*?/g, "");
    expect(structure).not.toMatch(/NEAR|\*|"/);
    expect(structure).toMatch(/^[(){} :]*(AND|OR|NOT|heading|body|words|[(){} :])*$/);
  });
});
