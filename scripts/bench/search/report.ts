/** The latency and recall tables bench:search prints, with the ratios against the baselines. */
import os from "node:os";
import type { Latencies, QueryRecall, QueryTiming } from "./measure";
import { fmt, summary } from "./stats";

export function printLatency(
  lat: Latencies,
  perGroup: Map<string, number[]>,
  perGroupCpu: Map<string, number[]>,
  perQuery: QueryTiming[],
  queryCount: number,
  runs: number,
): void {
  const se = summary(lat.engine);
  const sl = summary(lat.like);
  const sm = summary(lat.mini);
  console.log(`\nlatency over ${queryCount} queries x ${runs} runs (ms); load average now ${os.loadavg()[0].toFixed(1)}`);
  console.log(`  ${"".padEnd(34)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)}`);
  console.log(`  ${"FTS5 engine search() (page+facets)".padEnd(34)} ${fmt(se.p50).padStart(8)} ${fmt(se.p95).padStart(8)} ${fmt(se.max).padStart(8)}`);
  const sc = summary(lat.engineCpu);
  console.log(`  ${"  the same, CPU time (cpuUsage)".padEnd(34)} ${fmt(sc.p50).padStart(8)} ${fmt(sc.p95).padStart(8)} ${fmt(sc.max).padStart(8)}`);
  console.log(`  ${"LIKE '%q%' scan (ids only)".padEnd(34)} ${fmt(sl.p50).padStart(8)} ${fmt(sl.p95).padStart(8)} ${fmt(sl.max).padStart(8)}`);
  console.log(`  ${"MiniSearch (ids only)".padEnd(34)} ${fmt(sm.p50).padStart(8)} ${fmt(sm.p95).padStart(8)} ${fmt(sm.max).padStart(8)}`);
  console.log(`  ratio LIKE/engine: p50 ${(sl.p50 / se.p50).toFixed(1)}x, p95 ${(sl.p95 / se.p95).toFixed(1)}x`);
  console.log(`  ratio MiniSearch/engine: p50 ${(sm.p50 / se.p50).toFixed(1)}x, p95 ${(sm.p95 / se.p95).toFixed(1)}x`);
  console.log(`  engine by query group (p50 / p95 ms; CPU time p50 / p95):`);
  for (const [group, values] of perGroup) {
    const s = summary(values);
    const c = summary(perGroupCpu.get(group)!);
    console.log(`    ${group.padEnd(12)} ${fmt(s.p50)} / ${fmt(s.p95)}; CPU ${fmt(c.p50)} / ${fmt(c.p95)}`);
  }

  const over10 = new Map<string, number>();
  for (const r of perQuery) for (const t of r.samples) if (t > 10) over10.set(r.q, (over10.get(r.q) ?? 0) + 1);
  console.log(
    `  samples over 10 ms: ${[...over10].reduce((s, [, n]) => s + n, 0)} of ${lat.engine.length} (${[...over10].map(([q, n]) => `${q} ${n}`).join(", ") || "none"})`,
  );
  console.log(`  slowest queries (engine median ms, results):`);
  for (const r of [...perQuery].sort((a, b) => b.median - a.median).slice(0, 8)) {
    console.log(`    ${r.q.padEnd(24)} ${fmt(r.median).padStart(7)}  ${r.total}`);
  }
}

export function printRecall(recall: QueryRecall[]): void {
  const totalLike = recall.reduce((s, r) => s + r.like, 0);
  const missedLike = recall.reduce((s, r) => s + r.missedLike, 0);
  const totalFolded = recall.reduce((s, r) => s + r.folded, 0);
  const missedFolded = recall.reduce((s, r) => s + r.missedFolded, 0);
  const miniFoundTotal = recall.reduce((s, r) => s + r.mini, 0);
  console.log(`\nliteral recall (articles containing the query text)`);
  console.log(`  vs LIKE ground truth:        ${(((totalLike - missedLike) / totalLike) * 100).toFixed(2)}% (${totalLike - missedLike}/${totalLike})`);
  console.log(`  vs folded-text scan:         ${(((totalFolded - missedFolded) / totalFolded) * 100).toFixed(2)}% (${totalFolded - missedFolded}/${totalFolded})`);
  console.log(`  MiniSearch (words) vs folded: ${((miniFoundTotal / totalFolded) * 100).toFixed(2)}% (${miniFoundTotal}/${totalFolded})`);
  for (const r of recall) {
    const flag = r.missedLike || r.missedFolded ? "  <-- MISSED" : "";
    console.log(
      `  ${r.q.padEnd(44)} LIKE ${String(r.like).padStart(6)}  folded ${String(r.folded).padStart(6)}  engine ${String(r.engine).padStart(6)}  MiniSearch ${String(r.mini).padStart(6)}${flag}`,
    );
  }
}
