/**
 * Submissions end to end on real SQLite and the real Minors Protection Law texts: grouping
 * approved recommendations, sending (which moves them to "submitted"), the export pack opened as
 * files, the dashboard, and confirming an outcome suggested after the 2024 amendment arrived.
 */
import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { addDays as addCalendarDays, todayInChina } from "~/lib/corpus/point-in-time";
import { createRecommendation, transitionRecommendation } from "~/lib/recommendations/commands.server";
import { loader as dashboardLoader } from "~/routes/dashboard";
import { action as subAction, loader as subLoader } from "~/routes/submissions.$id._index";
import { loader as exportLoader } from "~/routes/submissions.$id.export";
import { loader as listLoader } from "~/routes/submissions._index";
import { action as listAction } from "~/routes/submissions.new";
import { authedRequest, createTestUser, formData, type TestUser } from "../helpers/auth";
import { SHARED_CORPUS, useTestDatabase } from "../helpers/db";

const db = useTestDatabase();

type Route = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>;
async function call(fn: unknown, user: TestUser | null, url: string, params: Record<string, string> = {}, body?: FormData) {
  const request = authedRequest(user, url, body ? { method: "POST", body } : {});
  try {
    return (await (fn as Route)({ request, params, context: {} })) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}
const jsonOf = async (res: Response) => JSON.parse(await res.text());

const MPL = (date: string) => path.join(SHARED_CORPUS, "minors-protection-law", `${date}.md`);
// Days from today on the China calendar, as the dashboard counts them (a UTC date is a day behind after 16:00 UTC).
const addDays = (days: number) => addCalendarDays(todayInChina(), days);

let staff: TestUser, lead: TestUser, partner: TestUser;
let v2020: number;
let art9: string;
let approvedId: number;
let draftId: number;
let submissionId: number;

const recFields = (title: string, proposedText: string, rationale = "理由") => ({
  title,
  proposedText,
  rationale,
  evidence: "",
  themes: ["guardianship"],
  priority: "high",
  sharedWithPartners: false,
});

const submissionForm = (over: Record<string, string> = {}) =>
  formData({
    title: "关于未成年人保护法修正草案的意见",
    targetBody: "全国人大常委会法制工作委员会",
    consultationTitle: "未成年人保护法修正草案征求意见",
    consultationUrl: "https://example.org/consultation",
    openingDate: addDays(-5),
    deadline: addDays(10),
    channel: "online_form",
    ...over,
  });

beforeAll(async () => {
  [staff, lead, partner] = await Promise.all([createTestUser("staff"), createTestUser("lead"), createTestUser("partner")]);
  v2020 = (await ingestBytes(fs.readFileSync(MPL("2020-10-17")), "minors-protection-law/2020-10-17.md")).versionId;
  art9 = (await db.prisma().provision.findFirstOrThrow({ where: { versionId: v2020, key: "art-9" } })).text;
  const enacted = fs.readFileSync(MPL("2024-04-26"), "utf8").split("\n").find((l) => l.startsWith("第九条"))!;
  approvedId = (await createRecommendation(staff, { versionId: v2020, provisionKey: "art-9" }, recFields("协调机制", enacted, "=HYPERLINK(\"x\")"))).id;
  draftId = (await createRecommendation(staff, { versionId: v2020, provisionKey: "art-8" }, recFields("经费", "第八条 …"))).id;
  const rev = async (id: number) => (await db.prisma().recommendation.findUniqueOrThrow({ where: { id } })).revision;
  await transitionRecommendation(staff, approvedId, await rev(approvedId), "submit_for_review");
  await transitionRecommendation(lead, approvedId, await rev(approvedId), "approve");
  await transitionRecommendation(staff, draftId, await rev(draftId), "submit_for_review");
  await db.prisma().setting.createMany({ data: [{ key: "org.name", value: "示例儿童权利中心" }, { key: "org.contact", value: "contact@example.org" }] });
});

const sub = (intent: string, fields: Record<string, string | string[]> = {}) =>
  call(subAction, lead, `/submissions/${submissionId}`, { id: String(submissionId) }, formData({ intent, ...fields }));
const subRevision = async () => (await db.prisma().submission.findUniqueOrThrow({ where: { id: submissionId } })).revision;

describe("submissions", () => {
  it("lets leads create a submission, not staff, and validates its fields", async () => {
    expect((await call(listAction, staff, "/submissions", {}, submissionForm())).status).toBe(403);
    const badUrl = await call(listAction, lead, "/submissions", {}, submissionForm({ consultationUrl: "javascript:alert(1)" }));
    expect(badUrl.status).toBe(400);
    expect((await jsonOf(badUrl)).fieldErrors.consultationUrl).toContain("http");
    const badDates = await call(listAction, lead, "/submissions", {}, submissionForm({ deadline: addDays(-10) }));
    expect(badDates.status).toBe(400);
    expect((await jsonOf(badDates)).values.title).toBe("关于未成年人保护法修正草案的意见");
    const ok = await call(listAction, lead, "/submissions", {}, submissionForm());
    expect(ok.status).toBe(302);
    submissionId = Number(ok.headers.get("location")!.split("/").pop());
    expect((await jsonOf(await call(listLoader, staff, "/submissions"))).submissions).toHaveLength(1);
    expect((await call(listLoader, partner, "/submissions")).status).toBe(403);
  });

  it("accepts only approved recommendations", async () => {
    const refused = await sub("add-items", { recommendationId: String(draftId) });
    expect(refused.status).toBe(409);
    expect((await jsonOf(refused)).message).toContain("经费");
    expect((await sub("add-items", { recommendationId: String(approvedId) })).status).toBe(302);
    const detail = await jsonOf(await call(subLoader, staff, `/submissions/${submissionId}`, { id: String(submissionId) }));
    expect(detail.submission.items.map((i: { recommendationId: number }) => i.recommendationId)).toEqual([approvedId]);
    expect(detail.submission.canManage).toBe(false);
  });

  it("lists the deadline, the item waiting for review, on the dashboard", async () => {
    const d = (await jsonOf(await call(dashboardLoader, lead, "/dashboard"))).dashboard;
    expect(d.deadlines).toEqual([expect.objectContaining({ id: submissionId, daysLeft: 10, itemCount: 1 })]);
    expect(d.awaitingReview.map((r: { id: number }) => r.id)).toEqual([draftId]);
    expect((await call(dashboardLoader, partner, "/dashboard")).status).toBe(403);
  });

  it("exports a DOCX pack: landscape, CJK font, cover from settings, exact statute text", async () => {
    expect((await call(exportLoader, staff, `/submissions/${submissionId}/export?format=docx`, { id: String(submissionId) })).status).toBe(403);
    const res = await call(exportLoader, lead, `/submissions/${submissionId}/export?format=docx`, { id: String(submissionId) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    for (const h of ["条款", "现行/草案条文", "修改建议", "理由"]) expect(text).toContain(h);
    expect(text).toContain("示例儿童权利中心");
    expect(text).toContain("contact@example.org");
    expect(text).toContain("未成年人保护法修正草案征求意见");
    expect(text).toContain(art9);
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toContain('w:eastAsia="SimSun"');
  });

  it("exports Markdown and a CSV with a UTF-8 BOM, exact text, and formulas defused", async () => {
    const md = await (await call(exportLoader, lead, `/submissions/${submissionId}/export?format=md`, { id: String(submissionId) })).text();
    expect(md).toContain("| 条款 | 现行/草案条文 | 修改建议 | 理由 |");
    expect(md).toContain(`| 《中华人民共和国未成年人保护法》（2020年修订）第九条 | ${art9} |`);
    const res = await call(exportLoader, lead, `/submissions/${submissionId}/export?format=csv`, { id: String(submissionId) });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain(`"${art9}"`);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect((await call(exportLoader, lead, `/submissions/${submissionId}/export?format=pdf`, { id: String(submissionId) })).status).toBe(400);
  });

  it("records the submission as sent and moves its recommendations to submitted", async () => {
    const stale = await sub("mark-submitted", { revision: String((await subRevision()) + 1), submittedAt: addDays(0), reference: "REC-2031-001" });
    expect(stale.status).toBe(409);
    expect((await sub("mark-submitted", { revision: String(await subRevision()), submittedAt: addDays(0), reference: "REC-2031-001" })).status).toBe(302);
    const s = await db.prisma().submission.findUniqueOrThrow({ where: { id: submissionId } });
    expect(s).toMatchObject({ status: "submitted", reference: "REC-2031-001" });
    const rec = await db.prisma().recommendation.findUniqueOrThrow({ where: { id: approvedId } });
    expect(rec.status).toBe("submitted");
    expect((await sub("remove-item", { recommendationId: String(approvedId) })).status).toBe(409);
    const d = (await jsonOf(await call(dashboardLoader, lead, "/dashboard"))).dashboard;
    expect(d.awaitingResponse.map((x: { id: number }) => x.id)).toEqual([submissionId]);
    expect(d.deadlines).toEqual([]);
  });

  it("suggests the outcome once the 2024 text is ingested; the lead confirms it; the dashboard counts it", async () => {
    await ingestBytes(fs.readFileSync(MPL("2024-04-26")), "minors-protection-law/2024-04-26.md");
    let d = (await jsonOf(await call(dashboardLoader, lead, "/dashboard"))).dashboard;
    expect(d.outcomeSuggestions).toEqual([expect.objectContaining({ id: approvedId, suggestedOutcome: "adopted" })]);
    const rev = (await db.prisma().recommendation.findUniqueOrThrow({ where: { id: approvedId } })).revision;
    expect((await sub("outcome", { recommendationId: String(approvedId), revision: String(rev), outcome: "adopted" })).status).toBe(302);
    const event = await db.prisma().recommendationEvent.findFirstOrThrow({ where: { recommendationId: approvedId }, orderBy: { id: "desc" } });
    expect(event.action).toBe("outcome_confirmed");
    expect(event.userId).toBe(lead.id);
    d = (await jsonOf(await call(dashboardLoader, lead, "/dashboard"))).dashboard;
    expect(d.outcomeSuggestions).toEqual([]);
    expect(d.byInstrument).toEqual([expect.objectContaining({ label: "中华人民共和国未成年人保护法", total: 1, counts: expect.objectContaining({ adopted: 1 }) })]);
    expect(d.byTheme).toEqual([expect.objectContaining({ key: "guardianship", total: 1 })]);
    expect((await sub("response", { revision: String(await subRevision()), responseReceived: "on", responseNote: "已收到" })).status).toBe(302);
    expect((await db.prisma().submission.findUniqueOrThrow({ where: { id: submissionId } })).status).toBe("responded");
  });
});
