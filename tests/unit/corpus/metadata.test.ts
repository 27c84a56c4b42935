import { inferMetadata, versionFromHistory } from "~/lib/corpus/metadata";
import { draftStageOf, matchDraftMarkerLine } from "~/lib/corpus/parser/draft-header";
import { sourceFormatOf } from "~/lib/corpus/parser/plain-text";
import { parseLawText } from "~/lib/corpus/parse";

describe("enactment lines", () => {
  it.each([
    ["（2031年1月1日示例市人民代表大会常务委员会第三次会议通过）", "2031-01-01", "enacted"],
    ["2031年1月1日示例市人民代表大会常务委员会第三次会议通过", "2031-01-01", "enacted"],
    ["（2015年3月1日第十二届全国人民代表大会常务委员会第十三次会议通过　2024年10月17日第十四届全国人民代表大会常务委员会第十二次会议修订）", "2024-10-17", "revised"],
    ["（二〇一五年三月一日通过　根据二〇二〇年十月十七日《关于修改〈示例法〉的决定》修正）", "2020-10-17", "amended"],
  ])("%s", (line, versionDate, changeKind) => {
    expect(versionFromHistory([line])).toEqual({ versionDate, changeKind });
  });
});

describe("draft markers", () => {
  it.each([
    ["（草案）", "草案", "reading-1"],
    ["（草案二次审议稿）", "草案二次审议稿", "reading-2"],
    ["草案三次审议稿", "草案三次审议稿", "reading-3"],
    ["（征求意见稿）", "征求意见稿", "consultation"],
    ["（修订草案征求意见稿）", "修订草案征求意见稿", "consultation"],
    ["二次审议稿", "二次审议稿", "reading-2"],
  ])("%s", (line, label, stage) => {
    expect(matchDraftMarkerLine(line)).toBe(label);
    expect(draftStageOf(label)).toBe(stage);
  });

  it("is not fooled by an article that mentions a draft", () => {
    expect(matchDraftMarkerLine("第五条　起草草案应当征求意见。")).toBeNull();
  });
});

describe("metadata of drafts", () => {
  const draft = "示例儿童救助法（草案）\n第一条　为了规范示例儿童救助工作，制定本法。";

  it("names the publication date as what is missing, not an error about enactment", () => {
    const result = inferMetadata(parseLawText(draft, { format: "text" }), draft, "pasted.txt");
    expect(result).toMatchObject({ missing: "versionDate", draft: "草案" });
  });

  it("takes the date and stage from the form and files the draft under the work it drafts", () => {
    const result = inferMetadata(parseLawText(draft, { format: "text" }), draft, "pasted.txt", { versionDate: "2031-05-01" });
    expect(result).toMatchObject({
      work: { titleZh: "示例儿童救助法", kind: "law" },
      version: { versionDate: "2031-05-01", changeKind: "draft", draftStage: "reading-1", draftLabel: "草案", effectiveDate: null },
    });
  });
});

describe("source format", () => {
  it("is Markdown only when the text is written as Markdown", () => {
    expect(sourceFormatOf("示例条例\n第一章　总则\n第一条　……")).toBe("text");
    expect(sourceFormatOf("# 示例条例\n\n## 第一章 总则")).toBe("markdown");
    expect(sourceFormatOf("示例条例\n\n<!-- INFO END -->\n第一条")).toBe("markdown");
  });
});
