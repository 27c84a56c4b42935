import fs from "node:fs";
import JSZip from "jszip";
import { createUser } from "~/lib/auth/users.server";
import { addDays, todayInChina } from "~/lib/corpus/point-in-time";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { getPrisma } from "~/lib/db.server";
import { loginAs, useBrowserApp } from "./helpers";

// The consultation path in real Chromium, on invented texts: a draft pasted as plain text, the
// consultation with its deadline, the draft compared with the law in force, two recommendations on
// draft articles, the lead's approval, the pack (DOCX redline and NPC text), the submission, the
// enacted text and the outcome confirmed.
const ctx = useBrowserApp();
const STAFF = { email: "staff-consult@example.org", password: "staff passphrase 2" };
const LEAD = { email: "lead-consult@example.org", password: "lead passphrase 2" };

const LAW = `中华人民共和国示例社区花园法
（2021年10月23日示例会议通过）
第一条　为了管好示例社区花园，制定本法。
第二条　园长应当安排示例花园的浇水。`;

const DRAFT = `中华人民共和国示例社区花园法
（草案二次审议稿）

目　　录

第一章　总　　则
第二章　浇水安排

第一章　总　　则
第一条　为了管好示例社区花园，制定本法。
第二章　浇水安排
第二条　园长应当安排示例花园的每日浇水。
第三条　街道应当为社区花园提供雨水桶。`;

const PROPOSED_2 = "第二条　园长或者其指定的志愿者应当安排示例花园的每日浇水。";
const PROPOSED_1 = "第一条　为了管好示例社区花园，节约用水，制定本法。";
const ENACTED = `中华人民共和国示例社区花园法
（2021年10月23日示例会议通过　2032年3月1日示例会议修订）
第一章　总则
${PROPOSED_1}
第二章　浇水安排
${PROPOSED_2}
第三条　街道应当为社区花园提供雨水桶。`;

