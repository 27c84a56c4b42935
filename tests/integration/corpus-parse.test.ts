/**
 * The parser against the real corpus in ../shared/corpus (read at run time; statute text is
 * never copied into this repository).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseLawText } from "~/lib/corpus/parse";
import type { ParsedDocument } from "~/lib/corpus/types";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const corpusDir = path.resolve(repoRoot, "..", "shared", "corpus");

interface ManifestFile {
  path: string;
  counts: { article_paragraphs: number; base_articles: number; zhi_articles: number; max_article?: number };
}
const manifest = JSON.parse(fs.readFileSync(path.join(corpusDir, "manifest.json"), "utf8")) as {
  files: ManifestFile[];
};

const read = (rel: string) => fs.readFileSync(path.join(corpusDir, rel), "utf8");
const parsed = new Map<string, ParsedDocument>();
function parse(rel: string): ParsedDocument {
  if (!parsed.has(rel)) parsed.set(rel, parseLawText(read(rel)));
  return parsed.get(rel)!;
}

/** The body's text blocks as a reader sees them: non-blank lines, headings without `# `. */
function sourceBlocks(source: string, doc: ParsedDocument): string[] {
  return source
    .split(/\r?\n/)
    .slice(doc.bodyStartLine - 1)
    .filter((l) => /[^ \t]/.test(l) && !/^\s*<!--.*-->\s*$/.test(l))
    .map((l) => l.replace(/^ {0,3}#{1,6}(?:[ \t]|$)/, ""));
}

const articles = (doc: ParsedDocument) => doc.provisions.filter((p) => p.kind === "article");
const warningsOf = (doc: ParsedDocument, kind: string) => doc.warnings.filter((w) => w.kind === kind);

describe.each(manifest.files.map((f) => [f.path, f] as const))("%s", (rel, file) => {
  it("stores every body block exactly once, in order", () => {
    const doc = parse(rel);
    const stored = doc.provisions.filter((p) => p.kind !== "article").map((p) => p.text);
    expect(stored.join("\n")).toBe(sourceBlocks(read(rel), doc).join("\n"));
    expect(stored).toEqual(sourceBlocks(read(rel), doc));
  });

  it("finds every article, numbered 1…N with 之X articles in place", () => {
    const doc = parse(rel);
    // The manifest's regex misses CPL 2018 art. 128 (split label); its max_article does not.
    const base = file.counts.max_article ?? 0;
    expect(doc.articleCount).toBe(base + file.counts.zhi_articles);
    const numbers = articles(doc).filter((a) => a.suffix === 0).map((a) => a.number);
    expect(numbers).toEqual(Array.from({ length: base }, (_, i) => i + 1));
    expect(warningsOf(doc, "numbering-gap")).toEqual([]);
    expect(warningsOf(doc, "numbering-repeat")).toEqual([]);
  });

  it("composes each article from its paragraphs and gives every node a unique key", () => {
    const doc = parse(rel);
    for (const art of articles(doc)) {
      const own = doc.provisions.filter((p) => p.key.startsWith(`${art.key}/`) && p.kind !== "note");
      expect(art.text).toBe(own.map((p) => p.text).join("\n"));
      expect(own[0].text.trimStart().startsWith(art.label!)).toBe(true);
    }
    expect(new Set(doc.provisions.map((p) => p.key)).size).toBe(doc.provisions.length);
    expect(doc.provisions.map((p) => p.position)).toEqual(doc.provisions.map((_, i) => i));
  });

  it("gives the same result with the full Markdown parser as with the line-scan fast path", () => {
    expect(parseLawText(read(rel), { markdownEngine: "remark" })).toEqual(parse(rel));
  });

  it("reads the title and the enactment lines listed in the manifest", () => {
    const doc = parse(rel);
    expect(doc.title).toMatch(/\S/);
    const full = manifest.files.find((f) => f.path === rel) as ManifestFile & { enactment_lines_in_file?: string[] };
    for (const line of full.enactment_lines_in_file ?? []) {
      expect(doc.history.some((h) => h.includes(line.trim()) || line.includes(h.trim()))).toBe(true);
    }
  });
});

describe("corpus quirks", () => {
  it("minors law 2024: keeps the stray ASCII space in article 95 and the zero-width paragraph", () => {
    const doc = parse("minors-protection-law/2024-04-26.md");
    const art95 = doc.provisions.find((p) => p.key === "art-95")!;
    expect(art95.text).toContain("符合条 件");
    expect(warningsOf(doc, "zero-width").map((w) => w.line)).toEqual([15]);
    expect(doc.history).toHaveLength(5);
    expect(doc.history[1].endsWith("\u3000")).toBe(true);
  });

  it("CPL 2018: recovers article 128 with a split-label warning and flags the orphan heading", () => {
    const doc = parse("criminal-procedure-law/2018-10-26.md");
    const art128 = doc.provisions.find((p) => p.key === "art-128")!;
    expect(art128.startLine).toBe(639);
    expect(art128.text.startsWith("第一百二十八 条侦查人员")).toBe(true);
    expect(warningsOf(doc, "split-label").map((w) => w.line)).toEqual([639]);
    expect(warningsOf(doc, "orphan-heading").map((w) => w.line)).toEqual([1455]);
    expect(doc.provisions.find((p) => p.startLine === 1455)!.kind).toBe("note");
    // The bare 附则 is a part of its own, as the ## 附则 of the 2012 text is.
    const fuze2018 = doc.provisions.find((p) => p.text === "附则")!;
    const fuze2012 = parse("criminal-procedure-law/2012-03-14.md").provisions.find((p) => p.text === "附则")!;
    expect([fuze2018.kind, fuze2018.key]).toEqual([fuze2012.kind, fuze2012.key]);
    expect(doc.provisions.find((p) => p.key === "art-308")!.chapterKey).toBe(fuze2018.key);
  });

  it("online-protection regulations: 7 chapters (1 numbered, 6 bare) holding 60 articles", () => {
    const doc = parse("regulations-on-protection-of-minors-online/2023-10-16.md");
    const chapters = doc.provisions.filter((p) => p.kind === "chapter");
    expect(chapters.map((c) => c.key)).toEqual(["ch-1", "ch-u2", "ch-u3", "ch-u4", "ch-u5", "ch-u6", "ch-u7"]);
    expect(chapters[6].heading).toBe("附 则");
    expect(warningsOf(doc, "bare-heading")).toHaveLength(6);
    expect(doc.articleCount).toBe(60);
    expect(doc.provisions.find((p) => p.key === "art-13")!.chapterKey).toBe("ch-u2");
    expect(doc.history).toEqual([]);
  });

  it("criminal law: appendices are headings with notes, the ① footnote is a note", () => {
    for (const rel of ["criminal-law/2020-12-26.md", "criminal-law/2023-12-29.md"]) {
      const doc = parse(rel);
      const annexes = doc.provisions.filter((p) => p.kind === "heading");
      expect(annexes.map((a) => a.label)).toEqual(["附件一", "附件二"]);
      for (const annex of annexes) {
        const children = doc.provisions.filter((p) => p.parentKey === annex.key);
        expect(children.length).toBeGreaterThan(0);
        expect(children.every((c) => c.kind === "note")).toBe(true);
      }
      expect(doc.provisions.find((p) => p.key === "art-199")!.text).toBe("第一百九十九条 （删去）");
      expect(doc.provisions.find((p) => p.key === "art-120-6")!.suffix).toBe(6);
    }
    const footnote = parse("criminal-law/2023-12-29.md").provisions.find((p) => p.text.startsWith("①"))!;
    expect(footnote.kind).toBe("note");
  });

  it("amendment IX: 52 decision items, no articles of its own despite quoted ones", () => {
    const doc = parse("criminal-law-amendment-9/2015-08-29.md");
    expect(doc.shape).toBe("decision-items");
    expect(doc.articleCount).toBe(0);
    expect(doc.provisions.filter((p) => p.kind === "decision-item")).toHaveLength(52);
    const quoted = doc.provisions.find((p) => p.text.startsWith("“第一百二十条之二 "))!;
    expect([quoted.kind, quoted.parentKey]).toEqual(["paragraph", "item-7"]);
  });

  it("amendment XI: 48 decision items", () => {
    const doc = parse("criminal-law-amendment-11/2020-12-26.md");
    expect(doc.provisions.filter((p) => p.kind === "decision-item")).toHaveLength(48);
  });

  it("trafficking decision: 7 items, sub-items nested, preamble kept", () => {
    const doc = parse("npcsc-decision-punishing-trafficking-of-women-and-children/2009-08-27.md");
    expect(doc.provisions.filter((p) => p.kind === "decision-item").map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(doc.provisions.find((p) => p.key === "item-1/item-6")!.label).toBe("（六）");
    expect(doc.provisions[0].kind).toBe("note");
  });
});

describe("raw flk sources (front matter, repeated title, 目录, bare headings)", () => {
  const sources = path.join(corpusDir, "_sources", "whthomas-china-laws");
  const pairs = fs
    .readdirSync(sources)
    .flatMap((slug) =>
      fs.readdirSync(path.join(sources, slug)).map((f) => [`${slug}/${f}`, `${slug}/${f.replace(".flk.md", ".md")}`]),
    );

  it.each(pairs)("%s parses like its converted version", (raw, converted) => {
    const doc = parseLawText(fs.readFileSync(path.join(sources, raw), "utf8"));
    const reference = parse(converted);
    expect(parseLawText(fs.readFileSync(path.join(sources, raw), "utf8"), { markdownEngine: "remark" })).toEqual(doc);
    expect(doc.title).toBe(reference.title);
    expect(doc.shape).toBe(reference.shape);
    expect(doc.articleCount).toBe(reference.articleCount);
    expect(doc.unitCount).toBe(reference.unitCount);
    expect(doc.provisions.filter((p) => p.isUnit).map((p) => p.key)).toEqual(
      reference.provisions.filter((p) => p.isUnit).map((p) => p.key),
    );
    expect(doc.provisions.filter((p) => p.kind === "chapter").length).toBe(
      reference.provisions.filter((p) => p.kind === "chapter").length,
    );
  });
});
