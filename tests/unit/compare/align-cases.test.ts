/**
 * Hard alignment cases as fixture folders (tests/fixtures/align/cases/<case>/{input.json,expected.json}),
 * run by one loop. Invented 示例条例 text only. `UPDATE=1 npx vitest run tests/unit/compare/align-cases.test.ts`
 * rewrites expected.json from the current output; review the diff before committing it.
 */
import fs from "node:fs";
import path from "node:path";
import { alignArticles } from "~/lib/compare/align";
import type { ParagraphSide } from "~/lib/compare/types";
import { unit } from "./fixtures";

const CASES = path.join(__dirname, "..", "..", "fixtures", "align", "cases");

interface Input {
  note: string;
  old: { n: number; body: string; chapter?: string }[];
  new: { n: number; body: string; chapter?: string }[];
}

/** art-3:0 for a whole line, art-3:0/s1 for its second sentence (a long 款 traced sentence by sentence). */
const side = (s: ParagraphSide) => `${s.key}:${s.lines.join(",")}${s.sentences ? `/s${s.sentences.join(",")}` : ""}`;

function run(input: Input) {
  const units = (side: Input["old"]) => side.map((a) => unit(a.n, a.body, a.chapter));
  const result = alignArticles(units(input.old), units(input.new));
  return {
    rows: result.pairs.map((p) => ({ from: p.from, to: p.to, label: p.label, moved: p.moved })),
    links: result.links.map((l) => `${l.from}>${l.to}${l.primary ? "" : " (secondary)"}`).sort(),
    paragraphs: result.pairs.flatMap((p) =>
      (p.links ?? []).map((l) => `${side(l.from)} > ${side(l.to)} ${l.kind}`),
    ),
  };
}

describe.each(fs.readdirSync(CASES).sort())("alignment case %s", (name) => {
  it("matches expected.json", () => {
    const input = JSON.parse(fs.readFileSync(path.join(CASES, name, "input.json"), "utf8")) as Input;
    const actual = run(input);
    const file = path.join(CASES, name, "expected.json");
    if (process.env.UPDATE) fs.writeFileSync(file, JSON.stringify(actual, null, 1) + "\n");
    expect(actual).toEqual(JSON.parse(fs.readFileSync(file, "utf8")));
  });
});
