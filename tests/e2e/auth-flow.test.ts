import { createUser } from "~/lib/auth/users.server";
import { loginAs, useBrowserApp } from "./helpers";

const ctx = useBrowserApp();

const ADMIN = { email: "admin@example.org", password: "admin password 1" };
const STAFF = { email: "staff.member@example.org", password: "staff password 1" };

describe("accounts in the browser", () => {
  it("an admin creates a staff user, who can log in but not manage users", async () => {
    await createUser({ email: ADMIN.email, name: "管理员", role: "admin", password: ADMIN.password });
    const page = await ctx.page();

    await loginAs(page, ADMIN.email, ADMIN.password);
    await page.goto("/admin/users");
    await page.locator("#new-email").fill(STAFF.email);
    await page.locator("#new-name").fill("工作人员甲");
    await page.getByLabel("角色").selectOption("staff");
    await page.getByLabel("初始密码").fill(STAFF.password);
    await page.getByRole("button", { name: "创建用户" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `已创建用户 ${STAFF.email}` })
      .waitFor();
    const row = page.getByRole("row").filter({ hasText: STAFF.email });
    expect(await row.textContent()).toContain("工作人员");

    await Promise.all([
      page.waitForURL((url) => url.pathname === "/"),
      page.getByRole("button", { name: "退出" }).click(),
    ]);
    // The URL changes before React commits the new page: wait for what the user sees.
    await page.getByRole("link", { name: "登录" }).waitFor();
    expect(await page.getByRole("button", { name: "退出" }).count()).toBe(0);

    await loginAs(page, STAFF.email, STAFF.password);
    const response = await page.goto("/admin/users");
    expect(response?.status()).toBe(403);
    expect(await page.getByRole("alert").textContent()).toContain("您的账户无权执行此操作。");
    expect(await page.getByRole("link", { name: "管理" }).count()).toBe(0);
    expect(ctx.pageErrors).toEqual([]);
  });

  it("logs in with the keyboard alone, names the problem, and returns to the page asked for", async () => {
    await createUser({ email: "keys@example.org", name: "Keys", role: "partner", password: "partner password" });
    const page = await ctx.page({ locale: "en" });
    const first = await page.goto("/account");
    expect(new URL(first!.url()).pathname).toBe("/login");
    // Pressing Enter while the page is still hydrating intermittently raised React error #345 ("Root did
    // not complete") under load; this test is about the form, so it starts once the scripts have loaded.
    await page.waitForLoadState("networkidle");

    await page.keyboard.type("keys@example.org");
    await page.keyboard.press("Tab");
    await page.keyboard.type("not the password");
    await page.keyboard.press("Enter");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("The email or password is not correct.");
    // Focus moves to the error summary so a screen reader announces it (after hydration on a full reload).
    await page.waitForFunction(() => document.activeElement?.id === "login-errors", undefined, { timeout: 10_000 });

    await page.getByLabel("Password").fill("partner password");
    await Promise.all([
      page.waitForURL((url) => url.pathname === "/account"),
      page.getByLabel("Password").press("Enter"),
    ]);
    await page.getByRole("heading", { level: 1, name: "My account" }).waitFor();
    expect(await page.getByText("keys@example.org").count()).toBe(1);
    expect(ctx.pageErrors).toEqual([]);
  });

  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const page = await ctx.page();
    await loginAs(page, ADMIN.email, ADMIN.password);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === "redline_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("redline_session");
  });
});
