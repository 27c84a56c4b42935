import path from "node:path";
import JSZip from "jszip";
import { createUser } from "~/lib/auth/users.server";
import { ingestPaths } from "~/lib/corpus/ingest.server";
import { SHARED_CORPUS } from "../helpers/db";
import type { Page } from "playwright-core";
import { loginAs, ROOT, useBrowserApp } from "./helpers";

const ctx = useBrowserApp({ REDLINE_ADMIN_TOKEN: "e2e-admin-token-at-least-32-characters" });
const ADMIN = { email: "admin@example.org", password: "admin password 1" };

beforeAll(async () => {
  const { errors } = await ingestPaths([path.join(SHARED_CORPUS, "minors-protection-law")]);
  expect(errors).toEqual([]);
  // An invented regulation whose second article is split into three (tests/fixtures/compare).
  const example = await ingestPaths([path.join(ROOT, "tests", "fixtures", "compare", "example-regulation")], { slug: "example-regulation" });
  expect(example.errors).toEqual([]);
  await createUser({ email: ADMIN.email, name: "管理员", role: "admin", password: ADMIN.password });
});

const COMPARE_2012_2020 = "/compare?work=minors-protection-law&from=2012-10-26&to=2020-10-17";

/**
 * Waits for a row that may arrive with the rows after the first screen. On a timeout it says what the
 * page showed instead (the rows loaded, the rows naming the same articles, an error page), so a
 * failure in CI can be told from a slow machine.
 */
async function waitForRow(page: Page, selector: string): Promise<void> {
  try {
    await page.locator(selector).waitFor({ timeout: 45_000 });
  } catch (error) {
    const state = await page.evaluate(() => ({
      url: location.href,
      heading: document.querySelector("h1")?.textContent,
      shown: document.querySelector("[data-testid=rows-shown]")?.textContent,
      rows: document.querySelectorAll(".compare-row").length,
      near: [...document.querySelectorAll(".compare-row")].map((r) => r.id).filter((id) => /art-7[012]\b|art-13[01]\b/.test(id)),
      // Data requests that completed (a request still on its way has no entry yet).
      data: performance
        .getEntriesByType("resource")
        .filter((e) => e.name.includes("_data="))
        .map((e) => `${new URL(e.name).search} ${Math.round(e.duration)}ms ${(e as PerformanceResourceTiming).responseStatus ?? ""}`),
    }));
    throw new Error(`${selector} did not appear: ${JSON.stringify(state)}`, { cause: error });
  }
}

