/**
 * The thesaurus the organisation owns, on a real SQLite file (or PostgreSQL under test:postgres): the one-time seed, history (who
 * changed what), optimistic concurrency, the generation other processes check, and admin-only
 * access in the storage functions and in the /admin/thesaurus loader and action.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { authedRequest, createTestUser, formData, type TestUser } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";
import { ROLES, type Role } from "~/lib/auth/types";
import { isPostgresUrl } from "~/lib/db/dialect";
import { SEED_THESAURUS, type ThesaurusEntry } from "~/lib/search/thesaurus";
import {
  ThesaurusConflictError,
  ThesaurusError,
  createThesaurusEntry,
  deleteThesaurusEntry,
  ensureThesaurusSeeded,
  listThesaurus,
  loadThesaurus,
  readThesaurus,
  readThesaurusAsync,
  thesaurusHistory,
  updateThesaurusEntry,
} from "~/lib/search/thesaurus.server";
import type { SearchReader } from "~/lib/search/reader.server";
import { action, loader } from "~/routes/admin.thesaurus";

const db = useTestDatabase();

const users = {} as Record<Role, TestUser>;
beforeAll(async () => {
  for (const role of ROLES) users[role] = await createTestUser(role, { name: `Ms ${role}` });
});

/**
 * A second connection, as another server process's search would read (not the Prisma client of
 * this one): the SQLite search reader's way, or the PostgreSQL search snapshot's.
 */
async function otherProcessReader(): Promise<{ read(): Promise<ThesaurusEntry[]>; close(): Promise<void> }> {
  if (isPostgresUrl(db.url)) {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    return {
      read: () => readThesaurusAsync(async (sql) => (await client.query(sql)).rows),
      close: () => client.end(),
    };
  }
  const conn = new Database(db.file, { readonly: true });
  const reader: SearchReader = {
    all: <T,>(sql: string, ...params: unknown[]) => conn.prepare(sql).all(...params) as T[],
    raw: <T extends unknown[]>(sql: string, ...params: unknown[]) => conn.prepare(sql).raw(true).all(...params) as T[],
    pluck: <T,>(sql: string, ...params: unknown[]) => conn.prepare(sql).pluck(true).all(...params) as T[],
    snapshot: <T,>(fn: () => T) => fn(),
  };
  return {
    read: async () => readThesaurus(reader),
    close: async () => {
      conn.close();
    },
  };
}

const input = (terms: string[], oneWay = false, note: string | null = null) => ({ terms, oneWay, note });

describe("thesaurus storage", () => {
  it("is seeded once from the shipped list, with a history row per seed entry", async () => {
    // Before the seed is written, a read-only reader already applies the seed itself.
    const early = await otherProcessReader();
    expect(await early.read()).toEqual(SEED_THESAURUS);
    await early.close();

    await Promise.all([ensureThesaurusSeeded(), ensureThesaurusSeeded()]);
    const entries = await listThesaurus();
    expect(entries).toHaveLength(SEED_THESAURUS.length);
    expect(entries.every((e) => e.createdBy === null && e.revision === 1)).toBe(true);
    const history = await thesaurusHistory({ limit: 500 });
    expect(history.filter((h) => h.action === "seed")).toHaveLength(SEED_THESAURUS.length);
    expect(await loadThesaurus()).toEqual(SEED_THESAURUS);
  });

  it("records who added, changed and deleted an entry, and keeps the history of a deleted entry", async () => {
    const admin = users.admin;
    const created = await createThesaurusEntry(admin, input(["示例甲", "示例乙"], false, "invented"));
    expect(created).toMatchObject({ terms: ["示例甲", "示例乙"], oneWay: false, note: "invented", revision: 1, createdBy: "Ms admin" });
    const changed = await updateThesaurusEntry(admin, created.id, 1, input(["示例甲", "示例丙"], true));
    expect(changed).toMatchObject({ terms: ["示例甲", "示例丙"], oneWay: true, revision: 2, updatedBy: "Ms admin" });
    await deleteThesaurusEntry(admin, created.id, 2);
    const history = await thesaurusHistory({ entryId: created.id });
    expect(history.map((h) => h.action)).toEqual(["delete", "update", "create"]);
    expect(history[1]).toMatchObject({
      by: "Ms admin",
      before: { terms: ["示例甲", "示例乙"], oneWay: false, note: "invented" },
      after: { terms: ["示例甲", "示例丙"], oneWay: true },
    });
    expect(history[0]).toMatchObject({ before: { terms: ["示例甲", "示例丙"] }, after: null });
  });

  it("refuses a stale save with the entry as it now stands, and changes nothing", async () => {
    const entry = await createThesaurusEntry(users.admin, input(["示例丁", "示例戊"]));
    await updateThesaurusEntry(users.admin, entry.id, 1, input(["示例丁", "示例己"]));
    const stale = await updateThesaurusEntry(users.admin, entry.id, 1, input(["示例丁", "示例庚"])).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ThesaurusConflictError);
    expect((stale as ThesaurusConflictError).status).toBe(409);
    expect((stale as ThesaurusConflictError).current).toMatchObject({ revision: 2, terms: ["示例丁", "示例己"] });
    await expect(deleteThesaurusEntry(users.admin, entry.id, 1)).rejects.toBeInstanceOf(ThesaurusConflictError);
    const [now] = (await listThesaurus({ q: "示例丁" })).filter((e) => e.id === entry.id);
    expect(now.terms).toEqual(["示例丁", "示例己"]);
    // Deleted meanwhile: a conflict with nothing current.
    await deleteThesaurusEntry(users.admin, entry.id, 2);
    const gone = await updateThesaurusEntry(users.admin, entry.id, 2, input(["示例丁", "示例辛"])).catch((e: unknown) => e);
    expect((gone as ThesaurusConflictError).current).toBeNull();
  });

  it("keeps legally distinct terms apart and refuses the same entry twice", async () => {
    const apart = await createThesaurusEntry(users.admin, input(["拐卖", "拐骗"])).catch((e: unknown) => e);
    expect(apart).toBeInstanceOf(ThesaurusError);
    expect((apart as ThesaurusError).fieldErrors[0]).toMatchObject({ field: "terms", params: { a: "拐卖", b: "拐骗" } });
    await createThesaurusEntry(users.admin, input(["示例壬", "示例癸"]));
    const twice = await createThesaurusEntry(users.admin, input(["示例癸", "示例壬"])).catch((e: unknown) => e);
    expect((twice as ThesaurusError).key).toBe("search.thesaurus.error.duplicate");
  });

  it("lets another process see an edit at its next read (generation), and never re-seeds deleted entries", async () => {
    const other = await otherProcessReader();
    const before = await other.read();
    const seedEntry = (await listThesaurus()).find((e) => e.terms.includes("霸凌"))!;
    await deleteThesaurusEntry(users.admin, seedEntry.id, seedEntry.revision);
    await createThesaurusEntry(users.admin, input(["示例子", "示例丑"], true));
    const after = await other.read();
    await other.close();
    expect(after).not.toBe(before);
    expect(after.some((e) => e.terms.includes("霸凌"))).toBe(false);
    expect(after).toContainEqual({ terms: ["示例子", "示例丑"], oneWay: true });
    await ensureThesaurusSeeded();
    expect((await loadThesaurus()).some((e) => e.terms.includes("霸凌"))).toBe(false);
  });

  it("lets only admins change it, even when the storage is called directly", async () => {
    for (const role of ["partner", "staff", "lead"] as const) {
      const error = await createThesaurusEntry(users[role], input(["示例寅", "示例卯"])).catch((e: unknown) => e);
      expect((error as ThesaurusError).status).toBe(403);
    }
  });
});

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    const res = await promise;
    return res instanceof Response ? res.status : 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

