import { translator } from "~/i18n/i18n";
import type { Comparison } from "~/lib/compare/compare.server";
import { comparisonToMarkdown } from "~/lib/compare/export.server";
import { packToMarkdown, type SubmissionPack } from "~/lib/recommendations/export.server";
import { markdownCell, markdownHeading } from "~/lib/text/markdown-escape";

const HOSTILE = "<script>alert(1)</script> *示例* [链接](javascript:x) `代码` 条例 #";

describe("markdownHeading", () => {
  it("makes HTML inert and Markdown syntax literal, on one line", () => {
    expect(markdownHeading(HOSTILE)).toBe(
      "&lt;script&gt;alert(1)&lt;/script&gt; \\*示例\\* \\[链接\\](javascript:x) \\`代码\\` 条例 \\#",
    );
    expect(markdownHeading("第一行\n\n# 第二行")).toBe("第一行 \\# 第二行");
    expect(markdownHeading("中华人民共和国未成年人保护法（2020年修订）")).toBe("中华人民共和国未成年人保护法（2020年修订）");
  });

  it("leaves cells as they were: pipes escaped, line breaks as <br>", () => {
    expect(markdownCell("a|b\n<i>")).toBe("a\\|b<br>&lt;i&gt;");
  });
});

// Issue 10, defect 7: a title with "<script>" went out raw in both Markdown exports.
describe("Markdown exports escape their headings", () => {
  it("in the submission pack", () => {
    const pack: SubmissionPack = {
      orgName: "示例中心",
      orgContact: "",
      title: HOSTILE,
      targetBody: "示例机关",
      endorsers: [],
      consultationTitle: "<img src=x onerror=alert(1)>征求意见",
      consultationUrl: null,
      deadline: null,
      reference: null,
      date: "2031-01-01",
      rows: [],
    };
    const md = packToMarkdown(pack);
    expect(md).not.toMatch(/<script|<img/);
    expect(md).toContain("# &lt;img src=x onerror=alert(1)&gt;征求意见\n");
    expect(md).toContain("## &lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("in the comparison table", () => {
    const comparison = {
      work: { titleZh: HOSTILE },
      from: { versionDate: "2010-01-01" },
      to: { versionDate: "2020-01-01" },
      rows: [],
    } as unknown as Comparison;
    const md = comparisonToMarkdown(comparison, translator("zh-CN"));
    expect(md.split("\n")[0]).toMatch(/^# .*&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    expect(md).not.toContain("<script");
  });
});
