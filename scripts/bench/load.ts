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
 * With --postgres (issue 12) it runs the same targets again on a throw-away PostgreSQL 15 cluster,
 * with one app server and then two behind the same clients (round robin), and prints the two-server
 * throughput as a multiple of one server's beside the SQLite figures.
 *
 *   npm run bench:load [-- --concurrency 50] [--seconds 30] [--corpus ../shared/corpus] [--only static,article,search,compare]
 *                      [--cpu-prof <folder>]   (the server writes a V8 CPU profile there when it stops)
 *                      [--postgres]
 */
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseArgs } from "../../app/lib/cli/progress";
import { freePort } from "../lib/free-port";
import { startCluster, type Cluster } from "../postgres/cluster";

const { flags } = parseArgs(process.argv.slice(2));
const concurrency = Number(flags.concurrency ?? 50);
const seconds = Number(flags.seconds ?? 30);
const corpus = path.resolve(typeof flags.corpus === "string" ? flags.corpus : path.join(process.cwd(), "..", "shared", "corpus"));
const only = typeof flags.only === "string" ? new Set(flags.only.split(",")) : null;
const cpuProf = typeof flags["cpu-prof"] === "string" ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(flags["cpu-prof"])] : [];
const withPostgres = Boolean(flags.postgres);
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
const servers: ReturnType<typeof spawn>[] = [];
let cluster: Cluster | null = null;
process.on("exit", () => {
  for (const server of servers) if (server.exitCode === null) server.kill("SIGTERM");
  cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function loadCorpus(env: NodeJS.ProcessEnv): Promise<void> {
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  await promisify(execFile)(tsx, ["scripts/db-migrate.ts"], { env });
  await promisify(execFile)(tsx, ["scripts/corpus-sync.ts", "--from", corpus], { env, maxBuffer: 64 * 1024 * 1024 });
}

interface Server {
  pid: number;
  port: number;
  agent: http.Agent;
  stop(): Promise<void>;
}

// Started as `npm start` starts it: with its heap ceiling (REDLINE_HEAP_MB, default 384; docs/decisions/0009-limits.md).
const heapFlag = `--max-old-space-size=${process.env.REDLINE_HEAP_MB || 384}`;

async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  const server = spawn(process.execPath, [heapFlag, ...cpuProf, "scripts/serve.mjs"], {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  servers.push(server);
  let log = "";
  server.stdout!.on("data", (chunk) => (log += chunk));
  for (let i = 0; !/search caches ready/.test(log); i++) {
    if (i > 600 || server.exitCode !== null) throw new Error(`the server did not start:\n${log}`);
    await sleep(100);
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  return {
    pid: server.pid!,
    port,
    agent,
    async stop() {
      agent.destroy();
      if (server.exitCode === null) server.kill("SIGTERM");
      if (server.exitCode === null) await new Promise((resolve) => server.once("exit", resolve));
    },
  };
}

function get(server: Server, pathname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port: server.port, path: pathname, agent: server.agent }, (response) => {
      response.on("data", () => {});
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

interface Result {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  latencies: Float64Array;
  serverCpuMs: number;
}

/** Closed-loop clients against one target, spread round robin over the servers. */
async function run(target: { name: string; path: string }, group: Server[]): Promise<Result> {
  const latencies = new Float64Array(MAX_REQUESTS_PER_TARGET);
  let requests = 0;
  let errors = 0;
  const cpu = () => group.reduce((sum, s) => sum + cpuMs(s.pid), 0);
  const cpuBefore = cpu();
  const started = performance.now();
  const until = started + seconds * 1000;
  const client = async (i: number) => {
    const server = group[i % group.length];
    while (performance.now() < until && requests < MAX_REQUESTS_PER_TARGET) {
      const t0 = performance.now();
      const ok = await get(server, target.path).then(
        (status) => status === 200,
        () => false,
      );
      if (requests < MAX_REQUESTS_PER_TARGET) latencies[requests++] = performance.now() - t0;
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => client(i)));
  const elapsed = (performance.now() - started) / 1000;
  return { name: target.name, requests, errors, seconds: elapsed, latencies: latencies.slice(0, requests).sort(), serverCpuMs: cpu() - cpuBefore };
}

const quantile = (sorted: Float64Array, q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;
const signed = (mb: number) => `${mb >= 0 ? "+" : ""}${mb.toFixed(0)} MB`;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

/** Every target against `count` servers on one database; the first server's RSS before, at peak and idle. */
async function scenario(label: string, env: NodeJS.ProcessEnv, count: number): Promise<Result[]> {
  const group: Server[] = [];
  for (let i = 0; i < count; i++) group.push(await startServer(env));
  for (const server of group)
    for (const t of TARGETS) {
      const status = await get(server, t.path);
      if (status !== 200) throw new Error(`${t.name} ${t.path} answered ${status}`);
    }
  await sleep(2000);
  const first = group[0];
  const rssBefore = rssMb(first.pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(first.pid))), 200);
  console.log(`\n== ${label}: ${concurrency} concurrent clients, ${seconds} s per target, ${count} server(s) (pid ${group.map((s) => s.pid).join(", ")}); ${load()} load average before`);
  const results: Result[] = [];
  for (const target of TARGETS) {
    if (only && !only.has(target.name)) continue;
    const r = await run(target, group);
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
  // V8 gives memory back only after a quiet spell (its memory reducer), so "at idle" is read twice.
  await sleep(5000);
  const rssAfter = rssMb(first.pid);
  await sleep(25000);
  const rssIdle = rssMb(first.pid);
  console.log(
    `server RSS${count > 1 ? " (first server)" : ""}: before ${rssBefore.toFixed(0)} MB, peak ${rssPeak.toFixed(0)} MB, after 5 s idle ${rssAfter.toFixed(0)} MB (${signed(rssAfter - rssBefore)}), after 30 s idle ${rssIdle.toFixed(0)} MB (${signed(rssIdle - rssBefore)}); load average ${load()}`,
  );
  for (const server of group) await server.stop();
  return results;
}

const base: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
delete base.MEILI_HOST;
const sqliteEnv = { ...base, DATABASE_URL: `file:${path.join(dir, "load.db")}` };
console.log(`loading the corpus from ${corpus} into a fresh SQLite database…`);
await loadCorpus(sqliteEnv);
await scenario("SQLite", sqliteEnv, 1);

if (withPostgres) {
  cluster = await startCluster();
  const pgEnv = { ...base, DATABASE_URL: cluster.urlOf("postgres") };
  console.log(`\nloading the corpus into a throw-away PostgreSQL cluster on port ${cluster.port}…`);
  await loadCorpus(pgEnv);
  const one = await scenario("PostgreSQL, one app server", pgEnv, 1);
  const two = await scenario("PostgreSQL, two app servers", pgEnv, 2);
  console.log("\n== two app servers against one (same clients, same PostgreSQL)");
  for (const r of two) {
    const single = one.find((o) => o.name === r.name);
    if (!single) continue;
    console.log(`${r.name.padEnd(8)} ${((r.requests / r.seconds) / (single.requests / single.seconds)).toFixed(2)}x the req/s of one server (${os.cpus().length} cores shared with the load generator)`);
  }
}
process.exit(0);
