import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseLawText } from "~/lib/corpus/parse";
import { agenciesOf } from "~/lib/corpus/parser/agencies";

const fixturesDir = fileURLToPath(new URL("../../fixtures/parse", import.meta.url));

describe("agencies of a measure", () => {
  it.each([
    ["1．开展安全教育。（甲部、乙部负责，丙部、丁部配合）", { lead: ["甲部", "乙部"], supporting: ["丙部", "丁部"] }],
    ["加强网络保护。（示例网信办牵头，示例公安部参与）", { lead: ["示例网信办"], supporting: ["示例公安部"] }],
    ["加强经费保障（示例财政部负责）。", { lead: ["示例财政部"], supporting: [] }],
    ["开展宣传（各地区负责）", { lead: ["各地区"], supporting: [] }],
  ])("%s", (text, expected) => {
    expect(agenciesOf(text)).toEqual(expected);
  });

  it("is not fooled by a parenthesis that names no responsibility", () => {
    expect(agenciesOf("到2030年，覆盖率达到90%（含农村地区）。")).toBeNull();
    expect(agenciesOf("开展示例宣传教育。")).toBeNull();
  });

  it.each(["plan-2013-2020", "plan-2021-2030"])("finds the agencies of every measure of %s", (name) => {
    const doc = parseLawText(fs.readFileSync(path.join(fixturesDir, name, "input.txt"), "utf8"), { format: "text" });
    const measures = doc.provisions.filter((p) => p.kind === "plan3");
    expect(measures.length).toBeGreaterThan(3);
    for (const m of measures) expect(agenciesOf(m.text), m.text).not.toBeNull();
    // The 2021 plan shares the registration measure between two leads.
    if (name === "plan-2021-2030") {
      expect(agenciesOf(doc.provisions.find((p) => p.key === "p1-2/p2-1/p3-2")!.text)).toEqual({
        lead: ["示例民政部", "示例公安部"],
        supporting: ["示例卫生部", "示例网信办"],
      });
    }
  });
});
