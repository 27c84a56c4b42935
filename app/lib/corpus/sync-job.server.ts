/**
 * The corpus sync started from the browser runs in one server process; its progress is kept in the
 * database (JobProgress), so the page polling any app server behind a load balancer sees it.
 * One job at a time: a second click, on any server, joins the running job instead of starting another.
 */
import { getPrisma } from "~/lib/db.server";
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

const JOB_ID = "corpus-sync";
/** A running job whose server wrote nothing for this long has stopped (its process ended). */
export const STALE_AFTER_MS = 10 * 60 * 1000;

type JobRow = {
  state: string;
  total: number;
  done: number;
  current: string | null;
  source: string;
  linesJson: string;
  summaryJson: string | null;
  error: string | null;
  startedAt: Date;
  updatedAt: Date;
};

function toState(row: JobRow, now = Date.now()): SyncJobState {
  const stale = row.state === "running" && now - row.updatedAt.getTime() > STALE_AFTER_MS;
  return {
    state: stale ? "failed" : (row.state as SyncJobState["state"]),
    total: row.total,
    done: row.done,
    current: stale ? null : row.current,
    source: row.source,
    lines: JSON.parse(row.linesJson) as string[],
    summary: row.summaryJson ? (JSON.parse(row.summaryJson) as SyncSummary) : null,
    error: stale ? "The server running the sync stopped before it finished; start it again." : row.error,
    startedAt: row.startedAt.toISOString(),
  };
}

export async function getSyncJob(): Promise<SyncJobState | null> {
  const row = await getPrisma().jobProgress.findUnique({ where: { id: JOB_ID } });
  return row ? toState(row) : null;
}

/**
 * Claims the job row for a new run unless a live one is running (then returns that one). The claim is
 * one conditional write, so two servers clicked at once start one sync.
 */
async function claim(source: string): Promise<boolean> {
  const prisma = getPrisma();
  const now = new Date();
  const fresh = { state: "running", total: 0, done: 0, current: null, source, linesJson: "[]", summaryJson: null, error: null, startedAt: now };
  const { count } = await prisma.jobProgress.updateMany({
    where: { id: JOB_ID, OR: [{ state: { not: "running" } }, { updatedAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } }] },
    data: fresh,
  });
  if (count === 1) return true;
  try {
    await prisma.jobProgress.create({ data: { id: JOB_ID, ...fresh } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

export async function startSyncJob(): Promise<SyncJobState> {
  const from = defaultMirror();
  const source = from ?? "download";
  if (!(await claim(source))) return (await getSyncJob())!;
  const prisma = getPrisma();
  const lines: string[] = [];
  // Writes are chained so they land in event order.
  let writes = Promise.resolve();
  const save = (data: Partial<Omit<JobRow, "startedAt" | "updatedAt">>) => {
    writes = writes
      .then(async () => {
        await prisma.jobProgress.update({ where: { id: JOB_ID }, data });
      })
      // A lost progress write must not stop the sync; the next write carries the state again.
      .catch((error: Error) => console.warn(`corpus sync: could not record progress: ${error.message}`));
    return writes;
  };
  syncCorpus({ from }, (event) => {
    if (event.type === "start") void save({ total: event.total });
    else if (event.type === "fetching") void save({ current: event.label });
    else {
      lines.push(
        event.type === "done"
          ? `${event.label}: ${event.result.status}, ${event.result.articleCount || event.result.unitCount}`
          : `${event.label}: ${event.message}`,
      );
      void save({ done: event.index + 1, linesJson: JSON.stringify(lines) });
    }
  })
    .then((summary) => {
      const failed = summary.failed.length > 0 && summary.failed.length === summary.total;
      return save({
        summaryJson: JSON.stringify(summary),
        current: null,
        state: failed ? "failed" : "done",
        error: failed ? (summary.failed[0]?.message ?? null) : null,
      });
    })
    .catch((error: Error) => save({ state: "failed", error: error.message }));
  return (await getSyncJob())!;
}
