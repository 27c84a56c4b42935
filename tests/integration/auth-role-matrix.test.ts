/**
 * The role matrix: what each role may do, written out by hand (not derived from `can`), and proof that
 * requirePermission enforces it on the server: 403 for a signed-in role without the permission, a
 * redirect to the login page for anonymous visitors. Route-level rows at the end; the recommendations
 * routes add their own rows with the same helpers (tests/helpers/auth.ts).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authedRequest, createTestUser, type TestUser } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";
import { can, PERMISSIONS, type Permission } from "~/lib/auth/permissions";
import { requirePermission } from "~/lib/auth/session.server";
import { ROLES, type Role } from "~/lib/auth/types";
import { loader as adminSettingsLoader } from "~/routes/admin.settings";
import { loader as adminUsersLoader } from "~/routes/admin.users";
import { loader as adminUserLoader } from "~/routes/admin.users_.$id";
import { loader as accountLoader } from "~/routes/account";

useTestDatabase();

const P = "partner",
  S = "staff",
  L = "lead",
  A = "admin";
const EXPECTED: Record<Permission, Role[]> = {
  "corpus.read": [P, S, L, A],
  "search.read": [P, S, L, A],
  "compare.read": [P, S, L, A],
  "recommendation.read-shared": [P, S, L, A],
  "recommendation.read-internal": [S, L, A],
  "recommendation.create": [S, L, A],
  "recommendation.edit-own": [S, L, A],
  "recommendation.edit-any-draft": [S, L, A],
  "recommendation.comment": [S, L, A],
  "recommendation.discuss": [P, S, L, A],
  "recommendation.submit-for-review": [S, L, A],
  "submission.read": [S, L, A],
  "consultation.read": [S, L, A],
  "dashboard.read": [S, L, A],
  "corpus.import": [L, A],
  "recommendation.approve": [L, A],
  "recommendation.reject": [L, A],
  "recommendation.submit": [L, A],
  "recommendation.record-outcome": [L, A],
  "recommendation.change-owner": [L, A],
  "submission.manage": [L, A],
  "submission.export": [L, A],
  "consultation.manage": [L, A],
  "alignment.override": [A],
  "users.manage": [A],
  "settings.manage": [A],
};

const users = {} as Record<Role, TestUser>;
beforeAll(async () => {
  for (const role of ROLES) users[role] = await createTestUser(role);
});

async function outcome(promise: Promise<unknown>): Promise<number | "ok"> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

describe("role matrix", () => {
  it("lists every permission exactly once", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PERMISSIONS].sort());
  });

  describe.each(ROLES)("%s", (role) => {
    it("can() answers exactly the expected permissions", () => {
      const granted = PERMISSIONS.filter((p) => can(role, p));
      const expected = PERMISSIONS.filter((p) => EXPECTED[p].includes(role));
      expect(granted).toEqual(expected);
    });

    it("requirePermission lets the granted ones through and refuses the rest with 403", async () => {
      for (const permission of PERMISSIONS) {
        const result = await outcome(requirePermission(authedRequest(users[role], "/x"), permission));
        expect(result, `${role} ${permission}`).toBe(EXPECTED[permission].includes(role) ? "ok" : 403);
      }
    });
  });

  it("sends anonymous visitors to the login page for every permission", async () => {
    for (const permission of PERMISSIONS) {
      try {
        await requirePermission(new Request("http://localhost/protected?a=1"), permission);
        expect.unreachable(`anonymous passed ${permission}`);
      } catch (error) {
        expect(error).toBeInstanceOf(Response);
        expect((error as Response).status).toBe(302);
        expect((error as Response).headers.get("location")).toBe("/login?redirectTo=%2Fprotected%3Fa%3D1");
      }
    }
  });
});

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
const ROUTES: { path: string; loader: Loader; params?: Record<string, string>; roles: Role[] }[] = [
  { path: "/admin/users", loader: adminUsersLoader, roles: [A] },
  { path: "/admin/users/1", loader: adminUserLoader, params: { id: "1" }, roles: [A] },
  { path: "/admin/settings", loader: adminSettingsLoader, roles: [A] },
  { path: "/account", loader: accountLoader, roles: [P, S, L, A] },
];

describe("auth routes by role", () => {
  describe.each(ROUTES)("$path", ({ path, loader, params = {}, roles }) => {
    it.each(ROLES)("%s", async (role) => {
      const result = await outcome(loader({ request: authedRequest(users[role], path), params, context: {} }));
      expect(result).toBe(roles.includes(role) ? "ok" : 403);
    });

    it("anonymous", async () => {
      expect(await outcome(loader({ request: authedRequest(null, path), params, context: {} }))).toBe(302);
    });
  });
});
