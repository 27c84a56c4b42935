import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { useBrowserApp } from "./helpers";

// One story, in order: a new installation, its first administrator, the corpus load, then browsing.
const ctx = useBrowserApp();

describe("first run, corpus load and browsing (Chromium)", () => {
  it("offers the first-run page, creates the admin and loads the corpus with visible progress", async () => {
    const page = await ctx.page();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "欢迎使用 Redline" }).isVisible()).resolves.toBe(true);
    await page.getByLabel("邮箱").fill("admin@example.org");
    await page.getByLabel("姓名").fill("管理员");
    await page.getByLabel(/密码/).fill("short");
    await page.getByRole("button", { name: "创建管理员" }).click();
    // The browser refuses a too-short password before sending it (minLength), so the form stays.
    await expect(page.getByRole("button", { name: "创建管理员" }).isVisible()).resolves.toBe(true);
    await page.getByLabel(/密码/).fill("a-long-enough-passphrase");
    await page.getByRole("button", { name: "创建管理员" }).click();
    await page.getByRole("button", { name: "载入儿童保护法规文本" }).waitFor();
    await page.getByRole("button", { name: "载入儿童保护法规文本" }).click();
    const progress = page.getByRole("status").filter({ hasText: "已处理" });
    await progress.waitFor();
    await page.getByText(/完成：新增 15 个版本，失败 0 个/).waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "开始浏览" }).click();
    await page.getByRole("link", { name: "中华人民共和国未成年人保护法" }).waitFor();
    expect(await page.locator(".works-table tbody tr").count()).toBe(10);
  }, 240_000);

  it("shows a work's timeline and a version with its table of contents and anchored articles", async () => {
    const page = await ctx.page();
    await page.goto("/works/minors-protection-law");
    const items = page.locator(".timeline-item");
    expect(await items.count()).toBe(3);
    await expect(items.first().textContent()).resolves.toContain("2024-04-26");
    await expect(items.first().textContent()).resolves.toContain("现行有效");
    await page.getByRole("link", { name: /修订 · 中华人民共和国未成年人保护法/ }).click();
    await page.waitForURL(/2020-10-17$/);
    await page.locator(".toc").waitFor();
    await expect(page.locator(".toc li").count()).resolves.toBe(9);
    await expect(page.locator("article#art-132").count()).resolves.toBe(1);
    await expect(page.getByText("本版本已被修改或废止。").isVisible()).resolves.toBe(true);
  });

  it("shows the version in force on a date and says so", async () => {
    const page = await ctx.page();
    await page.goto("/works/minors-protection-law");
    await page.getByLabel("查看某日有效的版本").fill("2021-05-31");
    await page.getByRole("button", { name: "查看", exact: true }).click();
    await page.waitForURL(/2012-10-26\?at=2021-05-31/);
    await page.getByTestId("point-in-time").waitFor();
    await expect(page.getByTestId("point-in-time").textContent()).resolves.toContain("按 2021-05-31 时有效的版本显示");
    await page.goto("/works/minors-protection-law?at=2021-06-01");
    expect(page.url()).toContain("/works/minors-protection-law/2020-10-17?at=2021-06-01");
  });

  it("gives every article a permalink, a citation and links for cross-references", async () => {
    const page = await ctx.page();
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: ctx.app.baseUrl });
    await page.goto("/works/minors-protection-law/2020-10-17/art-15");
    await expect(page.locator("h1").textContent()).resolves.toContain("第十五条");
    await page.getByRole("button", { name: "复制引用" }).click();
    await page.getByText("已复制：《中华人民共和国未成年人保护法》（2020年修订）第十五条").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("《中华人民共和国未成年人保护法》（2020年修订）第十五条");
    const others = page.locator(".other-versions li");
    expect(await others.count()).toBe(2);
    // A cross-reference in the text is a link to its target article.
    await page.goto("/works/minors-protection-law/2020-10-17");
    const xref = page.locator("a.xref").first();
    const href = await xref.getAttribute("href");
    expect(href).toMatch(/^#art-\d+/);
  });

  it("switches the interface to English and back", async () => {
    const page = await ctx.page();
    await page.goto("/works");
    await page.getByRole("button", { name: "语言" }).click();
    await page.getByRole("heading", { name: "Laws and regulations" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("button", { name: "Language" }).click();
    await page.getByRole("heading", { name: "法律法规" }).waitFor();
  });

  it("can be used by keyboard: the skip link jumps to the content", async () => {
    const page = await ctx.page();
    await page.goto("/works");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe("跳到正文");
    await page.keyboard.press("Enter");
    expect(page.url()).toMatch(/#main$/);
  });

  it("imports an uploaded file after showing its structure, and can cancel", async () => {
    const page = await ctx.page();
    await page.goto("/login?redirectTo=/import");
    await page.getByLabel("邮箱").fill("admin@example.org");
    await page.getByLabel("密码").fill("a-long-enough-passphrase");
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(/\/import$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-upload-"));
    const file = path.join(dir, "示例反拐行动计划.md");
    // Invented action plan with 一、（一）1.（1） levels.
    fs.writeFileSync(
      file,
      "# 示例反拐行动计划（2031—2035年）\n\n一、总体要求\n\n（一）指导思想。坚持示例原则。\n\n（二）主要目标。\n\n1.健全示例机制。\n\n（1）建立示例台账。\n\n二、行动措施\n\n（一）预防。开展示例宣传。\n",
    );
    await page.getByLabel("文件（.md、.txt、.docx）").setInputFiles(file);
    await page.getByLabel("版本日期（通过或修改日期）").fill("2031-04-09");
    await page.getByRole("button", { name: "预览" }).click();
    await page.getByRole("heading", { name: "预览导入结果" }).waitFor();
    const tree = await page.getByTestId("parse-tree").textContent();
    expect(tree).toContain("（一）指导思想。坚持示例原则。");
    expect(tree).toContain("（1）建立示例台账。");
    await page.getByRole("button", { name: "取消" }).click();
    await page.getByRole("heading", { name: "导入法规文本" }).waitFor();
    expect(await page.evaluate(() => fetch("/works/示例反拐行动计划（2031—2035年）").then((r) => r.status))).toBe(404);

    await page.getByLabel("文件（.md、.txt、.docx）").setInputFiles(file);
    await page.getByLabel("版本日期（通过或修改日期）").fill("2031-04-09");
    await page.getByRole("button", { name: "预览" }).click();
    await page.getByRole("heading", { name: "预览导入结果" }).waitFor();
    await page.getByLabel("文件类别").selectOption("action_plan");
    await page.getByLabel("标识（网址用）").fill("sample-anti-trafficking-plan");
    await page.getByRole("button", { name: "保存" }).click();
    await page.waitForURL(/\/works\/sample-anti-trafficking-plan\/2031-04-09/);
    await page.locator("h1", { hasText: "示例反拐行动计划" }).waitFor();
    await expect(page.locator("h1").textContent()).resolves.toBe("示例反拐行动计划（2031—2035年）");
    await expect(page.locator(".statute").textContent()).resolves.toContain("（1）建立示例台账。");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses the import page to visitors who are not signed in", async () => {
    const page = await ctx.page();
    await page.goto("/import");
    expect(new URL(page.url()).pathname).toBe("/login");
  });

  it("raised no uncaught errors in the pages", () => {
    expect(ctx.pageErrors).toEqual([]);
  });
});
