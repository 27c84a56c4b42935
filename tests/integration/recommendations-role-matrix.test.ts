/**
 * Every recommendations/submissions/dashboard page, for every role and for anonymous visitors,
 * written out by hand: what a person may open, and the server refusing the rest (403, or 404 for
 * items a partner may not know exist, or the login page).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { createRecommendation, transitionRecommendation } from "~/lib/recommendations/commands.server";
import { createSubmission } from "~/lib/recommendations/submissions.server";
import { loader as dashboard } from "~/routes/dashboard";
import { loader as detail } from "~/routes/recommendations.$id._index";
import { loader as edit } from "~/routes/recommendations.$id.edit";
import { loader as history } from "~/routes/recommendations.$id.history";
import { loader as list } from "~/routes/recommendations._index";
import { loader as draftNew } from "~/routes/recommendations.new";
import { loader as themes } from "~/routes/recommendations.themes";
import { loader as submission } from "~/routes/submissions.$id._index";
import { loader as exportPack } from "~/routes/submissions.$id.export";
import { loader as submissions } from "~/routes/submissions._index";
import { action as createSub } from "~/routes/submissions.new";
import { authedRequest, createTestUser, formData, type TestUser } from "../helpers/auth";
import { useTestDatabase } from "../helpers/db";

useTestDatabase();

const SAMPLE = `# 示例儿童关爱条例

<!-- INFO END -->

第一条 为了示例，制定本条例。

第二条 本条例自2031年1月1日起施行。`;

type Who = "anon" | "partner" | "staff" | "lead" | "admin";
const users = {} as Record<Exclude<Who, "anon">, TestUser>;
const ids = { version: 0, draft: 0, shared: 0, submission: 0 };

async function status(fn: unknown, who: Who, url: string, params: Record<string, string> = {}, body?: FormData): Promise<number> {
  const user = who === "anon" ? null : users[who];
  const request = authedRequest(user, url, body ? { method: "POST", body } : {});
  try {
    const res = (await (fn as (a: LoaderFunctionArgs) => Promise<Response>)({ request, params, context: {} })) as Response;
    return res.status;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

beforeAll(async () => {
  for (const role of ["partner", "staff", "lead", "admin"] as const) users[role] = await createTestUser(role);
  ids.version = (await ingestBytes(new TextEncoder().encode(SAMPLE), "matrix-sample/2031-01-01.md", { catalogue: null })).versionId;
  const base = { proposedText: "", rationale: "", evidence: "", themes: [], priority: "medium" };
  ids.draft = (await createRecommendation(users.staff, { versionId: ids.version, provisionKey: "art-1" }, { ...base, title: "草稿", sharedWithPartners: true })).id;
  ids.shared = (await createRecommendation(users.staff, { versionId: ids.version, provisionKey: "art-1" }, { ...base, title: "共享", sharedWithPartners: true })).id;
  await transitionRecommendation(users.staff, ids.shared, 1, "submit_for_review");
  await transitionRecommendation(users.lead, ids.shared, 2, "approve");
  ids.submission = (await createSubmission(users.lead, { title: "意见", targetBody: "示例机关", consultationTitle: "征求意见", channel: "email" })).id;
});

//                                                            anon  partner staff lead admin
const MATRIX: [string, () => [unknown, string, Record<string, string>], number[]][] = [
  ["recommendation list", () => [list, "/recommendations", {}], [302, 200, 200, 200, 200]],
  ["draft form", () => [draftNew, `/recommendations/new?version=${ids.version}&key=art-1`, {}], [302, 403, 200, 200, 200]],
  ["a draft", () => [detail, `/recommendations/${ids.draft}`, { id: String(ids.draft) }], [302, 404, 200, 200, 200]],
  ["an approved shared item", () => [detail, `/recommendations/${ids.shared}`, { id: String(ids.shared) }], [302, 200, 200, 200, 200]],
  ["editing a draft", () => [edit, `/recommendations/${ids.draft}/edit`, { id: String(ids.draft) }], [302, 404, 200, 200, 200]],
  ["editing approved wording", () => [edit, `/recommendations/${ids.shared}/edit`, { id: String(ids.shared) }], [302, 404, 403, 403, 200]],
  ["history", () => [history, `/recommendations/${ids.shared}/history`, { id: String(ids.shared) }], [302, 404, 200, 200, 200]],
  ["themes", () => [themes, "/recommendations/themes", {}], [302, 403, 403, 200, 200]],
  ["submission list", () => [submissions, "/submissions", {}], [302, 403, 200, 200, 200]],
  ["a submission", () => [submission, `/submissions/${ids.submission}`, { id: String(ids.submission) }], [302, 403, 200, 200, 200]],
  // The organisation's name is blank here: the admin is offered the settings page first (302).
  ["submission export", () => [exportPack, `/submissions/${ids.submission}/export?format=md`, { id: String(ids.submission) }], [302, 403, 403, 200, 302]],
  ["submission export anyway", () => [exportPack, `/submissions/${ids.submission}/export?format=md&blank=1`, { id: String(ids.submission) }], [302, 403, 403, 200, 200]],
  ["dashboard", () => [dashboard, "/dashboard", {}], [302, 403, 200, 200, 200]],
];
const WHO: Who[] = ["anon", "partner", "staff", "lead", "admin"];

describe("recommendation routes role matrix", () => {
  for (const [name, target, expected] of MATRIX) {
    it(`${name}: ${expected.join(" ")}`, async () => {
      const [fn, url, params] = target();
      const got: number[] = [];
      for (const who of WHO) got.push(await status(fn, who, url, params));
      expect(got).toEqual(expected);
    });
  }

  it("creating a submission: leads and admins only", async () => {
    const form = () => formData({ title: "新意见", targetBody: "示例机关", consultationTitle: "征求意见", channel: "letter" });
    const got: number[] = [];
    for (const who of WHO) got.push(await status(createSub, who, "/submissions/new", {}, form()));
    expect(got).toEqual([302, 403, 403, 302, 302]);
  });
});
