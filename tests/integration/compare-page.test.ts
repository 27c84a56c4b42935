/**
 * What the compare page and its exports tell a reader, on real corpus pairs through the real routes
 * and a real SQLite file: a summary whose counts add up, the chapter pairs, exports honouring every
 * filter, reversed and identical pairs explained, and a first response that stays small.
 */
import path from "node:path";
import type { ComparisonPage } from "~/lib/compare/compare.server";
import { ingestPaths } from "~/lib/corpus/ingest.server";
import { loader as compareLoader } from "~/routes/compare";
import { loader as exportLoader } from "~/routes/compare.export";
import { SHARED_CORPUS, useTestDatabase } from "../helpers/db";

useTestDatabase();

beforeAll(async () => {
  const { errors } = await ingestPaths(
    ["minors-protection-law", "criminal-law", "prevention-of-juvenile-delinquency-law"].map((s) => path.join(SHARED_CORPUS, s)),
  );
  expect(errors).toEqual([]);
}, 120_000);

const request = (url: string) => ({ request: new Request(`http://localhost${url}`), params: {}, context: {} });

interface PageJson {
  page: ComparisonPage;
  sameVersion: boolean;
  versions: string[];
}

async function pageData(url: string): Promise<PageJson> {
  const res = (await compareLoader(request(url))) as Response;
  expect(res.status).toBe(200);
  return (await res.json()) as PageJson;
}

async function csvLines(url: string): Promise<string[][]> {
  const res = (await exportLoader(request(url))) as Response;
  const text = (await res.text()).replace(/^\uFEFF/, "");
  // Fields of statute text may hold quoted line breaks: count records, not lines.
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") record.push(field), (field = "");
    else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(field), records.push(record), (record = []), (field = ""), i++;
    } else field += ch;
  }
  return records.slice(1);
}

const MPL_REWRITE = "/compare?work=minors-protection-law&from=2012-10-26&to=2020-10-17";
const CRIMINAL = "work=criminal-law&from=2020-12-26&to=2023-12-29";

describe("compare page data", () => {
  it("gives one summary whose kinds add up to the rows, with renumbering as an attribute", async () => {
    const { page } = await pageData(MPL_REWRITE + "&changes=all");
    const kinds = Object.values(page.summary.kinds).reduce((a, b) => a + b, 0);
    expect(kinds).toBe(page.summary.total);
    expect(page.matching).toBe(page.summary.total);
    expect(page.summary.oldArticles).toBeGreaterThanOrEqual(72);
    expect(page.summary.newArticles).toBeGreaterThanOrEqual(130);
    // A rewrite renumbers most articles; the count is an attribute across kinds, never a "0 renumbered" kind.
    expect(page.summary.flags.renumbered).toBeGreaterThan(20);
    expect(page.summary.kinds).not.toHaveProperty("renumbered");
  });

  it("lists the chapters as old → new pairs, one entry per chapter despite typographic differences", async () => {
    const { page } = await pageData(MPL_REWRITE);
    const newLabels = page.chapters.map((c) => c.newLabel).filter(Boolean);
    expect(new Set(newLabels).size).toBe(newLabels.length);
    const school = page.chapters.filter((c) =>
      [c.newLabel, ...c.oldLabels].some((l) => l?.replace(/\s/g, "") === "第三章学校保护"),
    );
    expect(school).toHaveLength(1);
    // The chapter filter keeps only rows of that pair.
    const online = page.chapters.find((c) => c.newLabel?.includes("网络保护"))!;
    const filtered = await pageData(`${MPL_REWRITE}&chapter=${encodeURIComponent(online.key)}`);
    expect(filtered.page.matching).toBeGreaterThan(0);
    expect(filtered.page.matching).toBeLessThan(40);
  });

  it("renders the first screen of a long comparison and tells how many rows follow", async () => {
    const { page } = await pageData(MPL_REWRITE);
    expect(page.rows.length).toBe(20);
    expect(page.matching).toBeGreaterThan(100);
    const rest = await pageData(`${MPL_REWRITE}&offset=20&limit=5000`);
    expect(rest.page.rows.length).toBe(page.matching - 20);
    expect(rest.page.rows[0].id).not.toBe(page.rows[0].id);
  });

  it("explains a reversed pair and offers to swap; refuses to compare a version with itself", async () => {
    const reversed = await pageData("/compare?work=minors-protection-law&from=2020-10-17&to=2012-10-26");
    expect(reversed.page.direction).toBe("reversed");
    const same = await pageData("/compare?work=minors-protection-law&from=2020-10-17&to=2020-10-17");
    expect(same.sameVersion).toBe(true);
    expect(same.page).toBeNull();
    expect(same.versions).toContain("2012-10-26");
  });
});

describe("exports honour the page's filters", () => {
  it("writes only the changed rows by default: Criminal Law 2020 → 2023 is 7 rows, not 505", async () => {
    const rows = await csvLines(`/compare/export?${CRIMINAL}&format=csv`);
    expect(rows.map((r) => r[3])).toEqual(["第一百六十五条", "第一百六十六条", "第一百六十九条", "第三百八十七条", "第三百九十条", "第三百九十一条", "第三百九十三条"]);
    expect(await csvLines(`/compare/export?${CRIMINAL}&format=csv&changes=all`)).toHaveLength(505);
  });

  it("applies the type and chapter filters to CSV and Markdown alike", async () => {
    const { page } = await pageData(MPL_REWRITE + "&type=added");
    const csv = await csvLines(`/compare/export?work=minors-protection-law&from=2012-10-26&to=2020-10-17&type=added&format=csv`);
    expect(csv).toHaveLength(page.matching);
    expect(new Set(csv.map((r) => r[0]))).toEqual(new Set(["新增"]));
    const md = await (
      (await exportLoader(request(`/compare/export?work=minors-protection-law&from=2012-10-26&to=2020-10-17&type=added&format=md`))) as Response
    ).text();
    expect(md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---")).length).toBe(page.matching + 1);
  });
});
