import fs from "node:fs";
import path from "node:path";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { carryForward } from "~/lib/recommendations/carry-forward.server";
import { createRecommendation, transitionRecommendation } from "~/lib/recommendations/commands.server";
import { createTestUser, type TestUser } from "../helpers/auth";
import { SHARED_CORPUS, useTestDatabase } from "../helpers/db";

const db = useTestDatabase();
const encode = (s: string) => new TextEncoder().encode(s);

async function ingestCorpus(relative: string) {
  const bytes = fs.readFileSync(path.join(SHARED_CORPUS, relative));
  return ingestBytes(bytes, relative);
}

async function articleText(versionId: number, key: string) {
  return (await db.prisma().provision.findFirstOrThrow({ where: { versionId, key } })).text;
}

const fields = (title: string, proposedText = "") => ({
  title,
  proposedText,
  rationale: "示例理由",
  evidence: "",
  themes: [],
  priority: "medium",
  sharedWithPartners: false,
});

/** Draft → review → approve → submit, as the workflow requires. */
async function submitThrough(staff: TestUser, lead: TestUser, id: number) {
  const rev = async () => (await db.prisma().recommendation.findUniqueOrThrow({ where: { id } })).revision;
  await transitionRecommendation(staff, id, await rev(), "submit_for_review");
  await transitionRecommendation(lead, id, await rev(), "approve");
  await transitionRecommendation(lead, id, await rev(), "submit");
}

describe("carry-forward on the Minors Protection Law, 2020 → 2024 (第九条 rewritten)", () => {
  let staff: TestUser;
  let lead: TestUser;
  const ids: Record<string, number> = {};
  let v2020: number;
  let v2024: number;

  beforeAll(async () => {
    staff = await createTestUser("staff");
    lead = await createTestUser("lead");
    v2020 = (await ingestCorpus("minors-protection-law/2020-10-17.md")).versionId;
    const art9 = await articleText(v2020, "art-9");
    const art95 = await articleText(v2020, "art-95");
    const anchor = (provisionKey: string, quote?: string) => ({ versionId: v2020, provisionKey, quote });
    // Proposes what the 2024 amendment in fact enacted (written here from the 2024 file at run time).
    const enacted2024 = fs
      .readFileSync(path.join(SHARED_CORPUS, "minors-protection-law/2024-04-26.md"), "utf8")
      .split("\n")
      .find((l) => l.startsWith("第九条"))!;
    ids.quoteGone = (await createRecommendation(staff, anchor("art-9", art9.slice(4, 30)), fields("第九条协调机制", enacted2024))).id;
    ids.unchanged = (await createRecommendation(staff, anchor("art-8"), fields("第八条经费"))).id;
    ids.modified = (await createRecommendation(staff, anchor("art-9"), fields("第九条未采纳", art9.replace("统筹、协调", "统筹、协调、监督")))).id;
    ids.folded = (await createRecommendation(staff, anchor("art-95", "符合条件的申请人"), fields("第九十五条收养"))).id;
    expect(art95).toContain("符合条件的申请人");
    await submitThrough(staff, lead, ids.quoteGone);
    await submitThrough(staff, lead, ids.modified);
    v2024 = (await ingestCorpus("minors-protection-law/2024-04-26.md")).versionId;
  });

  it("keeps an unchanged article found at the same key", async () => {
    const rec = await db.prisma().recommendation.findUniqueOrThrow({ where: { id: ids.unchanged } });
    expect(rec).toMatchObject({ anchorState: "found", carriedVersionId: v2024, carriedProvisionKey: "art-8", versionId: v2020 });
  });

  it("orphans a quote from the old 第九条 that the 2024 text no longer has, anchored to 第九条 as best guess", async () => {
    const rec = await db.prisma().recommendation.findUniqueOrThrow({ where: { id: ids.quoteGone } });
    expect(rec.anchorState).toBe("orphaned");
    expect(rec.carriedProvisionKey).toBe("art-9");
    expect(JSON.parse(rec.anchorNote!).key).toBe("recommendations.anchorNote.quoteGone");
  });

  it("finds a quote again through the stray space the 2024 file has in 第九十五条 (folded match)", async () => {
    const rec = await db.prisma().recommendation.findUniqueOrThrow({ where: { id: ids.folded } });
    expect(rec).toMatchObject({ anchorState: "found", carriedProvisionKey: "art-95" });
    expect(JSON.parse(rec.anchorNote!).match.text).toBe("符合条 件的申请人");
  });

  it("suggests 'adopted' for a submitted proposal that the amendment enacted, with its score", async () => {
    const rec = await db.prisma().recommendation.findUniqueOrThrow({ where: { id: ids.quoteGone } });
    expect(rec.suggestedOutcome).toBe("adopted");
    expect(rec.suggestedScore).toBeGreaterThan(0.95);
  });

  it("suggests 'not adopted' for a submitted proposal the amendment ignored", async () => {
    const rec = await db.prisma().recommendation.findUniqueOrThrow({ where: { id: ids.modified } });
    expect(rec.anchorState).toBe("found");
    expect(rec.suggestedOutcome).toBe("not_adopted");
  });

  it("records every carry-forward as an event and leaves drafts without suggestions", async () => {
    const events = await db.prisma().recommendationEvent.findMany({ where: { action: { startsWith: "carried_forward" } } });
    expect(events).toHaveLength(4);
    const draft = await db.prisma().recommendation.findUniqueOrThrow({ where: { id: ids.unchanged } });
    expect(draft.suggestedOutcome).toBeNull();
  });

  it("gives the same answer when run again for the same version", async () => {
    const before = await db.prisma().recommendation.findMany({ orderBy: { id: "asc" } });
    const report = await carryForward(v2024);
    expect(report.carried).toBe(4);
    const after = await db.prisma().recommendation.findMany({ orderBy: { id: "asc" } });
    expect(after.map((r) => [r.anchorState, r.carriedProvisionKey, r.suggestedOutcome])).toEqual(
      before.map((r) => [r.anchorState, r.carriedProvisionKey, r.suggestedOutcome]),
    );
  });
});

