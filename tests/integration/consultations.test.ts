/**
 * Consultations on a real SQLite file, with invented texts: a law in force, its draft pasted as plain
 * text, the consultation with its deadline, recommendations on the draft's articles, the submission
 * that answers it, and the enacted text arriving.
 */
import { vi } from "vitest";
import { getConsultation, listConsultations } from "~/lib/consultations/consultations.server";
import { todayInChina } from "~/lib/corpus/point-in-time";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { createRecommendation, transitionRecommendation } from "~/lib/recommendations/commands.server";
import { addItems, markSubmitted } from "~/lib/recommendations/submissions.server";
import { loader as searchApi } from "~/routes/api.search";
import { action as detailAction, loader as detailLoader } from "~/routes/consultations.$id";
import { action as newAction, loader as newLoader } from "~/routes/consultations.new";
import { loader as submissionLoader } from "~/routes/submissions.$id._index";
import { loader as exportLoader } from "~/routes/submissions.$id.export";
import { action as newSubmission, loader as newSubmissionLoader } from "~/routes/submissions.new";
import { callRoute, createTestUser, formData, type TestUser } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";

const db = useTestDatabase();

const LAW = `中华人民共和国示例社区花园法
（2021年10月23日示例会议通过）
第一条　为了管好示例社区花园，制定本法。
第二条　园长应当安排示例花园的浇水。
第三条　居民应当爱护花园设施。`;

const DRAFT = `中华人民共和国示例社区花园法（修订草案）
第一条　为了管好示例社区花园，节约用水，制定本法。
第二条　园长或者其指定的志愿者应当安排示例花园的每日浇水。
第三条　居民应当爱护花园设施。
第四条　街道应当为社区花园提供雨水桶。`;

const ENACTED = `中华人民共和国示例社区花园法
（2021年10月23日示例会议通过　2032年3月1日示例会议修订）
第一条　为了管好示例社区花园，节约用水，制定本法。
第二条　园长或者其指定的志愿者应当安排示例花园的每日浇水，不得停浇。
第三条　居民应当爱护花园设施。
第四条　街道应当为社区花园提供雨水桶。`;

const call = callRoute;
const jsonOf = async (res: Response) => JSON.parse(await res.text());
const encode = (s: string) => new TextEncoder().encode(s);

let staff: TestUser, lead: TestUser;
let draftVersionId: number;
let consultationId: number;

const consultationForm = (over: Record<string, string> = {}) =>
  formData({
    workSlug: "community-garden",
    draftDate: "2031-06-24",
    stage: "",
    title: "示例社区花园法修订草案征求意见",
    authority: "全国人大常委会法制工作委员会",
    authorityKind: "npcsc",
    url: "https://example.org/npc/consultation",
    openingDate: "2031-06-24",
    deadline: "2031-07-24",
    channel: "online_form",
    ...over,
  });

beforeAll(async () => {
  [staff, lead] = await Promise.all([createTestUser("staff"), createTestUser("lead")]);
  await ingestBytes(encode(LAW), "community-garden/2021-10-23.txt", { catalogue: null });
  // The draft is pasted without a slug: it joins the law of the same title.
  draftVersionId = (await ingestBytes(encode(DRAFT), "pasted.txt", { catalogue: null, versionDate: "2031-06-24" })).versionId;
});

afterEach(() => vi.useRealTimers());

