/**
 * One code path for every way a text arrives: pasted in the browser, uploaded as .txt/.md/.docx, or
 * given to the CLI. The same invented draft goes through each; what is stored must be the same.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Document, Packer, Paragraph } from "docx";
import { MissingMetadataError } from "~/lib/corpus/errors";
import { ingestPaths } from "~/lib/corpus/ingest.server";
import { action as importAction } from "~/routes/import";
import { useTestDatabase } from "../helpers/db";
import { authedRequest, createTestUser, formData, type TestUser } from "../helpers/auth";

const db = useTestDatabase();

// Invented: an official page copied as plain text (no Markdown), a draft with its 说明 after it.
const DRAFT = `中华人民共和国示例家庭教育促进法（草案二次审议稿）

目　　录

第一章　总　　则
第二章　家庭责任

第一章　总　　则
第一条　为了促进示例家庭教育，制定本法。
第二条　父母应当承担示例家庭教育的主体责任：
（一）关注子女身心健康；
（二）合理安排学习和休息。
第二章　家庭责任
第三条　父母应当关注子女的情感需求。

关于《中华人民共和国示例家庭教育促进法（草案二次审议稿）》的说明
示例委员会对草案进行了审议。
第一条的修改是说明的内容，不是条文。`;

const PLAN_WITH_GAP = `示例儿童安全行动计划（2031—2035年）
一、总体要求
（一）指导思想
坚持儿童优先原则。
（三）主要目标
示例儿童安全水平明显提高。`;

async function docxOf(text: string): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: text.split("\n").map((line) => new Paragraph(line)) }] });
  return Packer.toBuffer(doc);
}

let staff: TestUser;
beforeAll(async () => {
  staff = await createTestUser("admin");
});

type ImportData = Record<string, any>;

async function post(form: FormData): Promise<{ status: number; data: ImportData; location: string | null }> {
  const response = (await importAction({
    request: authedRequest(staff, "/import", { method: "POST", body: form }),
    params: {},
    context: {},
  })) as Response;
  const location = response.headers.get("location");
  return { status: response.status, data: location ? {} : await response.json(), location };
}

/** Preview then save through the import page, as a person would. */
async function importThroughPage(fields: Record<string, string>, file?: File): Promise<string> {
  const form = formData({ intent: "preview", ...fields });
  if (file) form.set("file", file);
  const preview = await post(form);
  expect(preview.status).toBe(200);
  expect(preview.data.step).toBe("preview");
  const save = await post(formData({ intent: "save", pendingId: preview.data.preview.pendingId, ...fields }));
  expect(save.location).toMatch(/^\/works\//);
  return fields.slug;
}

async function stored(slug: string) {
  const version = await db.prisma().version.findFirstOrThrow({
    where: { work: { slug } },
    include: { work: true, provisions: { orderBy: { position: "asc" } } },
  });
  return {
    workTitle: version.work.titleZh,
    title: version.title,
    changeKind: version.changeKind,
    draftStage: version.draftStage,
    draftLabel: version.draftLabel,
    versionDate: version.versionDate,
    // mammoth separates Word paragraphs by blank lines; the lines themselves are what must agree.
    explanation: version.explanation?.split("\n").filter((l) => l.trim() !== ""),
    provisions: version.provisions.map((p) => [p.key, p.kind, p.label, p.text]),
    warnings: (JSON.parse(version.warningsJson) as { kind: string }[]).map((w) => w.kind),
  };
}

describe("one code path for paste, upload and CLI", () => {
  it("stores the same draft whichever way it arrives", async () => {
    const date = { versionDate: "2031-06-24" };
    await importThroughPage({ slug: "via-paste", pasted: DRAFT, ...date });
    await importThroughPage({ slug: "via-txt", ...date }, new File([DRAFT], "草案.txt"));
    await importThroughPage({ slug: "via-md", ...date }, new File([DRAFT], "草案.md"));
    await importThroughPage({ slug: "via-docx", ...date }, new File([new Uint8Array(await docxOf(DRAFT))], "草案.docx"));

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-cli-"));
    for (const ext of ["txt", "md", "docx"]) {
      const file = path.join(dir, `草案.${ext}`);
      fs.writeFileSync(file, ext === "docx" ? await docxOf(DRAFT) : DRAFT);
      const { errors } = await ingestPaths([file], { slug: `via-cli-${ext}`, versionDate: "2031-06-24", catalogue: null });
      expect(errors).toEqual([]);
    }

    const reference = await stored("via-paste");
    expect(reference).toMatchObject({
      workTitle: "中华人民共和国示例家庭教育促进法",
      title: "中华人民共和国示例家庭教育促进法（草案二次审议稿）",
      changeKind: "draft",
      draftStage: "reading-2",
      draftLabel: "草案二次审议稿",
      warnings: [],
    });
    expect(reference.explanation?.[0]).toBe("关于《中华人民共和国示例家庭教育促进法（草案二次审议稿）》的说明");
    // The 说明 quotes 第一条 but is not an article; the draft has three.
    expect(reference.provisions.filter(([, kind]) => kind === "article").map(([key]) => key)).toEqual(["art-1", "art-2", "art-3"]);
    for (const slug of ["via-txt", "via-md", "via-docx", "via-cli-txt", "via-cli-md", "via-cli-docx"]) {
      expect({ slug, ...(await stored(slug)) }).toEqual({ slug, ...reference });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("asks for a draft's publication date on the date field, once, and keeps the text", async () => {
    const first = await post(formData({ intent: "preview", pasted: DRAFT }));
    expect(first.status).toBe(400);
    expect(first.data.errors).toEqual({
      versionDate: { key: "corpus.import.errDraftDate", params: { label: "草案二次审议稿" } },
    });
    expect(first.data.message).toBe("corpus.import.errFields");
    // Browsers (and FormData) send CRLF line ends; the text itself is kept.
    expect(first.data.values.pasted.replace(/\r\n/g, "\n")).toBe(DRAFT);

    // An upload is not asked for again: the date alone completes it.
    const upload = formData({ intent: "preview" });
    upload.set("file", new File([DRAFT], "草案.txt"));
    const missing = await post(upload);
    expect(missing.data.errors.versionDate.key).toBe("corpus.import.errDraftDate");
    const completed = await post(formData({ intent: "preview", pendingId: missing.data.values.pendingId, versionDate: "2031-06-24" }));
    expect(completed.data.preview).toMatchObject({
      version: { versionDate: "2031-06-24", changeKind: "draft", draftStage: "reading-2" },
      draft: { label: "草案二次审议稿", stage: "reading-2" },
      explanationLines: 3,
    });

    // The CLI says which flag to give.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-cli-"));
    fs.writeFileSync(path.join(dir, "草案.txt"), DRAFT);
    const { errors } = await ingestPaths([path.join(dir, "草案.txt")], { catalogue: null });
    expect(errors[0].error).toBeInstanceOf(MissingMetadataError);
    expect(errors[0].error.message).toContain("--date YYYY-MM-DD");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("previews a plan with a missing （二） with a warning on that line, worded by kind", async () => {
    const { data } = await post(formData({ intent: "preview", pasted: PLAN_WITH_GAP, versionDate: "2031-01-01" }));
    expect(data.preview.shape).toBe("plan");
    expect(data.preview.warnings).toEqual([
      expect.objectContaining({ kind: "numbering-gap", line: 5, excerpt: "（三）主要目标" }),
    ]);
  });

  it("files a draft pasted without a slug under the stored law of the same title", async () => {
    const law = `中华人民共和国示例托育服务法\n（2021年10月23日示例会议通过）\n第一条　为了规范示例托育服务，制定本法。`;
    await importThroughPage({ slug: "childcare", pasted: law });
    const draft = `中华人民共和国示例托育服务法（修订草案征求意见稿）\n第一条　为了规范和发展示例托育服务，制定本法。`;
    const preview = await post(formData({ intent: "preview", pasted: draft, versionDate: "2031-07-01" }));
    // The preview shows the stored work's slug, and the page sends it back on save.
    expect(preview.data.preview.work.slug).toBe("childcare");
    const save = await post(formData({ intent: "save", pendingId: preview.data.preview.pendingId, versionDate: "2031-07-01", slug: preview.data.preview.work.slug }));
    expect(save.location).toBe("/works/childcare/2031-07-01?imported=created");
  });

  it("reads a pasted law without Markdown: title, enactment line, bare chapters, no marker warnings", async () => {
    const law = `示例校外托管服务条例\n（2031年1月1日示例市人民代表大会常务委员会第三次会议通过）\n第一章　总则\n第一条　为了规范示例校外托管服务，制定本条例。\n第二章　附则\n第二条　本条例自公布之日起施行。`;
    const { data } = await post(formData({ intent: "preview", pasted: law }));
    expect(data.preview).toMatchObject({
      work: { titleZh: "示例校外托管服务条例" },
      version: { versionDate: "2031-01-01", changeKind: "enacted", effectiveDate: "2031-01-01" },
      articleCount: 2,
      warnings: [],
    });
  });
});