describe("comparison page (Chromium)", () => {
  it("chooses two versions with selects and shows only article 9 changed from 2020 to 2024", async () => {
    const page = await ctx.page();
    await page.goto("/compare");
    await page.getByLabel("法律").selectOption("minors-protection-law");
    // Choosing a law fills in its two latest versions.
    await page.waitForURL(/from=2020-10-17&to=2024-04-26/);
    const rows = page.locator(".compare-row");
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().getAttribute("data-kind")).resolves.toBe("modified");
    await expect(rows.first().locator(".side.new .unit-head").textContent()).resolves.toContain("第九条");
    expect(await rows.first().locator(".side.new ins").count()).toBeGreaterThan(0);
    // Article 95's stray space is typography: visible only with the toggle.
    await page.getByLabel("标点、空格差异也算变化").check();
    await page.waitForURL(/typo=1/);
    await page.locator("#row-art-95--art-95").waitFor();
    await expect(page.locator("#row-art-95--art-95").getAttribute("data-kind")).resolves.toBe("unchanged");
    expect(ctx.pageErrors).toEqual([]);
  });

  it("pairs the 2012 -> 2020 rewrite, filters by change type and chapter, and moves between changes with the keyboard", async () => {
    const page = await ctx.page();
    await page.goto(COMPARE_2012_2020);
    const count = async (kind: string) => Number(await page.locator(`.counts a[data-kind="${kind}"] .n`).textContent());
    const removed = await count("removed");
    const added = await count("added");
    expect(removed).toBeLessThan(72 / 3);
    expect(added).toBeLessThan(132);
    // One summary: the kinds add up to the rows, and renumbering is an attribute counted across them.
    const kinds = await page.locator(".counts .n").evaluateAll((els) => els.reduce((n, e) => n + Number(e.textContent), 0));
    const total = Number((await page.getByTestId("summary-total").textContent())?.match(/共 (\d+) 行/)?.[1]);
    expect(kinds).toBe(total);
    const flags = await page.getByTestId("summary-flags").textContent();
    expect(Number(flags?.match(/(\d+) 行改了条号/)?.[1])).toBeGreaterThan(20);
    expect(await page.locator('.counts a[data-kind="renumbered"]').count()).toBe(0);

    await page.getByLabel("变化类型").selectOption("added");
    await page.waitForURL(/type=added/);
    // The first screen comes with the page, the rest follows: wait for all of them.
    await page.waitForFunction((n) => document.querySelectorAll(".compare-row").length === n, added);
    const labels = await page.locator(".compare-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
    expect(new Set(labels)).toEqual(new Set(["added"]));

    await page.getByLabel("变化类型").selectOption("");
    // Let the unfiltered page settle first, or its rows arrive after the chapter filter is chosen.
    await page.waitForURL((u) => !u.searchParams.get("type"));
    await page.waitForFunction(() => document.querySelectorAll(".compare-row").length > 100);
    // One entry per chapter (no 第三章 学校保护 / 第三章　学校保护 pair), each new chapter named once.
    const chapterOptions = await page.getByLabel("章节").locator("option").allTextContents();
    expect(chapterOptions.filter((o) => o.replace(/\s/g, "").startsWith("第三章学校保护"))).toHaveLength(1);
    const online = await page.getByLabel("章节").locator("option", { hasText: "网络保护" }).getAttribute("value");
    await page.getByLabel("章节").selectOption(online!);
    await page.waitForURL(/chapter=/);
    await page.waitForFunction(() => document.querySelectorAll(".compare-row").length < 40);
    const chapters = await page.locator(".compare-row").count();
    expect(chapters).toBeGreaterThan(0);
    expect(chapters).toBeLessThan(40);

    await page.getByLabel("章节").selectOption("");
    await page.waitForURL((u) => !u.searchParams.get("chapter"));
    await page.waitForFunction(() => document.querySelectorAll(".compare-row").length > 100);
    expect(await page.getByText("键盘：j / n 下一处，k / p 上一处").isVisible()).toBe(true);
    await page.locator("body").press("j");
    const first = await page.evaluate(() => document.activeElement?.id);
    await page.locator("body").press("j");
    const second = await page.evaluate(() => document.activeElement?.id);
    expect(first).toMatch(/^row-/);
    expect(second).toMatch(/^row-/);
    expect(second).not.toBe(first);
    await page.locator("body").press("k");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(first);
    await expect(page.getByText("第 1 / ").isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "下一处变化" }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(second);

    // Inline redline view
    await page.getByLabel("修订痕迹").check();
    await page.waitForURL(/view=inline/);
    await page.waitForFunction(() => document.querySelectorAll(".compare-row.inline").length > 50);
    expect(await page.locator(".compare-row.inline .inline-heads").count()).toBeGreaterThan(50);
    expect(ctx.pageErrors).toEqual([]);
  });

  it("links each row to the article history, which shows the lineage with diffs", async () => {
    const page = await ctx.page();
    await page.goto("/compare?work=minors-protection-law&from=2020-10-17&to=2024-04-26");
    await page.locator(".compare-row").first().getByRole("link", { name: "条文沿革" }).click();
    await page.waitForURL(/\/works\/minors-protection-law\/history\/art-9\?from=2024-04-26/);
    const steps = page.locator(".lineage-step");
    // The router pushes the URL a moment before React commits the new page: wait for the page itself.
    await steps.nth(2).waitFor();
    await expect(steps.count()).resolves.toBe(3);
    await expect(steps.nth(0).getAttribute("data-version")).resolves.toBe("2012-10-26");
    await expect(steps.nth(2).locator(".badge").first().textContent()).resolves.toBe("修改");
    expect(await steps.nth(2).locator("ins, del").count()).toBeGreaterThan(0);
    expect(ctx.pageErrors).toEqual([]);
  });

  it("downloads a DOCX 新旧对照表 whose document.xml has the exact texts and the highlight runs", async () => {
    const page = await ctx.page();
    await page.goto("/compare?work=minors-protection-law&from=2020-10-17&to=2024-04-26");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Word 新旧对照表" }).click()]);
    expect(download.suggestedFilename()).toBe("minors-protection-law_2020-10-17_2024-04-26.docx");
    const file = await download.path();
    const zip = await JSZip.loadAsync(await (await import("node:fs")).promises.readFile(file));
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
    const inserted = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/g)]
      .map((m) => m[1])
      .filter((r) => r.includes("<w:u ") && r.includes("1A7F37"));
    const deleted = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/g)].map((m) => m[1]).filter((r) => r.includes("<w:strike/>"));
    expect(inserted.length).toBeGreaterThan(0);
    expect(deleted.length).toBeGreaterThan(0);
    expect(text).toContain("第九条");
    expect(text).toContain("新旧对照表");
    expect(xml).toContain('w:orient="landscape"');
    expect(ctx.pageErrors).toEqual([]);
  });

  it("opens a link to a row beyond the first screen at that row, once the rest has arrived", async () => {
    const page = await ctx.page();
    await page.goto(COMPARE_2012_2020);
    await page.waitForFunction(() => !document.querySelector("[data-testid=rows-shown]")?.textContent?.includes("已载入"));
    const ids = await page.locator(".compare-row").evaluateAll((rows) => rows.map((r) => r.id));
    expect(ids.length).toBeGreaterThan(40);
    const target = ids[ids.length - 1];

    const linked = await ctx.page();
    await linked.goto(`${COMPARE_2012_2020}#${target}`);
    await linked.locator(`#${target}`).waitFor();
    await linked.waitForFunction((id) => {
      const box = document.getElementById(id)!.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight;
    }, target);
    expect(ctx.pageErrors).toEqual([]);
  });

  it("lets an admin correct a pairing; the correction shows as manual; anonymous and token-less posts are refused", async () => {
    const body = new URLSearchParams({
      intent: "set",
      work: "minors-protection-law",
      from: "2012-10-26",
      to: "2020-10-17",
      fromKey: "art-72",
      toKey: "art-131",
    });
    const wrongToken = await fetch(ctx.app.baseUrl + "/compare", {
      method: "POST",
      body,
      headers: { "x-redline-admin-token": "wrong", "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    // Not the configured token: refused, nothing stored.
    expect(wrongToken.status).toBe(403);

    const page = await ctx.page();
    await loginAs(page, ADMIN.email, ADMIN.password);
    await page.goto(COMPARE_2012_2020);
    // Article 72 is beyond the first screen: its row arrives with the rest.
    await waitForRow(page, ".compare-row >> nth=39");
    const row = page.locator(".compare-row", { has: page.locator(".side.old .unit-head", { hasText: "第七十二条" }) }).first();
    await row.getByText("校正此配对").click();
    await row.getByLabel(/新条文/).fill("art-131");
    await row.getByRole("button", { name: "保存校正" }).click();
    await page.getByRole("status").filter({ hasText: "校正已保存" }).waitFor();
    const corrected = page.locator("#row-art-72--art-131");
    await waitForRow(page, "#row-art-72--art-131");
    await expect(corrected.locator(".badge.manual").textContent()).resolves.toBe("人工校正");

    // The token path (scripts) works too, without a session.
    const viaToken = await fetch(ctx.app.baseUrl + "/compare", {
      method: "POST",
      body: new URLSearchParams({ ...Object.fromEntries(body), fromKey: "art-71", toKey: "art-130" }),
      headers: { "x-redline-admin-token": "e2e-admin-token-at-least-32-characters", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(viaToken.status).toBe(200);
    await page.reload();
    await waitForRow(page, "#row-art-71--art-130 .badge.manual");
    await expect(page.locator("#row-art-71--art-130 .badge.manual").textContent()).resolves.toBe("人工校正");
    expect(ctx.pageErrors).toEqual([]);
  }, 150_000);

  it("shows a split into three as one row naming all three articles, under the 拆分 filter", async () => {
    const page = await ctx.page();
    await page.goto("/compare?work=example-regulation&from=2019-01-01&to=2023-01-01");
    await page.getByLabel("变化类型").selectOption("split");
    await page.waitForURL(/type=split/);
    await page.waitForFunction(() => [...document.querySelectorAll(".compare-row")].every((e) => e.getAttribute("data-kind") === "split"));
    const rows = page.locator(".compare-row");
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().locator(".side.new .unit-head").allTextContents()).resolves.toEqual(["第二条", "第三条", "第四条"]);
    await expect(rows.first().locator(".side.old .unit-head").allTextContents()).resolves.toEqual(["第二条"]);
    const caption = await rows.first().getByTestId("group-caption").textContent();
    expect(caption).toContain("第二条、第三条、第四条");
    expect(caption).toContain("3 条");
    // The export carries the same group.
    const csv = await (await fetch(ctx.app.baseUrl + "/compare/export?work=example-regulation&from=2019-01-01&to=2023-01-01&type=split&format=csv")).text();
    expect(csv).toContain("拆分,第二条,");
    expect(csv).toContain(",第二条 + 第三条 + 第四条,");
    expect(ctx.pageErrors).toEqual([]);
  });

  it("shows the 2012 → 2020 rewrite's groups whole: a row naming every article of a split-and-merge, with its 款 links", async () => {
    const page = await ctx.page();
    await page.goto(COMPARE_2012_2020);
    await page.getByLabel("变化类型").selectOption("split");
    await page.waitForURL(/type=split/);
    await page.waitForFunction(() => [...document.querySelectorAll(".compare-row")].every((e) => e.getAttribute("data-kind") === "split"));
    // Every split row names at least two new articles.
    const splitHeads = await page.locator(".compare-row").evaluateAll((els) => els.map((e) => e.querySelectorAll(".side.new .unit-head").length));
    expect(splitHeads.length).toBeGreaterThan(0);
    expect(Math.min(...splitHeads)).toBeGreaterThanOrEqual(2);

    await page.getByLabel("变化类型").selectOption("regrouped");
    await page.waitForURL(/type=regrouped/);
    await page.waitForFunction(() => [...document.querySelectorAll(".compare-row")].every((e) => e.getAttribute("data-kind") === "regrouped"));
    const counts = await page.locator(".compare-row").evaluateAll((els) => els.map((e) => e.querySelectorAll(".side.new .unit-head").length));
    const at = counts.findIndex((n) => n >= 3);
    expect(at).toBeGreaterThanOrEqual(0);
    const row = page.locator(".compare-row").nth(at);
    const heads = await row.locator(".side.new .unit-head").allTextContents();
    const caption = await row.getByTestId("group-caption").textContent();
    for (const h of heads) expect(caption).toContain(h);
    // Which 款 went where is drawn inside the row.
    expect(await row.getByTestId("paragraph-links").locator("li").count()).toBeGreaterThan(0);
    expect(ctx.pageErrors).toEqual([]);
  });

  it("explains a reversed pair and swaps it on request", async () => {
    const page = await ctx.page();
    await page.goto("/compare?work=minors-protection-law&from=2024-04-26&to=2020-10-17");
    const notice = page.getByTestId("direction-notice");
    expect(await notice.textContent()).toContain("晚于");
    await notice.getByRole("link").click();
    await page.waitForURL(/from=2020-10-17&to=2024-04-26/);
    // The address changes before the swapped comparison renders, and the reversed page has rows too:
    // wait for the notice of the reversed page to go, then for the new rows.
    await page.getByTestId("direction-notice").waitFor({ state: "detached" });
    await page.locator(".compare-row").first().waitFor();
    expect(await page.getByTestId("direction-notice").count()).toBe(0);
    expect(ctx.pageErrors).toEqual([]);
  });
});
