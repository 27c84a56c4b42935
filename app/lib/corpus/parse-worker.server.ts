/**
 * Decoding and parsing off the calling thread: a worker thread with a deadline and a heap cap, so
 * that one hostile or huge file costs one failed import with a clear message, never a frozen server
 * or CLI (issue 10; docs/decisions/0009-limits.md). One worker, jobs in order; it is stopped after
 * being idle (its heap goes back to the system) and replaced after a timeout or a crash.
 *
 * The worker runs parse-worker-thread.ts through tsx's loader (registered in the worker: on Node 20
 * a worker's execArgv cannot carry `--import tsx`): the Remix compiler bundles only what routes
 * import, and the thread must stay a file of its own.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { DecodedSource } from "./decode.server";
import { IngestError } from "./errors";
import { importLimits, type ImportLimits, type ZipLimits } from "./limits.server";
import type { DocumentShape, ParsedDocument } from "./types";

type JobInput = { fileName: string; shape?: DocumentShape } & (
  | { bytes: Uint8Array; zipLimits: ZipLimits }
  | { decoded: DecodedSource }
);

export type WorkerJob = JobInput & { id: number };

export type WorkerReply =
  | { id: number; ok: true; decoded: DecodedSource | null; parsed: ParsedDocument }
  | { id: number; ok: false; ingest: { file: string; line: number | null; reason: string } }
  | { id: number; ok: false; unexpected: string };

export interface ParseJobOptions {
  shape?: DocumentShape;
  /** Defaults to the limits from the environment (limits.server.ts). */
  limits?: ImportLimits;
}

/** Decode the bytes of a file and parse its text, in the worker. */
export async function decodeAndParse(
  bytes: Uint8Array,
  fileName: string,
  options: ParseJobOptions = {},
): Promise<{ decoded: DecodedSource; parsed: ParsedDocument }> {
  const limits = options.limits ?? importLimits();
  const reply = await runJob({ fileName, shape: options.shape, bytes, zipLimits: limits.zip }, limits);
  return { decoded: reply.decoded!, parsed: reply.parsed };
}

/** Parse text decoded earlier (an import being saved), in the worker. */
export async function parseDecoded(decoded: DecodedSource, fileName: string, options: ParseJobOptions = {}): Promise<ParsedDocument> {
  const limits = options.limits ?? importLimits();
  return (await runJob({ fileName, shape: options.shape, decoded }, limits)).parsed;
}

const IDLE_MS = 10_000;

const BOOT = `
const { workerData } = require("node:worker_threads");
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

function threadEntry(): string {
  const beside = new URL("./parse-worker-thread.ts", import.meta.url);
  if (fs.existsSync(beside)) return beside.href;
  // Bundled into build/index.js: the thread's source stays under app/.
  return new URL("../app/lib/corpus/parse-worker-thread.ts", import.meta.url).href;
}

/** tsx's ESM API, resolved as an ESM import would (require.resolve gives its CommonJS twin). */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const target: string = JSON.parse(fs.readFileSync(manifest, "utf8")).exports["./esm/api"].import.default;
  return pathToFileURL(path.join(path.dirname(manifest), target)).href;
}

interface Thread {
  worker: Worker;
  ready: Promise<void>;
  memoryMb: number;
}

let thread: Thread | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

function startThread(memoryMb: number): Thread {
  const worker = new Worker(BOOT, {
    eval: true,
    workerData: { tsx: tsxApi(), entry: threadEntry() },
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
  });
  // An idle worker must not keep a CLI alive; a running job's deadline timer does.
  worker.unref();
  // These listeners stay: a worker that fails while idle must neither crash the process (an
  // unheard "error" event would) nor be handed the next job.
  const ready = new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`the parse worker exited with code ${code} while starting`)));
  });
  ready.catch(() => {});
  const t: Thread = { worker, ready, memoryMb };
  worker.on("exit", () => {
    if (thread === t) thread = null;
  });
  return t;
}

function stopThread(t: Thread): void {
  if (thread === t) thread = null;
  void t.worker.terminate();
}

function runJob(job: JobInput, limits: ImportLimits): Promise<Extract<WorkerReply, { ok: true }>> {
  const result = queue.then(() => runNow(job, limits));
  queue = result.catch(() => {});
  return result;
}

async function runNow(job: JobInput, limits: ImportLimits): Promise<Extract<WorkerReply, { ok: true }>> {
  if (idleTimer) clearTimeout(idleTimer);
  if (thread && thread.memoryMb !== limits.workerMemoryMb) stopThread(thread);
  const t = (thread ??= startThread(limits.workerMemoryMb));
  try {
    await t.ready;
  } catch (error) {
    stopThread(t);
    throw error;
  }
  const id = nextId++;
  const reply = await new Promise<WorkerReply>((resolve, reject) => {
    const finish = () => {
      clearTimeout(deadline);
      t.worker.off("message", onMessage).off("error", onError).off("exit", onExit);
    };
    const fail = (reason: string) => {
      finish();
      stopThread(t);
      reject(new IngestError(job.fileName, null, reason));
    };
    const onMessage = (message: WorkerReply) => {
      if (message.id !== id) return;
      finish();
      resolve(message);
    };
    const onError = (error: NodeJS.ErrnoException) =>
      fail(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `reading the file needed more than ${limits.workerMemoryMb} MB of memory, the limit; it is too large or too complex to import`
          : `reading the file failed (${error.message})`,
      );
    const onExit = (code: number) => fail(`reading the file stopped unexpectedly (exit code ${code})`);
    const deadline = setTimeout(
      () => fail(`reading the file took longer than ${limits.parseTimeoutMs / 1000} s, the limit; it is too large or too complex to import`),
      limits.parseTimeoutMs,
    );
    t.worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    const message: WorkerJob = { ...job, id };
    t.worker.postMessage(message);
  });
  idleTimer = setTimeout(() => thread && stopThread(thread), IDLE_MS).unref();
  if (reply.ok) return reply;
  if ("ingest" in reply) throw new IngestError(reply.ingest.file, reply.ingest.line, reply.ingest.reason);
  throw new Error(`parsing ${job.fileName} failed unexpectedly: ${reply.unexpected}`);
}
