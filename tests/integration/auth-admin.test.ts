import { authedRequest, createTestUser, formData, TEST_PASSWORD } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";
import { verifyPassword } from "~/lib/auth/password.server";
import { getUser } from "~/lib/auth/session.server";
import { getOrgSettings } from "~/lib/auth/settings.server";
import {
  createUser,
  EmailTakenError,
  LastAdminError,
  listUsers,
  resetPassword,
  updateUser,
  WeakPasswordError,
} from "~/lib/auth/users.server";
import { action as accountAction } from "~/routes/account";
import { action as settingsAction, loader as settingsLoader } from "~/routes/admin.settings";
import { action as usersAction, loader as usersLoader } from "~/routes/admin.users";
import { action as userAction } from "~/routes/admin.users_.$id";

const db = useTestDatabase();

async function settle(promise: Promise<unknown>): Promise<Response> {
  try {
    return (await promise) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

async function bodyOf(response: Response): Promise<any> {
  return response.json();
}

describe("users library", () => {
  it("stores emails lower-case and refuses a second account for the same address", async () => {
    const user = await createUser({ email: " Li.Na@Example.ORG ", role: "staff", password: "long enough pw" });
    expect(user.email).toBe("li.na@example.org");
    expect(user.name).toBe("li.na");
    await expect(
      createUser({ email: "LI.NA@example.org", role: "lead", password: "long enough pw" })
    ).rejects.toBeInstanceOf(EmailTakenError);
  });

  it("refuses weak passwords with a message that says why", async () => {
    await expect(createUser({ email: "w@example.org", role: "staff", password: "short" })).rejects.toThrow(
      WeakPasswordError
    );
    await expect(createUser({ email: "w@example.org", role: "staff", password: "w@example.org" })).rejects.toThrow(
      /same as the email/
    );
    expect(await db.prisma().user.count({ where: { email: "w@example.org" } })).toBe(0);
  });

  it("never leaves the installation without an active admin", async () => {
    const only = await createUser({ email: "only-admin@example.org", role: "admin", password: "long enough pw" });
    await db.prisma().user.updateMany({ where: { role: "admin", id: { not: only.id } }, data: { active: false } });
    await expect(updateUser(only.id, { active: false })).rejects.toBeInstanceOf(LastAdminError);
    await expect(updateUser(only.id, { role: "lead" })).rejects.toBeInstanceOf(LastAdminError);
    const second = await createUser({ email: "second-admin@example.org", role: "admin", password: "long enough pw" });
    await expect(updateUser(only.id, { role: "lead" })).resolves.toMatchObject({ role: "lead" });
    await expect(updateUser(second.id, { active: false })).rejects.toBeInstanceOf(LastAdminError);
  });

  it("resetting a password ends the user's sessions", async () => {
    const user = await createTestUser("staff");
    await resetPassword(user.id, "brand new password");
    expect(await getUser(authedRequest(user, "/"))).toBeNull();
    const row = await db.prisma().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash, "brand new password")).toBe(true);
  });
});

