/** The notification list: workflow events, carry-forward, deadline reminders, roles, mark read, header count. */
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { carryForward } from "~/lib/recommendations/carry-forward.server";
import { createRecommendation, transitionRecommendation } from "~/lib/recommendations/commands.server";
import { listNotifications, unreadCount } from "~/lib/notifications/notifications.server";
import { action, loader } from "~/routes/notifications";
import { callRoute, createTestUser, formData } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";

const db = useTestDatabase();

const V1 = `示例托管条例\n（2030年1月1日示例会议通过）\n第一条　为了规范示例托管，制定本条例。\n第二条　托管机构应当配备专职人员。`;
const V2 = `示例托管条例\n（2031年1月1日示例会议修订）\n第一条　为了规范示例托管，制定本条例。\n第二条　示例托管实行登记制度。\n第三条　托管机构应当配备专职人员。`;
const fields = (title: string, shared: boolean) => ({
  title,
  proposedText: "托管机构应当按照比例配备专职人员。",
  rationale: "示例。",
  evidence: "",
  themes: [],
  priority: "medium",
  sharedWithPartners: shared,
});
const kinds = (list: { kind: string; title: string }[]) => list.map((n) => `${n.kind}:${n.title}`).sort();

it("tells reviewers, owners and leads about the steps that concern them, and partners only about shared items", async () => {
  const [staff, lead, partner] = await Promise.all([createTestUser("staff"), createTestUser("lead"), createTestUser("partner")]);
  const versionId = (await ingestBytes(new TextEncoder().encode(V1), "care/2030-01-01.txt", { catalogue: null })).versionId;
  const shared = (await createRecommendation(staff, { versionId, provisionKey: "art-2" }, fields("专职人员比例", true))).id;
  const internal = (await createRecommendation(staff, { versionId, provisionKey: "art-1" }, fields("内部意见", false))).id;
  for (const id of [shared, internal]) await transitionRecommendation(staff, id, 1, "submit_for_review");

  expect(kinds(await listNotifications(lead))).toEqual(["review_requested:内部意见", "review_requested:专职人员比例"].sort());
  // The actor is not told about their own step.
  expect(await listNotifications(staff)).toEqual([]);

  for (const id of [shared, internal]) {
    await transitionRecommendation(lead, id, 2, "approve");
    await transitionRecommendation(lead, id, 3, "submit");
  }
  expect(kinds(await listNotifications(staff))).toEqual(["approved:内部意见", "approved:专职人员比例"].sort());

  // The enacted version moves 第二条 to 第三条: the owner is told the anchor moved, the lead gets the outcome suggestion.
  const v2 = (await ingestBytes(new TextEncoder().encode(V2), "care/2031-01-01.txt", { catalogue: null })).versionId;
  await carryForward(v2); // run again on purpose: nobody is told twice
  const staffList = await listNotifications(staff);
  expect(kinds(staffList.filter((n) => n.kind === "anchor_changed"))).toEqual(["anchor_changed:专职人员比例"]);
  expect(staffList.find((n) => n.kind === "anchor_changed")).toMatchObject({ state: "moved", href: `/recommendations/${shared}` });
  expect(kinds((await listNotifications(lead)).filter((n) => n.kind === "outcome_suggested"))).toEqual([
    "outcome_suggested:内部意见",
    "outcome_suggested:专职人员比例",
  ].sort());

  // Even a notification written for a partner shows only while the item is shared with them.
  await db.prisma().notification.createMany({
    data: [
      { userId: partner.id, kind: "approved", key: "a", recommendationId: shared, paramsJson: JSON.stringify({ title: "专职人员比例" }) },
      { userId: partner.id, kind: "approved", key: "b", recommendationId: internal, paramsJson: JSON.stringify({ title: "内部意见" }) },
      { userId: partner.id, kind: "deadline_7", key: "c", consultationId: 1, paramsJson: JSON.stringify({ title: "征求意见" }) },
    ],
  });
  const partnerText = await (await callRoute(loader, partner, "/notifications")).text();
  expect(JSON.parse(partnerText).notifications.map((n: { title: string }) => n.title)).toEqual(["专职人员比例"]);
  expect(partnerText).not.toContain("内部意见");
});

it("reminds each person once per deadline at 7 days and 1 day, and marks read only the reader's own", async () => {
  const [staff, lead, partner] = await Promise.all([createTestUser("staff"), createTestUser("lead"), createTestUser("partner")]);
  const prisma = db.prisma();
  const work = await prisma.work.create({ data: { slug: "demo", titleZh: "示例条例", kind: "administrative_regulation" } });
  const now = new Date("2026-12-03T04:00:00Z"); // 12:00 in Beijing
  const soon = await prisma.consultation.create({ data: { title: "示例条例征求意见", authority: "示例部", workId: work.id, deadline: "2026-12-08", createdById: lead.id } });
  await prisma.consultation.create({ data: { title: "远期征求意见", authority: "示例部", workId: work.id, deadline: "2027-01-30", createdById: lead.id } });
  await prisma.submission.create({ data: { title: "示例意见书", targetBody: "示例部", consultationTitle: "示例", deadline: "2026-12-04", createdById: lead.id } });

  const first = await listNotifications(staff, now);
  expect(kinds(first)).toEqual(["deadline_1:示例意见书", "deadline_7:示例条例征求意见"].sort());
  expect(first.find((n) => n.kind === "deadline_7")).toMatchObject({ deadline: "2026-12-08", href: `/consultations/${soon.id}` });
  // Reading again (or a later hour the same day) adds nothing.
  expect(await listNotifications(staff, new Date("2026-12-03T10:00:00Z"))).toHaveLength(2);
  // The day before the consultation's deadline brings its 1-day reminder as a new line.
  expect(kinds(await listNotifications(staff, new Date("2026-12-07T04:00:00Z")))).toContain("deadline_1:示例条例征求意见");
  // Partners do not see consultations at all.
  expect(await listNotifications(partner, now)).toEqual([]);

  expect(await unreadCount(staff, now)).toBe(3);
  const one = first[0];
  expect((await callRoute(action, lead, "/notifications", {}, formData({ id: String(one.id) }))).status).toBe(302);
  expect(await unreadCount(staff, now)).toBe(3);
  expect((await callRoute(action, staff, "/notifications", {}, formData({ id: String(one.id) }))).status).toBe(302);
  expect(await unreadCount(staff, now)).toBe(2);
  expect((await callRoute(action, staff, "/notifications", {}, formData({ id: "x" }))).status).toBe(400);
  expect((await callRoute(action, staff, "/notifications", {}, formData({}))).status).toBe(302);
  expect(await unreadCount(staff, now)).toBe(0);
  expect((await callRoute(loader, null, "/notifications")).status).toBe(302);
});
