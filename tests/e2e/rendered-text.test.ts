import path from "node:path";
import { ingestPaths } from "~/lib/corpus/ingest.server";
import { getPrisma } from "~/lib/db.server";
import { createTestUser, type TestUser } from "../helpers/auth";
import { SHARED_CORPUS } from "../helpers/db";
import { useBrowserApp } from "./helpers";

// Regression for issue 10, defect 1: React 18.3's Node stream flushed its whole 2,048-byte buffer
// when a multi-byte character did not fit, so long Chinese pages carried NUL bytes that the browser
// turned into U+FFFD inside form values (scripts/patch-react-dom.mjs, docs/decisions/0009-limits.md).
// The real long statutes are used because only they cross hundreds of buffer boundaries.
const ctx = useBrowserApp();
const LONG_VERSIONS = [
  { slug: "minors-protection-law", date: "2020-10-17" },
  { slug: "criminal-law", date: "2023-12-29" },
];
let staff: TestUser;

beforeAll(async () => {
  const files = LONG_VERSIONS.map((v) => path.join(SHARED_CORPUS, v.slug, `${v.date}.md`));
  const { errors } = await ingestPaths(files);
  expect(errors).toEqual([]);
  staff = await createTestUser("staff");
}, 240_000);

async function fetchHtml(pathname: string, user?: TestUser): Promise<string> {
  const res = await fetch(ctx.app.baseUrl + pathname, { headers: user ? { cookie: user.cookie } : {} });
  expect(res.status, pathname).toBe(200);
  return new TextDecoder("utf-8", { fatal: true }).decode(await res.arrayBuffer());
}

function corruptionIn(html: string): { nul: number; replacement: number } {
  return { nul: html.split("\u0000").length - 1, replacement: html.split("\uFFFD").length - 1 };
}

async function articlesOf(slug: string, date: string) {
  const version = await getPrisma().version.findFirstOrThrow({ where: { versionDate: date, work: { slug } } });
  const provisions = await getPrisma().provision.findMany({
    where: { versionId: version.id, kind: "article" },
    orderBy: { position: "asc" },
    select: { key: true, text: true },
  });
  return { versionId: version.id, provisions };
}

/** The server-rendered textarea content, decoded the way the browser's HTML parser decodes it. */
function proposedTextIn(html: string): string {
  const match = /<textarea[^>]*name="proposedText"[^>]*>([^<]*)<\/textarea>/.exec(html);
  expect(match, "the form has a proposed-wording box").not.toBeNull();
  return match![1]
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}

describe("long Chinese pages reach the browser exactly as stored", () => {
  it.each(LONG_VERSIONS)("the whole $slug $date page has no NUL and no U+FFFD", async ({ slug, date }) => {
    const html = await fetchHtml(`/works/${slug}/${date}`);
    expect(html.length).toBeGreaterThan(100_000);
    expect(corruptionIn(html)).toEqual({ nul: 0, replacement: 0 });
  });

  it("prefills the proposed wording of every Minors Protection Law 2020 article byte for byte", async () => {
    const { versionId, provisions } = await articlesOf("minors-protection-law", "2020-10-17");
    expect(provisions.length).toBe(132);
    const wrong: string[] = [];
    for (const { key, text } of provisions) {
      const html = await fetchHtml(`/recommendations/new?version=${versionId}&key=${key}`, staff);
      const counts = corruptionIn(html);
      if (counts.nul || counts.replacement || proposedTextIn(html) !== text) wrong.push(key);
    }
    expect(wrong).toEqual([]);
  }, 240_000);

  it("shows the stored text in the hydrated form and no insertion in the live redline (Chromium)", async () => {
    const { versionId, provisions } = await articlesOf("criminal-law", "2023-12-29");
    const page = await ctx.page();
    const token = staff.cookie.slice(staff.cookie.indexOf("=") + 1);
    await page.context().addCookies([{ name: "redline_session", value: token, url: ctx.app.baseUrl }]);
    // A spread of long articles: each page puts the text at different buffer offsets.
    const sample = [...provisions].sort((a, b) => b.text.length - a.text.length).slice(0, 5);
    for (const { key, text } of sample) {
      await page.goto(`/recommendations/new?version=${versionId}&key=${key}`);
      await page.locator("#rec-proposed").waitFor();
      expect(await page.locator("#rec-proposed").inputValue(), key).toBe(text);
      await expect(page.locator(".rec-live-redline ins").count()).resolves.toBe(0);
    }
    expect(ctx.pageErrors).toEqual([]);
  }, 120_000);
});
