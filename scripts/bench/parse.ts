/**
 * Parser throughput and robustness over the bench corpus (LawRefBook, ~1,560 documents).
 * Prints documents/s and MB/s for the parser and, as the baseline measured in the same run,
 * for remark-parse alone; checks that the parser's line-scan fast path matches the full remark
 * parse on every document; then articles, shapes, failures and warnings by kind.
 *
 *   npx tsx scripts/bench/parse.ts [dir]
 */
import fs from "node:fs";
import path from "node:path";
import { unified } from "unified";
import remarkParse from "remark-parse";
import { parseLawText } from "~/lib/corpus/parse";

const root = path.resolve(process.argv[2] ?? path.join(process.cwd(), "..", "shared", "bench-corpus", "lawrefbook"));

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

const files = listFiles(root).filter((f) => f.endsWith(".md"));
const texts = files.map((f) => fs.readFileSync(f, "utf8"));
const megabytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 1e6;

const markdown = unified().use(remarkParse);
let started = performance.now();
for (const text of texts) markdown.parse(text);
const baselineSeconds = (performance.now() - started) / 1000;

let articles = 0;
let units = 0;
const failures: { file: string; error: string }[] = [];
const shapes = new Map<string, number>();
const warnings = new Map<string, { count: number; files: Set<string> }>();
started = performance.now();
texts.forEach((text, i) => {
  const rel = path.relative(root, files[i]);
  try {
    const doc = parseLawText(text);
    articles += doc.articleCount;
    units += doc.unitCount;
    shapes.set(doc.shape, (shapes.get(doc.shape) ?? 0) + 1);
    for (const w of doc.warnings) {
      const entry = warnings.get(w.kind) ?? { count: 0, files: new Set<string>() };
      entry.count++;
      entry.files.add(rel);
      warnings.set(w.kind, entry);
    }
  } catch (error) {
    failures.push({ file: rel, error: String(error) });
  }
});
const seconds = (performance.now() - started) / 1000;

// The line-scan fast path must give exactly what the full Markdown parse gives.
let mismatches = 0;
const mismatchExamples: string[] = [];
started = performance.now();
texts.forEach((text, i) => {
  try {
    const full = JSON.stringify(parseLawText(text, { markdownEngine: "remark" }));
    if (full !== JSON.stringify(parseLawText(text))) {
      mismatches++;
      if (mismatchExamples.length < 3) mismatchExamples.push(path.relative(root, files[i]));
    }
  } catch {
    // Counted as a failure above.
  }
});
const verifySeconds = (performance.now() - started) / 1000;

const rate = (s: number) => `${(files.length / s).toFixed(0)} docs/s, ${(megabytes / s).toFixed(2)} MB/s`;
console.log(`corpus         ${root}: ${files.length} documents, ${megabytes.toFixed(1)} MB`);
console.log(`remark-parse   ${baselineSeconds.toFixed(2)} s (${rate(baselineSeconds)})  [baseline]`);
console.log(`parseLawText   ${seconds.toFixed(2)} s (${rate(seconds)})  = ${(seconds / baselineSeconds).toFixed(2)}x baseline`);
console.log(`fast path      identical to the full remark parse for ${files.length - mismatches - failures.length}/${files.length - failures.length} documents${mismatches ? `; differs: ${mismatchExamples.join(" | ")}` : ""} (check took ${verifySeconds.toFixed(2)} s)`);
console.log(`articles       ${articles}; units ${units}`);
console.log(`shapes         ${[...shapes].map(([s, n]) => `${s} ${n}`).join(", ")}`);
console.log(`failures       ${failures.length}`);
for (const f of failures.slice(0, 10)) console.log(`  ${f.file}: ${f.error}`);
console.log("warnings by kind (documents; up to 3 examples):");
for (const [kind, { count, files: where }] of [...warnings].sort((a, b) => b[1].count - a[1].count)) {
  console.log(`  ${kind.padEnd(24)} ${String(count).padStart(6)} in ${where.size} docs  e.g. ${[...where].slice(0, 3).join(" | ")}`);
}
