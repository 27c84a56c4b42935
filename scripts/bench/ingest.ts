/**
 * Robustness and speed run over ../shared/bench-corpus (not a test): ingest every document into a fresh
 * temporary database, and print documents/s, MB/s, articles stored, the documents with warnings grouped
 * by warning kind, and the parse-only time of the same files as the baseline (the floor of ingest).
 * No document may crash the ingest: errors are counted and listed.
 *
 *   npm run bench:ingest [-- --limit 200] [--corpus ../shared/bench-corpus]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createProgress, parseArgs } from "../../app/lib/cli/progress";

const { flags } = parseArgs(process.argv.slice(2));
const corpus = path.resolve(typeof flags.corpus === "string" ? flags.corpus : path.join(process.cwd(), "..", "shared", "bench-corpus"));
const limit = typeof flags.limit === "string" ? Number(flags.limit) : Infinity;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-bench-ingest-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;

const { collectFiles, ingestBytes } = await import("../../app/lib/corpus/ingest.server");
const { parseLawText } = await import("../../app/lib/corpus/parse");
const { decodeSource } = await import("../../app/lib/corpus/decode.server");
const { getPrisma } = await import("../../app/lib/db.server");

const files = collectFiles([corpus]).slice(0, limit);
const contents = files.map((f) => ({ ...f, bytes: fs.readFileSync(f.file) }));
const totalBytes = contents.reduce((n, f) => n + f.bytes.length, 0);
const mb = totalBytes / 1024 / 1024;
console.log(`bench-corpus: ${contents.length} documents, ${mb.toFixed(1)} MB (${corpus})`);

// Baseline: decode + parse only, no database.
let t0 = performance.now();
for (const f of contents) {
  const decoded = await decodeSource(f.bytes, f.relative);
  parseLawText(decoded.text, { format: decoded.format === "markdown" ? "markdown" : "text" });
}
const parseMs = performance.now() - t0;

const byKind = new Map<string, string[]>();
const errors: string[] = [];
let articles = 0;
let units = 0;
let withWarnings = 0;
const bar = createProgress(contents.length, "ingest");
t0 = performance.now();
for (let i = 0; i < contents.length; i++) {
  const f = contents[i];
  try {
    // Bench files share titles across versions; the relative path keeps each one distinct.
    const r = await ingestBytes(f.bytes, f.relative, { catalogue: null });
    articles += r.articleCount;
    units += r.unitCount;
    if (r.warnings.length) withWarnings++;
    for (const kind of new Set(r.warnings.map((w) => w.kind))) {
      const list = byKind.get(kind) ?? [];
      list.push(f.relative);
      byKind.set(kind, list);
    }
  } catch (error) {
    errors.push(`${f.relative}: ${(error as Error).message}`);
  }
  bar.update(i + 1, f.relative);
}
bar.finish();
const ingestMs = performance.now() - t0;
const dbBytes = fs.statSync(path.join(dir, "bench.db")).size + (fs.existsSync(path.join(dir, "bench.db-wal")) ? fs.statSync(path.join(dir, "bench.db-wal")).size : 0);
const stored = await getPrisma().provision.count({ where: { kind: "article" } });

const row = (label: string, ms: number) =>
  `${label.padEnd(26)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${(contents.length / (ms / 1000)).toFixed(0).padStart(6)} docs/s  ${(mb / (ms / 1000)).toFixed(2).padStart(6)} MB/s`;
console.log("");
console.log(row("baseline: decode + parse", parseMs));
console.log(row("ingest (parse+store+index)", ingestMs));
console.log(`ratio ingest / parse-only:  ${(ingestMs / parseMs).toFixed(2)}x`);
console.log(`articles stored: ${stored} (reported ${articles}), units: ${units}; database ${(dbBytes / 1024 / 1024).toFixed(1)} MB`);
console.log(`documents with warnings: ${withWarnings}; errors: ${errors.length}`);
for (const [kind, list] of [...byKind].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${kind.padEnd(24)} ${String(list.length).padStart(5)} docs  e.g. ${list.slice(0, 3).join(" | ")}`);
}
// Errors grouped by reason (the file name removed), with examples.
const byReason = new Map<string, string[]>();
for (const e of errors) {
  const reason = e.replace(/^.*\.(md|txt|docx)(:\d+)?: /, "").replace(/ of \S+ for \d{4}-\d{2}-\d{2}/, " of <work> for <date>");
  const list = byReason.get(reason) ?? [];
  list.push(e.split(": ")[0]);
  byReason.set(reason, list);
}
for (const [reason, list] of [...byReason].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ERROR x${list.length}: ${reason}\n      e.g. ${list.slice(0, 3).join(" | ")}`);
}
await getPrisma().$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
