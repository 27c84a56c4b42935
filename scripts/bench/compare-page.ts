/**
 * npx tsx scripts/bench/compare-page.ts <base-url> [--clients 50] [--seconds 10]
 * Size of the compare page's first response and throughput under concurrent clients, for the first
 * screen (what the page sends now) beside all rows in one response (the page before issue 8), in the
 * same run. Start the built app first (npm start) with the corpus loaded.
 */
import os from "node:os";
import { parseArgs } from "../../app/lib/cli/progress";

const { positional, flags } = parseArgs(process.argv.slice(2));
const base = positional[0];
if (!base) {
  console.log("usage: npx tsx scripts/bench/compare-page.ts <base-url> [--clients 50] [--seconds 10]");
  process.exit(1);
}
const clients = Number(flags.clients ?? 50);
const seconds = Number(flags.seconds ?? 10);
const PAIRS = [
  "work=minors-protection-law&from=2012-10-26&to=2020-10-17",
  "work=prevention-of-juvenile-delinquency-law&from=2012-10-26&to=2020-12-26",
  "work=minors-protection-law&from=2020-10-17&to=2024-04-26",
];

async function size(url: string): Promise<number> {
  const res = await fetch(url, { headers: { "accept-encoding": "identity" } });
  return (await res.arrayBuffer()).byteLength;
}

async function load(url: string): Promise<{ rps: number; p50: number; p95: number }> {
  const times: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < end) {
        const t0 = performance.now();
        await (await fetch(url)).arrayBuffer();
        times.push(performance.now() - t0);
      }
    }),
  );
  times.sort((a, b) => a - b);
  return { rps: times.length / seconds, p50: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
}

console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}; ${clients} clients, ${seconds} s each`);
for (const pair of PAIRS) {
  const first = `${base}/compare?${pair}`;
  const all = `${first}&limit=5000`;
  const [a, b] = [await size(first), await size(all)];
  console.log(`${pair}\n  first response ${(a / 1024).toFixed(1)} KB, all rows at once ${(b / 1024).toFixed(1)} KB (${(b / a).toFixed(1)}x)`);
}
const first = `${base}/compare?${PAIRS[0]}`;
const l1 = await load(first);
const l2 = await load(`${first}&limit=5000`);
console.log(`MPL 2012→2020 first screen: ${l1.rps.toFixed(1)} req/s, p50 ${l1.p50.toFixed(0)} ms, p95 ${l1.p95.toFixed(0)} ms`);
console.log(`MPL 2012→2020 all rows:     ${l2.rps.toFixed(1)} req/s, p50 ${l2.p50.toFixed(0)} ms, p95 ${l2.p95.toFixed(0)} ms (${(l1.rps / l2.rps).toFixed(2)}x the throughput)`);
