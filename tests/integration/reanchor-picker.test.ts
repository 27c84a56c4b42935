/** Settling a carried anchor is a choice among articles (aligned candidates first), not a typed key. */
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { createRecommendation } from "~/lib/recommendations/commands.server";
import { loader as recLoader, action as recAction } from "~/routes/recommendations.$id._index";
import { callRoute, createTestUser, formData } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";

const db = useTestDatabase();
const encode = (s: string) => new TextEncoder().encode(s);

// Invented: the second version inserts an article, so 第二条 becomes 第三条.
const V1 = `示例托管条例\n（2030年1月1日示例会议通过）\n第一条　为了规范示例托管，制定本条例。\n第二条　托管机构应当配备专职人员。\n第三条　本条例自公布之日起施行。`;
const V2 = `示例托管条例\n（2030年1月1日示例会议通过　2031年1月1日示例会议修订）\n第一条　为了规范示例托管，制定本条例。\n第二条　托管机构应当登记备案。\n第三条　托管机构应当配备专职人员。\n第四条　本条例自公布之日起施行。`;

it("offers the aligned article first, then every article of the new version, and settles on the one picked", async () => {
  const staff = await createTestUser("staff");
  const v1 = (await ingestBytes(encode(V1), "care/2030-01-01.txt", { catalogue: null })).versionId;
  const { id } = await createRecommendation(staff, { versionId: v1, provisionKey: "art-2" }, {
    title: "专职人员比例",
    proposedText: "第二条　托管机构应当按照比例配备专职人员。",
    rationale: "示例。",
    evidence: "",
    themes: [],
    priority: "medium",
    sharedWithPartners: false,
  });
  await ingestBytes(encode(V2), "care/2031-01-01.txt", { catalogue: null });
  const params = { id: String(id) };
  const page = JSON.parse(await (await callRoute(recLoader, staff, `/recommendations/${id}`, params)).text());
  expect(page.rec.anchorState).toBe("moved");
  expect(page.picker.candidates.map((o: { label: string }) => o.label)).toEqual(["第三条"]);
  expect(page.picker.others.map((o: { label: string; excerpt: string }) => `${o.label}|${o.excerpt}`)).toEqual([
    "第一条|第一条　为了规范示例托管，制定本条例。",
    "第二条|第二条　托管机构应当登记备案。",
    "第四条|第四条　本条例自公布之日起施行。",
  ]);
  const res = await callRoute(recAction, staff, `/recommendations/${id}`, params, formData({ intent: "resolve-anchor", revision: String(page.rec.revision), provisionKey: "art-3" }));
  expect(res.status).toBe(302);
  const after = await db.prisma().recommendation.findUniqueOrThrow({ where: { id } });
  expect([after.carriedProvisionKey, after.anchorState]).toEqual(["art-3", "current"]);
  const settled = JSON.parse(await (await callRoute(recLoader, staff, `/recommendations/${id}`, params)).text());
  expect(settled.picker).toBeNull();
});
