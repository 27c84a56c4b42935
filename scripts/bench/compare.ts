/**
 * npm run bench:compare [-- --runs 30] [-- --warmup 30] [-- --details] [-- --signals] [-- --only quality|speed]
 * 1. Quality: per hand-built reference (tests/fixtures/align/*.json), link precision / recall / F1 and
 *    split-row / merge-row recall of Redline's alignment, beside the baselines of shared/BASELINES.md
 *    (pairing by number; TF-IDF bigram best match at the threshold best on that reference, i.e.
 *    optimistic, and at the fixed 0.15). `--signals` adds one line per 款-stage signal switched off.
 * 2. Speed: median time, after warm-up runs (so the JIT has compiled the code, as in a server that has
 *    compared before), of alignment + inline diff of every changed pair, against a whole-text
 *    character diff. Goals: Minors Protection Law 2012 -> 2020 under 50 ms, Criminal Law 2020 -> 2023
 *    under 20 ms.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { diffChars } from "diff";
import { parseArgs } from "../../app/lib/cli/progress";
import { alignArticles } from "../../app/lib/compare/align";
import { pairByNumber, tfidfBestMatches } from "../../app/lib/compare/baselines";
import type { ClauseTuning } from "../../app/lib/compare/clauses";
import { buildRows } from "../../app/lib/compare/rows";
import { scoreAlignment, type AlignmentReference, type LinkLike, type ReferenceScore } from "../../app/lib/compare/score";
import { unitsFromProvisions } from "../../app/lib/compare/units";
import { parseLawText } from "../../app/lib/corpus/parse";

const { flags } = parseArgs(process.argv.slice(2));
// V8 keeps optimising the comparison code for its first few dozen calls: on Minors Protection 2012 -> 2020
// the full compare measured 55 ms after 5 warm-up runs, 54 after 10, 45 after 20, 30 after 30 and 21
// after 60 (one session, load 1.7-2.7). A server that has compared before runs the optimised code.
const RUNS = Number(flags.runs ?? 30);
const WARMUP = Number(flags.warmup ?? 30);
const DETAILS = Boolean(flags.details);
const SIGNALS = Boolean(flags.signals);
/** Each 款-stage signal switched off (or, for the off-by-default ones, on) alone, to measure it. */
const SIGNAL_VARIANTS: Record<string, Partial<ClauseTuning>> = {
  "no 款 stage": { accept: Infinity },
  "- overlap coefficient": { coverWeight: 0 },
  "+ one-to-one pair bonus 0.15": { pairWeight: 0.15 },
  "- position prior": { positionWeight: 0 },
  "- chapter heading": { chapterWeight: 0 },
  "- cross-references": { referenceWeight: 0 },
  "- ratio test": { ratio: Infinity },
  "- two-home test (merge / split of one 款)": { mergeShare: 0 },
  "+ words (jieba, synonyms)": { wordWeight: 1 },
};
const ONLY = flags.only as string | undefined; // "quality" or "speed"
const SHARED = path.resolve(process.env.REDLINE_SHARED_DIR ?? path.join(import.meta.dirname, "..", "..", "..", "shared"));
const REFERENCES = path.join(import.meta.dirname, "..", "..", "tests", "fixtures", "align");

const NAIVE_TIMEOUT_MS = 10_000;

const CASES = [
  {
    name: "Minors Protection 2012→2020",
    from: "corpus/minors-protection-law/2012-10-26.md",
    to: "corpus/minors-protection-law/2020-10-17.md",
    goal: 50,
  },
  {
    name: "Criminal Law 2020→2023",
    from: "corpus/criminal-law/2020-12-26.md",
    to: "corpus/criminal-law/2023-12-29.md",
    goal: 20,
  },
];