describe("consultation path (Chromium)", () => {
  const deadline = addDays(todayInChina(), 10);
  let consultationUrl = "";
  const recUrls: string[] = [];

  it("reads a pasted plain-text draft, asking for its publication date on the date field", async () => {
    await createUser({ email: STAFF.email, name: "王敏", role: "staff", password: STAFF.password });
    await createUser({ email: LEAD.email, name: "李主任", role: "lead", password: LEAD.password });
    await ingestBytes(new TextEncoder().encode(LAW), "community-garden/2021-10-23.txt", { catalogue: null });
    await getPrisma().setting.createMany({ data: [{ key: "org.name", value: "示例儿童权利中心" }, { key: "org.contact", value: "010-0000 0000" }] });

    const page = await ctx.page();
    await loginAs(page, LEAD.email, LEAD.password);
    await page.goto("/import");
    await page.getByLabel("或粘贴文本").fill(DRAFT);
    await page.getByRole("button", { name: "预览" }).click();
    const dateError = page.locator("#imp-versionDate-error");
    await dateError.waitFor();
    await expect(dateError.textContent()).resolves.toContain("这是草案（草案二次审议稿）");
    await expect(page.getByRole("alert").count()).resolves.toBe(2);
    await page.getByLabel("版本日期").fill("2031-06-24");
    await page.getByRole("button", { name: "预览" }).click();
    await page.getByTestId("draft-stage").waitFor();
    await expect(page.getByTestId("draft-stage").textContent()).resolves.toContain("二审稿");
    await expect(page.getByRole("heading", { name: /解析警告/ }).count()).resolves.toBe(0);
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/works\/community-garden\/2031-06-24/);
    await page.getByRole("heading", { name: "中华人民共和国示例社区花园法" }).waitFor();
  }, 120_000);

  it("records the consultation with its deadline and compares the draft with the law in force", async () => {
    const page = await ctx.page();
    await loginAs(page, LEAD.email, LEAD.password);
    await page.goto("/consultations");
    await page.getByRole("link", { name: "登记征求意见" }).click();
    await page.waitForURL(/\/consultations\/new$/);
    await page.waitForLoadState("networkidle");
    // Required fields are marked before anything is sent.
    await expect(page.locator("label", { hasText: "发布机关" }).textContent()).resolves.toContain("*");
    await page.getByRole("button", { name: "登记" }).click();
    await page.waitForURL(/\/consultations\/new$/);
    await page.locator("#err-con-title").waitFor();
    await page.getByLabel("名称").fill("示例社区花园法草案二次审议稿征求意见");
    await page.getByLabel("发布机关").fill("全国人大常委会法制工作委员会");
    await page.getByLabel("截止日期").fill(deadline);
    await page.getByRole("button", { name: "登记" }).click();
    await page.waitForURL(/\/consultations\/\d+$/);
    consultationUrl = new URL(page.url()).pathname;
    await expect(page.getByTestId("days-left").textContent()).resolves.toBe("还剩 10 天");
    await page.getByRole("link", { name: "与现行 2021-10-23 版本比对" }).click();
    await page.waitForURL(/\/compare\?work=community-garden&from=2021-10-23&to=2031-06-24/);
    await page.getByText("街道应当为社区花园提供雨水桶", { exact: false }).first().waitFor();
  }, 120_000);

  it("lets staff draft two recommendations on the draft's articles and the lead approve them", async () => {
    const draft = await getPrisma().version.findFirstOrThrow({ where: { versionDate: "2031-06-24" } });
    const staff = await ctx.page();
    await loginAs(staff, STAFF.email, STAFF.password);
    for (const [key, title, proposed] of [
      ["art-2", "志愿者也可安排浇水", PROPOSED_2],
      ["art-1", "写明节约用水", PROPOSED_1],
    ]) {
      await staff.goto(`/recommendations/new?version=${draft.id}&key=${key}`);
      await staff.waitForLoadState("networkidle");
      await staff.getByLabel("标题").fill(title);
      await staff.getByLabel("修改建议（建议条文）").fill(proposed);
      await staff.getByLabel("理由").fill("示例理由。");
      await staff.getByRole("button", { name: "保存草稿" }).click();
      await staff.waitForURL(/\/recommendations\/\d+$/);
      recUrls.push(new URL(staff.url()).pathname);
      await staff.getByRole("button", { name: "提交审核" }).click();
      await staff.getByText("待审核").first().waitFor();
    }
    const lead = await ctx.page();
    await loginAs(lead, LEAD.email, LEAD.password);
    for (const url of recUrls) {
      await lead.goto(url);
      await lead.getByRole("button", { name: "批准" }).click();
      await lead.getByText("已批准").first().waitFor();
    }
    await lead.goto(consultationUrl);
    const rows = lead.locator("section", { has: lead.getByRole("heading", { name: "针对草案的建议" }) }).locator("tbody tr");
    await expect(rows.allTextContents()).resolves.toEqual([
      expect.stringMatching(/^第一条写明节约用水已批准/),
      expect.stringMatching(/^第二条志愿者也可安排浇水已批准/),
    ]);
  }, 180_000);

  it("builds the pack from the consultation: DOCX redline runs and the NPC text form; records it as sent", async () => {
    const page = await ctx.page();
    await loginAs(page, LEAD.email, LEAD.password);
    await page.goto(consultationUrl);
    await page.getByRole("link", { name: "为此征求意见新建提交" }).click();
    await page.waitForURL(/\/submissions\/new\?consultation=\d+$/);
    await expect(page.getByLabel("受理机关").inputValue()).resolves.toBe("全国人大常委会法制工作委员会");
    await page.getByRole("button", { name: "创建" }).click();
    await page.waitForURL(/\/submissions\/\d+$/);
    await page.getByLabel(/志愿者也可安排浇水/).check();
    await page.getByLabel(/写明节约用水/).check();
    await page.getByRole("button", { name: "加入" }).click();
    await page.getByRole("link", { name: /第二条/ }).first().waitFor();

    const [docx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "DOCX" }).click()]);
    const zip = await JSZip.loadAsync(fs.readFileSync((await docx.path())!));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("《中华人民共和国示例社区花园法（草案二次审议稿）》第二条");
    const underlined = [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*<w:u (?:(?!<\/w:r>).)*<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    expect(underlined).toContain("或者其指定的志愿者");

    const [npc] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /人大网意见征集文本/ }).click()]);
    const text = fs.readFileSync((await npc.path())!, "utf8");
    expect(text).toContain(`条文：《中华人民共和国示例社区花园法（草案二次审议稿）》第二条\n第二条　园长应当安排示例花园的每日浇水。\n\n意见：${PROPOSED_2}`);

    await page.getByLabel("回执编号").fill("NPC-2031-0007");
    await page.getByRole("button", { name: "记录已提交" }).click();
    await page.getByText("回执编号：NPC-2031-0007", { exact: false }).waitFor();
    await page.goto(consultationUrl);
    await page.getByRole("link", { name: "示例社区花园法草案二次审议稿征求意见" }).waitFor();
  }, 180_000);

  it("carries the recommendations to the enacted text and the lead confirms the suggested outcome", async () => {
    await ingestBytes(new TextEncoder().encode(ENACTED), "community-garden/2032-03-01.txt", { catalogue: null });
    const page = await ctx.page();
    await loginAs(page, LEAD.email, LEAD.password);
    await page.goto(recUrls[0]);
    await page.getByRole("heading", { name: "结果核对（待确认）" }).waitFor();
    await expect(page.getByLabel("结果", { exact: true }).inputValue()).resolves.toBe("adopted");
    await page.getByRole("button", { name: "确认结果" }).click();
    await page.getByText("已结案 · 已采纳").first().waitFor();
    expect(ctx.pageErrors).toEqual([]);
  }, 120_000);
});
