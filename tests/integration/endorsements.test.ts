/** Partners co-sign recommendations shared with them; staff see who; the pack lists the organisations. */
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { buildPack } from "~/lib/recommendations/export.server";
import { createRecommendation, transitionRecommendation } from "~/lib/recommendations/commands.server";
import { addItems, createSubmission } from "~/lib/recommendations/submissions.server";
import { action as recAction, loader as recLoader } from "~/routes/recommendations.$id._index";
import { callRoute, createTestUser, formData } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";

useTestDatabase();

const LAW = `示例托管条例\n（2030年1月1日示例会议通过）\n第一条　为了规范示例托管，制定本条例。\n第二条　托管机构应当配备专职人员。`;
const fields = (title: string, shared: boolean) => ({
  title,
  proposedText: "第二条　托管机构应当按照比例配备专职人员。",
  rationale: "示例。",
  evidence: "",
  themes: [],
  priority: "medium",
  sharedWithPartners: shared,
});

it("lets a partner endorse a shared recommendation in its organisation's name, and no one else", async () => {
  const [staff, lead, partner] = await Promise.all([createTestUser("staff"), createTestUser("lead"), createTestUser("partner", { name: "陈伙伴" })]);
  const versionId = (await ingestBytes(new TextEncoder().encode(LAW), "care/2030-01-01.txt", { catalogue: null })).versionId;
  const shared = (await createRecommendation(staff, { versionId, provisionKey: "art-2" }, fields("专职人员比例", true))).id;
  const internal = (await createRecommendation(staff, { versionId, provisionKey: "art-1" }, fields("内部", false))).id;
  for (const id of [shared, internal]) {
    await transitionRecommendation(staff, id, 1, "submit_for_review");
    await transitionRecommendation(lead, id, 2, "approve");
  }
  const params = { id: String(shared) };
  const endorse = (who: typeof partner, id: number, organisation: string) =>
    callRoute(recAction, who, `/recommendations/${id}`, { id: String(id) }, formData({ intent: "endorse", organisation }));

  expect((await endorse(partner, shared, "   ")).status).toBe(400);
  expect((await endorse(partner, shared, "示例家长协会")).status).toBe(302);
  // Not shared: a partner cannot even see it. Staff speak for the drafting organisation.
  expect((await endorse(partner, internal, "示例家长协会")).status).toBe(404);
  expect((await endorse(staff, shared, "示例机构")).status).toBe(404);

  const staffView = JSON.parse(await (await callRoute(recLoader, staff, `/recommendations/${shared}`, params)).text());
  expect(staffView.endorsements).toEqual([{ organisation: "示例家长协会", person: "陈伙伴", mine: false }]);
  const partnerText = await (await callRoute(recLoader, partner, `/recommendations/${shared}`, params)).text();
  expect(JSON.parse(partnerText).endorsements).toEqual([{ organisation: "示例家长协会", mine: true }]);

  const submission = await createSubmission(lead, { title: "意见", targetBody: "示例机关", consultationTitle: "示例征求意见", channel: "email" });
  await addItems(lead, submission.id, [shared, internal]);
  expect((await buildPack(lead, submission.id)).endorsers).toEqual(["示例家长协会"]);

  expect((await callRoute(recAction, partner, `/recommendations/${shared}`, params, formData({ intent: "withdraw-endorsement" }))).status).toBe(302);
  expect((await buildPack(lead, submission.id)).endorsers).toEqual([]);
});
