import fs from "node:fs";
import path from "node:path";
import { ingestBytes } from "~/lib/corpus/ingest.server";
import { ROOT, useBrowserApp } from "./helpers";

// Two invented editions of an action plan (tests/fixtures/parse/plan-2013-2020, plan-2021-2030).
const ctx = useBrowserApp();
const fixture = (name: string) => fs.readFileSync(path.join(ROOT, "tests", "fixtures", "parse", name, "input.txt"));

beforeAll(async () => {
  await ingestBytes(fixture("plan-2013-2020"), "example-child-plan/2013-06-01.txt", { catalogue: null });
  await ingestBytes(fixture("plan-2021-2030"), "example-child-plan/2021-09-01.txt", { catalogue: null });
});

describe("action plans (Chromium)", () => {
  it("goes from /compare to the measure-by-measure view, sees who took over a measure, and walks the changes with the keyboard", async () => {
    const page = await ctx.page();
    await page.goto("/compare?work=example-child-plan&from=2013-06-01&to=2021-09-01");
    await page.getByRole("link", { name: "逐项对照措施及责任单位变化" }).click();
    await page.waitForURL(/\/plans\/compare\?work=example-child-plan&from=2013-06-01&to=2021-09-01/);

    const entries = page.locator(".measure-change");
    await entries.first().waitFor();
    await expect(entries.count()).resolves.toBe(6);
    const registration = page.locator(".measure-change[data-agencies=changed]").first();
    await expect(registration.getAttribute("data-kind")).resolves.toBe("reworded");
    await expect(registration.locator(".side.old").textContent()).resolves.toContain("建立示例儿童信息登记制度");
    await expect(registration.locator(".side.new").textContent()).resolves.toContain("建立健全示例儿童信息登记和共享制度");
    // The agency change is its own signal: a second lead joined, a supporter left, another joined.
    const change = registration.getByTestId("agency-change");
    await expect(change.locator("[data-role=lead] ins").allTextContents()).resolves.toEqual(["示例公安部"]);
    await expect(change.locator("[data-role=supporting] del").allTextContents()).resolves.toEqual(["示例公安部"]);
    await expect(change.locator("[data-role=supporting] ins").allTextContents()).resolves.toEqual(["示例网信办"]);
    await expect(registration.locator(".score").textContent()).resolves.toMatch(/相似度 \d+%/);

    // j moves to the first change (a measure kept word for word is skipped), j again to the next.
    await page.keyboard.press("j");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("data-kind"))).resolves.toBe("reworded");
    await page.keyboard.press("j");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("data-kind"))).resolves.toBe("new");

    // Only the agency changes, from the summary; then only the dropped measures, from the select.
    await page.locator(".counts a[data-kind=agencies]").click();
    await page.waitForURL(/type=agencies/);
    await page.waitForFunction(() => document.querySelectorAll(".measure-change").length === 2);
    await page.getByLabel("显示").selectOption("dropped");
    await page.waitForURL(/type=dropped/);
    await page.waitForFunction(() => document.querySelectorAll(".measure-change").length === 1);
    await expect(entries.first().textContent()).resolves.toContain("加强示例儿童救助");

    await page.getByRole("link", { name: "按条目逐条对照（版本对照页）" }).click();
    await page.waitForURL(/\/compare\?work=example-child-plan&from=2013-06-01&to=2021-09-01/);
    await page.locator(".compare-row").first().waitFor();
    expect(ctx.pageErrors).toEqual([]);
  });

  it("in English too", async () => {
    const page = await ctx.page({ locale: "en" });
    await page.goto("/plans/compare?work=example-child-plan&from=2013-06-01&to=2021-09-01&type=agencies");
    await expect(page.locator(".counts a[data-kind=agencies]").textContent()).resolves.toContain("Agencies changed");
    await expect(page.getByTestId("agency-change").first().textContent()).resolves.toContain("Lead");
  });

  it("searches for the measures an agency leads, then those it supports, without search terms", async () => {
    const page = await ctx.page();
    await page.goto("/search");
    // Picking a name the plans use searches at once.
    await page.getByLabel("单位", { exact: true }).fill("示例网信办");
    await page.waitForURL((url) => url.searchParams.get("agency") === "示例网信办");
    await page.getByLabel("职责").selectOption("lead");
    await page.waitForURL((url) => url.searchParams.get("role") === "lead");
    // The address changes a moment before the new results render: wait for the hit itself.
    await page.locator(".search-hit", { hasText: "加强网络空间示例儿童保护" }).waitFor();
    await page.getByRole("heading", { name: /共 1 条结果/ }).waitFor();
    await expect(page.locator(".search-hit").count()).resolves.toBe(1);

    await page.getByLabel("职责").selectOption("supporting");
    await page.waitForURL((url) => url.searchParams.get("role") === "supporting");
    await page.locator(".search-hit", { hasText: "登记和共享制度" }).waitFor();
    await page.getByRole("heading", { name: /共 1 条结果/ }).waitFor();
    await expect(page.locator(".search-hit").count()).resolves.toBe(1);
    expect(ctx.pageErrors).toEqual([]);
  });
});
