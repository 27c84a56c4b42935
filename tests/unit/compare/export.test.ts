import { translator } from "~/i18n/i18n";
import { alignArticles, alsoFlagged } from "~/lib/compare/align";
import type { Comparison } from "~/lib/compare/compare.server";
import { comparisonToCsv, comparisonToMarkdown } from "~/lib/compare/export.server";
import { buildRows } from "~/lib/compare/rows";
import { BODIES as B, unit } from "./fixtures";

function comparison(): Comparison {
  const old = [unit(1, B.purpose), unit(2, '组织者应当公示"收费标准"，\n并接受监督。')];
  const neu = [unit(1, B.purpose), unit(2, "组织者应当公示“收费标准”|并接受监督。")];
  const alignment = alignArticles(old, neu);
  const v = (id: number, versionDate: string) => ({ id, workId: 1, versionDate, title: "示例条例" });
  return {
    work: { id: 1, slug: "example", titleZh: "示例条例", shortTitle: null },
    versions: [v(1, "2020-01-01"), v(2, "2024-01-01")],
    from: v(1, "2020-01-01"),
    to: v(2, "2024-01-01"),
    counts: alignment.counts,
    ...alsoFlagged(alignment.pairs),
    rows: buildRows(old, neu, alignment),
  };
}

describe("exports", () => {
  const t = translator("zh-CN");

  it("writes CSV with a BOM, quoted fields and the exact texts", () => {
    const csv = comparisonToCsv(comparison(), t);
    expect(csv.startsWith("\uFEFF变化,")).toBe(true);
    expect(csv).toContain('"第二条 组织者应当公示""收费标准""，\n并接受监督。"');
    expect(csv).toContain("第二条 组织者应当公示“收费标准”|并接受监督。");
  });

  it("writes a Markdown table of changed rows, escaping only what Markdown needs", () => {
    const md = comparisonToMarkdown(comparison(), t);
    expect(md).toContain("# 示例条例 新旧对照表（2020-01-01 → 2024-01-01）");
    expect(md).toContain("| 第二条 组织者应当公示\"收费标准\"，<br>并接受监督。 | 第二条 组织者应当公示“收费标准”\\|并接受监督。 | 修改<br>第二条第一款 → 第二条（修改）<br>第二条第二款 → 第二条（修改） |");
    // The two old 款 were joined into one: the row says so (款-level links, ADR 0005).
    expect(md).not.toContain(B.purpose);
  });
});
