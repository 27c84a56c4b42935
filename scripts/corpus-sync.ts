/**
 * npm run corpus:sync [-- --from <mirror folder>] [--replace] [--work <slug>]
 * Downloads (or reads from the mirror) every version listed in corpus/catalogue.json, checks its
 * sha256 and ingests it. Exit code 1 when any version failed.
 */
import { createProgress, parseArgs } from "../app/lib/cli/progress";
import { syncCorpus } from "../app/lib/corpus/sync.server";

const { flags } = parseArgs(process.argv.slice(2));
const from = typeof flags.from === "string" ? flags.from : null;
let bar: ReturnType<typeof createProgress> | null = null;
const summary = await syncCorpus(
  { from, replace: Boolean(flags.replace), works: typeof flags.work === "string" ? [flags.work] : undefined },
  (event) => {
    if (event.type === "start") bar = createProgress(event.total, "corpus:sync");
    else if (event.type === "fetching") bar?.update(event.index, event.label);
    else if (event.type === "done") {
      const r = event.result;
      const carried = r.carried?.carried ? `, ${r.carried.carried} recommendation(s) carried forward (${r.carried.states.orphaned} orphaned)` : "";
      bar?.log(`${r.status.padEnd(9)} ${event.label}: ${r.articleCount} articles, ${r.unitCount} units, ${r.warnings.length} warning(s)${carried}`);
      bar?.update(event.index + 1);
    } else {
      bar?.log(`FAILED    ${event.label}: ${event.message}`);
      bar?.update(event.index + 1);
    }
  },
);
(bar as ReturnType<typeof createProgress> | null)?.finish();
console.log(
  `${summary.total} version(s): ${summary.created} new, ${summary.replaced} replaced, ${summary.unchanged} unchanged, ${summary.failed.length} failed`,
);
process.exit(summary.failed.length ? 1 : 0);
