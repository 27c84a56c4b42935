import { createUser } from "~/lib/auth/users.server";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { createRecommendation, transitionRecommendation } from "~/lib/recommendations/commands.server";
import { loginAs, useBrowserApp } from "./helpers";

// A partner organisation takes part in real Chromium, on an invented text: it reads a recommendation
// shared with it, comments in the partner discussion as its organisation, and endorses it; the
// organisation's staff see the comment and the endorsement, and their internal thread stays theirs.
const ctx = useBrowserApp();
const STAFF = { email: "staff-partner-e2e@example.org", password: "staff passphrase 3" };
const PARTNER = { email: "ngo-partner-e2e@example.org", password: "partner passphrase 3" };
const LAW = `示例托管条例\n（2030年1月1日示例会议通过）\n第一条　为了规范示例托管，制定本条例。\n第二条　托管机构应当配备专职人员。`;
const INTERNAL = "内部：先与示例律所核对比例。";

describe("partner discussion (Chromium)", () => {
  let url = "";

  beforeAll(async () => {
    const staff = await createUser({ email: STAFF.email, name: "王敏", role: "staff", password: STAFF.password });
    const lead = await createUser({ email: "lead-partner-e2e@example.org", name: "李主任", role: "lead", password: "lead passphrase 3" });
    await createUser({ email: PARTNER.email, name: "陈伙伴", role: "partner", password: PARTNER.password, organisation: "示例家长协会" });
    const { versionId } = await ingestBytes(new TextEncoder().encode(LAW), "care/2030-01-01.txt", { catalogue: null });
    const { id } = await createRecommendation(staff, { versionId, provisionKey: "art-2" }, {
      title: "专职人员比例",
      proposedText: "第二条　托管机构应当按照比例配备专职人员。",
      rationale: "示例理由。",
      evidence: "",
      themes: [],
      priority: "medium",
      sharedWithPartners: true,
    });
    await transitionRecommendation(staff, id, 1, "submit_for_review");
    await transitionRecommendation(lead, id, 2, "approve");
    url = `/recommendations/${id}`;
  });

  it("lets staff keep an internal remark out of partners' view", async () => {
    const page = await ctx.page();
    await loginAs(page, STAFF.email, STAFF.password);
    await page.goto(url);
    await page.getByLabel("发表评论", { exact: true }).fill(INTERNAL);
    await page.getByRole("button", { name: "发送" }).last().click();
    await page.getByText(INTERNAL).waitFor();
    expect(ctx.pageErrors).toEqual([]);
  });

  it("lets a partner comment as its organisation and endorse with its name offered", async () => {
    const page = await ctx.page();
    await loginAs(page, PARTNER.email, PARTNER.password);
    await page.goto(url);
    await page.getByRole("heading", { name: "与合作机构讨论" }).waitFor();
    await expect(page.getByText(INTERNAL).count()).resolves.toBe(0);
    await expect(page.getByRole("heading", { name: "内部讨论" }).count()).resolves.toBe(0);

    await page.getByLabel("发表意见（合作机构可见）").fill("建议写明师生比例的下限。");
    await page.getByRole("button", { name: "发送" }).click();
    const comment = page.locator(".rec-comments li", { hasText: "建议写明师生比例的下限。" });
    await comment.waitFor();
    await expect(comment.locator(".rec-comment-meta").textContent()).resolves.toContain("陈伙伴（示例家长协会）");

    await expect(page.getByLabel("以机构名义联署：").inputValue()).resolves.toBe("示例家长协会");
    await page.getByRole("button", { name: "联署", exact: true }).click();
    await page.getByTestId("endorsements").getByText("示例家长协会").waitFor();
    await page.getByRole("button", { name: "撤回联署" }).waitFor();
    expect(ctx.pageErrors).toEqual([]);
  });

  it("shows staff the partner's comment, its organisation and the endorsement, and lets them reply in the discussion", async () => {
    const page = await ctx.page();
    await loginAs(page, STAFF.email, STAFF.password);
    await page.goto(url);
    const discussion = page.locator("section", { has: page.getByRole("heading", { name: "与合作机构讨论" }) });
    const comment = discussion.locator(".rec-comments li", { hasText: "建议写明师生比例的下限。" });
    await comment.waitFor();
    await expect(page.getByTestId("endorsements").textContent()).resolves.toContain("示例家长协会（陈伙伴）");

    await comment.locator("summary").first().click();
    await comment.getByLabel("回复").fill("谢谢，已写入建议。");
    await comment.getByRole("button", { name: "发送" }).click();
    await discussion.getByText("谢谢，已写入建议。").waitFor();
    // The reply is in the discussion, the internal remark still only in the internal thread.
    await expect(discussion.getByText(INTERNAL).count()).resolves.toBe(0);
    expect(ctx.pageErrors).toEqual([]);
  });
});