describe("/admin/users", () => {
  it("lists users for an admin, with their last login", async () => {
    const admin = await createTestUser("admin");
    const response = (await usersLoader({
      request: authedRequest(admin, "/admin/users"),
      params: {},
      context: {},
    })) as Response;
    const { users } = await bodyOf(response);
    expect(users.map((u: { email: string }) => u.email)).toContain(admin.email);
    expect(users.every((u: Record<string, unknown>) => !("passwordHash" in u))).toBe(true);
  });

  it("creates a user who can then sign in", async () => {
    const admin = await createTestUser("admin");
    const body = formData({
      intent: "create",
      email: "new.staff@example.org",
      name: "王五",
      role: "staff",
      password: "a fine password",
    });
    const response = await settle(
      usersAction({ request: authedRequest(admin, "/admin/users", { method: "POST", body }), params: {}, context: {} })
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin/users?created=new.staff%40example.org");
    expect((await listUsers()).find((u) => u.email === "new.staff@example.org")).toMatchObject({
      name: "王五",
      role: "staff",
    });
  });

  it("names the field in its errors and keeps what was typed, except the password", async () => {
    const admin = await createTestUser("admin");
    const post = (fields: Record<string, string>) =>
      settle(
        usersAction({
          request: authedRequest(admin, "/admin/users", {
            method: "POST",
            body: formData({ intent: "create", ...fields }),
          }),
          params: {},
          context: {},
        })
      );
    const bad = await post({ email: "not-an-email", name: "x", role: "staff", password: "a fine password" });
    expect(bad.status).toBe(400);
    const badBody = await bodyOf(bad);
    expect(badBody.errors.email).toMatchObject({ key: "auth.error.emailInvalid", fieldKey: "auth.admin.email" });
    expect(badBody.values).toMatchObject({ email: "not-an-email", password: "" });
    const weak = await bodyOf(await post({ email: "weak@example.org", name: "", role: "staff", password: "short" }));
    expect(weak.errors.password).toMatchObject({ key: "auth.error.passwordTooShort", params: { min: 10 } });
    const taken = await post({ email: admin.email, name: "", role: "staff", password: "a fine password" });
    expect(taken.status).toBe(409);
    const role = await bodyOf(
      await post({ email: "r@example.org", name: "", role: "superuser", password: "a fine password" })
    );
    expect(role.errors.role.key).toBe("auth.error.roleInvalid");
  });

  it("refuses a staff member on the server, loader and action alike", async () => {
    const staff = await createTestUser("staff");
    const loaderResult = await settle(
      usersLoader({ request: authedRequest(staff, "/admin/users"), params: {}, context: {} })
    );
    expect(loaderResult.status).toBe(403);
    const body = formData({
      intent: "create",
      email: "sneaky@example.org",
      name: "",
      role: "admin",
      password: "a fine password",
    });
    const actionResult = await settle(
      usersAction({ request: authedRequest(staff, "/admin/users", { method: "POST", body }), params: {}, context: {} })
    );
    expect(actionResult.status).toBe(403);
    expect(await db.prisma().user.count({ where: { email: "sneaky@example.org" } })).toBe(0);
  });

  it("refuses an admin's form without the CSRF token", async () => {
    const admin = await createTestUser("admin");
    const body = formData({
      intent: "create",
      email: "csrf@example.org",
      name: "",
      role: "admin",
      password: "a fine password",
    });
    const response = await settle(
      usersAction({
        request: authedRequest(admin, "/admin/users", { method: "POST", body, csrf: false }),
        params: {},
        context: {},
      })
    );
    expect(response.status).toBe(403);
    expect(await db.prisma().user.count({ where: { email: "csrf@example.org" } })).toBe(0);
  });
});

describe("/admin/users/:id", () => {
  async function act(admin: Awaited<ReturnType<typeof createTestUser>>, id: number, fields: Record<string, string>) {
    return settle(
      userAction({
        request: authedRequest(admin, `/admin/users/${id}`, { method: "POST", body: formData(fields) }),
        params: { id: String(id) },
        context: {},
      })
    );
  }

  it("changes role and name, deactivates and reactivates, resets the password", async () => {
    const admin = await createTestUser("admin");
    const user = await createTestUser("staff");
    expect((await act(admin, user.id, { intent: "update", role: "lead", name: "赵六" })).status).toBe(302);
    expect(await db.prisma().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      role: "lead",
      name: "赵六",
    });
    expect((await act(admin, user.id, { intent: "deactivate" })).status).toBe(302);
    expect(await getUser(authedRequest(user, "/"))).toBeNull();
    expect((await act(admin, user.id, { intent: "reactivate" })).status).toBe(302);
    expect((await db.prisma().user.findUniqueOrThrow({ where: { id: user.id } })).active).toBe(true);
    const weak = await act(admin, user.id, { intent: "reset-password", password: "short" });
    expect(weak.status).toBe(400);
    expect((await bodyOf(weak)).error).toMatchObject({
      key: "auth.error.passwordTooShort",
      fieldKey: "auth.admin.newPassword",
    });
    const reset = await act(admin, user.id, { intent: "reset-password", password: "another long one" });
    expect(reset.headers.get("location")).toBe(`/admin/users/${user.id}?done=reset-password`);
  });

  it("will not let the last active admin deactivate or demote themself", async () => {
    const admin = await createTestUser("admin");
    await db.prisma().user.updateMany({ where: { role: "admin", id: { not: admin.id } }, data: { active: false } });
    const deactivate = await act(admin, admin.id, { intent: "deactivate" });
    expect(deactivate.status).toBe(409);
    expect((await bodyOf(deactivate)).error.key).toBe("auth.error.lastAdmin");
    expect((await act(admin, admin.id, { intent: "update", role: "staff", name: "Me" })).status).toBe(409);
    expect(await db.prisma().user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
      role: "admin",
      active: true,
    });
  });

  it("answers 404 for a user that does not exist", async () => {
    const admin = await createTestUser("admin");
    expect((await act(admin, 999_999, { intent: "deactivate" })).status).toBe(404);
  });
});

