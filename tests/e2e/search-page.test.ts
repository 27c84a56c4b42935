import { useBrowserApp } from "./helpers";
import { SHARED_CORPUS } from "../helpers/db";
import { ingestPaths } from "~/lib/corpus/ingest.server";

// Search in real Chromium over the real corpus (../shared/corpus, ingested through the real ingest).
const ctx = useBrowserApp();

beforeAll(async () => {
  const { errors } = await ingestPaths([SHARED_CORPUS]);
  expect(errors).toEqual([]);
}, 240_000);

describe("search page (Chromium)", () => {
  it("takes a query from the search box on every page", async () => {
    const page = await ctx.page();
    await page.goto("/works");
    await page.locator("#header-q").fill("监护人");
    await page.locator("#header-q").press("Enter");
    await page.waitForURL(/\/search\?q=/);
    await page.getByRole("heading", { name: /共 \d+ 条结果/ }).waitFor();
    expect(decodeURIComponent(page.url())).toContain("q=监护人");
    expect(await page.locator(".search-hit").count()).toBeGreaterThan(5);
    expect(ctx.pageErrors).toEqual([]);
  });

  it("searches as you type, finds simplified text for traditional characters and marks the exact characters", async () => {
    const page = await ctx.page();
    await page.goto("/search");
    await page.getByLabel("检索词").pressSequentially("拐賣", { delay: 30 });
    await page.waitForURL((url) => url.searchParams.get("q") === "拐賣");
    await page.getByRole("heading", { name: /共 \d+ 条结果/ }).waitFor();
    const marks = await page.locator(".search-snippet mark").allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(["拐卖"]));
    await expect(page.locator(".search-work h2").allTextContents()).resolves.toContainEqual(
      expect.stringContaining("中华人民共和国刑法"),
    );
  });

  it("finds a term inside a longer word and keeps the query and filters in the URL", async () => {
    const page = await ctx.page();
    await page.goto("/search?q=" + encodeURIComponent("欺凌"));
    await page.getByRole("heading", { name: /共 \d+ 条结果/ }).waitFor();
    const before = await page.locator(".search-hit").count();
    await page.getByLabel("法律法规").selectOption({ label: "中华人民共和国未成年人保护法" });
    await page.waitForURL((url) => url.searchParams.get("work") === "minors-protection-law");
    await page.getByRole("heading", { name: /共 \d+ 条结果/ }).waitFor();
    const works = await page.locator(".search-work h2 a").allTextContents();
    expect(new Set(works)).toEqual(new Set(["中华人民共和国未成年人保护法"]));
    expect(await page.locator(".search-hit").count()).toBeLessThan(before);
    // The chapter filter appears once a law is chosen.
    await expect(page.getByLabel("章节").isVisible()).resolves.toBe(true);
  });

  it("searches the law as it stood on a date", async () => {
    const page = await ctx.page();
    await page.goto("/search?q=" + encodeURIComponent("监护人") + "&work=minors-protection-law");
    await page.getByRole("heading", { name: /共 \d+ 条结果/ }).waitFor();
    await expect(page.locator(".version-badge").first().textContent()).resolves.toContain("2024-04-26");
    await page.locator('input[name="at"]').fill("2015-01-01");
    await page.locator(".search-query button").click();
    await page.waitForURL((url) => url.searchParams.get("at") === "2015-01-01");
    await page.getByText("按 2015-01-01 有效的版本检索").waitFor();
    const badges = await page.locator(".version-badge").allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(badges.every((b) => b.includes("2012-10-26"))).toBe(true);
  });

  it("links a result to the article's anchor in its version", async () => {
    const page = await ctx.page();
    await page.goto("/search?q=" + encodeURIComponent("合适成年人") + "&work=minors-protection-law");
    const link = page.locator(".search-hit-title a").first();
    await link.waitFor();
    const href = await link.getAttribute("href");
    expect(href).toBe("/works/minors-protection-law/2024-04-26#art-110");
    await link.click();
    await page.waitForURL(/\/works\/minors-protection-law\/2024-04-26#art-110$/);
    await page.locator("article#art-110").waitFor();
    await expect(page.locator("article#art-110").textContent()).resolves.toContain("合适成年人");
  });

  it("answers odd queries with results or a message, never an error page", async () => {
    const page = await ctx.page();
    for (const q of ["NEAR(", "*", "AND", '"未成年人', "-"]) {
      const res = await page.goto("/search?q=" + encodeURIComponent(q));
      expect(res?.status()).toBeLessThan(500);
      await expect(page.locator(".error-page").count()).resolves.toBe(0);
    }
    await page.goto("/search?q=" + encodeURIComponent('"'));
    await expect(page.getByRole("alert").textContent()).resolves.toContain("请输入检索词");
    // (5,000 characters do not fit in a URL: Node refuses such a request line with 431 before the app.)
    const long = await page.goto("/search?q=" + "监".repeat(1000));
    expect(long?.status()).toBe(400);
    await expect(page.getByRole("alert").textContent()).resolves.toContain("检索词过长");
  });

  it("serves the same search as JSON for partners, public fields only", async () => {
    const res = await fetch(`${ctx.app.baseUrl}/api/search?q=${encodeURIComponent("监护人")}&work=minors-protection-law`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const body = await res.json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.results[0]).toMatchObject({ work: { slug: "minors-protection-law" }, version: { inForce: true } });
    expect(JSON.stringify(body)).not.toMatch(/provisionId|versionId/);
    const bad = await fetch(`${ctx.app.baseUrl}/api/search?q=`);
    expect(bad.status).toBe(400);
    await expect(bad.json()).resolves.toMatchObject({ error: { code: "empty" } });
  });
});
