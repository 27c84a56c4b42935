/**
 * npm run bench:compare [-- --runs 15] [-- --warmup 5]
 * Median time, after warm-up runs (so the JIT has compiled the code, as in a server that has compared
 * before), of Redline's comparison (alignment + inline diff of every changed pair) against a naive
 * baseline (one character diff of the two whole texts, generous timeout), on the real corpus.
 * Goals: Minors Protection Law 2012 -> 2020 under 50 ms, Criminal Law 2020 -> 2023 under 200 ms.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { diffChars } from "diff";
import { parseArgs } from "../../app/lib/cli/progress";
import { alignArticles } from "../../app/lib/compare/align";
import { buildRows } from "../../app/lib/compare/rows";
import { unitsFromProvisions } from "../../app/lib/compare/units";
import { parseLawText } from "../../app/lib/corpus/parse";

const { flags } = parseArgs(process.argv.slice(2));
const RUNS = Number(flags.runs ?? 15);
const WARMUP = Number(flags.warmup ?? 5);
const CORPUS = path.resolve(process.env.REDLINE_SHARED_DIR ?? path.join(import.meta.dirname, "..", "..", "..", "shared"), "corpus");

const NAIVE_TIMEOUT_MS = 10_000;

const CASES = [
  { name: "Minors Protection 2012→2020", from: "minors-protection-law/2012-10-26.md", to: "minors-protection-law/2020-10-17.md", goal: 50 },
  { name: "Criminal Law 2020→2023", from: "criminal-law/2020-12-26.md", to: "criminal-law/2023-12-29.md", goal: 200 },
];

function load(rel: string) {
  const text = fs.readFileSync(path.join(CORPUS, rel), "utf8");
  return { text, units: unitsFromProvisions(parseLawText(text, { format: "markdown" }).provisions) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Wall-clock and CPU milliseconds per run, after `warmup` untimed runs (segmenter dictionary, fold
 * caches, JIT). CPU time shows the cost when other jobs share the cores.
 */
function time(fn: () => void, runs = RUNS, warmup = WARMUP): { wall: number[]; cpu: number[] } {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    fn();
    const used = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

console.log(
  `runs per case: ${RUNS} after ${WARMUP} warm-up runs (naive: ${Math.min(RUNS, 3)} runs after the same warm-up, or after one run when a run takes seconds; timeout ${NAIVE_TIMEOUT_MS} ms); medians; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores\n`,
);
console.log(["case", "redline ms (cpu)", "align ms (cpu)", "naive diffChars ms", "naive/redline", "goal ms"].join(" | "));
for (const c of CASES) {
  const a = load(c.from);
  const b = load(c.to);
  let pairs = 0;
  const fullRuns = time(() => {
    const result = alignArticles(a.units, b.units);
    pairs = buildRows(a.units, b.units, result).filter((r) => r.changed).length;
  });
  const full = median(fullRuns.wall);
  const alignRuns = time(() => alignArticles(a.units, b.units));
  let naiveTimedOut = false;
  const naiveRun = () => {
    naiveTimedOut = diffChars(a.text, b.text, { timeout: NAIVE_TIMEOUT_MS }) === undefined || naiveTimedOut;
  };
  // The baseline gets the same warm-up unless one run already takes seconds (a rewrite times out).
  const probe = performance.now();
  naiveRun();
  const naiveWarmup = performance.now() - probe < 1000 ? WARMUP : 0;
  // A whole-text character diff of a rewrite runs for many seconds: a few runs are enough to show it.
  const naive = median(time(naiveRun, Math.min(RUNS, 3), naiveWarmup).wall);
  console.log(
    [
      c.name,
      `${full.toFixed(1)} (${median(fullRuns.cpu).toFixed(1)})`,
      `${median(alignRuns.wall).toFixed(1)} (${median(alignRuns.cpu).toFixed(1)})`,
      `${naive.toFixed(1)}${naiveTimedOut ? " (timed out)" : ""}`,
      `${(naive / full).toFixed(1)}x`,
      `${c.goal} ${full <= c.goal ? "(met)" : "(missed)"}`,
    ].join(" | "),
  );
  console.log(`  ${a.units.length} -> ${b.units.length} articles, ${pairs} changed rows`);
}
