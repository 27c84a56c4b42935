/**
 * The latency and recall runs of bench:search: every query `runs` times on the engine (wall and CPU
 * time), the LIKE scan and MiniSearch, then the ids each finds against the ground truths.
 */
import type { SearchEngine } from "~/lib/search/engine.server";
import type { createContenders } from "./contenders";
import { requestOf, type BenchQuery } from "./queries";
import { ms } from "./stats";

export interface Latencies {
  engine: number[];
  engineCpu: number[];
  like: number[];
  mini: number[];
}

export interface QueryTiming {
  q: string;
  total: number;
  median: number;
  samples: number[];
}

export interface QueryRecall {
  q: string;
  like: number;
  engine: number;
  missedLike: number;
  folded: number;
  missedFolded: number;
  mini: number;
}

export async function measureQueries(
  queries: BenchQuery[],
  runs: number,
  today: string,
  engine: SearchEngine,
  contenders: ReturnType<typeof createContenders>,
  matchingProvisionIds: (request: ReturnType<typeof requestOf>) => number[],
) {
  const { likeIds, foldedScanIds, miniSearch } = contenders;
  const request = (query: BenchQuery) => requestOf(query, today);
  // CPU time beside wall time: on a machine shared with other work, wall time mostly measures waiting.
  const lat: Latencies = { engine: [], engineCpu: [], like: [], mini: [] };
  const perGroupCpu = new Map<string, number[]>();
  const perGroup = new Map<string, number[]>();
  const perQuery: QueryTiming[] = [];
  const recall: QueryRecall[] = [];

  for (const query of queries) {
    const { total } = await engine.search(request(query));
    const own: number[] = [];
    // Each contender makes all its runs in a row, so the garbage one allocates is collected during its own
    // runs rather than during another's (interleaving them put MiniSearch's and Prisma's collections
    // on the engine's timings).
    for (let r = 0; r < runs; r++) {
      const c = process.cpuUsage();
      const t = performance.now();
      await engine.search(request(query));
      const e = ms(t);
      const used = process.cpuUsage(c);
      const cpu = (used.user + used.system) / 1000;
      lat.engineCpu.push(cpu);
      perGroupCpu.set(query.group, [...(perGroupCpu.get(query.group) ?? []), cpu]);
      lat.engine.push(e);
      own.push(e);
      const g = perGroup.get(query.group) ?? [];
      g.push(e);
      perGroup.set(query.group, g);
    }
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      await likeIds(query);
      lat.like.push(ms(t));
    }
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      miniSearch(query);
      lat.mini.push(ms(t));
    }
    perQuery.push({ q: query.q, total, median: [...own].sort((a, b) => a - b)[Math.floor(own.length / 2)], samples: own });
    const truthLike = await likeIds(query);
    const truthFolded = foldedScanIds(query);
    const found = new Set(matchingProvisionIds(request(query)));
    const miniFound = new Set(miniSearch(query));
    recall.push({
      q: `${query.q}${query.work ? ` work=${query.work}` : ""}${query.kind ? ` kind=${query.kind}` : ""}${query.status ? ` ${query.status}` : ""}${query.at ? `@${query.at}` : ""}`,
      like: truthLike.length,
      engine: found.size,
      missedLike: truthLike.filter((id) => !found.has(id)).length,
      folded: truthFolded.length,
      missedFolded: truthFolded.filter((id) => !found.has(id)).length,
      mini: truthFolded.filter((id) => miniFound.has(id)).length,
    });
  }
  return { lat, perGroup, perGroupCpu, perQuery, recall };
}
