/**
 * Load and memory run (not a test; issue 10): start the built server (`npm run build` first) on a free
 * loopback port with a fresh SQLite database holding the child-protection corpus, run closed-loop
 * clients against an article page, the search API, a compare page and — as the ceiling on this
 * machine — a static asset of the same server, and print req/s, p50/p95/p99/max, the server's CPU
 * time per request (independent of what else the machine runs), errors, each
 * target's throughput as a share of the static asset's, and the server's RSS before/peak/after.
 * Goals (issue 10): article page >= 40 % of static and p99 < 5x p50; search >= 60 %; 0 errors;
 * RSS after within 100 MB of before, and below 300 MB idle with the corpus loaded.
 *
 *   npm run bench:load [-- --concurrency 50] [--seconds 30] [--corpus ../shared/corpus] [--only static,article,search,compare]
 *                      [--cpu-prof <folder>]   (the server writes a V8 CPU profile there when it stops)
 */
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseArgs } from "../../app/lib/cli/progress";
import { freePort } from "../lib/free-port";

const { flags } = parseArgs(process.argv.slice(2));
const concurrency = Number(flags.concurrency ?? 50);
const seconds = Number(flags.seconds ?? 30);
const corpus = path.resolve(typeof flags.corpus === "string" ? flags.corpus : path.join(process.cwd(), "..", "shared", "corpus"));
const only = typeof flags.only === "string" ? new Set(flags.only.split(",")) : null;
const cpuProf = typeof flags["cpu-prof"] === "string" ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(flags["cpu-prof"])] : [];
// Closed loop, but bounded in requests too, whatever the machine.
const MAX_REQUESTS_PER_TARGET = 200_000;

const root = process.cwd();
const assets = path.join(root, "public", "build");
if (!fs.existsSync(path.join(root, "build", "index.js")) || !fs.existsSync(assets)) {
  console.error("bench:load needs the built app: run `npm run build` first");
  process.exit(1);
}
const staticAsset = `/build/${fs.readdirSync(assets).find((f) => /^entry\.client-.*\.js$/.test(f))}`;

const TARGETS: { name: string; path: string }[] = [
  { name: "static", path: staticAsset },
  { name: "article", path: "/works/criminal-law/2023-12-29/art-17" },
  { name: "search", path: `/api/search?q=${encodeURIComponent("监护人")}` },
  { name: "compare", path: "/compare?work=minors-protection-law&from=2012-10-26&to=2020-10-17" },
];

/** CPU time the process has used (user + system), in ms: per request, it does not depend on the machine's load. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-bench-load-"));
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${path.join(dir, "load.db")}`, NODE_ENV: "production" };
console.log(`loading the corpus from ${corpus} into a fresh database…`);
await promisify(execFile)(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/corpus-sync.ts", "--from", corpus], { env, maxBuffer: 64 * 1024 * 1024 });

const port = await freePort();
// Started as `npm start` starts it: with its heap ceiling (REDLINE_HEAP_MB, default 384; docs/decisions/0009-limits.md).
const heapFlag = `--max-old-space-size=${process.env.REDLINE_HEAP_MB || 384}`;
const server = spawn(process.execPath, [heapFlag, ...cpuProf, "scripts/serve.mjs"], { env: { ...env, PORT: String(port), HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "inherit"] });
let serverLog = "";
server.stdout!.on("data", (chunk) => (serverLog += chunk));
const stop = () => server.exitCode === null && server.kill("SIGTERM");
process.on("exit", () => {
  stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function get(pathname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path: pathname, agent }, (response) => {
      response.on("data", () => {});
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

for (let i = 0; !/search caches ready/.test(serverLog); i++) {
  if (i > 600 || server.exitCode !== null) throw new Error(`the server did not start:\n${serverLog}`);
  await sleep(100);
}
for (const t of TARGETS) {
  const status = await get(t.path);
  if (status !== 200) throw new Error(`${t.name} ${t.path} answered ${status}`);
}
await sleep(2000);
const rssBefore = rssMb(server.pid!);
let rssPeak = rssBefore;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(server.pid!))), 200);

interface Result {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  latencies: Float64Array;
  serverCpuMs: number;
}

async function run(target: { name: string; path: string }): Promise<Result> {
  const latencies = new Float64Array(MAX_REQUESTS_PER_TARGET);
  let requests = 0;
  let errors = 0;
  const cpuBefore = cpuMs(server.pid!);
  const started = performance.now();
  const until = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < until && requests < MAX_REQUESTS_PER_TARGET) {
      const t0 = performance.now();
      const ok = await get(target.path).then(
        (status) => status === 200,
        () => false,
      );
      if (requests < MAX_REQUESTS_PER_TARGET) latencies[requests++] = performance.now() - t0;
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = (performance.now() - started) / 1000;
  return { name: target.name, requests, errors, seconds: elapsed, latencies: latencies.slice(0, requests).sort(), serverCpuMs: cpuMs(server.pid!) - cpuBefore };
}

const quantile = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

console.log(`load: ${concurrency} concurrent clients, ${seconds} s per target, server pid ${server.pid} on 127.0.0.1:${port}; ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} load average before`);
const results: Result[] = [];
for (const target of TARGETS) {
  if (only && !only.has(target.name)) continue;
  const r = await run(target);
  results.push(r);
  const rate = r.requests / r.seconds;
  const ratio = results[0].name === "static" && results.length > 1 ? ` = ${((100 * rate) / (results[0].requests / results[0].seconds)).toFixed(0)} % of static` : "";
  const p50 = quantile(r.latencies, 0.5);
  const p99 = quantile(r.latencies, 0.99);
  console.log(
    `${r.name.padEnd(8)} ${rate.toFixed(0).padStart(6)} req/s${ratio.padEnd(17)}  p50 ${ms(p50)}  p95 ${ms(quantile(r.latencies, 0.95))}  p99 ${ms(p99)} (${(p99 / p50).toFixed(1)}x p50)  max ${ms(r.latencies.at(-1) ?? NaN)}  server CPU ${(r.serverCpuMs / r.requests).toFixed(2)} ms/req  errors ${r.errors}/${r.requests}  (${target.path})`,
  );
}
clearInterval(sampler);
agent.destroy();
// V8 gives memory back only after a quiet spell (its memory reducer), so "at idle" is read twice.
const signed = (mb: number) => `${mb >= 0 ? "+" : ""}${mb.toFixed(0)} MB`;
await sleep(5000);
const rssAfter = rssMb(server.pid!);
await sleep(25000);
const rssIdle = rssMb(server.pid!);
console.log(
  `server RSS: before ${rssBefore.toFixed(0)} MB, peak ${rssPeak.toFixed(0)} MB, after 5 s idle ${rssAfter.toFixed(0)} MB (${signed(rssAfter - rssBefore)}), after 30 s idle ${rssIdle.toFixed(0)} MB (${signed(rssIdle - rssBefore)}); load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
);
stop();
await new Promise((resolve) => server.once("exit", resolve));
process.exit(0);
