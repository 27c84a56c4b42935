import JSZip from "jszip";
import { packToDocx, packToNpcText, type SubmissionPack } from "~/lib/recommendations/export.server";
import { packLabel } from "~/lib/recommendations/pack-label";

const version = { workTitle: "中华人民共和国示例法", versionDate: "2031-06-24", draftLabel: null };

describe("条款 names the law, the version or draft stage, and the article", () => {
  it.each([
    [{ ...version, versionTitle: "中华人民共和国示例法（草案二次审议稿）", changeKind: "draft", draftLabel: "草案二次审议稿" }, "《中华人民共和国示例法（草案二次审议稿）》第十一条"],
    // The stage printed on its own line under the title.
    [{ ...version, versionTitle: "中华人民共和国示例法", changeKind: "draft", draftLabel: "草案三次审议稿" }, "《中华人民共和国示例法（草案三次审议稿）》第十一条"],
    [{ ...version, versionTitle: "中华人民共和国示例法", changeKind: "revised", versionDate: "2020-10-17" }, "《中华人民共和国示例法》（2020年修订）第十一条"],
    [{ ...version, versionTitle: "中华人民共和国示例法", changeKind: "enacted" }, "《中华人民共和国示例法》第十一条"],
  ])("%#", (v, expected) => {
    expect(packLabel(v, "第十一条")).toBe(expected);
  });
});

// Invented text.
const PACK: SubmissionPack = {
  orgName: "示例儿童权利中心",
  orgContact: "contact@example.org",
  title: "意见",
  targetBody: "全国人大常委会法制工作委员会",
  consultationTitle: "示例法草案征求意见",
  consultationUrl: null,
  deadline: "2031-07-24",
  reference: null,
  date: "2031-07-01",
  endorsers: ["示例家长协会", "示例律师事务所"],
  rows: [
    {
      label: "《中华人民共和国示例法（草案二次审议稿）》第十一条",
      currentText: "第十一条　学校应当及时处理欺凌。",
      proposedText: "第十一条　学校应当在三日内处理欺凌。",
      rationale: "明确时限。",
      title: "时限",
    },
  ],
};

describe("the pack ready to send", () => {
  it("marks the proposal against the current wording with real Word runs: insertions underlined, deletions struck", async () => {
    const zip = await JSZip.loadAsync(await packToDocx(PACK));
    const xml = await zip.file("word/document.xml")!.async("string");
    const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/g)].map((m) => m[1]);
    const ins = runs.filter((r) => r.includes("<w:u ")).map((r) => /<w:t[^>]*>([^<]*)</.exec(r)![1]);
    const del = runs.filter((r) => r.includes("<w:strike")).map((r) => /<w:t[^>]*>([^<]*)</.exec(r)![1]);
    expect(ins.join("")).toBe("在三日内");
    expect(del.join("")).toBe("及时");
    expect(xml).toContain("《中华人民共和国示例法（草案二次审议稿）》第十一条");
    expect(xml).toContain("示例家长协会、示例律师事务所");
  });

  it("gives the NPC online form one block per article: 条文 / 意见 / 理由", () => {
    const text = packToNpcText({ ...PACK, rows: [...PACK.rows, { ...PACK.rows[0], label: "《中华人民共和国示例法（草案二次审议稿）》第十二条" }] });
    const blocks = text.split("————————");
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toContain("条文：《中华人民共和国示例法（草案二次审议稿）》第十一条\n第十一条　学校应当及时处理欺凌。");
    expect(blocks[0]).toContain("意见：第十一条　学校应当在三日内处理欺凌。");
    expect(blocks[0]).toContain("理由：明确时限。");
    expect(text.startsWith("示例法草案征求意见\n提交单位：示例儿童权利中心\n联署单位：示例家长协会、示例律师事务所")).toBe(true);
  });
});
