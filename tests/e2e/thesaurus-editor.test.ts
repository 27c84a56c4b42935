import { loginAs, useBrowserApp } from "./helpers";
import { TEST_PASSWORD } from "../helpers/auth";
import { createUser } from "~/lib/auth/users.server";

// The thesaurus editor in real Chromium: admins edit it, every other role gets 403.
const ctx = useBrowserApp();

beforeAll(async () => {
  for (const role of ["admin", "staff", "lead", "partner"] as const) {
    await createUser({ email: `${role}@example.org`, name: `Ms ${role}`, role, password: TEST_PASSWORD });
  }
});

describe("thesaurus editor (Chromium)", () => {
  it("lets an admin add, find, edit and delete an entry, with its history", async () => {
    const page = await ctx.page();
    await loginAs(page, "admin@example.org", TEST_PASSWORD);
    await page.goto("/admin/thesaurus");
    await page.getByRole("heading", { name: "检索同义词表" }).waitFor();
    // The shipped seed is there.
    await expect(page.locator(".thesaurus-table").textContent()).resolves.toContain("霸凌 ↔ 欺凌");

    const add = page.getByRole("form", { name: "添加词组" });
    await add.getByLabel("词语").fill("示例甲、示例乙");
    await add.getByLabel("单向（第一个词也找到其余的词）").check();
    await add.getByLabel("说明（可选）").fill("invented for the test");
    await add.getByRole("button", { name: "添加词组" }).click();
    await page.getByRole("status").filter({ hasText: "已保存" }).waitFor();

    await page.getByLabel("在同义词表中查找").fill("示例甲");
    await page.getByRole("button", { name: "查找", exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "示例甲");
    const rows = page.locator(".thesaurus-table tbody tr");
    await page.getByRole("heading", { name: "共 1 组" }).waitFor();
    await expect(rows.first().textContent()).resolves.toContain("示例甲 → 示例乙");

    await rows.first().getByRole("link", { name: /编辑词组/ }).click();
    const edit = page.getByRole("form", { name: /编辑词组/ });
    await edit.getByLabel("词语").fill("示例甲，示例丙");
    await edit.getByLabel("双向（彼此等同）").check();
    await edit.getByRole("button", { name: "保存" }).click();
    await page.getByRole("status").filter({ hasText: "已保存" }).waitFor();
    await expect(page.locator(".thesaurus-table").textContent()).resolves.toContain("示例甲 ↔ 示例丙");

    // A field error names the field and keeps the text.
    await page.getByRole("form", { name: "添加词组" }).getByLabel("词语").fill("拐卖、拐骗");
    await page.getByRole("form", { name: "添加词组" }).getByRole("button", { name: "添加词组" }).click();
    await page.getByText("「拐卖」与「拐骗」在法律上是不同的概念").first().waitFor();
    await expect(page.getByRole("form", { name: "添加词组" }).getByLabel("词语").inputValue()).resolves.toBe("拐卖、拐骗");

    await page.getByLabel("在同义词表中查找").fill("示例甲");
    await page.getByRole("button", { name: "查找", exact: true }).click();
    await page.getByRole("heading", { name: "共 1 组" }).waitFor();
    await page.locator(".thesaurus-table tbody tr").first().getByRole("link", { name: /Ms admin/ }).click();
    await page.getByRole("heading", { name: /的修改记录/ }).waitFor();
    const history = await page.locator(".thesaurus-history li").allTextContents();
    expect(history[0]).toContain("修改");
    expect(history[1]).toContain("添加");

    await page.locator(".thesaurus-table tbody tr").filter({ hasText: "示例甲" }).getByRole("button", { name: /删除词组/ }).click();
    await page.getByRole("status").filter({ hasText: "已删除" }).waitFor();
    await expect(page.locator(".thesaurus-table").textContent()).resolves.not.toContain("示例甲");
    expect(ctx.pageErrors).toEqual([]);
  });

  it("opens an entry for editing straight from its link", async () => {
    const page = await ctx.page();
    await loginAs(page, "admin@example.org", TEST_PASSWORD);
    await page.goto("/admin/thesaurus?edit=1");
    await page.getByRole("form", { name: "编辑词组 #1" }).waitFor();
  });

  it("answers 403 to staff, leads and partners", async () => {
    for (const role of ["staff", "lead", "partner"]) {
      const page = await ctx.page();
      await loginAs(page, `${role}@example.org`, TEST_PASSWORD);
      const res = await page.goto("/admin/thesaurus");
      expect(res?.status()).toBe(403);
      await expect(page.locator("body").textContent()).resolves.not.toContain("霸凌");
    }
  });
});
