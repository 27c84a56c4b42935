import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseLawText } from "~/lib/corpus/parse";
import { measuresOf, PLAN_ITEM_KINDS } from "~/lib/plans/measures";

const fixturesDir = fileURLToPath(new URL("../../fixtures/parse", import.meta.url));
const planItems = (name: string, file = "input.txt") =>
  parseLawText(fs.readFileSync(path.join(fixturesDir, name, file), "utf8"), { format: file.endsWith(".md") ? "markdown" : "text" }).provisions.filter(
    (p) => (PLAN_ITEM_KINDS as readonly string[]).includes(p.kind),
  );

describe("the measures of a plan", () => {
  it("are the items that end with their agencies, not the headings above them", () => {
    const measures = measuresOf(planItems("plan-2021-2030"));
    expect(measures.map((m) => m.text.slice(0, 12))).toEqual([
      "1．开展示例儿童安全教育",
      "2．建立健全示例儿童信息",
      "3．加强网络空间示例儿童",
      "1．依法严厉打击侵害示例",
      "1．加强经费保障。（示例",
    ]);
    expect(measures[1]).toMatchObject({ key: "p1-2/p2-1/p3-2", label: "2．" });
  });

  it("are the 1. items of a plan that names no agency", () => {
    const measures = measuresOf(planItems("action-plan", "input.md"));
    expect(measures.map((m) => m.text)).toEqual(["1．预防为主。加强源头治理。", "2．依法打击。", "1．开展示例宣传教育。"]);
  });

  it("are none for a text without plan items", () => {
    expect(measuresOf([])).toEqual([]);
  });
});
