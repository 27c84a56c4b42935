/**
 * Two invented editions of an action plan (tests/fixtures/parse/plan-2013-2020, plan-2021-2030) in a
 * real SQLite file: the measure-by-measure comparison page's data, the way to it from /compare and
 * back, and search filtered by a responsible agency.
 */
import fs from "node:fs";
import path from "node:path";
import type { PlanComparison } from "~/lib/plans/plan-compare.server";
import { ingestBytes, ingestPaths } from "~/lib/corpus/ingest.server";
import { loader as planLoader } from "~/routes/plans.compare";
import { loader as compareLoader } from "~/routes/compare";
import { loader as searchLoader } from "~/routes/search";
import { loader as apiLoader } from "~/routes/api.search";
import { useTestDatabase } from "../helpers/db";

useTestDatabase();

const ROOT = path.resolve(__dirname, "..", "..");

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, "tests", "fixtures", "parse", name, "input.txt"));
const PLAN = "/plans/compare?work=example-child-plan&from=2013-06-01&to=2021-09-01";

beforeAll(async () => {
  await ingestBytes(fixture("plan-2013-2020"), "example-child-plan/2013-06-01.txt", { catalogue: null });
  await ingestBytes(fixture("plan-2021-2030"), "example-child-plan/2021-09-01.txt", { catalogue: null });
  // An invented regulation with two versions: articles, no measures.
  const { errors } = await ingestPaths([path.join(ROOT, "tests", "fixtures", "compare", "example-regulation")], { slug: "example-regulation" });
  expect(errors).toEqual([]);
}, 60_000);

const args = (url: string) => ({ request: new Request(`http://localhost${url}`), params: {}, context: {} });

