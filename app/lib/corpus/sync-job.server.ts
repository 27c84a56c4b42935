/**
 * The corpus sync started from the browser runs in the server process; the page polls its state.
 * One job at a time: a second click joins the running job instead of starting another.
 */
import { syncCorpus, defaultMirror, type SyncSummary } from "./sync.server";

export interface SyncJobState {
  state: "running" | "done" | "failed";
  total: number;
  done: number;
  current: string | null;
  source: string;
  lines: string[];
  summary: SyncSummary | null;
  error: string | null;
  startedAt: string;
}

declare global {
  // eslint-disable-next-line no-var
  var __redlineSyncJob: SyncJobState | undefined;
}

export function getSyncJob(): SyncJobState | null {
  return globalThis.__redlineSyncJob ?? null;
}

export function startSyncJob(): SyncJobState {
  const running = getSyncJob();
  if (running?.state === "running") return running;
  const from = defaultMirror();
  const job: SyncJobState = {
    state: "running",
    total: 0,
    done: 0,
    current: null,
    source: from ?? "download",
    lines: [],
    summary: null,
    error: null,
    startedAt: new Date().toISOString(),
  };
  globalThis.__redlineSyncJob = job;
  syncCorpus({ from }, (event) => {
    if (event.type === "start") job.total = event.total;
    else if (event.type === "fetching") job.current = event.label;
    else if (event.type === "done") {
      job.done = event.index + 1;
      job.lines.push(`${event.label}: ${event.result.status}, ${event.result.articleCount || event.result.unitCount}`);
    } else {
      job.done = event.index + 1;
      job.lines.push(`${event.label}: ${event.message}`);
    }
  })
    .then((summary) => {
      job.summary = summary;
      job.current = null;
      job.state = summary.failed.length && summary.failed.length === summary.total ? "failed" : "done";
      if (job.state === "failed") job.error = summary.failed[0]?.message ?? null;
    })
    .catch((error: Error) => {
      job.state = "failed";
      job.error = error.message;
    });
  return job;
}
