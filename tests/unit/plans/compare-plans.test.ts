import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseLawText } from "~/lib/corpus/parse";
import { comparePlans } from "~/lib/plans/compare-plans";

const fixturesDir = fileURLToPath(new URL("../../fixtures/parse", import.meta.url));
const measures = (name: string) =>
  parseLawText(fs.readFileSync(path.join(fixturesDir, name, "input.txt"), "utf8"), { format: "text" }).provisions.filter((p) => p.kind === "plan3");

describe("two successive plans, measure by measure", () => {
  const changes = comparePlans(measures("plan-2013-2020"), measures("plan-2021-2030"));
  const summary = changes.map((c) => [c.kind, (c.new ?? c.old)!.text.slice(2, 12), c.agencies ? "agencies" : ""]);

  it("tells kept, reworded, new and dropped measures apart, and flags agency changes on their own", () => {
    expect(summary).toEqual([
      ["kept", "开展示例儿童安全教育", ""],
      ["reworded", "建立健全示例儿童信息", "agencies"],
      ["new", "加强网络空间示例儿童", ""],
      ["reworded", "依法严厉打击侵害示例", "agencies"],
      ["dropped", "加强示例儿童救助。（", ""],
      ["kept", "加强经费保障。（示例", ""],
    ]);
  });

  it("says who took over: the registration measure gained a second lead and changed supporters", () => {
    const registration = changes[1].agencies!;
    expect(registration.before).toEqual({ lead: ["示例民政部"], supporting: ["示例公安部", "示例卫生部"] });
    expect(registration.after).toEqual({ lead: ["示例民政部", "示例公安部"], supporting: ["示例卫生部", "示例网信办"] });
  });
});