describe("/admin/thesaurus", () => {
  const call = (user: TestUser | null, body?: FormData, csrf = true) =>
    body
      ? action({ request: authedRequest(user, "/admin/thesaurus", { method: "POST", body, csrf }), params: {}, context: {} })
      : loader({ request: authedRequest(user, "/admin/thesaurus"), params: {}, context: {} });

  it("answers 403 to every role but admin, in the loader and the action, and sends visitors to log in", async () => {
    const body = formData({ intent: "create", terms: "示例辰、示例巳", direction: "two-way", note: "" });
    for (const role of ["partner", "staff", "lead"] as const) {
      expect(await status(call(users[role]))).toBe(403);
      expect(await status(call(users[role], body))).toBe(403);
    }
    expect(await status(call(null))).toBe(302);
    expect(await status(call(users.admin))).toBe(200);
    expect((await listThesaurus({ q: "示例辰" })).length).toBe(0);
  });

  it("refuses a form without the session's CSRF token", async () => {
    const body = formData({ intent: "create", terms: "示例辰、示例巳", direction: "two-way", note: "" });
    expect(await status(call(users.admin, body, false))).toBe(403);
  });

  it("names the field at fault and keeps what the admin typed", async () => {
    const res = (await call(users.admin, formData({ intent: "create", terms: "示例午", direction: "two-way", note: "我的说明" }))) as Response;
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.fieldErrors.terms).toContain("至少需要两个");
    expect(body.values).toMatchObject({ terms: "示例午", note: "我的说明" });
    const long = (await call(users.admin, formData({ intent: "create", terms: `示例、${"长".repeat(30)}`, direction: "one-way", note: "" }))) as Response;
    expect((await long.json()).fieldErrors.terms).toContain("过长");
  });

  it("saves, then answers a stale edit with 409, the entry as saved now and the admin's own text", async () => {
    const ok = (await call(users.admin, formData({ intent: "create", terms: "示例未、示例申", direction: "one-way", note: "" }))) as Response;
    expect(ok.status).toBe(302);
    const entry = (await listThesaurus({ q: "示例未" }))[0];
    expect(entry).toMatchObject({ terms: ["示例未", "示例申"], oneWay: true });
    await updateThesaurusEntry(users.admin, entry.id, entry.revision, input(["示例未", "示例酉"], true));
    const stale = (await call(
      users.admin,
      formData({ intent: "update", id: String(entry.id), revision: String(entry.revision), terms: "示例未，示例戌", direction: "one-way", note: "mine" }),
    )) as Response;
    expect(stale.status).toBe(409);
    const body = await stale.json();
    expect(body.values).toMatchObject({ terms: "示例未，示例戌", note: "mine" });
    expect(body.current).toMatchObject({ terms: ["示例未", "示例酉"], revision: entry.revision + 1 });
  });
});
