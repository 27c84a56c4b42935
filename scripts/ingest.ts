/**
 * npm run ingest -- <file-or-folder>... [--replace] [--slug s] [--title t] [--kind k] [--date YYYY-MM-DD]
 *                   [--change enacted|revised|amended|draft] [--effective YYYY-MM-DD] [--shape plan|decision-items|articles]
 * Exit code 1 when any file failed.
 */
import { createProgress, parseArgs } from "../app/lib/cli/progress";
import { ingestPaths } from "../app/lib/corpus/ingest.server";
import { CHANGE_KINDS, WORK_KINDS, type ChangeKind, type WorkKind } from "../app/lib/corpus/metadata";
import { isIsoDate } from "../app/lib/corpus/point-in-time";
import type { DocumentShape } from "../app/lib/corpus/types";

const { positional, flags } = parseArgs(process.argv.slice(2));
const str = (name: string) => (typeof flags[name] === "string" ? (flags[name] as string) : undefined);
function fail(message: string): never {
  console.error(`ingest: ${message}`);
  process.exit(1);
}
if (!positional.length || flags.help) {
  console.log("usage: npm run ingest -- <file-or-folder>... [--replace] [--slug s] [--title t] [--kind k] [--date YYYY-MM-DD] [--change kind] [--effective YYYY-MM-DD] [--shape plan]");
  process.exit(positional.length ? 0 : 1);
}
const kind = str("kind");
if (kind && !(WORK_KINDS as readonly string[]).includes(kind)) fail(`--kind must be one of ${WORK_KINDS.join(", ")}`);
const change = str("change");
if (change && !(CHANGE_KINDS as readonly string[]).includes(change)) fail(`--change must be one of ${CHANGE_KINDS.join(", ")}`);
for (const name of ["date", "effective"]) {
  const v = str(name);
  if (v && !isIsoDate(v)) fail(`--${name} must be a date YYYY-MM-DD, got "${v}"`);
}
const shape = str("shape");
if (shape && !["articles", "decision-items", "plan", "none"].includes(shape)) fail("--shape must be articles, decision-items, plan or none");

let bar: ReturnType<typeof createProgress> | null = null;
const started = Date.now();
const { results, errors } = await ingestPaths(
  positional,
  {
    replace: Boolean(flags.replace),
    slug: str("slug"),
    title: str("title"),
    titleEn: str("title-en"),
    kind: kind as WorkKind | undefined,
    versionDate: str("date"),
    changeKind: change as ChangeKind | undefined,
    effectiveDate: str("effective"),
    shape: shape as DocumentShape | undefined,
  },
  (event) => {
    if (event.type === "start") bar = createProgress(event.total, "ingest");
    else if (event.type === "file") {
      const r = event.result;
      const warnings = r.warnings.length ? `, ${r.warnings.length} warning(s)` : "";
      const carried = r.carried?.carried
        ? `, ${r.carried.carried} recommendation(s) carried forward (moved ${r.carried.states.moved}, ambiguous ${r.carried.states.ambiguous}, orphaned ${r.carried.states.orphaned})`
        : "";
      bar?.log(`${r.status.padEnd(9)} ${r.workSlug} ${r.versionDate}: ${r.articleCount} articles, ${r.unitCount} units${warnings}${carried}  (${event.file})`);
      bar?.update(event.index + 1, event.file);
    } else {
      bar?.log(`ERROR     ${event.error.message}`);
      bar?.update(event.index + 1, event.file);
    }
  },
).catch((error: Error) => fail(error.message));
(bar as ReturnType<typeof createProgress> | null)?.finish();
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${results.length} version(s) ingested or unchanged, ${errors.length} error(s) in ${secs}s`);
process.exit(errors.length ? 1 : 0);
