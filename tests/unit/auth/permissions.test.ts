import { can, PERMISSIONS, rolesWith } from "~/lib/auth/permissions";
import { ROLES } from "~/lib/auth/types";

describe("can", () => {
  it("lets partners only read public material and recommendations shared with them, and discuss those", () => {
    const allowed = PERMISSIONS.filter((p) => can("partner", p));
    expect(allowed).toEqual(["corpus.read", "search.read", "compare.read", "recommendation.read-shared", "recommendation.discuss"]);
  });

  it("lets staff draft and comment but not approve, submit or manage", () => {
    expect(can("staff", "recommendation.create")).toBe(true);
    expect(can("staff", "recommendation.edit-any-draft")).toBe(true);
    expect(can("staff", "recommendation.comment")).toBe(true);
    expect(can("staff", "recommendation.approve")).toBe(false);
    expect(can("staff", "recommendation.submit")).toBe(false);
    expect(can("staff", "users.manage")).toBe(false);
  });

  it("keeps user management, settings and alignment overrides for admins", () => {
    for (const p of ["users.manage", "settings.manage", "alignment.override"] as const) {
      expect(rolesWith(p)).toEqual(["admin"]);
    }
  });

  it("gives every higher role everything the role below has", () => {
    for (let i = 1; i < ROLES.length; i++) {
      for (const p of PERMISSIONS) if (can(ROLES[i - 1], p)) expect(can(ROLES[i], p), `${ROLES[i]} ${p}`).toBe(true);
    }
  });

  it("refuses a role it does not know", () => {
    expect(can("guest" as never, "corpus.read")).toBe(false);
  });
});
