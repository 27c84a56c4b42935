/**
 * Recommendations through their routes, on real SQLite: drafting on an anchored provision, the
 * workflow and its role matrix, optimistic concurrency (409 keeps the person's text), what
 * partners may and may not see (HTML aside: the loader JSON itself), and bad input.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { getProvisionRecommendations } from "~/lib/recommendations/queries.server";
import { action as detailAction, loader as detailLoader } from "~/routes/recommendations.$id._index";
import { action as editAction, loader as editLoader } from "~/routes/recommendations.$id.edit";
import { loader as historyLoader } from "~/routes/recommendations.$id.history";
import { action as listAction, loader as listLoader } from "~/routes/recommendations._index";
import { action as newAction, loader as newLoader } from "~/routes/recommendations.new";
import { action as themesAction } from "~/routes/recommendations.themes";
import { authedRequest, createTestUser, formData, type TestUser } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";

const db = useTestDatabase();

// Invented text: a made-up regulation.
const SAMPLE = `# 示例儿童关爱条例

<!-- INFO END -->

## 第一章 总则

第一条 为了做好示例儿童关爱工作，制定本条例。

第二条 示例机关应当及时处理投诉。
投诉处理结果应当告知投诉人。

第三条 本条例自2031年1月1日起施行。`;

type Route = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>;

/** Call a loader or action as the router would; thrown Responses (403, redirects) are returned. */
async function call(fn: unknown, user: TestUser | null, url: string, params: Record<string, string> = {}, body?: FormData) {
  const request = authedRequest(user, url, body ? { method: "POST", body } : {});
  try {
    return (await (fn as Route)({ request, params, context: {} })) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

async function jsonOf(res: Response) {
  return JSON.parse(await res.text());
}

let staff: TestUser, staff2: TestUser, lead: TestUser, admin: TestUser, partner: TestUser;
let versionId: number;

const draftForm = (over: Record<string, string | string[]> = {}) =>
  formData({
    title: "投诉处理时限",
    proposedText: "第二条 示例机关应当在七日内处理投诉。\n投诉处理结果应当书面告知投诉人。",
    rationale: "时限不明确。",
    evidence: "https://example.org/report 年度报告",
    themes: ["guardianship"],
    priority: "high",
    ...over,
  });

async function draft(user: TestUser, over: Record<string, string | string[]> = {}, key = "art-2") {
  const res = await call(newAction, user, `/recommendations/new?version=${versionId}&key=${key}`, {}, draftForm(over));
  expect(res.status).toBe(302);
  return Number(res.headers.get("location")!.split("/").pop());
}

const revisionOf = async (id: number) => (await db.prisma().recommendation.findUniqueOrThrow({ where: { id } })).revision;

async function step(user: TestUser, id: number, name: string, extra: Record<string, string> = {}) {
  return call(detailAction, user, `/recommendations/${id}`, { id: String(id) }, formData({ intent: "transition", step: name, revision: String(await revisionOf(id)), ...extra }));
}

beforeAll(async () => {
  [staff, staff2, lead, admin, partner] = await Promise.all([
    createTestUser("staff", { name: "Staff One" }),
    createTestUser("staff"),
    createTestUser("lead"),
    createTestUser("admin"),
    createTestUser("partner"),
  ]);
  versionId = (await ingestBytes(new TextEncoder().encode(SAMPLE), "sample-care-regulation/2031-01-01.md", { catalogue: null })).versionId;
});

describe("drafting on an anchored provision", () => {
  it("shows staff the provision's exact text and the seeded themes", async () => {
    const res = await call(newLoader, staff, `/recommendations/new?version=${versionId}&key=art-2/para-1`);
    const data = await jsonOf(res);
    expect(data.anchor.text).toBe("第二条 示例机关应当及时处理投诉。");
    expect(data.anchor.label).toBe("第二条第一款");
    expect(data.themes.map((t: { slug: string }) => t.slug)).toEqual(expect.arrayContaining(["juvenile-justice", "trafficking", "guardianship"]));
  });

  it("stores a quote with its context, and records the creation", async () => {
    const id = await draft(staff, { quote: "及时处理", quoteStart: "" });
    const rec = await db.prisma().recommendation.findUniqueOrThrow({ where: { id } });
    expect(rec).toMatchObject({ quote: "及时处理", quotePrefix: "第二条 示例机关应当", status: "draft", ownerId: staff.id, priority: "high" });
    expect(JSON.parse(rec.evidenceJson)).toEqual([{ kind: "url", ref: "https://example.org/report", label: "年度报告" }]);
    expect(await db.prisma().recommendationEvent.count({ where: { recommendationId: id, action: "created" } })).toBe(1);
  });

  it("refuses partners and anonymous visitors", async () => {
    expect((await call(newLoader, partner, `/recommendations/new?version=${versionId}&key=art-2`)).status).toBe(403);
    expect((await call(newAction, partner, `/recommendations/new?version=${versionId}&key=art-2`, {}, draftForm())).status).toBe(403);
    const anon = await call(newLoader, null, `/recommendations/new?version=${versionId}&key=art-2`);
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toMatch(/^\/login/);
  });

  it("refuses a form without the CSRF token", async () => {
    const res = await call(newAction, staff, `/recommendations/new?version=${versionId}&key=art-2`, {}, (() => {
      const f = draftForm();
      f.set("csrf", "wrong");
      return f;
    })());
    expect(res.status).toBe(403);
  });
});

describe("bad input gets a clear message and loses nothing", () => {
  const post = (form: FormData, key = "art-2") => call(newAction, staff, `/recommendations/new?version=${versionId}&key=${key}`, {}, form);

  it("names an empty title", async () => {
    const res = await post(draftForm({ title: "  " }));
    expect(res.status).toBe(400);
    const body = await jsonOf(res);
    expect(body.fieldErrors.title).toContain("标题");
    expect(body.values.rationale).toBe("时限不明确。");
  });

  it("limits the rationale to 20,000 characters, naming the field, and returns the 100 KB text", async () => {
    const huge = "理".repeat(100_000);
    const res = await post(draftForm({ rationale: huge }));
    expect(res.status).toBe(400);
    const body = await jsonOf(res);
    expect(body.message).toContain("理由");
    expect(body.message).toContain("20000");
    expect(body.values.rationale).toHaveLength(100_000);
  });

  it("refuses javascript: and other non-http evidence links", async () => {
    const res = await post(draftForm({ evidence: "javascript:alert(1) 点我" }));
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).fieldErrors.evidence).toContain("第 1 行");
  });

  it("refuses a provision reference that is not in the corpus", async () => {
    const res = await post(draftForm({ evidence: "sample-care-regulation/2031-01-01#art-99" }));
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).fieldErrors.evidence).toContain("art-99");
  });

  it("refuses a quote that is not in the provision", async () => {
    const res = await post(draftForm({ quote: "不存在的文字" }));
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).fieldErrors.quote).toBeTruthy();
  });

  it("answers 404 with a message for an anchor that does not exist", async () => {
    const res = await post(draftForm(), "art-42");
    expect(res.status).toBe(404);
    expect((await jsonOf(res)).message).toContain("锚定的条款不存在");
  });

  it("stores script tags as plain text", async () => {
    const id = await draft(staff, { title: "<script>alert(1)</script>", rationale: "<img src=x onerror=alert(1)>" });
    const data = await jsonOf(await call(detailLoader, staff, `/recommendations/${id}`, { id: String(id) }));
    expect(data.rec.title).toBe("<script>alert(1)</script>");
    expect(data.rec.rationale).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("workflow and role matrix", () => {
  it("walks draft → in_review → draft → in_review → approved, each step by the right role", async () => {
    const id = await draft(staff);
    expect((await step(staff2, id, "submit_for_review")).status).toBe(403);
    expect((await step(partner, id, "submit_for_review")).status).toBe(404);
    expect((await step(staff, id, "submit_for_review")).status).toBe(302);
    expect((await step(staff, id, "approve")).status).toBe(403);
    expect((await step(lead, id, "return_to_draft")).status).toBe(302);
    expect((await step(staff, id, "submit_for_review")).status).toBe(302);
    expect((await step(lead, id, "submit")).status).toBe(409);
    expect((await step(lead, id, "approve")).status).toBe(302);
    const rec = await db.prisma().recommendation.findUniqueOrThrow({ where: { id } });
    expect(rec.status).toBe("approved");
    const actions = (await db.prisma().recommendationEvent.findMany({ where: { recommendationId: id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["created", "submit_for_review", "return_to_draft", "submit_for_review", "approve"]);
  });

  it("lets only admins edit approved wording, and nobody a closed item", async () => {
    const id = await draft(staff);
    await step(staff, id, "submit_for_review");
    await step(lead, id, "approve");
    expect((await call(editLoader, staff, `/recommendations/${id}/edit`, { id: String(id) })).status).toBe(403);
    expect((await call(editLoader, lead, `/recommendations/${id}/edit`, { id: String(id) })).status).toBe(403);
    expect((await call(editLoader, admin, `/recommendations/${id}/edit`, { id: String(id) })).status).toBe(200);
    expect((await step(lead, id, "withdraw")).status).toBe(302);
    expect((await call(editLoader, admin, `/recommendations/${id}/edit`, { id: String(id) })).status).toBe(403);
  });

  it("requires an outcome to close", async () => {
    const id = await draft(staff);
    await step(staff, id, "submit_for_review");
    await step(lead, id, "approve");
    await step(lead, id, "submit");
    const res = await step(lead, id, "close");
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).message).toContain("结果");
    expect((await step(lead, id, "close", { outcome: "partially_adopted" })).status).toBe(302);
  });

  // Issue 10, defect 5: the owner alone sends a draft for review, so owning is not up to staff.
  it("refuses staff who post ownerId to take over a colleague's draft or hand theirs away", async () => {
    const id = await draft(staff);
    const takeOver = await call(editAction, staff2, `/recommendations/${id}/edit`, { id: String(id) }, draftForm({ ownerId: String(staff2.id), revision: String(await revisionOf(id)) }));
    expect(takeOver.status).toBe(403);
    expect((await jsonOf(takeOver)).message).toContain("转交");
    expect((await db.prisma().recommendation.findUniqueOrThrow({ where: { id } })).ownerId).toBe(staff.id);
    expect((await step(staff2, id, "submit_for_review")).status).toBe(403);
    const created = await call(newAction, staff, `/recommendations/new?version=${versionId}&key=art-2`, {}, draftForm({ ownerId: String(staff2.id) }));
    expect(created.status).toBe(403);
    // Editing a colleague's draft (which staff may do) keeps its owner.
    const edit = await call(editAction, staff2, `/recommendations/${id}/edit`, { id: String(id) }, draftForm({ title: "同事改的标题", ownerId: String(staff.id), revision: String(await revisionOf(id)) }));
    expect(edit.status).toBe(302);
    const { owners } = await jsonOf(await call(editLoader, staff2, `/recommendations/${id}/edit`, { id: String(id) }));
    expect(owners).toEqual([]);
  });

  it("lets a lead hand a draft to a colleague, recorded in the history", async () => {
    const id = await draft(staff);
    const { owners } = await jsonOf(await call(editLoader, lead, `/recommendations/${id}/edit`, { id: String(id) }));
    expect(owners.map((o: { id: number }) => o.id)).toContain(staff2.id);
    const res = await call(editAction, lead, `/recommendations/${id}/edit`, { id: String(id) }, draftForm({ ownerId: String(staff2.id), revision: String(await revisionOf(id)) }));
    expect(res.status).toBe(302);
    expect((await db.prisma().recommendation.findUniqueOrThrow({ where: { id } })).ownerId).toBe(staff2.id);
    const data = await jsonOf(await call(historyLoader, staff, `/recommendations/${id}/history`, { id: String(id) }));
    const edited = data.events.find((e: { action: string }) => e.action === "edited");
    expect([edited.before.ownerId, edited.after.ownerId]).toEqual([staff.id, staff2.id]);
    expect((await step(staff2, id, "submit_for_review")).status).toBe(302);
  });

  it("keeps theme management for leads and admins", async () => {
    const form = formData({ slug: "child-labour", nameZh: "童工", nameEn: "Child labour" });
    expect((await call(themesAction, staff, "/recommendations/themes", {}, form)).status).toBe(403);
    expect((await call(themesAction, lead, "/recommendations/themes", {}, form)).status).toBe(302);
    expect(await db.prisma().theme.count({ where: { slug: "child-labour" } })).toBe(1);
  });
});

describe("optimistic concurrency", () => {
  it("refuses a stale save with 409, returns the person's text and the saved version", async () => {
    const id = await draft(staff);
    const { editable } = await jsonOf(await call(editLoader, staff, `/recommendations/${id}/edit`, { id: String(id) }));
    const save = (user: TestUser, rationale: string) =>
      call(editAction, user, `/recommendations/${id}/edit`, { id: String(id) }, draftForm({ rationale, revision: String(editable.revision) }));
    expect((await save(staff2, "同事先保存的理由")).status).toBe(302);
    const stale = await save(staff, "我写了很久的理由");
    expect(stale.status).toBe(409);
    const body = await jsonOf(stale);
    expect(body.message).toContain("其他人已保存");
    expect(body.values.rationale).toBe("我写了很久的理由");
    expect(body.current.rationale).toBe("同事先保存的理由");
    expect(body.current.revision).toBe(editable.revision + 1);
    const rec = await db.prisma().recommendation.findUniqueOrThrow({ where: { id } });
    expect(rec.rationale).toBe("同事先保存的理由");
    // Saving again deliberately, from the revision now shown, works.
    const again = await call(editAction, staff, `/recommendations/${id}/edit`, { id: String(id) }, draftForm({ rationale: "合并后的理由", revision: String(body.current.revision) }));
    expect(again.status).toBe(302);
  });

  it("refuses a save whose form lost its revision, keeping the text", async () => {
    const id = await draft(staff);
    const res = await call(editAction, staff, `/recommendations/${id}/edit`, { id: String(id) }, draftForm({ rationale: "没有版本号的保存" }));
    expect(res.status).toBe(400);
    const body = await jsonOf(res);
    expect(body.message).toContain("刷新页面");
    expect(body.values.rationale).toBe("没有版本号的保存");
  });

  it("refuses a workflow step taken on a stale page", async () => {
    const id = await draft(staff);
    const rev = await revisionOf(id);
    await call(editAction, staff, `/recommendations/${id}/edit`, { id: String(id) }, draftForm({ title: "改过的标题", revision: String(rev) }));
    const res = await call(detailAction, staff, `/recommendations/${id}`, { id: String(id) }, formData({ intent: "transition", step: "submit_for_review", revision: String(rev) }));
    expect(res.status).toBe(409);
  });

  it("shows field changes in the history as before/after", async () => {
    const id = await draft(staff);
    await call(editAction, staff, `/recommendations/${id}/edit`, { id: String(id) }, draftForm({ title: "新标题", revision: String(await revisionOf(id)) }));
    const data = await jsonOf(await call(historyLoader, staff, `/recommendations/${id}/history`, { id: String(id) }));
    const edited = data.events.find((e: { action: string }) => e.action === "edited");
    expect(edited.before.title).toBe("投诉处理时限");
    expect(edited.after.title).toBe("新标题");
    expect(edited.userName).toBe("Staff One");
  });
});

describe("what partners see", () => {
  let shared: number;
  let unshared: number;
  let sharedDraft: number;
  const SECRET_RATIONALE = "内部理由-不得外泄";
  const SECRET_COMMENT = "内部讨论-不得外泄";

  beforeAll(async () => {
    shared = await draft(staff, { sharedWithPartners: "on", title: "共享建议" });
    unshared = await draft(staff, { title: "内部建议", rationale: SECRET_RATIONALE });
    sharedDraft = await draft(staff, { sharedWithPartners: "on", title: "共享草稿" });
    for (const id of [shared, unshared]) {
      await step(staff, id, "submit_for_review");
      await step(lead, id, "approve");
    }
    await call(detailAction, lead, `/recommendations/${shared}`, { id: String(shared) }, formData({ intent: "comment", body: SECRET_COMMENT }));
  });

  it("gives a partner a shared approved item without comments, owner or internal fields", async () => {
    const res = await call(detailLoader, partner, `/recommendations/${shared}`, { id: String(shared) });
    expect(res.status).toBe(200);
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.rec.access).toBe("shared");
    expect(data.rec.title).toBe("共享建议");
    for (const field of ["comments", "owner", "anchorNote", "revision", "sharedWithPartners", "suggestedOutcome", "actions"])
      expect(data.rec).not.toHaveProperty(field);
    expect(text).not.toContain(SECRET_COMMENT);
    expect(text).not.toContain(staff.email);
    expect(text).not.toContain("Staff One");
  });

  it("hides unshared and not-yet-approved items from partners everywhere", async () => {
    expect((await call(detailLoader, partner, `/recommendations/${unshared}`, { id: String(unshared) })).status).toBe(404);
    expect((await call(detailLoader, partner, `/recommendations/${sharedDraft}`, { id: String(sharedDraft) })).status).toBe(404);
    const listText = await (await call(listLoader, partner, "/recommendations")).text();
    const list = JSON.parse(listText);
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([shared]);
    expect(listText).not.toContain(SECRET_RATIONALE);
    expect(listText).not.toContain(staff.email);
    expect(list.items[0]).not.toHaveProperty("ownerName");
    expect(list.options.owners).toEqual([]);
    const page = await getProvisionRecommendations(partner, versionId);
    const pageText = JSON.stringify(page);
    expect(page.canDraft).toBe(false);
    expect(page.byUnit["art-2"].map((i) => i.id)).toEqual([shared]);
    expect(pageText).not.toContain("ownerName");
    expect(pageText).not.toContain("anchorState");
    expect(pageText).not.toContain("内部建议");
  });

  it("shows staff everything on the version page, under the article", async () => {
    const page = await getProvisionRecommendations(staff, versionId);
    expect(page.canDraft).toBe(true);
    expect(page.byUnit["art-2"].map((i) => i.id)).toEqual(expect.arrayContaining([shared, unshared, sharedDraft]));
    expect(page.byUnit["art-2"][0].ownerName).toBe("Staff One");
    expect(await getProvisionRecommendations(null, versionId)).toEqual({ byUnit: {}, canDraft: false });
  });

  it("lets a partner comment in the discussion, as its organisation, and never into the internal thread", async () => {
    const ngo = await createTestUser("partner", { name: "赵示例", organisation: "示例家长协会" });
    const path = `/recommendations/${shared}`;
    // Asking for the internal thread does not put a partner there: a partner speaks only in the discussion.
    const posted = await call(detailAction, ngo, path, { id: String(shared) }, formData({ intent: "comment", body: "伙伴评论：建议写明时限。" }));
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toBe(`${path}#discussion-heading`);
    const internalComment = await db.prisma().comment.findFirstOrThrow({ where: { body: SECRET_COMMENT } });
    const reply = await call(detailAction, ngo, path, { id: String(shared) }, formData({ intent: "comment", body: "回复内部", parentId: String(internalComment.id) }));
    expect(reply.status).toBe(400);
    expect(await db.prisma().comment.count({ where: { body: "回复内部" } })).toBe(0);

    // Staff answer in the discussion; their internal remark stays internal.
    const partnerComment = await db.prisma().comment.findFirstOrThrow({ where: { body: "伙伴评论：建议写明时限。" } });
    await call(detailAction, staff, path, { id: String(shared) }, formData({ intent: "comment", body: "谢谢，已采纳。", parentId: String(partnerComment.id) }));
    const staffView = await jsonOf(await call(detailLoader, staff, path, { id: String(shared) }));
    expect(staffView.rec.discussion.map((c: { body: string; organisation: string | null }) => [c.body, c.organisation])).toEqual([
      ["伙伴评论：建议写明时限。", "示例家长协会"],
      ["谢谢，已采纳。", null],
    ]);
    expect(staffView.rec.comments.map((c: { body: string }) => c.body)).toEqual([SECRET_COMMENT]);

    // Another partner organisation sees the discussion, not the internal thread.
    const text = await (await call(detailLoader, partner, path, { id: String(shared) })).text();
    const partnerView = JSON.parse(text);
    expect(partnerView.rec.canDiscuss).toBe(true);
    expect(partnerView.rec.discussion.map((c: { body: string }) => c.body)).toEqual(["伙伴评论：建议写明时限。", "谢谢，已采纳。"]);
    expect(text).not.toContain(SECRET_COMMENT);
  });

  it("has no partner discussion on an item that is not shared", async () => {
    const res = await call(detailAction, staff, `/recommendations/${unshared}`, { id: String(unshared) }, formData({ intent: "comment", body: "给伙伴看", shared: "true" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("未与合作机构共享");
    expect(await db.prisma().comment.count({ where: { body: "给伙伴看" } })).toBe(0);
    expect((await call(detailAction, partner, `/recommendations/${unshared}`, { id: String(unshared) }, formData({ intent: "comment", body: "伙伴越权" }))).status).toBe(404);
    const view = await jsonOf(await call(detailLoader, staff, `/recommendations/${unshared}`, { id: String(unshared) }));
    expect(view.rec.canDiscuss).toBe(false);
  });
});

describe("list filters and saved views", () => {
  it("filters by theme and status in the URL and saves the view per user", async () => {
    const id = await draft(staff, { themes: ["trafficking"], title: "反拐建议" });
    const data = await jsonOf(await call(listLoader, staff, "/recommendations?theme=trafficking&status=draft"));
    expect(data.items.map((i: { id: number }) => i.id)).toEqual([id]);
    const saved = await call(listAction, staff, "/recommendations", {}, formData({ intent: "save-view", name: "反拐草稿", query: "?theme=trafficking&status=draft&evil=1" }));
    expect(saved.status).toBe(302);
    const views = (await jsonOf(await call(listLoader, staff, "/recommendations"))).views;
    expect(views).toEqual([expect.objectContaining({ name: "反拐草稿", query: "theme=trafficking&status=draft" })]);
    expect((await jsonOf(await call(listLoader, staff2, "/recommendations"))).views).toEqual([]);
  });
});

describe("a deleted anchor", () => {
  it("keeps the recommendation readable when its version is deleted", async () => {
    const other = await ingestBytes(new TextEncoder().encode(SAMPLE.replace("示例儿童关爱条例", "待删除示例条例")), "to-delete/2031-01-01.md", { catalogue: null });
    const res = await call(newAction, staff, `/recommendations/new?version=${other.versionId}&key=art-1`, {}, draftForm({ title: "孤立的建议" }));
    const id = Number(res.headers.get("location")!.split("/").pop());
    await db.prisma().version.delete({ where: { id: other.versionId } });
    const data = await jsonOf(await call(detailLoader, staff, `/recommendations/${id}`, { id: String(id) }));
    expect(data.rec.title).toBe("孤立的建议");
    expect(data.rec.anchor.text).toBeNull();
  });
});
