import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { createUser } from "~/lib/auth/users.server";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { getPrisma } from "~/lib/db.server";
import { updateRecommendation } from "~/lib/recommendations/commands.server";
import { SHARED_CORPUS } from "../helpers/db";
import { loginAs, useBrowserApp } from "./helpers";

// The whole advocacy path in real Chromium: a staff member drafts on an article, a lead approves,
// a submission is exported and recorded, the amended text is ingested, and the outcome
// suggestion that appears is confirmed.
const ctx = useBrowserApp();
const STAFF = { email: "staff-e2e@example.org", password: "staff passphrase 1" };
const LEAD = { email: "lead-e2e@example.org", password: "lead passphrase 1" };
const MPL = (date: string) => path.join(SHARED_CORPUS, "minors-protection-law", `${date}.md`);
const ENACTED_2024 = () => fs.readFileSync(MPL("2024-04-26"), "utf8").split("\n").find((l) => l.startsWith("第九条"))!;

describe("recommendation path (Chromium)", () => {
  let recommendationUrl = "";

  it("lets staff draft on 第九条 with a live redline, and send it for review", async () => {
    await createUser({ email: STAFF.email, name: "王敏", role: "staff", password: STAFF.password });
    await createUser({ email: LEAD.email, name: "李主任", role: "lead", password: LEAD.password });
    await ingestBytes(fs.readFileSync(MPL("2020-10-17")), "minors-protection-law/2020-10-17.md");
    await getPrisma().setting.createMany({ data: [{ key: "org.name", value: "示例儿童权利中心" }, { key: "org.contact", value: "010-0000 0000" }] });

    const page = await ctx.page();
    await loginAs(page, STAFF.email, STAFF.password);
    // An empty list tells a new user where recommendations start, and links there.
    await page.goto("/recommendations");
    await page.getByText("建议就具体条文起草").waitFor();
    await page.getByRole("link", { name: "浏览法规" }).click();
    await page.waitForURL(/\/works$/);
    await page.goto("/works/minors-protection-law/2020-10-17");
    await page.locator('a[href*="key=art-9"]').first().click();
    await page.getByRole("heading", { name: "起草立法建议" }).waitFor();
    // The live redline below needs the scripts.
    await page.waitForLoadState("networkidle");

    await page.getByLabel("标题").fill("由妇女儿童工作机构统筹协调");
    await page.getByLabel("修改建议（建议条文）").fill(ENACTED_2024());
    // The redline updates as the person types.
    await page.locator(".rec-live-redline ins").first().waitFor();
    await page.getByLabel("理由").fill("<script>window.__pwned = 1</script>协调机制需要明确牵头机构。");
    await page.getByLabel("监护").check();
    await page.getByRole("button", { name: "保存草稿" }).click();
    await page.waitForURL(/\/recommendations\/\d+$/);
    recommendationUrl = new URL(page.url()).pathname;
    // Script tags are shown as text, never run. (waitForURL resolves when the URL changes, before
    // the new page has rendered, so wait for the text rather than sampling it once.)
    await page.getByText("<script>window.__pwned = 1</script>", { exact: false }).waitFor();
    await expect(page.getByText("<script>window.__pwned = 1</script>", { exact: false }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();

    // A colleague saves while this person edits: the stale save is refused, nothing is lost.
    const colleague = await createUser({ email: "colleague-e2e@example.org", name: "赵同事", role: "staff", password: "colleague passphrase" });
    await page.getByRole("link", { name: "修改", exact: true }).click();
    await page.waitForLoadState("networkidle");
    await page.getByLabel("理由").fill("我在浏览器里写的理由");
    const id = Number(recommendationUrl.split("/").pop());
    const saved = await getPrisma().recommendation.findUniqueOrThrow({ where: { id } });
    await updateRecommendation({ id: colleague.id, role: "staff" }, id, saved.revision, {
      title: saved.title,
      proposedText: saved.proposedText,
      rationale: "同事保存的理由",
      evidence: "",
      themes: ["guardianship"],
      priority: saved.priority,
      sharedWithPartners: false,
    });
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("保存被拒绝").waitFor();
    await expect(page.getByLabel("理由").inputValue()).resolves.toBe("我在浏览器里写的理由");
    await expect(page.locator(".rec-conflict-current").textContent()).resolves.toContain("同事保存的理由");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL((url) => url.pathname === recommendationUrl);
    await page.getByText("我在浏览器里写的理由").waitFor();
    await page.getByRole("button", { name: "提交审核" }).click();
    await page.getByText("待审核").first().waitFor();
    expect(await page.getByRole("button", { name: "批准" }).count()).toBe(0);
  }, 120_000);

  it("lets the lead approve from the dashboard, build a submission, export it and record it as sent", async () => {
    const page = await ctx.page();
    await loginAs(page, LEAD.email, LEAD.password);
    await page.goto("/dashboard");
    await page.getByRole("link", { name: "由妇女儿童工作机构统筹协调" }).click();
    await page.getByRole("button", { name: "批准" }).click();
    await page.getByText("已批准").first().waitFor();

    await page.goto("/submissions");
    await page.getByRole("link", { name: "新建提交" }).click();
    await page.waitForURL(/\/submissions\/new$/);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("标题").fill("关于未成年人保护法修正草案的意见");
    await page.getByLabel("受理机关").fill("全国人大常委会法制工作委员会");
    await page.getByLabel("征求意见名称").fill("未成年人保护法修正草案征求意见");
    await page.getByLabel("征求意见链接").fill("https://example.org/consultation");
    await page.getByRole("button", { name: "创建" }).click();
    await page.waitForURL(/\/submissions\/\d+$/);
    await page.getByLabel(/由妇女儿童工作机构统筹协调/).check();
    await page.getByRole("button", { name: "加入" }).click();
    await page.getByRole("link", { name: "第九条" }).waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "DOCX" }).click()]);
    const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("示例儿童权利中心");
    expect(xml).toContain("修改建议");

    await page.getByLabel("回执编号").fill("NPC-2024-0042");
    await page.getByRole("button", { name: "记录已提交" }).click();
    await page.getByText("回执编号：NPC-2024-0042", { exact: false }).waitFor();
    await expect(page.locator(".rec-status").first().textContent()).resolves.toContain("已提交");
  }, 120_000);

  it("suggests the outcome after the 2024 amendment is ingested, and the lead confirms it", async () => {
    await ingestBytes(fs.readFileSync(MPL("2024-04-26")), "minors-protection-law/2024-04-26.md");
    const page = await ctx.page();
    await loginAs(page, LEAD.email, LEAD.password);
    await page.goto("/dashboard");
    const suggestions = page.locator("section", { has: page.getByRole("heading", { name: "待确认的结果建议" }) });
    await expect(suggestions.textContent()).resolves.toContain("系统建议：已采纳");
    // The recommendation follows 第九条 into the 2024 version's page, marked as carried.
    await page.goto("/works/minors-protection-law/2024-04-26");
    const carried = page.locator(`.rec-provision a[href="${recommendationUrl}"]`);
    await expect(carried.count()).resolves.toBe(1);
    const block = page.locator(".rec-provision", { has: page.locator(`a[href="${recommendationUrl}"]`) });
    await expect(block.textContent()).resolves.toContain("自上一版本延续");
    await page.goto(recommendationUrl);
    await page.getByRole("heading", { name: "结果核对（待确认）" }).waitFor();
    await expect(page.getByLabel("结果", { exact: true }).inputValue()).resolves.toBe("adopted");
    await page.getByRole("button", { name: "确认结果" }).click();
    await page.getByText("已结案 · 已采纳").first().waitFor();
    await page.getByRole("link", { name: "修改历史" }).click();
    await page.getByText("确认建议结果").waitFor();
    expect(ctx.pageErrors).toEqual([]);
  }, 120_000);

  it("keeps what staff typed into the draft form before the page's scripts had loaded", async () => {
    const page = await ctx.page();
    await loginAs(page, STAFF.email, STAFF.password);
    await page.goto("/works/minors-protection-law/2020-10-17");
    const draftUrl = await page.locator('a[href*="key=art-9"]').first().getAttribute("href");
    // Hold the scripts so the person types into the server-rendered form, as on a slow connection.
    let releaseScripts = () => {};
    const scriptsHeld = new Promise<void>((resolve) => (releaseScripts = resolve));
    await page.route("**/build/**/*.js", async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.goto(draftUrl!, { waitUntil: "commit" });
    const proposed = "示例条例第一条 本条为测试而虚构，先于脚本输入。";
    await page.getByLabel("修改建议（建议条文）").fill(proposed);
    await page.getByLabel("理由").fill("先于脚本输入的理由");
    await page.getByLabel("依据").fill("https://example.org/示例");
    await page.getByLabel("引文").fill("示例引文");
    releaseScripts();
    // Once hydrated, the live redline shows the typed wording: the state was seeded from the field.
    await page.locator(".rec-live-redline ins").first().waitFor();
    await expect(page.getByLabel("修改建议（建议条文）").inputValue()).resolves.toBe(proposed);
    await expect(page.getByLabel("理由").inputValue()).resolves.toBe("先于脚本输入的理由");
    await expect(page.getByLabel("依据").inputValue()).resolves.toBe("https://example.org/示例");
    await expect(page.getByLabel("引文").inputValue()).resolves.toBe("示例引文");
    await page.getByText("已输入 9 字，上限 20000 字").waitFor();
    expect(ctx.pageErrors).toEqual([]);
  }, 120_000);
});