async function load(loader: (a: ReturnType<typeof args>) => Promise<unknown>, url: string): Promise<Response> {
  try {
    return (await loader(args(url))) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function planData(url: string): Promise<PlanComparison> {
  const res = await load(planLoader, url);
  expect(res.status).toBe(200);
  return ((await res.json()) as { plan: PlanComparison }).plan;
}

describe("plan comparison page data", () => {
  it("lists every measure change in the new plan's order, with both labels and texts", async () => {
    const plan = await planData(PLAN);
    expect(plan.work.slug).toBe("example-child-plan");
    expect(plan.changes.map((c) => [c.kind, c.old?.label ?? null, c.new?.label ?? null])).toEqual([
      ["kept", "1．", "1．"],
      ["reworded", "2．", "2．"],
      ["new", null, "3．"],
      ["reworded", "1．", "1．"],
      ["dropped", "2．", null],
      ["kept", "1．", "1．"],
    ]);
    expect(plan.changes[3].old!.text).toBe("1．依法打击侵害示例儿童的犯罪。（示例公安部负责）");
    expect(plan.changes[3].new!.text).toBe("1．依法严厉打击侵害示例儿童的犯罪。（示例公安部负责，示例检察院配合）");
    expect(plan.changes[3].similarity).toBeGreaterThan(0.7);
    expect(plan.changes[3].similarity).toBeLessThan(1);
    expect(plan.counts).toEqual({ kept: 2, reworded: 2, new: 1, dropped: 1, agencies: 2 });
  });

  it("gives agency changes before → after, and filters to them alone", async () => {
    const plan = await planData(`${PLAN}&type=agencies`);
    expect(plan.changes).toHaveLength(2);
    expect(plan.changes[0].agencies).toEqual({
      before: { lead: ["示例民政部"], supporting: ["示例公安部", "示例卫生部"] },
      after: { lead: ["示例民政部", "示例公安部"], supporting: ["示例卫生部", "示例网信办"] },
    });
    expect(plan.changes[1].agencies!.after).toEqual({ lead: ["示例公安部"], supporting: ["示例检察院"] });
    // The counts still describe the whole comparison.
    expect(plan.counts.kept).toBe(2);
  });

  it("filters by kind", async () => {
    const plan = await planData(`${PLAN}&type=dropped`);
    expect(plan.changes.map((c) => c.old!.text)).toEqual(["2．加强示例儿童救助。（示例民政部负责，示例妇联配合）"]);
  });

  it("completes a plan alone with its two latest versions", async () => {
    const res = await load(planLoader, "/plans/compare?work=example-child-plan");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(PLAN);
  });

  it("answers what cannot be compared with a message: unknown plan 404, bad date 400, a law without measures 404", async () => {
    expect((await load(planLoader, "/plans/compare?work=nope&from=2013-06-01&to=2021-09-01")).status).toBe(404);
    const bad = await load(planLoader, "/plans/compare?work=example-child-plan&from=2013-02-31&to=2021-09-01");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/"from"/);
    const law = await load(planLoader, "/plans/compare?work=example-regulation&from=2019-01-01&to=2023-01-01");
    expect(law.status).toBe(404);
    expect(await law.text()).toMatch(/article by article/);
  });

  it("is offered on /compare for two plan versions only", async () => {
    const plans = (await (await load(compareLoader, "/compare?work=example-child-plan&from=2013-06-01&to=2021-09-01")).json()) as { plans: boolean };
    expect(plans.plans).toBe(true);
    const law = (await (await load(compareLoader, "/compare?work=example-regulation&from=2019-01-01&to=2023-01-01")).json()) as { plans: boolean };
    expect(law.plans).toBe(false);
  });
});

interface SearchPage {
  options: { agencies: string[] };
  result: { total: number; results: { key: string; version: { date: string }; snippet: { text: string } }[] } | null;
}

async function searchPage(qs: string): Promise<SearchPage> {
  const res = await load(searchLoader, `/search?${qs}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SearchPage;
}

const hitsOf = (page: SearchPage) => page.result!.results.map((h) => `${h.key}@${h.version.date}`).sort();
const agency = (name: string, role?: string) => `agency=${encodeURIComponent(name)}${role ? `&role=${role}` : ""}&status=all`;

describe("search by agency", () => {
  it("offers the agencies the plans name", async () => {
    const page = await searchPage("");
    expect(page.options.agencies).toEqual(expect.arrayContaining(["示例民政部", "示例公安部", "示例网信办", "示例检察院"]));
    expect(page.result).toBeNull();
  });

  it("lists the measures an agency leads, with no search terms", async () => {
    const page = await searchPage(agency("示例公安部", "lead"));
    expect(hitsOf(page)).toEqual(["p1-2/p2-1/p3-2@2021-09-01", "p1-2/p2-2/p3-1@2013-06-01", "p1-2/p2-2/p3-1@2021-09-01"]);
  });

  it("lists the measures it supports, and both for either role", async () => {
    expect(hitsOf(await searchPage(agency("示例公安部", "supporting")))).toEqual(["p1-2/p2-1/p3-2@2013-06-01", "p1-2/p2-1/p3-3@2021-09-01"]);
    expect((await searchPage(agency("示例公安部"))).result!.total).toBe(5);
  });

  it("narrows a search by terms to the measures naming the agency", async () => {
    const page = await searchPage(`q=${encodeURIComponent("登记")}&${agency("示例卫生部", "supporting")}`);
    expect(hitsOf(page)).toEqual(["p1-2/p2-1/p3-2@2013-06-01", "p1-2/p2-1/p3-2@2021-09-01"]);
    // A measure naming the agency in another role is left out.
    expect((await searchPage(`q=${encodeURIComponent("登记")}&${agency("示例卫生部", "lead")}`)).result!.total).toBe(0);
  });

  it("is in the partners' API too, echoed among the filters", async () => {
    const res = (await apiLoader(args(`/api/search?${agency("示例网信办", "lead")}`))) as Response;
    const body = (await res.json()) as { total: number; filters: { agency: unknown }; facets: { works: { count: number }[] } };
    expect(body.total).toBe(1);
    // The plan's facet counts what the filter lets through, not every measure mentioning the name.
    expect(body.facets.works.map((w) => w.count)).toEqual([1]);
    expect(body.filters.agency).toEqual({ name: "示例网信办", role: "lead" });
  });
});
