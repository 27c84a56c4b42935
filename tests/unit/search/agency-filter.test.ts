import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseLawText } from "~/lib/corpus/parse";
import { agenciesOf } from "~/lib/corpus/parser/agencies";
import { agencyMatcher, foldedAgenciesOf } from "~/lib/search/agency-filter";
import { foldForMatch } from "~/lib/text/normalize";

const fixturesDir = fileURLToPath(new URL("../../fixtures/parse", import.meta.url));
const planTexts = (name: string) =>
  parseLawText(fs.readFileSync(path.join(fixturesDir, name, "input.txt"), "utf8"), { format: "text" })
    .provisions.filter((p) => p.kind.startsWith("plan"))
    .map((p) => p.text);

const REGISTRATION = "2．建立健全示例儿童信息登记和共享制度。（示例民政部、示例公安部负责，示例卫生部、示例网信办配合）";

describe("agencies read from folded text", () => {
  it.each(["plan-2013-2020", "plan-2021-2030"])("agree with agenciesOf on every plan item of %s", (name) => {
    for (const text of planTexts(name)) {
      const exact = agenciesOf(text);
      const expected = exact && { lead: exact.lead.map((n) => foldForMatch(n)), supporting: exact.supporting.map((n) => foldForMatch(n)) };
      expect(foldedAgenciesOf(foldForMatch(text)), text).toEqual(expected);
    }
  });

  it("keeps names listed with 、 before their role word together, though the fold made 、 and ， alike", () => {
    expect(foldedAgenciesOf(foldForMatch(REGISTRATION))).toEqual({ lead: ["示例民政部", "示例公安部"], supporting: ["示例卫生部", "示例网信办"] });
  });

  it("reads a parenthesis before the closing 。 and is not fooled by one that names no responsibility", () => {
    expect(foldedAgenciesOf(foldForMatch("加强经费保障（示例财政部负责）。"))).toEqual({ lead: ["示例财政部"], supporting: [] });
    expect(foldedAgenciesOf(foldForMatch("到2030年，覆盖率达到90%（含农村地区）。"))).toBeNull();
    expect(foldedAgenciesOf(foldForMatch("开展示例宣传，（甲部）。"))).toBeNull();
  });
});

describe("the agency filter", () => {
  const folded = foldForMatch(REGISTRATION);

  it("finds a lead agency as lead or any role, not as supporting", () => {
    expect(agencyMatcher({ name: "示例公安部", role: "lead" })(folded)).toBe(true);
    expect(agencyMatcher({ name: "示例公安部", role: "any" })(folded)).toBe(true);
    expect(agencyMatcher({ name: "示例公安部", role: "supporting" })(folded)).toBe(false);
  });

  it("finds a supporting agency only as supporting or any role", () => {
    expect(agencyMatcher({ name: "示例网信办", role: "supporting" })(folded)).toBe(true);
    expect(agencyMatcher({ name: "示例网信办", role: "lead" })(folded)).toBe(false);
  });

  it("compares whole names, folded: a part of a name or a mention in the text is not the agency", () => {
    expect(agencyMatcher({ name: "民政部", role: "any" })(folded)).toBe(false);
    expect(agencyMatcher({ name: "示例儿童", role: "any" })(folded)).toBe(false);
    // Traditional characters and stray spaces in what was typed fold like the text.
    expect(agencyMatcher({ name: " 示例衛生部", role: "supporting" })(folded)).toBe(true);
  });

  it("ignores a law's article that merely mentions the agency", () => {
    expect(agencyMatcher({ name: "甲部", role: "any" })(foldForMatch("第五条　甲部应当加强对未成年人的保护。"))).toBe(false);
  });
});