describe("/admin/settings", () => {
  it("stores the organisation name and contact for submission exports", async () => {
    const admin = await createTestUser("admin");
    const body = formData({ name: "  示例儿童保护中心 ", contact: "北京市示例路 1 号\ninfo@example.org" });
    const response = await settle(
      settingsAction({
        request: authedRequest(admin, "/admin/settings", { method: "POST", body }),
        params: {},
        context: {},
      })
    );
    expect(response.status).toBe(302);
    expect(await getOrgSettings()).toEqual({
      name: "示例儿童保护中心",
      contact: "北京市示例路 1 号\ninfo@example.org",
    });
    const page = (await settingsLoader({
      request: authedRequest(admin, "/admin/settings"),
      params: {},
      context: {},
    })) as Response;
    expect((await bodyOf(page)).settings.name).toBe("示例儿童保护中心");
  });

  it("is for admins only", async () => {
    const lead = await createTestUser("lead");
    const body = formData({ name: "x", contact: "y" });
    const response = await settle(
      settingsAction({
        request: authedRequest(lead, "/admin/settings", { method: "POST", body }),
        params: {},
        context: {},
      })
    );
    expect(response.status).toBe(403);
  });
});

describe("/account", () => {
  async function post(user: Awaited<ReturnType<typeof createTestUser>>, fields: Record<string, string>) {
    return settle(
      accountAction({
        request: authedRequest(user, "/account", { method: "POST", body: formData(fields) }),
        params: {},
        context: {},
      })
    );
  }

  it("changes the own password: other sessions end, this browser gets a new one", async () => {
    const user = await createTestUser("partner");
    const wrong = await post(user, {
      intent: "change-password",
      currentPassword: "nope",
      newPassword: "new password 1",
      confirmPassword: "new password 1",
    });
    expect((await bodyOf(wrong)).error.key).toBe("auth.error.currentPasswordWrong");
    const mismatch = await post(user, {
      intent: "change-password",
      currentPassword: TEST_PASSWORD,
      newPassword: "new password 1",
      confirmPassword: "new password 2",
    });
    expect((await bodyOf(mismatch)).error.key).toBe("auth.error.passwordMismatch");
    // Issue 10, defect 7: "changing" to the current password, or to spaces, is refused.
    for (const [newPassword, key] of [
      [TEST_PASSWORD, "auth.error.passwordUnchanged"],
      [" ".repeat(12), "auth.error.passwordBlank"],
    ]) {
      const refused = await post(user, { intent: "change-password", currentPassword: TEST_PASSWORD, newPassword, confirmPassword: newPassword });
      expect((await bodyOf(refused)).error.key).toBe(key);
    }
    expect(await getUser(authedRequest(user, "/"))).not.toBeNull();
    const ok = await post(user, {
      intent: "change-password",
      currentPassword: TEST_PASSWORD,
      newPassword: "new password 1",
      confirmPassword: "new password 1",
    });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/account?changed=1");
    expect(await getUser(authedRequest(user, "/"))).toBeNull();
    const fresh = new Request("http://localhost/", {
      headers: { cookie: ok.headers.get("set-cookie")!.split(";")[0] },
    });
    expect((await getUser(fresh))?.id).toBe(user.id);
  });

  it("logs out everywhere", async () => {
    const user = await createTestUser("staff");
    const other = await createTestUser("staff");
    const response = await post(user, { intent: "logout-everywhere" });
    expect(response.headers.get("location")).toBe("/login?signedOut=all");
    expect(response.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect(await db.prisma().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getUser(authedRequest(other, "/"))).not.toBeNull();
  });
});