// Invented texts (a made-up 示例条例) built to exercise a split, a removal and a moved quote.
const V1 = `# 示例儿童关爱条例

<!-- INFO END -->

## 第一章 总则

第一条 为了做好示例儿童关爱工作，根据有关法律，制定本条例。

第二条 示例机关负责儿童信息登记工作，建立完整的登记档案；示例机关同时负责定期回访工作，了解儿童生活情况。

第三条 示例志愿者协会可以组织志愿服务活动，为儿童提供课后陪伴。

第四条 学校、医院等单位发现儿童遭受侵害的，应当立即向公安机关报告。

第五条 本条例自2031年1月1日起施行。`;

const V2 = `# 示例儿童关爱条例

<!-- INFO END -->

## 第一章 总则

第一条 为了做好示例儿童关爱工作，根据有关法律，制定本条例。学校、医院等单位发现儿童遭受侵害的，应当立即向公安机关报告。

第二条 示例机关负责儿童信息登记工作，建立完整的登记档案。

第三条 示例机关负责定期回访工作，了解儿童生活情况。

第四条 本条例自2032年1月1日起施行。`;

describe("carry-forward on invented hard cases", () => {
  let staff: TestUser;
  let v1: number;
  let v2: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    staff = await createTestUser("staff");
    v1 = (await ingestBytes(encode(V1), "sample-care-regulation/2031-01-01.md", { catalogue: null })).versionId;
    const anchor = (provisionKey: string, quote?: string) => ({ versionId: v1, provisionKey, quote });
    ids.split = (await createRecommendation(staff, anchor("art-2"), fields("拆分条"))).id;
    ids.splitQuote = (await createRecommendation(staff, anchor("art-2", "定期回访工作"), fields("拆分条引文"))).id;
    ids.removed = (await createRecommendation(staff, anchor("art-3"), fields("删除条"))).id;
    ids.movedQuote = (await createRecommendation(staff, anchor("art-4", "发现儿童遭受侵害的，应当立即向公安机关报告"), fields("移动引文"))).id;
    ids.renumbered = (await createRecommendation(staff, anchor("art-5"), fields("施行日期"))).id;
    v2 = (await ingestBytes(encode(V2), "sample-care-regulation/2032-01-01.md", { catalogue: null })).versionId;
  });

  const rec = (id: number) => db.prisma().recommendation.findUniqueOrThrow({ where: { id } });

  it("marks an anchor on a split article ambiguous with both parts as candidates", async () => {
    const r = await rec(ids.split);
    expect(r.anchorState).toBe("ambiguous");
    expect(JSON.parse(r.anchorNote!).candidates).toEqual(["art-2", "art-3"]);
  });

  it("settles a quote on a split article in the part that holds it", async () => {
    expect(await rec(ids.splitQuote)).toMatchObject({ anchorState: "moved", carriedProvisionKey: "art-3" });
  });

  it("orphans an anchor on a removed article and keeps the recommendation", async () => {
    const r = await rec(ids.removed);
    expect(r).toMatchObject({ anchorState: "orphaned", carriedVersionId: v2, carriedProvisionKey: null, title: "删除条" });
  });

  it("follows a quoted sentence moved into another article", async () => {
    const r = await rec(ids.movedQuote);
    expect(r).toMatchObject({ anchorState: "moved", carriedProvisionKey: "art-1" });
  });

  it("follows a renumbered article", async () => {
    expect(await rec(ids.renumbered)).toMatchObject({ anchorState: "moved", carriedProvisionKey: "art-4" });
  });

  it("is a no-op for a version without recommendations on the one before", async () => {
    const other = await ingestBytes(encode(V1.replace("示例儿童关爱条例", "另一示例条例")), "other-sample/2031-01-01.md", { catalogue: null });
    expect(await carryForward(other.versionId)).toMatchObject({ previousVersionId: null, carried: 0 });
  });
});