function load(rel: string) {
  const text = fs.readFileSync(path.join(SHARED, rel), "utf8");
  return {
    text,
    units: unitsFromProvisions(parseLawText(text, { format: "markdown" }).provisions),
  };
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

const f3 = (x: number) => x.toFixed(3);
const row = (name: string, s: ReferenceScore, extra = "") =>
  `  ${name.padEnd(28)} | ${f3(s.precision)} | ${f3(s.recall)} | ${f3(s.f1)} | ${s.hits}/${s.predicted}/${s.expected} | ${f3(
    s.splitRecall
  )} (${s.splits}) | ${f3(s.mergeRecall)} (${s.merges})${extra}`;

console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")} on ${os.cpus().length} cores\n`
);
if (ONLY !== "speed") {
  console.log("## Quality against the hand-built references (article links)");
  console.log("  method                       | P     | R     | F1    | hits/pred/exp | split rows | merge rows | ms");
  for (const file of fs
    .readdirSync(REFERENCES)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const ref = JSON.parse(fs.readFileSync(path.join(REFERENCES, file), "utf8")) as AlignmentReference & {
      source?: { from: string; to: string };
    };
    const source = ref.source ?? {
      from: `corpus/${ref.work}/${ref.from}.md`,
      to: `corpus/${ref.work}/${ref.to}.md`,
    };
    const rel = (p: string) => (p.startsWith("corpus/") ? p : path.join("bench-corpus", p));
    const a = load(rel(source.from)).units;
    const b = load(rel(source.to)).units;
    console.log(`${file} (${ref.work} ${ref.from}→${ref.to}, ${a.length}→${b.length} articles)`);
    const ms = median(time(() => alignArticles(a, b), 5, 2).wall);
    const redline = scoreAlignment(ref, alignArticles(a, b).links);
    console.log(row("Redline", redline, ` | ${ms.toFixed(1)}`));
    console.log(row("pairing by number", scoreAlignment(ref, pairByNumber(a, b))));
    const matches = tfidfBestMatches(a, b);
    const at = (t: number): LinkLike[] => matches.filter((m) => m.cosine >= t);
    let bestT = 0.05;
    let best = scoreAlignment(ref, at(bestT));
    for (let t = 0.05; t <= 0.6001; t += 0.025) {
      const s = scoreAlignment(ref, at(t));
      if (s.f1 > best.f1) {
        best = s;
        bestT = t;
      }
    }
    console.log(row(`TF-IDF bigram (best t ${bestT.toFixed(3)})`, best));
    console.log(row("TF-IDF bigram (t 0.15)", scoreAlignment(ref, at(0.15))));
    if (SIGNALS)
    for (const [name, tuning] of Object.entries(SIGNAL_VARIANTS))
      console.log(row(`  ${name}`, scoreAlignment(ref, alignArticles(a, b, { clauseTuning: tuning }).links)));
  if (DETAILS) console.log(`    missed: ${redline.missed.join(" ")}\n    wrong: ${redline.wrong.join(" ")}`);
  }
}
if (ONLY !== "quality") {
  console.log("\n## Speed (alignment + inline diff of every changed pair)");
  console.log(
    `runs per case: ${RUNS} after ${WARMUP} warm-up runs (naive: ${Math.min(
      RUNS,
      3
    )} runs after the same warm-up, or after one run when a run takes seconds; timeout ${NAIVE_TIMEOUT_MS} ms); medians`
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
    const naive = median(time(naiveRun, Math.min(RUNS, 3), naiveWarmup).wall);
    console.log(
      [
        c.name,
        `${full.toFixed(1)} (${median(fullRuns.cpu).toFixed(1)})`,
        `${median(alignRuns.wall).toFixed(1)} (${median(alignRuns.cpu).toFixed(1)})`,
        `${naive.toFixed(1)}${naiveTimedOut ? " (timed out)" : ""}`,
        `${(naive / full).toFixed(1)}x`,
        `${c.goal} ${full <= c.goal ? "(met)" : "(missed)"}`,
      ].join(" | ")
    );
    console.log(`  ${a.units.length} -> ${b.units.length} articles, ${pairs} changed rows`);
  }
}
console.log(
  `\nload average at the end ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`
);