describe("consultations", () => {
  it("is recorded by a lead on a draft; required fields are named; staff may not record one", async () => {
    expect((await call(newAction, staff, "/consultations/new", {}, consultationForm())).status).toBe(403);
    const missing = await call(newAction, lead, "/consultations/new", {}, consultationForm({ title: "  " }));
    expect(missing.status).toBe(400);
    expect(Object.keys((await jsonOf(missing)).fieldErrors)).toEqual(["title"]);
    const noDraft = await call(newAction, lead, "/consultations/new", {}, consultationForm({ draftDate: "2030-01-01" }));
    expect((await jsonOf(noDraft)).fieldErrors.draftDate).toContain("2030-01-01");
    const form = await jsonOf(await call(newLoader, lead, "/consultations/new"));
    expect(form.works).toEqual([
      { slug: "community-garden", titleZh: "中华人民共和国示例社区花园法", drafts: [{ versionDate: "2031-06-24", title: "中华人民共和国示例社区花园法（修订草案）", stage: "reading-1" }] },
    ]);
    const created = await call(newAction, lead, "/consultations/new", {}, consultationForm());
    expect(created.status).toBe(302);
    consultationId = Number(created.headers.get("location")!.split("/").pop());
  });

  it("shows the draft against the law in force, the days left, and the recommendations by article", async () => {
    await createRecommendation(staff, { versionId: draftVersionId, provisionKey: "art-2" }, {
      title: "志愿者分工要具体",
      proposedText: "第二条　园长或者其指定的志愿者应当安排示例花园的每日浇水，不得停浇。",
      rationale: "明确底线。",
      evidence: "",
      themes: [],
      priority: "high",
      sharedWithPartners: false,
    });
    await createRecommendation(staff, { versionId: draftVersionId, provisionKey: "art-1" }, {
      title: "立法目的",
      proposedText: "第一条　为了管好示例社区花园，节约用水，制定本法。",
      rationale: "保持。",
      evidence: "",
      themes: [],
      priority: "low",
      sharedWithPartners: false,
    });
    const detail = await getConsultation(staff, consultationId, "2031-07-17");
    expect(detail).toMatchObject({ daysLeft: 7, stage: "reading-1", lawInForce: { versionDate: "2021-10-23" } });
    expect(detail.drafts[0].vsInForce).toMatchObject({ fromDate: "2021-10-23", toDate: "2031-06-24", href: "/compare?work=community-garden&from=2021-10-23&to=2031-06-24" });
    expect(detail.drafts[0].vsInForce!.counts.added).toBe(1);
    expect(detail.recommendations.map((r) => [r.anchorLabel, r.title, r.status])).toEqual([
      ["第一条", "立法目的", "draft"],
      ["第二条", "志愿者分工要具体", "draft"],
    ]);
    const list = await listConsultations(staff, "2031-07-24");
    expect(list[0]).toMatchObject({ title: "示例社区花园法修订草案征求意见", daysLeft: 0 });
    // The page itself answers staff; the add-draft form is the lead's.
    expect((await call(detailLoader, staff, `/consultations/${consultationId}`, { id: String(consultationId) })).status).toBe(200);
    expect((await call(detailAction, staff, `/consultations/${consultationId}`, { id: String(consultationId) }, formData({ draftDate: "2031-06-24" }))).status).toBe(403);
  });

  it("starts a submission from the consultation, which then lists it; the enacted text carries the recommendations", async () => {
    const defaults = await jsonOf(await call(newSubmissionLoader, lead, `/submissions/new?consultation=${consultationId}`));
    expect(defaults.values).toMatchObject({ targetBody: "全国人大常委会法制工作委员会", deadline: "2031-07-24", consultationUrl: "https://example.org/npc/consultation" });
    const body = formData({ ...defaults.values, consultationId: String(consultationId) });
    const created = await call(newSubmission, lead, "/submissions/new", {}, body);
    expect(created.status).toBe(302);
    const submissionId = Number(created.headers.get("location")!.split("/").pop());
    expect((await getConsultation(staff, consultationId)).submissions).toEqual([
      { id: submissionId, title: "示例社区花园法修订草案征求意见", status: "preparing" },
    ]);

    const recs = await db.prisma().recommendation.findMany({ where: { versionId: draftVersionId }, orderBy: { id: "asc" } });
    for (const r of recs) {
      await transitionRecommendation(staff, r.id, 1, "submit_for_review");
      await transitionRecommendation(lead, r.id, 2, "approve");
    }
    await addItems(lead, submissionId, recs.map((r) => r.id));
    await markSubmitted(lead, submissionId, 1, { submittedAt: "2031-07-20", reference: "" });

    const enacted = await ingestBytes(encode(ENACTED), "community-garden/2032-03-01.txt", { catalogue: null });
    expect(enacted.carried).toMatchObject({ previousVersionId: draftVersionId, carried: 2, suggestions: 2 });
    const after = await db.prisma().recommendation.findMany({ where: { versionId: draftVersionId }, orderBy: { id: "asc" } });
    expect(after.map((r) => [r.carriedVersionId, r.anchorState, r.suggestedOutcome])).toEqual([
      [enacted.versionId, "found", "adopted"],
      [enacted.versionId, "found", "adopted"],
    ]);
  });

  it("offers an admin the settings page on the first export while the organisation is blank; the NPC text names the draft", async () => {
    const admin = await createTestUser("admin");
    const submission = await db.prisma().submission.findFirstOrThrow();
    const params = { id: String(submission.id) };
    const url = `/submissions/${submission.id}/export?format=txt`;
    const offered = await call(exportLoader, admin, url, params);
    expect(offered.status).toBe(302);
    expect(offered.headers.get("location")).toBe(`/admin/settings?export=${encodeURIComponent(url)}`);
    // A lead cannot change settings: the pack comes as it is; so does the admin's "export anyway".
    for (const [who, u] of [[lead, url], [admin, `${url}&blank=1`]] as const) {
      const res = await call(exportLoader, who, u, params);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain("条文：《中华人民共和国示例社区花园法（修订草案）》第一条");
      expect(text).toContain("意见：第二条　园长或者其指定的志愿者应当安排示例花园的每日浇水，不得停浇。");
    }
  });

  it("uses one today, the China calendar day, for the submission date default and search", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // 17:30 UTC on 2 December is already 3 December in Beijing.
    vi.setSystemTime(new Date("2026-12-02T17:30:00Z"));
    const submission = await db.prisma().submission.findFirstOrThrow();
    const page = await jsonOf(await call(submissionLoader, lead, `/submissions/${submission.id}`, { id: String(submission.id) }));
    expect(page.today).toBe("2026-12-03");
    expect(todayInChina()).toBe("2026-12-03");
    const search = await jsonOf(await call(searchApi, lead, "/api/search?q=社区花园"));
    expect(search.date).toBe(page.today);
  });
});
