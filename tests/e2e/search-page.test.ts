import { loginAs, useBrowserApp } from "./helpers";
import { TEST_PASSWORD } from "../helpers/auth";
import { createUser } from "~/lib/auth/users.server";
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

  it("says how a compact phrase was relaxed, and marks results found only through a synonym", async () => {
    const page = await ctx.page();
    await page.goto("/search?q=" + encodeURIComponent("学校欺凌"));
    await page.getByRole("heading", { name: /共 \d+ 条结果/ }).waitFor();
    await expect(page.locator(".search-explanation").textContent()).resolves.toContain(
      "没有找到完整短语「学校欺凌」；显示同时包含「学校」「欺凌」的条文",
    );
    expect(await page.locator(".search-hit").count()).toBeGreaterThan(0);

    // Found verbatim in a few articles only: they come first, and the sentence says so.
    await page.goto("/search?q=" + encodeURIComponent("讯问未成年犯罪嫌疑人"));
    await page.getByRole("heading", { name: /共 \d+ 条结果/ }).waitFor();
    await expect(page.locator(".search-explanation").textContent()).resolves.toMatch(
      /只有 \d 条条文包含完整短语「讯问未成年犯罪嫌疑人」，列在最前；其后显示同时包含「讯问」「未成年」/,
    );

    await page.goto("/search?q=" + encodeURIComponent("家暴"));
    await page.getByRole("heading", { name: /共 \d+ 条结果/ }).waitFor();
    const badges = await page.locator(".match-badge.match-synonym").allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(badges[0]).toContain("同义词：「家庭暴力」");
    // The equivalent is what is highlighted.
    await expect(page.locator(".search-hit").first().locator("mark").first().textContent()).resolves.toBe("家庭暴力");

    const en = await ctx.page({ locale: "en" });
    await en.goto("/search?q=" + encodeURIComponent("学校欺凌"));
    await expect(en.locator(".search-explanation").textContent()).resolves.toContain(
      "No provision contains the phrase “学校欺凌”; showing provisions that contain all of “学校”, “欺凌”.",
    );
  });

  it("never ends in nothing: suggestions and a way out when no article matches", async () => {
    const page = await ctx.page();
    // Latin letters the laws never contain: even best-partial matching finds nothing.
    await page.goto("/search?q=" + encodeURIComponent("qzxjv") + "&work=minors-protection-law");
    await page.getByRole("heading", { name: /共 0 条结果/ }).waitFor();
    const links = page.locator(".search-none a");
    expect(await links.count()).toBeGreaterThan(1);
    await expect(page.getByRole("link", { name: "在所有法律法规的所有版本中检索" }).count()).resolves.toBe(1);
  });

  it("labels versions of an as-of search as in force on that date, not 现行", async () => {
    const page = await ctx.page();
    await page.goto("/search?q=" + encodeURIComponent("监护人") + "&work=minors-protection-law&at=2015-01-01");
    await page.getByText("按 2015-01-01 有效的版本检索").waitFor();
    const badges = await page.locator(".version-badge.in-force").allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(badges.every((b) => b.includes("当日有效") && !b.includes("现行"))).toBe(true);
  });

  it("answers page 0, a page past the last and a non-number with the bad-page error", async () => {
    for (const p of ["0", "999", "abc"]) {
      const res = await fetch(`${ctx.app.baseUrl}/api/search?q=${encodeURIComponent("监护人")}&page=${p}`);
      expect(res.status).toBe(400);
      await expect(res.json()).resolves.toMatchObject({ error: { code: "bad-page" } });
    }
    // Past the last page, within the 500 the parameter allows.
    const past = await fetch(`${ctx.app.baseUrl}/api/search?q=${encodeURIComponent("合适成年人")}&page=400`);
    expect(past.status).toBe(400);
    const page = await ctx.page();
    const res = await page.goto("/search?q=" + encodeURIComponent("监护人") + "&page=999");
    expect(res?.status()).toBe(400);
    await expect(page.getByRole("alert").textContent()).resolves.toContain("页码无效");
  });

  it("reports in the API how each result matched and the relaxation applied", async () => {
    const res = await fetch(`${ctx.app.baseUrl}/api/search?q=${encodeURIComponent("家暴")}`);
    const body = await res.json();
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.every((r: { match: string }) => ["exact", "all-words", "synonym", "partial"].includes(r.match))).toBe(true);
    expect(body.results[0]).toMatchObject({ match: "synonym", viaSynonyms: ["家庭暴力"] });
    expect(body.relaxation.steps).toContainEqual(expect.objectContaining({ kind: "synonyms", term: "家暴" }));
    expect(Array.isArray(body.relatedTerms)).toBe(true);
  });

  it("puts the first result a few Tab presses from the header box, and one Enter through the skip link", async () => {
    const page = await ctx.page();
    await page.goto("/search?q=" + encodeURIComponent("监护人"));
    await page.locator("#first-result").waitFor();
    await page.locator("#header-q").focus();
    let presses = 0;
    while (presses < 40 && !(await page.evaluate(() => document.activeElement?.id === "first-result"))) {
      await page.keyboard.press("Tab");
      presses++;
    }
    // Header button, language, log in, the skip link, the query box and its button, the law's heading.
    expect(presses).toBeLessThanOrEqual(8);
    await page.locator("#header-q").focus();
    let toSkip = 0;
    while (toSkip < 8 && !(await page.evaluate(() => document.activeElement?.matches(".search-page .skip-link")))) {
      await page.keyboard.press("Tab");
      toSkip++;
    }
    expect(toSkip).toBeLessThanOrEqual(4);
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("first-result");
  });

  it("suggests laws, articles by citation and terms as you type in the header box, by keyboard", async () => {
    const page = await ctx.page();
    await page.goto("/works");
    const box = page.getByRole("combobox", { name: "检索" });
    await box.pressSequentially("未保法", { delay: 30 });
    const listbox = page.getByRole("listbox", { name: "检索建议" });
    await listbox.getByRole("option", { name: /中华人民共和国未成年人保护法/ }).first().waitFor();
    await expect(box.getAttribute("aria-expanded")).resolves.toBe("true");
    await page.keyboard.press("ArrowDown");
    const activeId = await box.getAttribute("aria-activedescendant");
    expect(activeId).toBeTruthy();
    await expect(page.locator(`#${activeId}`).getAttribute("aria-selected")).resolves.toBe("true");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/works\/minors-protection-law$/);

    await box.fill("");
    await box.pressSequentially("刑法 236之一", { delay: 30 });
    const article = listbox.getByRole("option", { name: /第二百三十六条之一/ });
    await article.first().waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/works\/criminal-law\/\d{4}-\d{2}-\d{2}#art-236-1$/);

    // Escape closes the list; Enter then runs the full search on what was typed.
    await box.fill("");
    await box.pressSequentially("监护", { delay: 30 });
    await listbox.getByRole("option").first().waitFor();
    await page.keyboard.press("Escape");
    await expect(box.getAttribute("aria-expanded")).resolves.toBe("false");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === "监护");
    expect(ctx.pageErrors).toEqual([]);
  });

  it("lets an admin discover thesaurus entries from related terms in the corpus", async () => {
    await createUser({ email: "thesaurus-admin@example.org", name: "Ms admin", role: "admin", password: TEST_PASSWORD });
    const page = await ctx.page();
    await loginAs(page, "thesaurus-admin@example.org", TEST_PASSWORD);
    // From the admin's search page to the editor's related terms of the query.
    await page.goto("/search?q=" + encodeURIComponent("监护人"));
    await page.getByRole("link", { name: "在同义词表中查看相关词" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/thesaurus" && url.searchParams.get("related") === "监护人");
    await expect(page.getByLabel("查找相关词的词语").inputValue()).resolves.toBe("监护人");
    const proposals = page.locator(".thesaurus-related a");
    await proposals.first().waitFor();
    const first = (await proposals.first().textContent()) ?? "";
    const other = /和「(.+)」新建词组/.exec(first)?.[1];
    expect(other).toBeTruthy();
    await proposals.first().click();
    await page.waitForURL((url) => url.searchParams.get("terms") === `监护人、${other}`);
    const terms = page.getByRole("form", { name: "添加词组" }).getByLabel("词语");
    await page.locator(`#new-terms[value="监护人、${other}"]`).waitFor();
    await expect(terms.inputValue()).resolves.toBe(`监护人、${other}`);
  });
});
