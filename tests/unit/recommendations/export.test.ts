import { contentDisposition, packToCsv, packToMarkdown, type SubmissionPack } from "~/lib/recommendations/export.server";

// Invented text.
const PACK: SubmissionPack = {
  orgName: "示例中心",
  orgContact: "",
  title: "意见",
  targetBody: "示例机关",
  consultationTitle: "示例条例征求意见",
  consultationUrl: null,
  deadline: null,
  reference: null,
  date: "2031-01-01",
  endorsers: [],
  rows: [
    {
      label: "第二条",
      currentText: "第二条 示例机关应当|及时处理。\n第二款。",
      proposedText: "-改为七日<script>",
      rationale: "@理由",
      title: "=标题",
    },
  ],
};

describe("submission pack text formats", () => {
  it("keeps Markdown table cells intact: pipes escaped, line breaks as <br>, HTML inert", () => {
    const md = packToMarkdown(PACK);
    expect(md).toContain("| 第二条 | 第二条 示例机关应当\\|及时处理。<br>第二款。 | -改为七日&lt;script&gt; | @理由 |");
    expect(md).not.toContain("联系方式");
  });

  it("writes CSV with a BOM, quotes every field and defuses formulas in people's text only", () => {
    const csv = packToCsv(PACK);
    expect(csv.startsWith("\uFEFF\"条款\",\"现行/草案条文\",\"修改建议\",\"理由\",\"标题\"\r\n")).toBe(true);
    expect(csv).toContain('"第二条 示例机关应当|及时处理。\n第二款。"');
    expect(csv).toContain(`"'-改为七日<script>","'@理由","'=标题"`);
  });

  it("names the download safely", () => {
    expect(contentDisposition('意见"1".docx')).toBe(`attachment; filename="___1_.docx"; filename*=UTF-8''${encodeURIComponent('意见"1".docx')}`);
  });
});
